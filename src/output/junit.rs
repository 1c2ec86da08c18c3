//! `--format junit`: one test case a file, failed when it has findings, for
//! CI systems that display JUnit reports.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::{FileReport, Printer};

pub struct JunitPrinter<'w> {
    out: Box<dyn Write + 'w>,
    /// (file, findings as text lines): small, kept until the counts are known.
    cases: Vec<(String, Vec<String>)>,
}

impl<'w> JunitPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        JunitPrinter {
            out,
            cases: Vec::new(),
        }
    }
}

impl Printer for JunitPrinter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let index = report.lines();
        let lines = report
            .diagnostics
            .iter()
            .map(|d| {
                let at = index.position(d.span.start);
                format!(
                    "{}:{}:{}: {}[{}] {}",
                    report.path, at.line, at.column, d.severity, d.rule, d.message
                )
            })
            .collect();
        self.cases.push((report.path.to_string(), lines));
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let failures = self
            .cases
            .iter()
            .filter(|(_, lines)| !lines.is_empty())
            .count();
        let tests = self.cases.len();
        writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            self.out,
            r#"<testsuites name="mtlint" tests="{tests}" failures="{failures}">"#
        )?;
        writeln!(
            self.out,
            r#"  <testsuite name="mtlint" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        for (path, lines) in &self.cases {
            let name = escape(path.as_str());
            if lines.is_empty() {
                writeln!(
                    self.out,
                    r#"    <testcase classname="mtlint" name="{name}"/>"#
                )?;
            } else {
                writeln!(
                    self.out,
                    r#"    <testcase classname="mtlint" name="{name}">"#
                )?;
                writeln!(
                    self.out,
                    r#"      <failure message="{} finding{}" type="mtlint">{}</failure>"#,
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" },
                    escape(lines.join("\n").as_str())
                )?;
                writeln!(self.out, "    </testcase>")?;
            }
        }
        writeln!(self.out, "  </testsuite>\n</testsuites>")?;
        self.out.flush()
    }
}
