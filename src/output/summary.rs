//! `--summary`: counts of findings per category and rule, after the output.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{FileReport, Printer};

/// Wraps a printer and counts what passes through it.
pub struct Summary<'w> {
    inner: Box<dyn Printer + 'w>,
    out: Box<dyn Write + 'w>,
    /// category → rule → count
    counts: BTreeMap<&'static str, BTreeMap<String, usize>>,
}

impl<'w> Summary<'w> {
    /// `out` receives the table: stdout after output for people, stderr
    /// after machine-readable output.
    pub fn new(inner: Box<dyn Printer + 'w>, out: Box<dyn Write + 'w>) -> Self {
        Summary {
            inner,
            out,
            counts: BTreeMap::new(),
        }
    }
}

impl Printer for Summary<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in report.diagnostics {
            *self
                .counts
                .entry(d.category.as_str())
                .or_default()
                .entry(d.rule.clone())
                .or_default() += 1;
        }
        self.inner.file(report)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.inner.finish()?;
        writeln!(self.out, "{:<18} {:<32} {:>6}", "CATEGORY", "RULE", "COUNT")?;
        for (category, rules) in &self.counts {
            writeln!(
                self.out,
                "{category:<18} {:<32} {:>6}",
                "(all)",
                rules.values().sum::<usize>()
            )?;
            for (rule, count) in rules {
                writeln!(self.out, "{:<18} {rule:<32} {count:>6}", "")?;
            }
        }
        self.out.flush()
    }
}
