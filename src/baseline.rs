//! Baselines: the findings a project accepts for now, so that CI reports
//! only new ones. A finding is recorded by a fingerprint that survives edits
//! elsewhere in the file: its path, rule, the flagged text and the text
//! around it (whitespace folded), not its line.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// Characters of context kept on each side of a finding, within its line.
const CONTEXT: usize = 30;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint {
    pub path: String,
    pub rule: String,
    pub excerpt: String,
    pub context: String,
}

fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Fingerprint {
    pub fn of(path: &str, text: &str, d: &Diagnostic) -> Fingerprint {
        // Context stops at line breaks: a paragraph added or removed next
        // to the finding does not change it.
        let before: String = {
            let chars: Vec<char> = text[..d.span.start]
                .chars()
                .rev()
                .take_while(|&c| c != '\n')
                .take(CONTEXT)
                .collect();
            chars.into_iter().rev().collect()
        };
        let after: String = text[d.span.end..]
            .chars()
            .take_while(|&c| c != '\n')
            .take(CONTEXT)
            .collect();
        Fingerprint {
            path: path.to_string(),
            rule: d.rule.clone(),
            excerpt: fold_space(&text[d.span.start..d.span.end]),
            context: fold_space(&format!("{before}\u{2016}{after}")),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Fingerprint>,
}

/// Accepted findings, each usable as many times as it was recorded.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<Fingerprint, usize>,
}

impl Baseline {
    pub fn parse(json: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(json)
            .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        let mut remaining = HashMap::new();
        for fingerprint in file.findings {
            *remaining.entry(fingerprint).or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Drops the findings the baseline accepts (each accepted once).
    pub fn filter(&mut self, path: &str, text: &str, found: &mut Vec<Diagnostic>) {
        found.retain(
            |d| match self.remaining.get_mut(&Fingerprint::of(path, text, d)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        );
    }

    /// The baseline file for these fingerprints.
    pub fn write(mut findings: Vec<Fingerprint>) -> String {
        findings.sort();
        let mut out = serde_json::to_string_pretty(&File {
            version: 1,
            findings,
        })
        .expect("fingerprints serialise");
        out.push('\n');
        out
    }
}
