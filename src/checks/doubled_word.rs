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

fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    text.split_whitespace().map(move |raw| {
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
    })
}

impl Check for DoubledWord {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for block in &doc.blocks {
            let text = doc.slice(block.span);
            let mut previous: Option<Token> = None;
            for token in tokens(text) {
                if let Some(prev) = &previous {
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
                previous = Some(token);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::flagged;

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
