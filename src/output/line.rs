//! One line a finding: `--format concise` for people and scripts, and
//! `--format github` for GitHub Actions workflow commands (annotations).

use std::io::{self, Write};

use super::{FileReport, Printer};
use crate::diagnostic::Severity;

pub struct LinePrinter<'w> {
    out: Box<dyn Write + 'w>,
    github: bool,
}

impl<'w> LinePrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, github: bool) -> Self {
        LinePrinter { out, github }
    }
}

/// Escapes a workflow-command value: `%`, line breaks, and in properties
/// also `:` and `,`.
fn escape(text: &str, property: bool) -> String {
    let mut out = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

impl Printer for LinePrinter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let index = report.lines();
        for d in report.diagnostics {
            let (start, end) = (index.position(d.span.start), index.position(d.span.end));
            if self.github {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                writeln!(
                    self.out,
                    "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    escape(report.path, true),
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    escape(&format!("mtlint {}", d.rule), true),
                    escape(&d.message, false)
                )?;
            } else {
                writeln!(
                    self.out,
                    "{}:{}:{}: {}[{}] {}",
                    report.path, start.line, start.column, d.severity, d.rule, d.message
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
