//! Output formats. A printer receives one file's findings at a time, so
//! nothing holds the whole corpus in memory.

pub mod alignment;
pub mod explain;
pub(crate) mod json;
mod junit;
mod line;
mod pretty;
mod sarif;
mod summary;

use std::cell::OnceCell;
use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::rules::RuleMeta;
use crate::span::LineIndex;

pub use json::JsonPrinter;
pub use junit::JunitPrinter;
pub use line::LinePrinter;
pub use pretty::PrettyPrinter;
pub use sarif::SarifPrinter;
pub use summary::Summary;

/// One checked file: its path as given, its text and its sorted findings;
/// in bilingual mode, the source file that related places may point into.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    pub source: Option<SourceFile<'a>>,
    /// Line indexes of the text and of the source, built once when first
    /// needed: a finding's related place must not cost a pass over a
    /// large file.
    lines: OnceCell<LineIndex<'a>>,
    source_lines: OnceCell<LineIndex<'a>>,
}

/// The source of a checked translation.
#[derive(Clone, Copy)]
pub struct SourceFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl<'a> FileReport<'a> {
    pub fn new(
        path: &'a str,
        text: &'a str,
        diagnostics: &'a [Diagnostic],
        source: Option<SourceFile<'a>>,
    ) -> Self {
        FileReport {
            path,
            text,
            diagnostics,
            source,
            lines: OnceCell::new(),
            source_lines: OnceCell::new(),
        }
    }

    /// The line index of the checked text.
    pub fn lines(&self) -> &LineIndex<'a> {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    /// The file and 1-based line of a related place.
    pub fn related_line(&self, related: &crate::diagnostic::Related) -> (&str, usize) {
        match (&self.source, related.in_source) {
            (Some(source), true) => (
                source.path,
                self.source_lines
                    .get_or_init(|| LineIndex::new(source.text))
                    .position(related.span.start)
                    .line,
            ),
            _ => (self.path, self.lines().position(related.span.start).line),
        }
    }
}

pub trait Printer {
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// Called once after the last file.
    fn finish(&mut self) -> io::Result<()>;
}

/// How a printer prints.
#[derive(Clone, Debug, Default)]
pub struct PrinterOptions {
    pub color: bool,
    /// Findings only: no closing count.
    pub quiet: bool,
    /// Described by formats that carry rule help (`describes_rules`).
    pub rules: Vec<RuleMeta>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// path:line:col, severity, rule, message and the line with the span underlined
    Pretty,
    /// one JSON array of findings (see README, "JSON contract")
    Json,
    /// one JSON object a line, same fields
    Jsonl,
    /// one line a finding: path:line:col: severity[rule] message
    Concise,
    /// SARIF 2.1.0, with every rule's help
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML, one test case a file
    Junit,
}

impl OutputFormat {
    /// The printer of this format.
    pub fn printer<'w>(
        self,
        out: Box<dyn Write + 'w>,
        options: PrinterOptions,
    ) -> Box<dyn Printer + 'w> {
        let PrinterOptions {
            color,
            quiet,
            rules,
        } = options;
        match self {
            OutputFormat::Pretty => Box::new(PrettyPrinter::new(out, color, quiet)),
            OutputFormat::Json => Box::new(JsonPrinter::new(out, false)),
            OutputFormat::Jsonl => Box::new(JsonPrinter::new(out, true)),
            OutputFormat::Concise => Box::new(LinePrinter::new(out, false)),
            OutputFormat::Github => Box::new(LinePrinter::new(out, true)),
            OutputFormat::Sarif => Box::new(SarifPrinter::new(out, rules)),
            OutputFormat::Junit => Box::new(JunitPrinter::new(out)),
        }
    }

    /// Whether the output is for people (a summary may follow it on stdout).
    pub fn is_for_people(self) -> bool {
        matches!(self, OutputFormat::Pretty | OutputFormat::Concise)
    }

    /// Whether the output carries every rule's help (SARIF), and its printer
    /// needs `PrinterOptions::rules`.
    pub fn describes_rules(self) -> bool {
        matches!(self, OutputFormat::Sarif)
    }
}
