//! `quote-mismatch`: quotation marks that do not pair within a paragraph.
//!
//! Reports an opener never closed, a closer with no opener, an opener closed
//! by another style (“…»), an opening mark used as a closer (“…“), and marks
//! that are foreign to the target language even when they pair (French « »
//! in English text; which marks are foreign is a rule-file option).
//! Apostrophes (Mali’s, groups’, l’armée) are not quotes, and an English
//! quotation running over several paragraphs, each reopened with “ and only
//! the last one closed, is not an error.
//!
//! Bad: `“We will go wherever they are, said the officer. The army…`
//! Good: `“We will go wherever they are,” said the officer.`

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Check;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::{Block, BlockKind, Document};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "quote-mismatch";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Marks wrong in the target language, with the mark to use instead.
    #[serde(default)]
    pub foreign: BTreeMap<String, String>,
}

pub struct QuoteMismatch {
    meta: RuleMeta,
    foreign: BTreeMap<char, String>,
}

impl QuoteMismatch {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        let foreign = options
            .foreign
            .into_iter()
            .filter_map(|(mark, to)| {
                let mut chars = mark.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, to)),
                    _ => None,
                }
            })
            .collect();
        QuoteMismatch { meta, foreign }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// `“` after a word and before a space or the end: written as an opener,
    /// placed as a closer.
    OpenerAsCloser,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    ch: char,
    at: usize,
}

impl Mark {
    fn span(&self) -> Span {
        Span::new(self.at, self.at + self.ch.len_utf8())
    }
}

fn is_double(c: char) -> bool {
    matches!(c, '“' | '”' | '«' | '»' | '„' | '"')
}

/// Whether `closer` ends a quotation opened by `opener`.
fn pairs(opener: char, closer: char) -> bool {
    matches!(
        (opener, closer),
        ('“', '”') | ('«', '»') | ('„', '“') | ('„', '”') | ('"', '"') | ('‘', '’') | ('‹', '›')
    )
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Characters after which a quotation mark opens (`(“`, `—“`).
fn is_opening_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'))
}

fn role(ch: char, prev: Option<char>, next: Option<char>, stack: &[Mark]) -> Option<Role> {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let open_single = || stack.iter().any(|m| m.ch == '‘');
    match ch {
        '«' | '‹' | '„' => Some(Role::Open),
        '»' | '›' | '”' => Some(Role::Close),
        '“' if stack.last().is_some_and(|m| m.ch == '„') => Some(Role::Close),
        '“' if !is_opening_context(prev)
            && (is_space(next) || next.is_some_and(|c| c.is_ascii_punctuation())) =>
        {
            Some(Role::OpenerAsCloser)
        }
        '“' => Some(Role::Open),
        '"' => {
            let top_is_straight = stack.last().is_some_and(|m| m.ch == '"');
            let opens = is_opening_context(prev) && !is_space(next);
            let closes = !is_opening_context(prev) && !letter(next);
            if !opens && (closes || top_is_straight) {
                Some(Role::Close)
            } else {
                Some(Role::Open)
            }
        }
        '‘' if letter(prev) && letter(next) => None,
        '‘' => Some(Role::Open),
        '’' if letter(prev) && letter(next) => None,
        '’' if open_single() && !letter(next) => Some(Role::Close),
        _ => None,
    }
}

impl QuoteMismatch {
    fn report(&self, mark: Mark, message: String, opener: Option<Mark>, out: &mut Vec<Diagnostic>) {
        let mut diagnostic = self.meta.diagnostic(mark.span(), message);
        if let Some(opener) = opener {
            diagnostic.related.push(Related {
                span: opener.span(),
                message: format!("opened here with {}", opener.ch),
                in_source: false,
            });
        }
        out.push(diagnostic);
    }

    fn check_block(
        &self,
        doc: &Document,
        block: &Block,
        next: Option<&Block>,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = doc.slice(block.span);
        let mut stack: Vec<Mark> = Vec::new();
        let mut paired: Vec<Mark> = Vec::new();
        // Every quotation mark is '"' or begins with the byte 0xC2 (« ») or
        // 0xE2 (the others): the text between is skipped by memchr, not
        // decoded and judged a character at a time.
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(offset) = memchr::memchr3(b'"', 0xC2, 0xE2, &bytes[from..]) {
            let i = from + offset;
            let ch = text[i..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            from = i + ch.len_utf8();
            let prev = text[..i].chars().next_back();
            let next_char = text[from..].chars().next();
            let mark = Mark {
                ch,
                at: block.span.start + i,
            };
            match role(ch, prev, next_char, &stack) {
                None => {}
                Some(Role::Open) => stack.push(mark),
                Some(Role::OpenerAsCloser) => match stack.pop() {
                    Some(opener) => self.report(
                        mark,
                        format!("opening mark {ch} used to close the quotation; use ”"),
                        Some(opener),
                        out,
                    ),
                    None => self.report(
                        mark,
                        format!("opening mark {ch} used as a closing mark, with nothing to close"),
                        None,
                        out,
                    ),
                },
                Some(Role::Close) => self.close(mark, &mut stack, &mut paired, out),
            }
        }
        // An English quotation over several paragraphs reopens each one
        // with the same mark and only closes in the last.
        let continued = |opener: &Mark| {
            next.is_some_and(|b| {
                b.kind == BlockKind::Paragraph && doc.slice(b.span).starts_with(opener.ch)
            })
        };
        for (depth, opener) in stack.iter().enumerate() {
            if depth == 0 && is_double(opener.ch) && continued(opener) {
                paired.push(*opener);
                continue;
            }
            self.report(
                *opener,
                format!(
                    "quotation opened with {} is never closed in this paragraph",
                    opener.ch
                ),
                None,
                out,
            );
        }
        for mark in paired {
            if let Some(to) = self.foreign.get(&mark.ch) {
                let mut diagnostic = self.meta.diagnostic(
                    mark.span(),
                    format!(
                        "quotation mark {} is not used in this language; use {to}",
                        mark.ch
                    ),
                );
                diagnostic.suggestion = Some(to.clone());
                out.push(diagnostic);
            }
        }
    }

    fn close(
        &self,
        closer: Mark,
        stack: &mut Vec<Mark>,
        paired: &mut Vec<Mark>,
        out: &mut Vec<Diagnostic>,
    ) {
        match stack.iter().rposition(|m| pairs(m.ch, closer.ch)) {
            Some(i) => {
                for unclosed in stack.drain(i + 1..) {
                    self.report(
                        unclosed,
                        format!("quotation opened with {} is never closed", unclosed.ch),
                        None,
                        out,
                    );
                }
                let opener = stack.pop().expect("position found above");
                paired.extend([opener, closer]);
            }
            None => match stack.last() {
                Some(&opener) if is_double(opener.ch) && is_double(closer.ch) => {
                    stack.pop();
                    self.report(
                        closer,
                        format!(
                            "quotation opened with {} is closed with {}",
                            opener.ch, closer.ch
                        ),
                        Some(opener),
                        out,
                    );
                }
                _ => self.report(
                    closer,
                    format!("closing mark {} has no opening mark", closer.ch),
                    None,
                    out,
                ),
            },
        }
    }
}

impl Check for QuoteMismatch {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for (i, block) in doc.blocks.iter().enumerate() {
            self.check_block(doc, block, doc.blocks.get(i + 1), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::flagged;

    fn found(text: &str) -> Vec<String> {
        flagged("quote-mismatch", text)
    }

    #[test]
    fn balanced_quotes_and_apostrophes_pass() {
        assert!(
            found("“We will stay,” said Mali’s minister. The groups’ leaders agreed.\n").is_empty()
        );
        assert!(found("He said: “They call it ‘the long road’ here.”\n").is_empty());
        assert!(found("The \"Seven Sisters\" caves, l’armée and rock ’n’ roll.\n").is_empty());
    }

    #[test]
    fn unclosed_and_unopened() {
        assert_eq!(
            found("“We will go wherever they are. Then nothing.\n"),
            vec!["“"]
        );
        assert_eq!(found("It remains the path in Mali. »\n"), vec!["»"]);
        assert_eq!(
            found("The suspension of the ‘Agreements…) was noted.\n"),
            vec!["‘"]
        );
        assert_eq!(
            found("Vaccines have also been\" pledged by the state.\n"),
            vec!["\""]
        );
    }

    #[test]
    fn mixed_styles_and_opener_as_closer() {
        assert_eq!(found("“It is about the area. »\n"), vec!["»"]);
        assert_eq!(found("He said “we will win“ and left.\n"), vec!["“"]);
    }

    #[test]
    fn guillemets_are_foreign_in_english() {
        assert_eq!(found("They said «we want peace» loudly.\n"), vec!["«", "»"]);
    }

    #[test]
    fn multi_paragraph_quotation_is_not_an_error() {
        let text =
            "“The first part of the speech.\n\n“The second part.\n\n“The end of it,” he said.\n";
        assert!(found(text).is_empty());
        assert_eq!(found("“The first part.\n\nA new paragraph.\n"), vec!["“"]);
    }
}
