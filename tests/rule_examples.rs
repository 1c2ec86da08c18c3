//! Every rule documents what it catches with `bad` and `good` examples in its
//! rule file; each bad example must be flagged by that rule and no good one.

use mtlint::{Document, Format, LoadOptions, RuleSet};

#[test]
fn every_rule_of_every_pack_flags_its_bad_examples_and_spares_its_good_ones() {
    let mut failures = Vec::new();
    for (source, target) in mtlint::rules::pairs() {
        let rules = RuleSet::load(&LoadOptions {
            source: source.to_string(),
            target: target.to_string(),
            ..LoadOptions::default()
        })
        .unwrap_or_else(|e| panic!("{source}-{target}: {e}"));
        // Embedded patterns are compiled on first use: all must compile.
        if let Err(e) = rules.compile_patterns() {
            failures.push(format!("{source}-{target} {e}"));
        }
        check_examples(&format!("{source}-{target}"), &rules, &mut failures);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn check_examples(pair: &str, rules: &RuleSet, failures: &mut Vec<String>) {
    for rule in &rules.rules {
        if rule.bad.is_empty() {
            failures.push(format!("{pair} {}: no `bad` example", rule.id));
        }
        // Bilingual rules' examples are written `source ||| target`.
        let flags = |text: &str| {
            let found = match text.split_once(" ||| ") {
                Some((source, target)) if rule.bilingual => {
                    let source = Document::parse(source, Format::Plain);
                    let target = Document::parse(target, Format::Plain);
                    rules.check_pair(&source, &target, &mtlint::align::align(&source, &target))
                }
                _ => rules.check(text, Format::Plain),
            };
            found.iter().any(|d| d.rule == rule.id)
        };
        for bad in rule.bad.iter().filter(|t| !flags(t)) {
            failures.push(format!("{pair} {}: does not flag {bad:?}", rule.id));
        }
        for good in rule.good.iter().filter(|t| flags(t)) {
            failures.push(format!("{pair} {}: flags {good:?}", rule.id));
        }
    }
}
