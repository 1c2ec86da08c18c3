//! The check pipeline over the project's English corpus: all default rules,
//! and the same without the source-fragment rule, to show what detecting
//! untranslated text costs (issue: at most 25% of a whole run).
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mtlint::{Format, LoadOptions, RuleSet};

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

criterion_group!(benches, pipeline);
criterion_main!(benches);
