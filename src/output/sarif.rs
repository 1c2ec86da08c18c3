//! `--format sarif`: SARIF 2.1.0, for code-scanning services. Results are
//! streamed file by file; the tool description with every rule's help comes
//! after them, when the run ends.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, Printer};
use crate::diagnostic::Severity;
use crate::rules::RuleMeta;

pub struct SarifPrinter<'w> {
    out: Box<dyn Write + 'w>,
    rules: Vec<RuleMeta>,
    written: usize,
}

impl<'w> SarifPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, rules: Vec<RuleMeta>) -> Self {
        SarifPrinter {
            out,
            rules,
            written: 0,
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF artifact URI for a path as given: forward slashes, spaces and
/// percent signs escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

fn help(rule: &RuleMeta) -> String {
    let mut text = rule.description.clone().unwrap_or_default();
    if let Some(french) = &rule.french {
        text.push_str(&format!("\nFrench origin: {french}"));
    }
    for bad in &rule.bad {
        text.push_str(&format!("\nBad: {bad}"));
    }
    for good in &rule.good {
        text.push_str(&format!("\nGood: {good}"));
    }
    text.trim().to_string()
}

impl Printer for SarifPrinter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let index = report.lines();
        for d in report.diagnostics {
            let (start, end) = (index.position(d.span.start), index.position(d.span.end));
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(report.path)},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": d.span.start,
                            "byteLength": d.span.end - d.span.start,
                        }
                    }
                }],
                "properties": {"category": d.category.as_str()},
            });
            if let Some(i) = self.rules.iter().position(|r| r.id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (path, line) = report.related_line(r);
                    json!({
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(path)},
                            "region": {"startLine": line}
                        }
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(suggestion) = &d.suggestion {
                result["properties"]["suggestion"] = json!(suggestion);
            }
            let head = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [\n      ";
            self.out.write_all(if self.written == 0 {
                head.as_bytes()
            } else {
                b",\n      "
            })?;
            serde_json::to_writer(&mut self.out, &result)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.written == 0 {
            self.out.write_all(b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [")?;
        }
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "shortDescription": {"text": r.description.clone().unwrap_or_else(|| r.id.clone())},
                    "help": {"text": help(r)},
                    "defaultConfiguration": {"level": level(r.severity)},
                    "properties": {"category": r.category.as_str(), "tags": [r.category.as_str()]},
                })
            })
            .collect();
        let tool = json!({"driver": {"name": "mtlint", "version": env!("CARGO_PKG_VERSION"), "rules": rules}});
        write!(self.out, "\n    ],\n    \"tool\": ")?;
        serde_json::to_writer(&mut self.out, &tool)?;
        self.out.write_all(b"\n  }]\n}\n")?;
        self.out.flush()
    }
}
