//! Every rule documents what it catches with `bad` and `good` examples in its
//! rule file; each bad example must be flagged by that rule and no good one.

use mtlint::{Format, RuleSet};

#[test]
fn every_rule_flags_its_bad_examples_and_spares_its_good_ones() {
    let rules = RuleSet::builtin().unwrap();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        if rule.bad.is_empty() {
            failures.push(format!("{}: no `bad` example", rule.id));
        }
        let flags = |text: &str| {
            rules
                .check(text, Format::Plain)
                .iter()
                .any(|d| d.rule == rule.id)
        };
        for bad in rule.bad.iter().filter(|t| !flags(t)) {
            failures.push(format!("{}: does not flag {bad:?}", rule.id));
        }
        for good in rule.good.iter().filter(|t| flags(t)) {
            failures.push(format!("{}: flags {good:?}", rule.id));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
