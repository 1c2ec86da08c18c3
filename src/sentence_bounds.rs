//! Sentence boundaries exactly as unicode-segmentation finds them (UAX #29),
//! with its state machine run only near the characters that can end a
//! sentence.
//!
//! The crate looks up every character's sentence category, which was a
//! sixth of a check. A boundary needs a preceding terminator (`.`, `!`,
//! `?`, a line break, or some other characters outside ASCII), and the
//! rules look back only across closing marks and spaces, and forward only
//! to the next letter. So between two ASCII letters no rule can see across:
//! each terminator is checked by the crate on the stretch between the
//! nearest such letter pairs around it, and the rest of the text, which
//! holds no terminator, holds no boundary.

use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text` with their byte offsets: what
/// `text.split_sentence_bound_indices()` yields.
pub(crate) fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if text.is_empty() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    // A place between two ASCII letters, where no boundary can be and
    // which no rule looks across.
    let is_cut = |i: usize| bytes[i - 1].is_ascii_alphabetic() && bytes[i].is_ascii_alphabetic();
    let mut breaks = vec![0];
    // The stretch being grown around terminators close to each other.
    let mut stretch: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (may_end, len) = may_end_sentence(text, i);
        if !may_end {
            i += len;
            continue;
        }
        let end = (i + len + 1..bytes.len())
            .find(|&j| is_cut(j))
            .unwrap_or(bytes.len());
        stretch = Some(match stretch {
            Some((start, previous_end)) if i < previous_end => (start, previous_end),
            Some((start, previous_end)) => {
                match (previous_end.max(1)..=i).rev().find(|&j| is_cut(j)) {
                    Some(cut) => {
                        add_breaks(text, start, previous_end, &mut breaks);
                        (cut, end)
                    }
                    None => (start, end),
                }
            }
            None => ((1..=i).rev().find(|&j| is_cut(j)).unwrap_or(0), end),
        });
        i += len;
    }
    if let Some((start, end)) = stretch {
        add_breaks(text, start, end, &mut breaks);
    }
    breaks.push(text.len());
    breaks
        .windows(2)
        .map(|pair| (pair[0], &text[pair[0]..pair[1]]))
        .collect()
}

/// Whether the character at `i` may end a sentence (conservatively: any
/// character outside ASCII but a letter), and its length.
fn may_end_sentence(text: &str, i: usize) -> (bool, usize) {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return (matches!(byte, b'.' | b'!' | b'?' | b'\r' | b'\n'), 1);
    }
    let c = text[i..].chars().next().expect("i is a character boundary");
    (!c.is_alphabetic(), c.len_utf8())
}

/// Adds the boundaries the crate finds inside `text[start..end]`. The
/// stretch's own start is not one (it lies between two letters) or is the
/// text's, already added.
fn add_breaks(text: &str, start: usize, end: usize, breaks: &mut Vec<usize>) {
    breaks.extend(
        text[start..end]
            .split_sentence_bound_indices()
            .map(|(offset, _)| start + offset)
            .filter(|&at| at != start),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_bounds(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    #[test]
    fn letters_outside_ascii_never_end_a_sentence() {
        // The shortcut takes every letter for one that cannot end a
        // sentence: a terminator would split this probe in two.
        for c in (0x80..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.is_alphabetic() {
                let probe = format!("ab{c} Cd");
                assert_eq!(crate_bounds(&probe).len(), 1, "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn agrees_with_the_crate_on_the_corpus() {
        let mut checked = 0;
        for entry in walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")) {
            let text = std::fs::read_to_string(&entry).unwrap();
            assert_eq!(sentence_bounds(&text), crate_bounds(&text), "{entry:?}");
            checked += 1;
        }
        assert!(checked > 10);
    }

    fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn examples() {
        for text in [
            "",
            "a",
            ".",
            "Mr. Smith went. He said “yes.” Then… no!",
            "etc. (see below) and more. The end",
            "U.S.A. Today. x",
            "abc\ndef\r\nghi\u{2029}jkl",
            "Il a dit : « Non. » Puis il est parti.",
            "e\u{301}. A\u{301}b. 3.5 km. ok",
        ] {
            assert_eq!(sentence_bounds(text), crate_bounds(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_the_crate_on_punctuation_heavy_text(
            text in "[a-zA-Z .!?\"'()\\[\\],;:0-9\n\r\t«»“”‘’…–é\u{301}\u{ad}\u{85}\u{2029}。！؟]{0,40}"
        ) {
            prop_assert_eq!(sentence_bounds(&text), crate_bounds(&text));
        }

        #[test]
        fn agrees_with_the_crate_on_any_text(text in any::<String>()) {
            prop_assert_eq!(sentence_bounds(&text), crate_bounds(&text));
        }
    }
}
