//! `number-mismatch` (bilingual): a number of the target that its aligned
//! source sentence does not hold, once formats are normalised: thousands
//! separators (2 500 = 2,500), decimal marks (3,5 = 3.5), times (12 h 00 =
//! 12:00 = 1200), ordinals (XIVe = 14th), decades (années 70 = 1970s),
//! percentages, and number words listed in the rule file (deux = two).
//!
//! Bad: source `Il y a sept jours.`, target `Six days ago.`
//! Good: source `7 400 visas refusés`, target `7,400 visas refused`

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::{Pair, PairCheck};
use crate::diagnostic::{Diagnostic, Related};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "number-mismatch";

/// How one language writes numbers.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Writing {
    /// The decimal mark: "," or ".".
    pub decimal: String,
    /// Suffixes of ordinals after digits or Roman numerals (th, e, ème).
    #[serde(default)]
    pub ordinals: Vec<String>,
    /// Number words and their values (deux = 2); words that are also
    /// articles or pronouns (un, one) are better left out.
    #[serde(default)]
    pub words: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub source: Writing,
    pub target: Writing,
}

pub struct NumberMismatch {
    meta: RuleMeta,
    options: Options,
    /// Compiled on first use: only bilingual runs need it.
    number: OnceLock<Regex>,
}

impl NumberMismatch {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        NumberMismatch {
            meta,
            options,
            number: OnceLock::new(),
        }
    }

    fn number(&self) -> &Regex {
        // Times (12:00, 12 h 00), space-grouped thousands (2 500), other
        // digit runs with separators (2,500 3.5), Roman ordinals (XIVe),
        // and words.
        self.number.get_or_init(|| {
            Regex::new(
                r"(?x)
            (?P<hour>\b\d{1,2})\s?(?:[:h]|\s?h\s?)(?P<minute>\d{2})?\b
            | (?P<grouped>\b\d{1,3}(?:[\x20\u{a0}\u{202f}]\d{3})+)\b
            | (?P<digits>\b\d+(?:[.,]\d+)*)(?P<suffix>\p{L}*)
            | \b(?P<roman>[IVXLC]{1,6})(?P<rsuffix>\p{Ll}{1,3})\b
            | \b(?P<word>\p{L}+)\b",
            )
            .expect("static regex")
        })
    }
}

/// A number found in a text: its value, where it is, and whether it names a
/// decade (1970s), which also matches its last two digits.
#[derive(Clone, Copy, Debug)]
struct Number {
    value: f64,
    span: Span,
    decade: bool,
}

fn roman(text: &str) -> Option<f64> {
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<i32> = text.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    Some(f64::from(total))
}

/// Digits with separators, read with `decimal` as the decimal mark: the
/// other mark, and a decimal mark followed by exactly three digits, group
/// thousands.
fn parse_digits(digits: &str, decimal: &str) -> Option<f64> {
    let decimal = decimal.chars().next().unwrap_or('.');
    let (whole, fraction) = match digits.rfind(decimal) {
        Some(i) if digits.len() - i - 1 != 3 => (&digits[..i], Some(&digits[i + 1..])),
        _ => (digits, None),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let number = match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole,
    };
    number.parse().ok()
}

impl NumberMismatch {
    fn numbers(&self, text: &str, base: usize, writing: &Writing) -> Vec<Number> {
        let mut out = Vec::new();
        for caps in self.number().captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let span = Span::new(base + whole.start(), base + whole.end());
            let number = |value: f64, decade: bool| Number {
                value,
                span,
                decade,
            };
            if let Some(hour) = caps.name("hour") {
                let minute = caps.name("minute").map_or("00", |m| m.as_str());
                if let (Ok(h), Ok(m)) = (hour.as_str().parse::<f64>(), minute.parse::<f64>()) {
                    out.push(number(h * 100.0 + m, false));
                }
            } else if let Some(grouped) = caps.name("grouped") {
                out.extend(
                    parse_digits(grouped.as_str(), writing.decimal.as_str())
                        .map(|v| number(v, false)),
                );
            } else if let Some(digits) = caps.name("digits") {
                let suffix = caps.name("suffix").map_or("", |s| s.as_str());
                let known = suffix.is_empty()
                    || suffix == "s"
                    || writing.ordinals.iter().any(|o| o == suffix);
                if known {
                    out.extend(
                        parse_digits(digits.as_str(), &writing.decimal)
                            .map(|v| number(v, suffix == "s")),
                    );
                }
            } else if let (Some(r), Some(suffix)) = (caps.name("roman"), caps.name("rsuffix")) {
                if writing.ordinals.iter().any(|o| o == suffix.as_str()) {
                    out.extend(roman(r.as_str()).map(|v| number(v, false)));
                }
            } else if let Some(word) = caps.name("word") {
                out.extend(
                    writing
                        .words
                        .get(&word.as_str().to_lowercase())
                        .map(|&v| number(v, false)),
                );
            }
        }
        out
    }
}

/// Whether a target number is one of the source's: equal, or a decade
/// (1970s) and its two-digit form (années 70).
fn matches(target: &Number, source: &[Number]) -> bool {
    source.iter().any(|s| {
        (s.value - target.value).abs() < 1e-9
            || (target.decade && s.value < 100.0 && (target.value % 100.0 - s.value).abs() < 1e-9)
    })
}

impl PairCheck for NumberMismatch {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>) {
        for link in &pair.alignment.links {
            let Some((source_span, source_text)) = pair.source_text(link.source.clone()) else {
                continue;
            };
            let source = self.numbers(source_text, source_span.start, &self.options.source);
            for sentence in &pair.target.sentences[link.target.clone()] {
                let text = pair.target.slice(sentence.span);
                for number in self.numbers(text, sentence.span.start, &self.options.target) {
                    if matches(&number, &source) {
                        continue;
                    }
                    let found = pair.target.slice(number.span);
                    let mut diagnostic = self.meta.diagnostic(
                        number.span,
                        format!("“{found}” is not a number of the source sentence"),
                    );
                    diagnostic.related.push(Related {
                        span: source_span,
                        message: "source sentence".to_string(),
                        in_source: true,
                    });
                    out.push(diagnostic);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_digits;

    #[test]
    fn separators_and_decimal_marks() {
        assert_eq!(parse_digits("2,500", "."), Some(2500.0));
        assert_eq!(parse_digits("3,5", ","), Some(3.5));
        assert_eq!(parse_digits("3.5", "."), Some(3.5));
        assert_eq!(parse_digits("7 400", ","), Some(7400.0));
        assert_eq!(parse_digits("1.200", ","), Some(1200.0));
        assert_eq!(parse_digits("2,45", ","), Some(2.45));
    }
}
