//! `mtlint explain RULE`, and `mtlint explain-language`: the language
//! evidence of every sentence and candidate span of one file, for tuning the
//! source-fragment rule files.

use std::fmt::Write;

use crate::checks::source_fragment::{SentenceAnalysis, Verdict};
use crate::rules::RuleMeta;
use crate::span::LineIndex;

/// At most this many characters of a sentence are shown.
const EXCERPT: usize = 70;

fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn reading(detected: Option<(whatlang::Lang, f64)>) -> String {
    detected.map_or_else(
        || "none".to_string(),
        |(lang, confidence)| format!("{} {confidence:.2}", lang.code()),
    )
}

/// One line per sentence (marked words, whatlang's reading), then one per
/// candidate span with its verdict.
pub fn render(
    path: &str,
    text: &str,
    target: &str,
    language: &str,
    sentences: &[SentenceAnalysis],
) -> String {
    let index = LineIndex::new(text);
    let mut out = format!("{path}: source {language}, target {target}\n");
    for sentence in sentences {
        let at = index.position(sentence.span.start);
        let score = sentence.marked as f64 / sentence.words.max(1) as f64;
        let _ = writeln!(
            out,
            "{}:{} score {score:.2} ({}/{} words marked), whatlang {}: {}",
            at.line,
            at.column,
            sentence.marked,
            sentence.words,
            reading(sentence.detected),
            excerpt(sentence.span.text(text))
        );
        for candidate in &sentence.candidates {
            let verdict = match candidate.verdict {
                Verdict::Reported => format!("reported, confidence {:.2}", candidate.confidence),
                Verdict::TargetLanguage => {
                    "dropped: whatlang reads the target language".to_string()
                }
            };
            let _ = writeln!(
                out,
                "    “{}” {}/{} words marked, whatlang {}: {verdict}",
                candidate.span.text(text),
                candidate.marked,
                candidate.words,
                reading(candidate.detected)
            );
        }
    }
    out
}

/// What a rule catches, why, its examples and how to configure it.
pub fn rule(rule: &RuleMeta) -> String {
    let mut out = format!(
        "{}\n  category {}, default severity {}, kind {}\n  defined in {}\n",
        rule.id, rule.category, rule.severity, rule.kind, rule.origin
    );
    if let Some(description) = &rule.description {
        let _ = writeln!(out, "\n{description}");
    }
    if let Some(message) = &rule.message {
        let _ = writeln!(out, "\nMessage: {message}");
    }
    if let Some(french) = &rule.french {
        let _ = writeln!(out, "\nFrench origin: {french}");
    }
    let example = |text: &str| {
        if rule.bilingual {
            text.replace(" ||| ", "\n      → ")
        } else {
            text.to_string()
        }
    };
    for bad in &rule.bad {
        let _ = writeln!(out, "\n  Bad:  {}", example(bad));
    }
    for good in &rule.good {
        let _ = writeln!(out, "  Good: {}", example(good));
    }
    let _ = writeln!(
        out,
        "\nConfigure: switch it off with `--ignore {id}`; to change its severity or settings, put a rule with `id = \"{id}\"` in a `--rules` directory (`extend = true` adds to its lists). See rules/README.md.",
        id = rule.id
    );
    out
}
