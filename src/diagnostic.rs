//! What a check reports: a rule, a category, a severity and a span.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// The kinds of defect mtlint knows; every rule belongs to exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    QuoteMismatch,
    DuplicateHeading,
    SourceFragment,
    Typography,
    Furniture,
    Acronym,
    Garbled,
    Calque,
    /// Bilingual: a target sentence left in the source language.
    Untranslated,
    /// Bilingual: source content with no counterpart in the target.
    Omission,
    /// Bilingual: target content with no counterpart in the source.
    Addition,
    /// Bilingual: a number that differs from the source.
    NumberMismatch,
    /// Bilingual: a name of the source missing or replaced in the target.
    EntityMismatch,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::QuoteMismatch,
        Category::DuplicateHeading,
        Category::SourceFragment,
        Category::Typography,
        Category::Furniture,
        Category::Acronym,
        Category::Garbled,
        Category::Calque,
        Category::Untranslated,
        Category::Omission,
        Category::Addition,
        Category::NumberMismatch,
        Category::EntityMismatch,
    ];

    /// The category with this name (`quote-mismatch`…).
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::QuoteMismatch => "quote-mismatch",
            Category::DuplicateHeading => "duplicate-heading",
            Category::SourceFragment => "source-fragment",
            Category::Typography => "typography",
            Category::Furniture => "furniture",
            Category::Acronym => "acronym",
            Category::Garbled => "garbled",
            Category::Calque => "calque",
            Category::Untranslated => "untranslated",
            Category::Omission => "omission",
            Category::Addition => "addition",
            Category::NumberMismatch => "number-mismatch",
            Category::EntityMismatch => "entity-mismatch",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How serious a finding is; ordered so that `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Another place that explains a finding: in the same file (the first copy
/// of a heading…) or, in bilingual mode, in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
    pub in_source: bool,
}

/// One finding, pointing at exact bytes of the original file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub suggestion: Option<String>,
    /// The rule's suggestions are safe to apply without review (`--fix`).
    pub fixable: bool,
    pub related: Vec<Related>,
}
