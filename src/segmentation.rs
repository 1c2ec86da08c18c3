//! Sentence and word boundaries exactly as unicode-segmentation finds them
//! (UAX #29), with its tables consulted only where the answer is not
//! plain: looking up every character's category was a fifth of a check.
//!
//! Sentences: a boundary needs a preceding terminator (`.`, `!`, `?`, a
//! line break, or some other characters outside ASCII), and the rules look
//! back only across closing marks and spaces, and forward only to the next
//! letter. So between two ASCII letters no rule can see across: each
//! terminator is checked by the crate on the stretch between the nearest
//! such letter pairs around it, and the rest of the text, which holds no
//! terminator, holds no boundary.
//!
//! Words: no word holds a space, and no rule looks across a space followed
//! by an ASCII character, so the text is cut there; a piece that is one run
//! of ASCII letters and digits between marks is that word, any other piece
//! that is all ASCII is split by the word rules for ASCII (`ascii_words`),
//! and the rest by the crate.

use unicode_segmentation::UnicodeSegmentation;

/// Appends to `sentences` the sentences of `text` with their byte offsets:
/// what `text.split_sentence_bound_indices()` yields.
pub(crate) fn sentence_bounds<'t>(text: &'t str, sentences: &mut Vec<(usize, &'t str)>) {
    if text.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    // A place between two ASCII letters, where no boundary can be and
    // which no rule looks across.
    let is_cut = |i: usize| bytes[i - 1].is_ascii_alphabetic() && bytes[i].is_ascii_alphabetic();
    let mut breaks = vec![0];
    // The stretch being grown around terminators close to each other.
    let mut stretch: Option<(usize, usize)> = None;
    let mut i = 0;
    loop {
        i = next_may_end(bytes, i);
        if i == bytes.len() {
            break;
        }
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
    sentences.extend(
        breaks
            .windows(2)
            .map(|pair| (pair[0], &text[pair[0]..pair[1]])),
    );
}

/// Appends to `words` the words of `text` with their byte offsets: what
/// `text.unicode_word_indices()` yields. The caller's buffer is reused from
/// sentence to sentence: a vector per sentence cost a tenth of this time.
pub(crate) fn word_bounds<'t>(text: &'t str, words: &mut Vec<(usize, &'t str)>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        let cut = bytes[i] == b' '
            && bytes
                .get(i + 1)
                .is_some_and(|&next| next.is_ascii() && next != b' ');
        if cut {
            piece_words(text, start, i, words);
            start = i + 1;
        }
    }
    piece_words(text, start, bytes.len(), words);
}

fn piece_words<'t>(text: &'t str, start: usize, end: usize, words: &mut Vec<(usize, &'t str)>) {
    let piece = &text[start..end];
    // Most pieces are one run of ASCII letters and digits between marks
    // (“word,”, (1995)., students’): marks before a word's first
    // character or after its last join nothing to it, so the run is the
    // piece's one word.
    let core = piece.trim_matches(is_outer_mark);
    if !core.is_empty() && core.bytes().all(|b| b.is_ascii_alphanumeric()) {
        words.push((
            start + (core.as_ptr() as usize - piece.as_ptr() as usize),
            core,
        ));
        return;
    }
    if piece.is_ascii() {
        ascii_words(piece, start, words);
    } else {
        words.extend(
            piece
                .unicode_word_indices()
                .map(|(offset, word)| (start + offset, word)),
        );
    }
}

/// Whether `c` is a mark that joins no word it stands before or after:
/// none of UAX #29's letters, digits, connectors (`_`) or characters that
/// attach to the one before. Its word-break class is Other, a space or a
/// line break, or one of the middle classes (`.`, `’`), which join only
/// between two letters or digits.
fn is_outer_mark(c: char) -> bool {
    match c {
        '_' => false,
        c if c.is_ascii() => !c.is_ascii_alphanumeric(),
        '“' | '”' | '‘' | '’' | '«' | '»' | '—' | '–' | '…' | '\u{a0}' => true,
        _ => false,
    }
}

/// Word-break classes of ASCII characters (UAX #29, WordBreakProperty).
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Letter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    ExtendNumLet,
    Space,
    Cr,
    Lf,
    Newline,
    Other,
}

fn word_class(byte: u8) -> WordClass {
    use WordClass::*;
    match byte {
        b'A'..=b'Z' | b'a'..=b'z' => Letter,
        b'0'..=b'9' => Numeric,
        b':' => MidLetter,
        b',' | b';' => MidNum,
        b'.' => MidNumLet,
        b'\'' => SingleQuote,
        b'_' => ExtendNumLet,
        b' ' => Space,
        b'\r' => Cr,
        b'\n' => Lf,
        0x0B | 0x0C => Newline,
        _ => Other,
    }
}

/// The words of an ASCII `piece` (at `base` in the text): the rules WB3 to
/// WB13b for the classes ASCII has, keeping the segments that hold a letter
/// or a digit, as `unicode_word_indices` does.
fn ascii_words<'t>(piece: &'t str, base: usize, words: &mut Vec<(usize, &'t str)>) {
    use WordClass::*;
    let bytes = piece.as_bytes();
    let class = |i: usize| bytes.get(i).map(|&b| word_class(b));
    let mid_num_let_q = |c: WordClass| matches!(c, MidNumLet | SingleQuote);
    let joined = |i: usize| {
        let (before, after) = (word_class(bytes[i - 1]), word_class(bytes[i]));
        match (before, after) {
            (Cr, Lf) => true,
            (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
            (Space, Space)
            | (Letter | Numeric, Letter | Numeric)
            | (Letter | Numeric | ExtendNumLet, ExtendNumLet)
            | (ExtendNumLet, Letter | Numeric) => true,
            (Letter, mid) if mid == MidLetter || mid_num_let_q(mid) => class(i + 1) == Some(Letter),
            (mid, Letter) if mid == MidLetter || mid_num_let_q(mid) => {
                i >= 2 && class(i - 2) == Some(Letter)
            }
            (Numeric, mid) if mid == MidNum || mid_num_let_q(mid) => class(i + 1) == Some(Numeric),
            (mid, Numeric) if mid == MidNum || mid_num_let_q(mid) => {
                i >= 2 && class(i - 2) == Some(Numeric)
            }
            _ => false,
        }
    };
    let mut start = 0;
    for end in 1..=piece.len() {
        if end < piece.len() && joined(end) {
            continue;
        }
        let segment = &piece[start..end];
        if segment.bytes().any(|b| b.is_ascii_alphanumeric()) {
            words.push((base + start, segment));
        }
        start = end;
    }
}

/// The first place from `from` where a character may end a sentence: a
/// terminator or any byte outside ASCII (`may_end_sentence` decides), or the
/// end. Bytes are tested sixteen at a time, without branches, which the
/// compiler turns into vector instructions: a byte-by-byte loop was a tenth
/// of segmenting.
fn next_may_end(bytes: &[u8], from: usize) -> usize {
    let candidate = |b: u8| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n') | !b.is_ascii();
    let rest = &bytes[from..];
    for (k, chunk) in rest.chunks(16).enumerate() {
        if chunk.iter().fold(false, |found, &b| found | candidate(b))
            && let Some(at) = chunk.iter().position(|&b| candidate(b))
        {
            return from + k * 16 + at;
        }
    }
    bytes.len()
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

    /// Both shortcuts give what the crate gives on `text`.
    fn agree(text: &str) -> Result<(), TestCaseError> {
        let sentences: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        let mut found = Vec::new();
        sentence_bounds(text, &mut found);
        prop_assert_eq!(found, sentences, "sentences of {:?}", text);
        let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        let mut found = Vec::new();
        word_bounds(text, &mut found);
        prop_assert_eq!(found, words, "words of {:?}", text);
        Ok(())
    }

    #[test]
    fn letters_outside_ascii_never_end_a_sentence() {
        // The shortcut takes every letter for one that cannot end a
        // sentence: a terminator would split this probe in two.
        for c in (0x80..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.is_alphabetic() {
                let probe = format!("ab{c} Cd");
                let sentences = probe.split_sentence_bound_indices().count();
                assert_eq!(sentences, 1, "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn outer_marks_join_no_word() {
        let marks: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_outer_mark(c))
            .collect();
        assert!(marks.contains(&'’') && marks.contains(&'.') && !marks.contains(&'_'));
        for c in marks {
            for probe in [
                "a{c}",
                "{c}a",
                "1{c}",
                "{c}1",
                "{c}a{c}",
                "x a{c}{c} b",
                "a{c}b 1{c}2",
            ] {
                agree(&probe.replace("{c}", &c.to_string())).unwrap();
            }
        }
    }

    #[test]
    fn agree_on_the_corpus() {
        let mut checked = 0;
        for entry in walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")) {
            agree(&std::fs::read_to_string(&entry).unwrap()).unwrap();
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
    fn agree_on_examples() {
        for text in [
            "",
            " ",
            "a",
            ".",
            "Mr. Smith went. He said “yes.” Then… no!",
            "etc. (see below) and more. The end",
            "U.S.A. Today. x",
            "abc\ndef\r\nghi\u{2029}jkl",
            "Il a dit : « Non. » Puis il est parti.",
            "e\u{301}. A\u{301}b. 3.5 km. ok",
            "don't can’t e.g. 1,000,000 a:b x.5 5.x foo_bar __ _a a_",
            "x  y \u{301}z \u{93F}q\r\n\u{b}\tw 'quoted' \"q\" 12;34 a'b'c",
            "Le « Mali » l’a dit : 2 500 km.",
        ] {
            agree(text).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agree_on_ascii_text(text in "[a-cA-C0-2 .!?,;:'\"()_\t\r\n\x0b\x0c-]{0,40}") {
            agree(&text)?;
        }

        #[test]
        fn agree_on_punctuation_and_marks(
            text in "[a-cA-C0-2 .!?,;:'_\n«»“”‘’…—–\u{a0}\u{202f}é\u{301}\u{93f}\u{200d}\u{ad}\u{85}\u{2029}\u{5d0}\u{30a2}\u{1f1eb}\u{1f1f7}。！؟]{0,40}"
        ) {
            agree(&text)?;
        }

        #[test]
        fn agree_on_any_text(text in any::<String>()) {
            agree(&text)?;
        }
    }
}
