//! `entity-mismatch` (bilingual): a name of the source (a capitalised word
//! or an acronym) missing from the aligned target sentence, or replaced by
//! another name. A name has a counterpart when the target holds the same
//! word (accents and case aside), a close spelling (Tunisie ~ Tunisia), or
//! its rendering from the rule file's glossary (OTAN → NATO). Capitalised
//! source words that are common words of the source language (Chambre,
//! Premier) are translated, not kept, and are not names here.
//!
//! Bad: source `Rick Perry et Michele Bachmann ont fini…`, target `Rick Perry and Congresswoman finished…`
//! Good: source `la ville de Londres`, target `the city of London`

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Pair, PairCheck};
use crate::align::fold;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "entity-mismatch";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Usual renderings: source name → target name (États-Unis → United States).
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    /// Word list of common source words (one per line, `#` comments),
    /// relative to the rule file: capitalised, they are not names.
    pub source_lexicon: Option<String>,
    /// Capitalised target words that are not names (Monday, English).
    #[serde(default)]
    pub target_common: Vec<String>,
    /// Jaro–Winkler similarity from which two spellings are the same name.
    #[serde(default = "default_similarity")]
    pub similarity: f64,
}

fn default_similarity() -> f64 {
    0.85
}

pub struct EntityMismatch {
    meta: RuleMeta,
    /// Folded source word → folded words of its target rendering.
    glossary: Vec<(Vec<String>, Vec<String>)>,
    /// The source lexicon's text, folded into `source_common` on first use:
    /// only bilingual runs need it, and folding it took 6% of a pack's
    /// load.
    source_lexicon: String,
    source_common: OnceLock<HashSet<String>>,
    target_common: HashSet<String>,
    similarity: f64,
}

fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

impl EntityMismatch {
    pub fn new(
        meta: RuleMeta,
        options: Options,
        read: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Self, String> {
        let source_lexicon = match &options.source_lexicon {
            Some(path) => read(path)?,
            None => String::new(),
        };
        Ok(EntityMismatch {
            meta,
            glossary: options
                .glossary
                .iter()
                .map(|(s, t)| (folded_words(s), folded_words(t)))
                .collect(),
            source_lexicon,
            source_common: OnceLock::new(),
            target_common: options.target_common.iter().map(|w| fold(w)).collect(),
            similarity: options.similarity,
        })
    }
}

impl EntityMismatch {
    fn source_common(&self) -> &HashSet<String> {
        self.source_common.get_or_init(|| {
            super::lexicon_words(&self.source_lexicon)
                .map(fold)
                .collect()
        })
    }
}

/// A name: consecutive capitalised words inside a sentence, or an acronym
/// anywhere, with the folded form of each word.
struct Name {
    words: Vec<String>,
    span: Span,
}

/// Roman numerals, with or without an ordinal suffix (XIVe), are numbers.
fn is_roman(word: &str) -> bool {
    let numeral = word.trim_end_matches(|c: char| c.is_lowercase());
    !numeral.is_empty()
        && numeral.chars().all(|c| "IVXLC".contains(c))
        && word.len() - numeral.len() <= 3
}

fn names(doc: &Document, sentences: std::ops::Range<usize>) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for sentence in &doc.sentences[sentences] {
        let mut previous: Option<Span> = None;
        for (i, word) in doc.words_of(sentence).iter().enumerate() {
            // Elided articles belong to the name after them (l’Irak, qu’Emin).
            let whole = doc.slice(word.span);
            let text = whole.rsplit(['’', '\'']).next().unwrap_or(whole);
            let span = Span::new(word.span.end - text.len(), word.span.end);
            let adjacent = previous.is_some_and(|p| doc.text[p.end..span.start].trim().is_empty());
            let acronym = text.chars().count() > 1
                && text.chars().any(char::is_uppercase)
                && text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            let capitalised = text.chars().next().is_some_and(char::is_uppercase);
            let is_name = (acronym || (i > 0 && capitalised)) && !is_roman(text);
            match out.last_mut() {
                Some(name) if is_name && adjacent => {
                    name.words.push(fold(text));
                    name.span = name.span.cover(span);
                }
                _ if is_name => out.push(Name {
                    words: vec![fold(text)],
                    span,
                }),
                _ => {}
            }
            previous = is_name.then_some(span);
        }
    }
    out
}

impl EntityMismatch {
    fn similar(&self, a: &str, b: &str) -> bool {
        a == b || strsim::jaro_winkler(a, b) >= self.similarity
    }

    /// Whether `name` has a counterpart among `words` of the other side,
    /// directly or through the glossary (in either direction).
    fn has_counterpart(&self, name: &str, words: &[String], from_source: bool) -> bool {
        words.iter().any(|w| self.similar(name, w))
            || self.glossary.iter().any(|(source, target)| {
                let (mine, theirs) = if from_source {
                    (source, target)
                } else {
                    (target, source)
                };
                mine.iter().any(|w| w == name)
                    && theirs
                        .iter()
                        .all(|t| words.iter().any(|w| self.similar(t, w)))
            })
    }
}

impl PairCheck for EntityMismatch {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>) {
        for link in &pair.alignment.links {
            let (Some((source_span, source_text)), Some(first), Some(last)) = (
                pair.source_text(link.source.clone()),
                pair.target.sentences.get(link.target.start),
                link.target
                    .end
                    .checked_sub(1)
                    .and_then(|i| pair.target.sentences.get(i)),
            ) else {
                continue;
            };
            let target_span = first.span.cover(last.span);
            let source_words = folded_words(source_text);
            let target_words = folded_words(pair.target.slice(target_span));
            // A name is lost when one of its words is neither common nor
            // found on the other side.
            let lost: Vec<Name> = names(pair.source, link.source.clone())
                .into_iter()
                .filter(|n| {
                    n.words.iter().any(|w| {
                        !self.source_common().contains(w)
                            && !self.has_counterpart(w, &target_words, true)
                    })
                })
                .collect();
            if lost.is_empty() {
                continue;
            }
            let lost_names: Vec<&str> = lost.iter().map(|n| pair.source.slice(n.span)).collect();
            let related = Related {
                span: source_span,
                message: format!("source sentence naming {}", lost_names.join(", ")),
                in_source: true,
            };
            let strangers: Vec<Name> = names(pair.target, link.target.clone())
                .into_iter()
                .filter(|n| {
                    n.words.iter().any(|w| {
                        !self.target_common.contains(w)
                            && !self.has_counterpart(w, &source_words, false)
                    })
                })
                .collect();
            // As many new names as lost ones: replaced; otherwise lost.
            if strangers.len() != lost.len() {
                let mut diagnostic = self.meta.diagnostic(
                    target_span,
                    format!("{} of the source is missing here", lost_names.join(" ")),
                );
                diagnostic.related.push(related);
                out.push(diagnostic);
                continue;
            }
            for stranger in strangers {
                let found = pair.target.slice(stranger.span);
                let mut diagnostic = self.meta.diagnostic(
                    stranger.span,
                    format!(
                        "“{found}” is not in the source, which names {}",
                        lost_names.join(" ")
                    ),
                );
                diagnostic.related.push(related.clone());
                out.push(diagnostic);
            }
        }
    }
}
