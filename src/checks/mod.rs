//! The checks. Each reads a segmented `Document` and reports diagnostics; none
//! knows about files, output formats or other checks.
//!
//! A built-in check implements one rule kind; which rules exist, with which
//! ids, severities and settings, is decided by the rule files.

pub mod acronym_order;
pub mod doubled_word;
pub mod duplicate_heading;
pub mod entity_mismatch;
pub mod length_ratio;
pub mod lone_credit;
pub mod mark_parity;
pub mod number_mismatch;
pub mod phrases;
pub mod quote_mismatch;
pub mod source_fragment;
pub mod untranslated;

use serde::de::DeserializeOwned;

use crate::align::Alignment;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::Document;
use crate::rules::RuleMeta;

/// What every check does: read the document, append findings.
pub trait Check: std::any::Any + Send + Sync {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>);

    /// `check` of each document, `outs[i]` receiving the findings of
    /// `docs[i]`. A check that runs several parts (the phrase check's scan
    /// and patterns) can run each over every document in turn.
    fn check_each(&self, docs: &[&Document], outs: &mut [Vec<Diagnostic>]) {
        for (doc, out) in docs.iter().zip(outs) {
            self.check(doc, out);
        }
    }

    /// Builds now what the check would build on its first document.
    fn prepare(&self) {}
}

/// A translation with its source, aligned: what bilingual checks read.
pub struct Pair<'a> {
    pub source: &'a Document<'a>,
    pub target: &'a Document<'a>,
    pub alignment: &'a Alignment,
}

impl Pair<'_> {
    /// Text of the source sentences `range`.
    pub fn source_text(&self, range: std::ops::Range<usize>) -> Option<(crate::span::Span, &str)> {
        let sentences = &self.source.sentences[range];
        let span = sentences.first()?.span.cover(sentences.last()?.span);
        Some((span, self.source.slice(span)))
    }
}

/// A check that reads a translation together with its source; findings
/// point into the target.
pub trait PairCheck: std::any::Any + Send + Sync {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>);
}

/// A built-in check of either sort.
pub enum Built {
    Document(Box<dyn Check>),
    Pair(Box<dyn PairCheck>),
}

/// Kinds implemented in code, usable as `kind = "…"` in a rule file, with
/// the category each reports under unless its rule says otherwise.
pub const BUILTIN_KINDS: &[(&str, Category)] = &[
    (acronym_order::KIND, Category::Acronym),
    (doubled_word::KIND, Category::Garbled),
    (duplicate_heading::KIND, Category::DuplicateHeading),
    (entity_mismatch::KIND, Category::EntityMismatch),
    (length_ratio::KIND, Category::Omission),
    (lone_credit::KIND, Category::Furniture),
    (mark_parity::KIND, Category::Typography),
    (number_mismatch::KIND, Category::NumberMismatch),
    (quote_mismatch::KIND, Category::QuoteMismatch),
    (source_fragment::KIND, Category::SourceFragment),
    (untranslated::KIND, Category::Untranslated),
];

/// The category a built-in kind reports under by default.
pub fn natural_category(kind: &str) -> Option<Category> {
    BUILTIN_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|&(_, c)| c)
}

/// Builds the check for a built-in rule from its `[rule.options]` table.
/// `read` loads a file named relative to the rule file.
pub fn build(
    meta: RuleMeta,
    options: toml::Table,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Built, String> {
    use Built::{Document as Doc, Pair as Two};
    Ok(match meta.kind.as_str() {
        acronym_order::KIND => Doc(Box::new(acronym_order::AcronymOrder::new(
            meta,
            parse(options)?,
        ))),
        doubled_word::KIND => Doc(Box::new(doubled_word::DoubledWord::new(
            meta,
            parse(options)?,
        ))),
        duplicate_heading::KIND => Doc(Box::new(duplicate_heading::DuplicateHeading::new(
            meta,
            parse(options)?,
        )?)),
        lone_credit::KIND => Doc(Box::new(lone_credit::LoneCredit::new(
            meta,
            parse(options)?,
        ))),
        quote_mismatch::KIND => Doc(Box::new(quote_mismatch::QuoteMismatch::new(
            meta,
            parse(options)?,
        ))),
        source_fragment::KIND => Doc(Box::new(source_fragment::SourceFragment::new(
            meta,
            parse(options)?,
            read,
        )?)),
        untranslated::KIND => Two(Box::new(untranslated::Untranslated::new(
            meta,
            parse(options)?,
        )?)),
        length_ratio::KIND => Two(Box::new(length_ratio::LengthRatio::new(
            meta,
            parse(options)?,
        )?)),
        mark_parity::KIND => Two(Box::new(mark_parity::MarkParity::new(
            meta,
            parse(options)?,
        ))),
        number_mismatch::KIND => Two(Box::new(number_mismatch::NumberMismatch::new(
            meta,
            parse(options)?,
        ))),
        entity_mismatch::KIND => Two(Box::new(entity_mismatch::EntityMismatch::new(
            meta,
            parse(options)?,
            read,
        )?)),
        other => return Err(format!("unknown rule kind `{other}`")),
    })
}

fn parse<T: DeserializeOwned>(options: toml::Table) -> Result<T, String> {
    T::deserialize(toml::Value::Table(options))
        .map_err(|e| format!("in `options`: {}", e.message()))
}

/// Runs `check` on every item, in parallel chunks in a large document
/// (`crate::document::map_chunks`); the findings are sorted afterwards.
pub(crate) fn for_chunks<T: Sync>(
    items: &[T],
    out: &mut Vec<Diagnostic>,
    check: impl Fn(&[T], &mut Vec<Diagnostic>) + Sync,
) {
    let found = crate::document::map_chunks(items, |chunk| {
        let mut found = Vec::new();
        check(chunk, &mut found);
        found
    });
    out.extend(found.into_iter().flatten());
}

/// The words of a word-list file: one a line, blank lines and `#` comments
/// skipped.
fn lexicon_words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether the character can be part of a word (for whole-word matching).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `span` of `text` is not glued to letters or digits on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let glued_before = first.is_some_and(is_word_char) && before.is_some_and(is_word_char);
    let glued_after = last.is_some_and(is_word_char) && after.is_some_and(is_word_char);
    !glued_before && !glued_after
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the checks' unit tests: run one rule on a text.

    use std::sync::OnceLock;

    use crate::diagnostic::Diagnostic;
    use crate::document::Format;
    use crate::rules::RuleSet;

    /// Findings of the embedded rule `rule` alone on `text` (plain text).
    pub fn run(rule: &str, text: &str) -> Vec<Diagnostic> {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        let rules = RULES.get_or_init(|| RuleSet::builtin().expect("embedded rules load"));
        assert!(rules.rules.iter().any(|r| r.id == rule), "no rule {rule}");
        let mut found = rules.check(text, Format::Plain);
        found.retain(|d| d.rule == rule);
        found
    }

    /// The flagged excerpts of `rule` on `text`.
    pub fn flagged(rule: &str, text: &str) -> Vec<String> {
        run(rule, text)
            .iter()
            .map(|d| text[d.span.start..d.span.end].to_string())
            .collect()
    }
}
