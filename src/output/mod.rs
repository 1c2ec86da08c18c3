//! Output formats. A printer receives one file's findings at a time, so
//! nothing holds the whole corpus in memory.

pub mod alignment;
pub mod explain;
mod json;
mod pretty;

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::span::LineIndex;

pub use json::JsonPrinter;
pub use pretty::PrettyPrinter;

/// One checked file: its path as given, its text and its sorted findings;
/// in bilingual mode, the source file that related places may point into.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    pub source: Option<SourceFile<'a>>,
}

/// The source of a checked translation.
#[derive(Clone, Copy)]
pub struct SourceFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl FileReport<'_> {
    /// The file and 1-based line of a related place.
    pub fn related_line(&self, related: &crate::diagnostic::Related) -> (&str, usize) {
        match (&self.source, related.in_source) {
            (Some(source), true) => (
                source.path,
                LineIndex::new(source.text)
                    .position(related.span.start)
                    .line,
            ),
            _ => (
                self.path,
                LineIndex::new(self.text).position(related.span.start).line,
            ),
        }
    }
}

pub trait Printer {
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// Called once after the last file.
    fn finish(&mut self) -> io::Result<()>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// path:line:col, severity, rule, message and the line with the span underlined
    Pretty,
    /// one JSON array of findings (see README, "JSON contract")
    Json,
}

impl OutputFormat {
    pub fn printer<'w>(self, out: Box<dyn Write + 'w>, color: bool) -> Box<dyn Printer + 'w> {
        match self {
            OutputFormat::Pretty => Box::new(PrettyPrinter::new(out, color)),
            OutputFormat::Json => Box::new(JsonPrinter::new(out)),
        }
    }
}
