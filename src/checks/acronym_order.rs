//! `acronym-order`: an acronym in parentheses whose letters do not fit the
//! English expansion just before it, because it kept the order of the French
//! name (Cadre stratégique permanent → “Permanent Strategic Framework (CSP)”).
//! Readers cannot map the letters to the words. Acronyms that are not
//! English on purpose (Arabic JNIM…) are listed in the rule file.
//!
//! Bad: `the National Liberation Front (FLN)`
//! Good: `the National Liberation Front (NLF)`, or
//! `the National Liberation Front (FLN, from its French name)`

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::Check;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "acronym-order";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Acronyms never reported.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Lower-case words that may stand inside an expansion (of, the, and…).
    #[serde(default)]
    pub connectors: Vec<String>,
}

/// Longest acronym read, in characters.
const MAX_ACRONYM: usize = 10;

pub struct AcronymOrder {
    meta: RuleMeta,
    options: Options,
}

impl AcronymOrder {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        AcronymOrder { meta, options }
    }
}

/// An acronym in parentheses. Compiled when the checks prepare, beside
/// them, rather than when the rules load: it was the slowest rule of the
/// English pack to load, a millisecond of a one-article run.
fn acronym() -> &'static Regex {
    static ACRONYM: OnceLock<Regex> = OnceLock::new();
    // `+` and a length check rather than `{1,9}`: the bounded repetition of
    // a Unicode class made the check five times as costly to build.
    ACRONYM.get_or_init(|| Regex::new(r"\((\p{Lu}[\p{Lu}\d&-]+)\)").expect("static regex"))
}

/// A word of the expansion: its initials (the first letter and the first
/// letter after each hyphen) and whether it is a connector.
struct ExpansionWord<'a> {
    text: &'a str,
    initials: Vec<char>,
    connector: bool,
}

/// Whether the acronym letters can be read, in order, off the words:
/// every capitalised word gives its first letter (and may give the initials of
/// its hyphenated parts); connectors may give their initial or nothing.
fn fits(letters: &[char], words: &[ExpansionWord]) -> bool {
    match (letters.split_first(), words.split_first()) {
        (None, None) => true,
        (None, Some(_)) => words.iter().all(|w| w.connector),
        (Some(_), None) => false,
        (Some((&letter, rest)), Some((word, others))) => {
            let takes_initials = |n: usize| {
                n <= word.initials.len()
                    && n <= letters.len()
                    && letters[..n].iter().zip(&word.initials).all(|(a, b)| a == b)
                    && fits(&letters[n..], others)
            };
            if word.connector {
                fits(letters, others)
                    || (word.initials.first() == Some(&letter) && fits(rest, others))
            } else {
                (1..=word.initials.len()).any(takes_initials)
            }
        }
    }
}

impl AcronymOrder {
    /// The expansion words before `end`: capitalised words and connectors,
    /// ending with a capitalised word.
    fn expansion<'a>(&self, text: &'a str, end: usize) -> Vec<ExpansionWord<'a>> {
        let mut words = Vec::new();
        for raw in text[..end].split_whitespace().rev() {
            let clean = raw.trim_start_matches(['“', '"', '‘', '(', '[']);
            if clean.len() != raw.len() && !words.is_empty() {
                break;
            }
            if raw.ends_with([',', ';', ':', '.', '!', '?', '”', '"', ')', ']']) {
                break;
            }
            let capitalised = clean.chars().next().is_some_and(char::is_uppercase);
            let connector = self.options.connectors.iter().any(|c| c == clean);
            if !capitalised && !connector {
                break;
            }
            let initials = clean
                .split(['-', '’', '\''])
                .filter_map(|part| part.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            words.push(ExpansionWord {
                text: clean,
                initials,
                connector: !capitalised,
            });
        }
        words.reverse();
        while words.first().is_some_and(|w| w.connector) {
            words.remove(0);
        }
        words
    }
}

impl Check for AcronymOrder {
    fn prepare(&self) {
        acronym();
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for block in &doc.blocks {
            let text = doc.slice(block.span);
            for caps in acronym().captures_iter(text) {
                let whole = caps.get(0).expect("group 0");
                let acronym = &caps[1];
                if acronym.chars().count() > MAX_ACRONYM
                    || self.options.allow.iter().any(|a| a == acronym)
                {
                    continue;
                }
                let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
                let words = self.expansion(text, whole.start());
                let capitalised: Vec<&ExpansionWord> =
                    words.iter().filter(|w| !w.connector).collect();
                if capitalised.len() < 2 || letters.len() < 2 {
                    continue;
                }
                let fitting = (0..words.len())
                    .filter(|&i| !words[i].connector)
                    .any(|i| fits(&letters, &words[i..]));
                if fitting {
                    continue;
                }
                // Report only when the acronym shares most letters with the
                // initials: then it abbreviates the same name in another order.
                let take = capitalised.len().min(letters.len());
                let tail = &capitalised[capitalised.len() - take..];
                let mut initials: Vec<char> = tail.iter().map(|w| w.initials[0]).collect();
                let mut shared = 0;
                for letter in &letters {
                    if let Some(i) = initials.iter().position(|c| c == letter) {
                        initials.remove(i);
                        shared += 1;
                    }
                }
                if shared * 2 < letters.len() {
                    continue;
                }
                let first = tail[0];
                let start = first.text.as_ptr() as usize - text.as_ptr() as usize;
                let expansion = &text[start..whole.start()].trim_end();
                let english: String = tail.iter().map(|w| w.initials[0]).collect();
                let span = Span::new(block.span.start + start, block.span.start + whole.end());
                out.push(self.meta.diagnostic(
                    span,
                    format!(
                        "“{acronym}” does not match the initials of “{expansion}” ({english}): the acronym keeps the French word order; explain it or use the English one"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::flagged;

    #[test]
    fn french_order_acronyms() {
        assert_eq!(
            flagged(
                "acronym-order",
                "the Permanent Strategic Framework (CSP) groups met.\n"
            ),
            vec!["Permanent Strategic Framework (CSP)"]
        );
        assert_eq!(
            flagged(
                "acronym-order",
                "the National Liberation Front (FLN) won.\n"
            ),
            vec!["National Liberation Front (FLN)"]
        );
    }

    #[test]
    fn english_acronyms_pass() {
        for text in [
            "the Economic Community of West African States (ECOWAS) met.\n",
            "the World Health Organization (WHO) said.\n",
            "the Islamic State in the Greater Sahara (ISGS) attacked.\n",
            "al-Qaeda in the Islamic Maghreb (AQIM) claimed it.\n",
            "the Group for the Support of Islam and Muslims (JNIM) claimed it.\n",
            "in Bamako (BKO) and Gao.\n",
        ] {
            assert!(flagged("acronym-order", text).is_empty(), "{text}");
        }
    }
}
