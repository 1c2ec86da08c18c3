//! `--format pretty`: rustc-style reports with the span underlined.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};

use super::{FileReport, Printer};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

pub struct PrettyPrinter<'w> {
    out: Box<dyn Write + 'w>,
    renderer: Renderer,
    counts: [usize; 3],
    files_with_findings: usize,
    quiet: bool,
}

impl<'w> PrettyPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, color: bool, quiet: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        PrettyPrinter {
            out,
            renderer,
            counts: [0; 3],
            files_with_findings: 0,
            quiet,
        }
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Lines longer than this are shown as a window around the finding, so that
/// a file made of one huge line still prints in linear time.
const LONG_LINE: usize = 4096;
const WINDOW: usize = 300;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The lines holding `span`, annotated. A very long line is not drawn:
/// its place and a window of text around the finding are given instead.
fn snippet<'a>(
    report: &FileReport<'a>,
    index: &LineIndex,
    span: Span,
    kind: AnnotationKind,
    label: &'a str,
) -> Vec<Element<'a>> {
    let lines = index.line_span(span.start).cover(index.line_span(span.end));
    if lines.end - lines.start > LONG_LINE {
        let at = index.position(span.start);
        let start = floor_boundary(
            report.text,
            span.start.saturating_sub(WINDOW).max(lines.start),
        );
        let end = floor_boundary(
            report.text,
            (span.end.min(span.start + WINDOW) + WINDOW).min(lines.end),
        );
        let flagged_end = floor_boundary(report.text, span.end.min(span.start + WINDOW));
        let excerpt = format!(
            "{label}: “{}” in …{}…",
            &report.text[span.start..flagged_end],
            report.text[start..end].replace(['\n', '\r'], " ")
        );
        return vec![
            Origin::path(report.path)
                .line(at.line)
                .char_column(at.column)
                .into(),
            Level::NOTE.message(excerpt).into(),
        ];
    }
    let local = span.start - lines.start..span.end.min(lines.end) - lines.start;
    vec![
        Snippet::source(&report.text[lines.start..lines.end])
            .line_start(index.position(lines.start).line)
            .path(report.path)
            .annotation(kind.span(local).label(label))
            .into(),
    ]
}

impl PrettyPrinter<'_> {
    fn render<'a>(&self, report: &FileReport<'a>, index: &LineIndex, d: &'a Diagnostic) -> String {
        let mut elements = snippet(
            report,
            index,
            d.span,
            AnnotationKind::Primary,
            d.category.as_str(),
        );
        let mut notes = Vec::new();
        for related in &d.related {
            if related.in_source {
                let (path, line) = report.related_line(related);
                notes.push(format!("{path}:{line}: {}", related.message));
                continue;
            }
            elements.extend(snippet(
                report,
                index,
                related.span,
                AnnotationKind::Context,
                &related.message,
            ));
        }
        let title = level(d.severity)
            .primary_title(d.message.as_str())
            .id(d.rule.as_str());
        let mut groups = vec![Group::with_title(title).elements(elements)];
        for note in &notes {
            groups.push(Group::with_title(
                Level::NOTE.secondary_title(note.as_str()),
            ));
        }
        if let Some(suggestion) = &d.suggestion {
            let text = if suggestion.is_empty() {
                "remove it".to_string()
            } else {
                format!("suggestion: {suggestion}")
            };
            groups.push(Group::with_title(Level::HELP.secondary_title(text)));
        }
        self.renderer.render(&groups)
    }
}

impl Printer for PrettyPrinter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        self.files_with_findings += 1;
        let index = report.lines();
        for d in report.diagnostics {
            self.counts[d.severity as usize] += 1;
            writeln!(self.out, "{}\n", self.render(report, index, d))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let [info, warning, error] = self.counts;
        let total = info + warning + error;
        if self.quiet {
            return self.out.flush();
        }
        if total == 0 {
            writeln!(self.out, "No findings.")?;
        } else {
            writeln!(
                self.out,
                "Found {total} finding{} ({error} error{}, {warning} warning{}, {info} info) in {} file{}.",
                plural(total),
                plural(error),
                plural(warning),
                self.files_with_findings,
                plural(self.files_with_findings)
            )?;
        }
        self.out.flush()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
