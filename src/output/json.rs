//! `--format json` and `jsonl`: findings streamed file by file, as one
//! array or one object a line.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Printer};
use crate::span::LineIndex;

#[derive(Serialize)]
pub(crate) struct JsonRelated<'a> {
    /// Only for a place in another file (the source of a translation).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    line: usize,
    message: &'a str,
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

/// The JSON object of each finding of a file, in order.
pub(crate) fn objects<'a>(
    report: &'a FileReport,
    index: &'a LineIndex,
) -> impl Iterator<Item = JsonDiagnostic<'a>> + 'a {
    report.diagnostics.iter().map(move |d| {
        let start = index.position(d.span.start);
        let end = index.position(d.span.end);
        JsonDiagnostic {
            path: report.path,
            rule: &d.rule,
            category: d.category.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            start: d.span.start,
            end: d.span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            suggestion: d.suggestion.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| {
                    let (path, line) = report.related_line(r);
                    JsonRelated {
                        path: r.in_source.then_some(path),
                        line,
                        message: &r.message,
                    }
                })
                .collect(),
        }
    })
}

/// Bytes of objects held before they are written: serde_json writes a few
/// bytes at a time, each through `out`'s trait object, and a large file's
/// findings are not all held at once.
const FLUSH_AT: usize = 1 << 16;

/// `--format json` (one array) or `--format jsonl` (one object a line).
pub struct JsonPrinter<'w> {
    out: Box<dyn Write + 'w>,
    lines: bool,
    written: usize,
}

impl<'w> JsonPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, lines: bool) -> Self {
        JsonPrinter {
            out,
            lines,
            written: 0,
        }
    }
}

impl Printer for JsonPrinter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let index = report.lines();
        let mut out = io::BufWriter::with_capacity(FLUSH_AT, &mut self.out);
        for json in objects(report, index) {
            let separator: &[u8] = match (self.lines, self.written) {
                (true, _) => b"",
                (false, 0) => b"[\n  ",
                (false, _) => b",\n  ",
            };
            out.write_all(separator)?;
            serde_json::to_writer(&mut out, &json)?;
            if self.lines {
                out.write_all(b"\n")?;
            }
            self.written += 1;
        }
        // The buffer only: `out` is flushed when the output ends.
        out.into_inner()
            .map(drop)
            .map_err(io::IntoInnerError::into_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        if !self.lines {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}
