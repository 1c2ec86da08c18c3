//! `length-ratio` (bilingual): omissions and additions. A source sentence
//! with no counterpart in the target is an omission, a target sentence with
//! no counterpart an addition; a linked pair whose length ratio falls
//! outside limits that depend on the source length (as translation QA tools
//! do: Okapi CheckMate allows 30–350% up to 20 characters, 45–200% beyond)
//! hints at a clause left out or added. The limits live in the rule file.
//!
//! Bad: source `Le convoi est parti de Gao lundi avec 40 tonnes de vivres.`, target `The convoy left.`
//! Good: source `Le convoi est parti de Gao lundi.`, target `The convoy left Gao on Monday.`

use serde::Deserialize;

use super::{Pair, PairCheck};
use crate::diagnostic::{Category, Diagnostic, Related};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "length-ratio";

/// Target length ÷ source length allowed for sources up to `up-to` characters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Limit {
    /// Longest source (in characters) the limit applies to; the last limit
    /// may leave it out.
    pub up_to: Option<usize>,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub limits: Vec<Limit>,
    /// Fewest words an unlinked sentence needs to be reported.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    5
}

pub struct LengthRatio {
    meta: RuleMeta,
    options: Options,
}

impl LengthRatio {
    pub fn new(meta: RuleMeta, options: Options) -> Result<Self, String> {
        if options.limits.is_empty() || options.limits.iter().any(|l| l.min > l.max) {
            return Err("`limits` needs at least one entry, each with min ≤ max".to_string());
        }
        Ok(LengthRatio { meta, options })
    }

    fn limit(&self, source_chars: usize) -> &Limit {
        self.options
            .limits
            .iter()
            .find(|l| l.up_to.is_none_or(|up_to| source_chars <= up_to))
            .unwrap_or_else(|| self.options.limits.last().expect("checked in new"))
    }

    fn finding(
        &self,
        category: Category,
        span: Span,
        message: String,
        source: Option<Span>,
    ) -> Diagnostic {
        let mut diagnostic = self.meta.diagnostic(span, message);
        diagnostic.category = category;
        diagnostic.related.extend(source.map(|span| Related {
            span,
            message: "source".to_string(),
            in_source: true,
        }));
        diagnostic
    }
}

impl PairCheck for LengthRatio {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let target_span = |range: std::ops::Range<usize>| {
            let sentences = &pair.target.sentences[range];
            Some(sentences.first()?.span.cover(sentences.last()?.span))
        };
        for (i, link) in pair.alignment.links.iter().enumerate() {
            let source = pair.source_text(link.source.clone());
            let target = target_span(link.target.clone());
            let words = |text: &str| text.split_whitespace().count();
            match (source, target) {
                (Some((span, text)), None) if words(text) >= self.options.min_words => {
                    // Point at where the sentence should have been: the
                    // start of the next linked target sentence.
                    let at = pair.alignment.links[i + 1..]
                        .iter()
                        .find_map(|l| target_span(l.target.clone()))
                        .map_or(pair.target.text.len(), |s| s.start);
                    out.push(self.finding(
                        Category::Omission,
                        Span::new(at, at),
                        format!("source sentence with no translation: “{text}”"),
                        Some(span),
                    ));
                }
                (None, Some(span)) if words(pair.target.slice(span)) >= self.options.min_words => {
                    out.push(self.finding(
                        Category::Addition,
                        span,
                        "sentence with no counterpart in the source".to_string(),
                        None,
                    ));
                }
                (Some((source_span, source_text)), Some(span))
                    if link.source.len() == 1 && link.target.len() == 1 =>
                {
                    let (s, t) = (
                        source_text.chars().count(),
                        pair.target.slice(span).chars().count(),
                    );
                    let ratio = t as f64 / s.max(1) as f64;
                    let limit = self.limit(s);
                    let category = if ratio < limit.min {
                        Category::Omission
                    } else if ratio > limit.max {
                        Category::Addition
                    } else {
                        continue;
                    };
                    out.push(self.finding(
                        category,
                        span,
                        format!(
                            "translation is {:.0}% of its source's length (expected {:.0}–{:.0}%): something may be {}",
                            ratio * 100.0,
                            limit.min * 100.0,
                            limit.max * 100.0,
                            if category == Category::Omission { "missing" } else { "added" }
                        ),
                        Some(source_span),
                    ));
                }
                _ => {}
            }
        }
    }
}
