//! Recall and precision of the default rules over the project's corpus:
//! every article under `corpus/` has a labels file beside it (the JSON-lines
//! format of `shared/eval/labels`). A label is met by a finding of the same
//! category whose span overlaps it; `may` labels are never required and
//! accept a finding of any category.

use std::path::{Path, PathBuf};

use mtlint::{Diagnostic, Format, Linter, LoadOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Label {
    line: usize,
    excerpt: String,
    category: String,
    need: String,
    #[serde(default)]
    also: Vec<usize>,
}

/// Byte spans a label stands for: its excerpt on its line, plus whole lines in `also`.
fn label_spans(text: &str, label: &Label) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_text = |n: usize| {
        let start = starts[n - 1];
        let end = starts.get(n).map_or(text.len(), |&next| next - 1);
        (start, &text[start..end])
    };
    let (start, line) = line_text(label.line);
    let column = line.find(&label.excerpt).unwrap_or_else(|| {
        panic!(
            "label excerpt not on line {}: {:?}",
            label.line, label.excerpt
        )
    });
    let mut spans = vec![(start + column, start + column + label.excerpt.len())];
    for &other in &label.also {
        let (start, line) = line_text(other);
        spans.push((start, start + line.len()));
    }
    spans
}

fn overlaps(d: &Diagnostic, (start, end): (usize, usize)) -> bool {
    if d.span.is_empty() {
        start <= d.span.start && d.span.start <= end
    } else {
        d.span.start < end && start < d.span.end
    }
}

/// Whether a finding meets a label: same category (any, for `may`) and overlapping spans.
fn meets(d: &Diagnostic, label: &Label, spans: &[(usize, usize)]) -> bool {
    (label.need == "may" || d.category.as_str() == label.category)
        && spans.iter().any(|&s| overlaps(d, s))
}

fn articles(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            articles(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) {
            out.push(path);
        }
    }
}

#[test]
fn corpus_recall_and_precision() {
    // Every target language, detected per article as a user would run it.
    let linter = Linter::load(&LoadOptions {
        target: String::new(),
        ..LoadOptions::default()
    })
    .unwrap();
    let mut paths = Vec::new();
    articles(Path::new("corpus"), &mut paths);
    paths.sort();
    assert!(paths.len() >= 16, "the corpus has {} articles", paths.len());
    let (mut labels_met, mut labels_total, mut matched, mut findings) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let labels: Vec<Label> = std::fs::read_to_string(path.with_extension("jsonl"))
            .unwrap_or_else(|_| panic!("{} has no labels file", path.display()))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let spans: Vec<Vec<(usize, usize)>> =
            labels.iter().map(|l| label_spans(&text, l)).collect();
        let pair = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let (target, rules) = linter.target_of(&text);
        assert_eq!(
            pair.split_once('-').unwrap().1,
            target,
            "{} detected as {target}",
            path.display()
        );
        let diagnostics = rules.check(&text, Format::from_path(path));
        for (label, spans) in labels.iter().zip(&spans) {
            if label.need == "may" {
                continue;
            }
            labels_total += 1;
            let met = diagnostics.iter().any(|d| meets(d, label, spans));
            if met {
                labels_met += 1;
            } else {
                report.push(format!(
                    "missed {}:{} {} {:?}",
                    path.display(),
                    label.line,
                    label.category,
                    label.excerpt
                ));
            }
        }
        for d in &diagnostics {
            findings += 1;
            let ok = labels
                .iter()
                .zip(&spans)
                .any(|(label, spans)| meets(d, label, spans));
            if ok {
                matched += 1;
            } else {
                report.push(format!(
                    "false positive {}: {} {:?}",
                    path.display(),
                    d.rule,
                    &text[d.span.start..d.span.end]
                ));
            }
        }
    }
    let recall = labels_met as f64 / labels_total as f64;
    let precision = matched as f64 / findings as f64;
    println!("{}", report.join("\n"));
    println!(
        "recall {recall:.3} ({labels_met}/{labels_total}), precision {precision:.3} ({matched}/{findings})"
    );
    assert!(
        recall >= 0.95 && precision >= 0.95,
        "{}\nrecall {recall:.3}, precision {precision:.3}",
        report.join("\n")
    );
}
