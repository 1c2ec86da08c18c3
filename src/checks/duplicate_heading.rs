//! `duplicate-heading`: a heading or the title repeated later in the article,
//! exactly or nearly (case, punctuation, quote style and small edits ignored).
//! Machine-translation pipelines often repeat the title as the first heading,
//! or a heading at the end of the page; readers see the same line twice.
//! Similar but different headings are kept apart by the similarity threshold
//! (`similarity`, from 0 to 1, on normalised text). Exact repeats are found
//! anywhere; near ones among the last `NEAR_WINDOW` distinct headings, so
//! that a file of many thousand headings (an archive in one file) is not
//! compared pairwise.
//!
//! Bad: `Reactions in Bamako` … `Reactions in Bamako`
//! Good: `Reactions in Bamako` … `Reactions in Niamey`

use std::collections::HashMap;

use serde::Deserialize;

use super::Check;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleMeta;
use crate::span::{LineIndex, Span};

/// How many distinct earlier headings a heading is compared with for a
/// near repeat (far more than an article has).
const NEAR_WINDOW: usize = 64;

pub const KIND: &str = "duplicate-heading";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    #[serde(default = "default_similarity")]
    pub similarity: f64,
}

fn default_similarity() -> f64 {
    0.9
}

impl Default for Options {
    fn default() -> Self {
        Options {
            similarity: default_similarity(),
        }
    }
}

pub struct DuplicateHeading {
    meta: RuleMeta,
    similarity: f64,
}

impl DuplicateHeading {
    pub fn new(meta: RuleMeta, options: Options) -> Result<Self, String> {
        if !(0.0..=1.0).contains(&options.similarity) {
            return Err(format!(
                "`similarity` must be between 0 and 1, not {}",
                options.similarity
            ));
        }
        Ok(DuplicateHeading {
            meta,
            similarity: options.similarity,
        })
    }
}

/// Lower case, letters and digits only, single spaces: what a reader compares.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// 1 − (edit distance / longer length), with a cheap length bound first.
fn similar(a: &str, b: &str, threshold: f64) -> bool {
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    let longer = a_len.max(b_len);
    if longer == 0 {
        return false;
    }
    if (a_len.abs_diff(b_len) as f64) > (1.0 - threshold) * longer as f64 {
        return false;
    }
    let distance = strsim::levenshtein(a, b);
    1.0 - distance as f64 / longer as f64 >= threshold
}

impl Check for DuplicateHeading {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut recent: Vec<(String, Span)> = Vec::new();
        let lines = std::cell::OnceCell::new();
        for heading in doc.headings() {
            let normalized = normalize(doc.slice(heading.span));
            if normalized.is_empty() {
                continue;
            }
            let first = seen.get(&normalized).copied().or_else(|| {
                recent
                    .iter()
                    .find(|(earlier, _)| similar(earlier, &normalized, self.similarity))
                    .map(|&(_, span)| span)
            });
            let Some(first_span) = first else {
                if recent.len() == NEAR_WINDOW {
                    recent.remove(0);
                }
                recent.push((normalized.clone(), heading.span));
                seen.insert(normalized, heading.span);
                continue;
            };
            let line = lines
                .get_or_init(|| LineIndex::new(doc.text))
                .position(first_span.start)
                .line;
            let exact = doc.slice(first_span) == doc.slice(heading.span);
            let how = if exact { "repeats" } else { "nearly repeats" };
            let mut diagnostic = self.meta.diagnostic(
                heading.span,
                format!("heading {how} the heading on line {line}"),
            );
            if exact {
                // An exact repeat can go; a near one needs a person.
                diagnostic.suggestion = Some(String::new());
            }
            diagnostic.related.push(Related {
                span: first_span,
                message: "first occurrence".to_string(),
                in_source: false,
            });
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{flagged, run};

    #[test]
    fn near_duplicate_title_is_reported_once_with_its_first_line() {
        let text = "Mali Groups launch an operation\n\nMali: Groups’ launch an operation\n\nBody text here.\n";
        let found = run("duplicate-heading", text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "Mali: Groups’ launch an operation"
        );
        assert!(found[0].message.contains("line 1"));
        assert_eq!(found[0].related[0].span.start, 0);
    }

    #[test]
    fn similar_but_different_headings_are_not_duplicates() {
        let text = "Title of the day\n\nReactions in Bamako\n\nText.\n\nReactions in Niamey\n\nText.\n\nAttack in Kaya\n\nText.\n\nAttack in Kayes\n\nText.\n";
        assert!(flagged("duplicate-heading", text).is_empty());
    }

    #[test]
    fn exact_repeats_are_found_past_the_window_of_near_ones() {
        let headings: Vec<String> = (0..super::NEAR_WINDOW + 10)
            .map(|i| {
                let pair = [b'a' + (i / 26) as u8, b'a' + (i % 26) as u8];
                String::from_utf8(pair.repeat(6)).unwrap()
            })
            .collect();
        let mut text = String::from("Title\n\n");
        for heading in &headings {
            text.push_str(&format!("{heading}\n\nBody.\n\n"));
        }
        text.push_str(&format!("{}\n\nBody.\n", headings[0]));
        let found = run("duplicate-heading", &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("line 3"), "{}", found[0].message);
    }

    #[test]
    fn exact_repeat_of_a_heading() {
        let text = "Title\n\nThe spokesman explains the plan\n\nBody.\n\nThe spokesman explains the plan\n";
        assert_eq!(
            flagged("duplicate-heading", text),
            vec!["The spokesman explains the plan"]
        );
    }
}
