//! `mark-parity` (bilingual): a question or exclamation mark, or a
//! quotation, present in one of two linked sentences and not in the other:
//! a translation that turns a question into a statement, or drops the
//! quotation marks around someone's words.
//!
//! Bad: source `Faut-il rouvrir les écoles ?`, target `The schools must reopen.`
//! Good: source `Faut-il rouvrir les écoles ?`, target `Should the schools reopen?`

use serde::Deserialize;

use super::{Pair, PairCheck};
use crate::diagnostic::{Category, Diagnostic, Related};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "mark-parity";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Quotation marks of either language.
    pub quotes: String,
}

pub struct MarkParity {
    meta: RuleMeta,
    quotes: Vec<char>,
}

impl MarkParity {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        MarkParity {
            meta,
            quotes: options.quotes.chars().collect(),
        }
    }
}

/// What a sentence says through its marks.
#[derive(PartialEq, Eq)]
struct Marks {
    question: bool,
    exclamation: bool,
    quoted: bool,
}

impl MarkParity {
    fn marks(&self, text: &str) -> Marks {
        Marks {
            question: text.contains('?'),
            exclamation: text.contains('!'),
            quoted: text.chars().any(|c| self.quotes.contains(&c)),
        }
    }
}

impl PairCheck for MarkParity {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>) {
        for link in pair
            .alignment
            .links
            .iter()
            .filter(|l| l.source.len() == 1 && l.target.len() == 1)
        {
            let Some((source_span, source_text)) = pair.source_text(link.source.clone()) else {
                continue;
            };
            let target: Span = pair.target.sentences[link.target.start].span;
            let (s, t) = (
                self.marks(source_text),
                self.marks(pair.target.slice(target)),
            );
            let mut report = |category: Category, message: &str| {
                let mut diagnostic = self.meta.diagnostic(target, message.to_string());
                diagnostic.category = category;
                diagnostic.related.push(Related {
                    span: source_span,
                    message: "source sentence".to_string(),
                    in_source: true,
                });
                out.push(diagnostic);
            };
            if s.question != t.question {
                report(
                    Category::Typography,
                    "a question mark stands in only one of the source and the translation",
                );
            }
            if s.exclamation != t.exclamation {
                report(
                    Category::Typography,
                    "an exclamation mark stands in only one of the source and the translation",
                );
            }
            if s.quoted != t.quoted {
                report(
                    Category::QuoteMismatch,
                    "a quotation is marked in only one of the source and the translation",
                );
            }
        }
    }
}
