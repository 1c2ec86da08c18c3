//! Alignment accuracy on parallel texts written for the project with a known
//! alignment (`tests/aligned/NAME.{fr,en}.txt`, gold links in
//! `NAME.links.jsonl`, including merged, split, dropped and added sentences):
//! link precision and recall must stay at or above 0.95.

use std::collections::HashSet;
use std::path::Path;

use mtlint::align::align;
use mtlint::{Document, Format};
use serde::Deserialize;

#[derive(Deserialize)]
struct GoldLink {
    fr: Vec<String>,
    en: Vec<String>,
}

/// A link as the sentence texts on each side.
type TextLink = (Vec<String>, Vec<String>);

#[test]
fn link_precision_and_recall() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aligned");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".links.jsonl").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    let (mut correct, mut predicted, mut gold_total) = (0, 0, 0);
    let mut report = Vec::new();
    for name in &names {
        let read =
            |suffix: &str| std::fs::read_to_string(dir.join(format!("{name}.{suffix}"))).unwrap();
        let (fr, en) = (read("fr.txt"), read("en.txt"));
        let gold: HashSet<TextLink> = read("links.jsonl")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let link: GoldLink = serde_json::from_str(l).unwrap();
                (link.fr, link.en)
            })
            .collect();
        let (source, target) = (
            Document::parse(&fr, Format::Plain),
            Document::parse(&en, Format::Plain),
        );
        let texts = |doc: &Document, range: std::ops::Range<usize>| -> Vec<String> {
            doc.sentences[range]
                .iter()
                .map(|s| doc.slice(s.span).to_string())
                .collect()
        };
        let found: HashSet<TextLink> = align(&source, &target)
            .links
            .iter()
            .map(|l| {
                (
                    texts(&source, l.source.clone()),
                    texts(&target, l.target.clone()),
                )
            })
            .collect();
        correct += found.intersection(&gold).count();
        predicted += found.len();
        gold_total += gold.len();
        for wrong in found.difference(&gold) {
            report.push(format!("{name}: wrong link {wrong:?}"));
        }
    }
    let (precision, recall) = (
        correct as f64 / predicted as f64,
        correct as f64 / gold_total as f64,
    );
    println!(
        "{}\nprecision {precision:.3} recall {recall:.3} ({correct} of {predicted} found, {gold_total} gold)",
        report.join("\n")
    );
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "{}\nprecision {precision:.3}, recall {recall:.3}",
        report.join("\n")
    );
}
