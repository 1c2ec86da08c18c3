//! The check pipeline over the project's English corpus: all default rules,
//! and the same without the source-fragment rule, to show what detecting
//! untranslated text costs (issue: at most 25% of a whole run).
//!
//! Per article: one generated 5 KB article (`benches/gen_corpus.py`)
//! checked with every pack of the default source language, its target
//! detected, as `mtlint check` does; and loading those packs, which a
//! one-article run pays once.
//!
//! Also the alignment of a source with its translation at 50, 100 and 200
//! paragraphs: the banded programme should grow linearly.
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mtlint::align::align;
use mtlint::{Document, Format, Linter, LoadOptions, RuleSet};

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

/// Articles written by the benchmark corpus generator, in a fresh directory.
fn generated_articles(count: usize) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("mtlint-bench-{}", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(root.join("benches/gen_corpus.py"))
        .args(["--articles", &count.to_string(), "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs benches/gen_corpus.py");
    assert!(status.success());
    let mut paths: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let articles = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    std::fs::remove_dir_all(&out).unwrap();
    articles
}

fn per_article(c: &mut Criterion) {
    let options = LoadOptions {
        target: String::new(),
        ..LoadOptions::default()
    };
    let linter = Linter::load(&options).unwrap();
    let articles = generated_articles(50);
    let mut group = c.benchmark_group("per article");
    let mut next = articles.iter().cycle();
    group.throughput(Throughput::Bytes(
        (articles.iter().map(String::len).sum::<usize>() / articles.len()) as u64,
    ));
    group.bench_function("check one generated 5 KB article", |b| {
        b.iter(|| linter.check(next.next().unwrap(), Format::Plain).len())
    });
    group.finish();
    // As a corpus run checks them: a group, one check at a time over it.
    let together: Vec<(&str, Format)> = articles
        .iter()
        .take(32)
        .map(|article| (article.as_str(), Format::Plain))
        .collect();
    let mut group = c.benchmark_group("per group");
    group.throughput(Throughput::Bytes(
        together.iter().map(|(text, _)| text.len()).sum::<usize>() as u64,
    ));
    group.bench_function("check 32 generated articles together", |b| {
        b.iter(|| linter.check_many(&together).len())
    });
    group.finish();
    c.bench_function("load the embedded packs of the default source", |b| {
        b.iter(|| Linter::load(&options).unwrap().targets().count())
    });
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

criterion_group!(benches, pipeline, per_article, alignment);
criterion_main!(benches);
