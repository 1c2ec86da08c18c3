//! `doubled-word`: the same word twice in a row (“the the”, “clocks clocks.”,
//! “5 5”). An objective defect of machine translation and editing; words that
//! English doubles on purpose (“had had”, “that that”) are allowed by the
//! rule file.
//!
//! Bad: `produced by biological clocks clocks.`
//! Good: `produced by biological clocks.`

use serde::Deserialize;

use super::Check;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "doubled-word";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words (any case) that may stand twice in a row.
    #[serde(default)]
    pub allow: Vec<String>,
}

pub struct DoubledWord {
    meta: RuleMeta,
    allow: Vec<String>,
}

impl DoubledWord {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        let allow = options.allow.iter().map(|w| w.to_lowercase()).collect();
        DoubledWord { meta, allow }
    }
}

/// Closing marks a token may carry and still be repeated (“UTC) UTC)”).
fn is_closing(c: char) -> bool {
    matches!(c, ')' | ']' | '”' | '’' | '"' | '»')
}

/// Case-insensitive equality without allocating: this runs on every token pair.
fn same_word(a: &str, b: &str) -> bool {
    // Most neighbours differ in their first letter, which, in ASCII, is
    // its own lower case.
    if let (Some(x), Some(y)) = (a.bytes().next(), b.bytes().next())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(&y)
    {
        return false;
    }
    // Most pairs of neighbours are ASCII words: compared without the
    // Unicode lower-casing, which was half of this check's time.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A whitespace-separated token with its leading and trailing punctuation split off.
struct Token<'a> {
    core: &'a str,
    core_start: usize,
    lead: &'a str,
    trail: &'a str,
}

impl<'a> Token<'a> {
    /// The token `raw`, a slice of `text`.
    fn of(text: &'a str, raw: &'a str) -> Token<'a> {
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
        // Most tokens are words that begin and end with an ASCII letter:
        // nothing to trim, and trimming them was a quarter of this check.
        let bytes = raw.as_bytes();
        let plain =
            bytes[0].is_ascii_alphanumeric() && bytes[bytes.len() - 1].is_ascii_alphanumeric();
        let core = if plain {
            raw
        } else {
            raw.trim_matches(|c: char| !c.is_alphanumeric())
        };
        let lead_len = if core.is_empty() {
            raw.len()
        } else {
            core.as_ptr() as usize - raw.as_ptr() as usize
        };
        Token {
            core,
            core_start: start + lead_len,
            lead: &raw[..lead_len],
            trail: &raw[(lead_len + core.len()).min(raw.len())..],
        }
    }
}

/// Whether the tokens `a` and `b` may have the same word: their first
/// bytes that are not ASCII punctuation are the same letter or digit, or
/// one is outside ASCII (the words' first characters are compared later).
/// Almost every pair of neighbours differs there, and is passed over
/// without being split into marks and word.
fn may_repeat(a: &str, b: &str) -> bool {
    let first = |token: &str| {
        token
            .bytes()
            .find(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) => !x.is_ascii() || !y.is_ascii() || x.eq_ignore_ascii_case(&y),
        _ => false,
    }
}

/// The length of the whitespace character (`char::is_whitespace`) that
/// `bytes` begins with, or 0.
fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// What `text.split_whitespace()` yields, found byte by byte: a byte above
/// space in ASCII, most of them, is never whitespace, and decoding every
/// character to ask was a third of this check.
fn split_whitespace(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            match whitespace_len(&bytes[i..]) {
                0 if i == bytes.len() => return None,
                0 => break,
                n => i += n,
            }
        }
        let start = i;
        while i < bytes.len()
            && ((bytes[i] > b' ' && bytes[i].is_ascii()) || whitespace_len(&bytes[i..]) == 0)
        {
            i += 1;
        }
        Some(&text[start..i])
    })
}

impl Check for DoubledWord {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for block in &doc.blocks {
            let text = doc.slice(block.span);
            let mut previous: Option<&str> = None;
            for raw in split_whitespace(text) {
                if let Some(prev_raw) = previous.replace(raw)
                    && may_repeat(prev_raw, raw)
                {
                    let (prev, token) = (Token::of(text, prev_raw), Token::of(text, raw));
                    let repeated = !token.core.is_empty()
                        && token.lead.is_empty()
                        && prev.trail.chars().all(is_closing)
                        && token.trail.starts_with(prev.trail)
                        && same_word(prev.core, token.core)
                        && !self.allow.contains(&token.core.to_lowercase());
                    if repeated {
                        let start = block.span.start + prev.core_start;
                        let end = block.span.start + token.core_start + token.core.len();
                        let mut diagnostic = self.meta.diagnostic(
                            Span::new(start, end),
                            format!("doubled word “{}”", token.core),
                        );
                        diagnostic.suggestion = Some(prev.core.to_string());
                        out.push(diagnostic);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::checks::testing::flagged;

    #[test]
    fn every_whitespace_character_splits_as_in_the_standard_library() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}{c}é{c}");
            let tokens: Vec<&str> = super::split_whitespace(&text).collect();
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(tokens, expected, "U+{:04X}", c as u32);
        }
    }

    proptest! {
        #[test]
        fn splits_as_the_standard_library(
            text in "[a\u{e9}\t\n\x0b\x0c\r \u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{2019}\u{20ac}\x00\x1f]{0,30}"
        ) {
            let tokens: Vec<&str> = super::split_whitespace(&text).collect();
            prop_assert_eq!(tokens, text.split_whitespace().collect::<Vec<_>>());
        }

        /// The shortcut passes over no pair the full comparison would report.
        #[test]
        fn pairs_passed_over_have_different_words(
            a in "[aAbB1(“«\u{e9}\u{c9}.,’-]{0,4}",
            b in "[aAbB1(“«\u{e9}\u{c9}.,’-]{0,4}",
        ) {
            let text = format!("{a} {b}");
            let (x, y) = (&text[..a.len()], &text[a.len() + 1..]);
            if !x.is_empty() && !y.is_empty() && !super::may_repeat(x, y) {
                let (x, y) = (super::Token::of(&text, x), super::Token::of(&text, y));
                prop_assert!(x.core.is_empty() || y.core.is_empty() || !super::same_word(x.core, y.core));
            }
        }
    }

    #[test]
    fn doubled_words_numbers_and_bracketed() {
        let text = "They use biological clocks clocks. It was 5 5. Time (UTC) UTC). The the end.\n";
        assert_eq!(
            flagged("doubled-word", text),
            vec!["clocks clocks", "5 5", "UTC) UTC", "The the"]
        );
    }

    #[test]
    fn intended_repeats_and_punctuated_pairs_pass() {
        let text =
            "He had had enough. He said that that was wrong. Yes, yes. It ended. Ended again.\n";
        assert!(flagged("doubled-word", text).is_empty());
    }
}
