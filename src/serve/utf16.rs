//! Byte offsets to UTF-16 code units: Java clients of the LanguageTool API
//! and the page's JavaScript count positions in UTF-16.

/// Bytes between two checkpoints: a lookup counts at most this much text.
const STEP: usize = 1024;

/// UTF-16 offsets of the byte offsets of one text, in constant time each
/// whatever order they are asked in.
pub struct Utf16Index<'a> {
    text: &'a str,
    /// (byte offset, UTF-16 offset) at a character boundary every `STEP` bytes.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if checkpoints
                .last()
                .is_some_and(|&(last, _)| at >= last + STEP)
            {
                checkpoints.push((at, units));
            }
            units += c.len_utf16();
        }
        Utf16Index { text, checkpoints }
    }

    /// The UTF-16 offset of a byte offset (moved back to a character
    /// boundary if it is inside a character, to the end if past it).
    pub fn at(&self, byte: usize) -> usize {
        let byte = self.text.floor_char_boundary(byte);
        let k = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        let (from, units) = self.checkpoints[k.saturating_sub(1)];
        units + len(&self.text[from..byte])
    }
}

/// Length of a text in UTF-16 code units.
pub fn len(text: &str) -> usize {
    text.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_surrogate_pairs_twice() {
        let text = "😀 é x";
        let index = Utf16Index::new(text);
        assert_eq!(index.at(text.find('x').unwrap()), 5);
        assert_eq!(index.at(text.len()), len(text));
        assert_eq!(index.at(1), 0);
        assert_eq!(index.at(1000), 6);
    }

    #[test]
    fn checkpoints_agree_with_counting() {
        let text = "a😀éb".repeat(STEP);
        let index = Utf16Index::new(&text);
        for (at, _) in text.char_indices().step_by(97) {
            assert_eq!(index.at(at), len(&text[..at]));
        }
    }
}
