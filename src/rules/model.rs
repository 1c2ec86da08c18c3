//! The rule-file format, as read from TOML (see `rules/README.md`).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Category, Severity};

/// A rule file: a list of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

/// One `[[rule]]` table. `kind` names the check that implements it: the
/// phrase kinds `existence` and `substitution`, or a built-in check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRule {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub category: Option<Category>,
    pub severity: Option<Severity>,
    /// Message template; `{match}` and `{suggestion}` are filled in.
    pub message: Option<String>,
    /// What the rule catches and why, shown by `mtlint rules`.
    pub description: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Add to the earlier rule with this id instead of replacing it: lists
    /// (in `options` too) are appended, other values replace.
    #[serde(default)]
    pub extend: bool,
    /// The French expression a calque or false friend comes from.
    pub french: Option<String>,
    /// Suggested replacement for every match of an `existence` rule.
    pub suggestion: Option<String>,
    /// Phrase kinds: the suggestion is the flagged text with these
    /// characters replaced (thousands separators: " " → ",").
    #[serde(default)]
    pub replace_chars: std::collections::BTreeMap<String, String>,
    /// The rule's suggestions are safe to apply without review (`--fix`).
    #[serde(default)]
    pub fixable: bool,
    /// `existence`: literal phrases, matched as whole words.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// `existence`: regular expressions (Rust `regex` syntax); a group named
    /// `flag` narrows the reported span.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// `substitution`: phrase → replacement.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// Phrase kinds: drop a match when one of these regexes matches its text.
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub ignorecase: bool,
    /// Phrase kinds: fire only at the start of a sentence.
    #[serde(default)]
    pub sentence_start: bool,
    /// Phrase kinds: the word right after (before) the match must (must not)
    /// be one of these, in lower case.
    #[serde(default)]
    pub followed_by: Vec<String>,
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    #[serde(default)]
    pub preceded_by: Vec<String>,
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// Texts the rule must flag, and texts it must leave alone: documentation
    /// that the test suite checks.
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
    /// Settings of a built-in check.
    pub options: Option<Spanned<toml::Table>>,
}

fn yes() -> bool {
    true
}

impl RawRule {
    /// Whether any field that only phrase rules use is set.
    pub fn has_phrase_fields(&self) -> bool {
        !(self.tokens.is_empty()
            && self.patterns.is_empty()
            && self.swap.is_empty()
            && self.exceptions.is_empty()
            && self.suggestion.is_none()
            && self.replace_chars.is_empty()
            && !self.sentence_start
            && self.followed_by.is_empty()
            && self.not_followed_by.is_empty()
            && self.preceded_by.is_empty()
            && self.not_preceded_by.is_empty())
    }
}
