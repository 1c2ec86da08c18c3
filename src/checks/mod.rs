//! The checks. Each reads a segmented `Document` and reports diagnostics; none
//! knows about files, output formats or other checks.
//!
//! A built-in check implements one rule kind; which rules exist, with which
//! ids, severities and settings, is decided by the rule files.

pub mod acronym_order;
pub mod doubled_word;
pub mod duplicate_heading;
pub mod lone_credit;
pub mod phrases;
pub mod quote_mismatch;
pub mod source_fragment;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Category, Diagnostic};
use crate::document::Document;
use crate::rules::RuleMeta;

/// What every check does: read the document, append findings.
pub trait Check: std::any::Any + Send + Sync {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>);
}

/// Kinds implemented in code, usable as `kind = "…"` in a rule file.
pub const BUILTIN_KINDS: &[&str] = &[
    acronym_order::KIND,
    doubled_word::KIND,
    duplicate_heading::KIND,
    lone_credit::KIND,
    quote_mismatch::KIND,
    source_fragment::KIND,
];

/// The category a built-in kind reports under unless its rule says otherwise.
pub fn natural_category(kind: &str) -> Option<Category> {
    Some(match kind {
        acronym_order::KIND => Category::Acronym,
        doubled_word::KIND => Category::Garbled,
        duplicate_heading::KIND => Category::DuplicateHeading,
        lone_credit::KIND => Category::Furniture,
        quote_mismatch::KIND => Category::QuoteMismatch,
        source_fragment::KIND => Category::SourceFragment,
        _ => return None,
    })
}

/// Builds the check for a built-in rule from its `[rule.options]` table.
/// `read` loads a file named relative to the rule file.
pub fn build(
    meta: RuleMeta,
    options: toml::Table,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Box<dyn Check>, String> {
    Ok(match meta.kind.as_str() {
        acronym_order::KIND => Box::new(acronym_order::AcronymOrder::new(meta, parse(options)?)),
        doubled_word::KIND => Box::new(doubled_word::DoubledWord::new(meta, parse(options)?)),
        duplicate_heading::KIND => Box::new(duplicate_heading::DuplicateHeading::new(
            meta,
            parse(options)?,
        )?),
        lone_credit::KIND => Box::new(lone_credit::LoneCredit::new(meta, parse(options)?)),
        quote_mismatch::KIND => Box::new(quote_mismatch::QuoteMismatch::new(meta, parse(options)?)),
        source_fragment::KIND => Box::new(source_fragment::SourceFragment::new(
            meta,
            parse(options)?,
            read,
        )?),
        other => return Err(format!("unknown rule kind `{other}`")),
    })
}

fn parse<T: DeserializeOwned>(options: toml::Table) -> Result<T, String> {
    T::deserialize(toml::Value::Table(options))
        .map_err(|e| format!("in `options`: {}", e.message()))
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
