//! The check pipeline over the project's English corpus: all default rules,
//! and the same without the source-fragment rule, to show what detecting
//! untranslated text costs (issue: at most 25% of a whole run).
//!
//! Also the alignment of a source with its translation at 50, 100 and 200
//! paragraphs: the banded programme should grow linearly.
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mtlint::align::align;
use mtlint::{Document, Format, LoadOptions, RuleSet};

fn corpus() -> Vec<(String, Format)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/fr-en");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .map(|p| (std::fs::read_to_string(&p).unwrap(), Format::from_path(&p)))
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|(text, _)| text.len()).sum();
    let all = RuleSet::builtin().unwrap();
    let without = RuleSet::load(&LoadOptions {
        disabled: vec!["source-fragment".to_string()],
        ..LoadOptions::default()
    })
    .unwrap();
    let mut group = c.benchmark_group("check fr-en corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, rules) in [("all rules", &all), ("without source-fragment", &without)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|(text, format)| rules.check(text, *format).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// The project's aligned French/English pairs, repeated to `paragraphs`.
fn parallel(paragraphs: usize) -> (String, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aligned");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .into_string()
                .unwrap()
                .strip_suffix(".fr.txt")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let (mut fr, mut en, mut count) = (String::new(), String::new(), 0);
    while count < paragraphs {
        for name in &names {
            let read = |lang: &str| {
                std::fs::read_to_string(dir.join(format!("{name}.{lang}.txt"))).unwrap()
            };
            fr.push_str(&read("fr"));
            fr.push('\n');
            en.push_str(&read("en"));
            en.push('\n');
            count += read("fr").split("\n\n").count();
        }
    }
    (fr, en)
}

fn alignment(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    for paragraphs in [50, 100, 200] {
        let (fr, en) = parallel(paragraphs);
        let (source, target) = (
            Document::parse(&fr, Format::Plain),
            Document::parse(&en, Format::Plain),
        );
        group.bench_function(format!("{paragraphs} paragraphs"), |b| {
            b.iter(|| align(&source, &target).links.len())
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline, alignment);
criterion_main!(benches);
