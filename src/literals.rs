//! The literal strings one of which every match of a regex contains.
//!
//! Most rule patterns scan a block with a lazy DFA even when the block
//! cannot match: their alternations of words start with too many literals
//! for the regex's own prefix prefilter. Any literal required *inside* the
//! match (the "object" of `(?:is|was|…) (?:the )?objects? of`) is far more
//! selective, and one Aho–Corasick scan finds the required literals of every
//! pattern at once: a pattern then runs only on blocks holding one of its
//! literals.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Literal sets larger than this are not worth the automaton's room.
const MAX_SET: usize = 64;
/// Classes of more characters than this end a literal run.
const MAX_CLASS: usize = 8;
/// Literals shorter than this (in bytes) occur in nearly every block.
const MIN_LEN: usize = 3;

/// Characters that case-insensitive matching folds onto an ASCII letter
/// (long s, Kelvin sign). The literals are compared ASCII-case-insensitively,
/// which misses these: a block holding one must run every pattern.
pub const FOLDED_ONTO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// A set of byte strings, ASCII letters lower-cased.
type Set = Vec<Vec<u8>>;

/// The literals (ASCII letters in lower case) one of which every match of
/// `hir` contains, compared ASCII-case-insensitively; `None` when no such
/// set is selective enough to be worth a scan.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut set = required_in(hir)?;
    if min_len(&set) < MIN_LEN {
        return None;
    }
    // A literal holding another of the set adds nothing to the scan.
    set.sort_by_key(Vec::len);
    let mut kept: Set = Vec::new();
    for literal in set {
        if !kept.iter().any(|k| contains(&literal, k)) {
            kept.push(literal);
        }
    }
    Some(kept)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn min_len(set: &Set) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// Better sets have longer shortest literals, then fewer literals.
fn better(a: &Set, b: &Set) -> bool {
    (min_len(a), std::cmp::Reverse(a.len())) > (min_len(b), std::cmp::Reverse(b.len()))
}

/// The best set of literals one of which every match of `hir` contains.
fn required_in(hir: &Hir) -> Option<Set> {
    if let Some(set) = exact(hir) {
        return (min_len(&set) > 0).then_some(set);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required_in(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required_in(&repetition.sub),
        HirKind::Alternation(branches) => union(branches.iter().map(required_in)),
        HirKind::Concat(parts) => {
            // Candidates: each run of exactly known parts, spelled out, and
            // whatever each other part requires.
            let mut candidates: Vec<Set> = Vec::new();
            let mut run: Option<Set> = None;
            for part in parts {
                match exact(part) {
                    Some(set) => {
                        run = Some(match run.take() {
                            Some(before) => match product(&before, &set) {
                                Some(joined) => joined,
                                None => {
                                    candidates.push(before);
                                    set
                                }
                            },
                            None => set,
                        });
                    }
                    None => {
                        candidates.extend(run.take());
                        candidates.extend(required_in(part));
                    }
                }
            }
            candidates.extend(run);
            candidates
                .into_iter()
                .filter(|set| min_len(set) > 0)
                .reduce(|best, set| if better(&set, &best) { set } else { best })
        }
        _ => None,
    }
}

/// Every string `hir` matches, when there are few.
fn exact(hir: &Hir) -> Option<Set> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![literal.0.to_ascii_lowercase()]),
        HirKind::Class(class) => class_strings(class),
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(repetition) => {
            let sub = exact(&repetition.sub)?;
            match (repetition.min, repetition.max) {
                (0, Some(1)) => {
                    let mut set = sub;
                    set.push(Vec::new());
                    Some(set)
                }
                (n, Some(m)) if n == m && n <= 3 => {
                    (1..n).try_fold(sub.clone(), |acc, _| product(&acc, &sub))
                }
                _ => None,
            }
        }
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(vec![Vec::new()], |acc, part| product(&acc, &exact(part)?)),
        HirKind::Alternation(branches) => union(branches.iter().map(exact)),
    }
}

/// The union of the sets, when each is known and the union is small.
fn union(sets: impl Iterator<Item = Option<Set>>) -> Option<Set> {
    let mut union = Set::new();
    for set in sets {
        union.extend(set?);
    }
    union.sort();
    union.dedup();
    (union.len() <= MAX_SET).then_some(union)
}

/// Every concatenation of a string of `a` with one of `b`, when few.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out: Set = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The characters of a small class, as UTF-8, ASCII letters lower-cased
/// (the characters in `FOLDED_ONTO_ASCII` are left to the caller).
fn class_strings(class: &Class) -> Option<Set> {
    let chars: Vec<char> = match class {
        Class::Unicode(class) => {
            let count: usize = class
                .ranges()
                .iter()
                .map(|r| r.end() as usize - r.start() as usize + 1)
                .sum();
            if count > MAX_CLASS {
                return None;
            }
            class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect()
        }
        Class::Bytes(class) => {
            let bytes: Vec<u8> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
            if bytes.len() > MAX_CLASS || !bytes.is_ascii() {
                return None;
            }
            bytes.into_iter().map(char::from).collect()
        }
    };
    let mut set: Set = chars
        .into_iter()
        .filter(|c| !FOLDED_ONTO_ASCII.contains(c))
        .map(|c| c.to_ascii_lowercase().to_string().into_bytes())
        .collect();
    set.sort();
    set.dedup();
    Some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pattern: &str, ignorecase: bool) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(ignorecase)
            .build()
            .parse(pattern)
            .unwrap();
        required(&hir).map(|set| {
            set.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn picks_the_most_selective_required_literal() {
        // Spelled out, the whole match would be 4 × 4 × 2 × 3 strings.
        let set = strings(
            r"(?-u:\b)(?:is|are|was|were) (?:the |an? )?objects? (?:of|for|in)(?-u:\b)",
            true,
        )
        .unwrap();
        assert!(set.len() <= MAX_SET);
        assert!(set.iter().all(|l| l.contains(" object")), "{set:?}");
    }

    #[test]
    fn spells_out_small_alternations_and_classes() {
        assert_eq!(
            strings(r"\p{L}(?P<flag> n[’']t)(?-u:\b)", false),
            Some(vec![" n't".to_string(), " n’t".to_string()])
        );
        assert_eq!(
            strings(r"(?-u:\b)round of the (?P<flag>scrutiny)(?-u:\b)", true),
            Some(vec!["round of the scrutiny".to_string()])
        );
    }

    #[test]
    fn an_alternation_requires_one_literal_of_each_branch() {
        assert_eq!(
            strings(r"\w+ (?:finance laws?|budget\d+)", true),
            Some(vec!["budget".to_string(), "finance law".to_string()])
        );
        assert_eq!(strings(r"(?:finance law|\d+)", true), None);
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert_eq!(strings(r"\p{L}+-\p{L}+", false), None);
        assert_eq!(strings(r"\d[ \u00A0]%", false), None);
        assert_eq!(strings(r"(?:a|b)+c", false), None);
    }

    #[test]
    fn non_ascii_case_variants_are_kept() {
        assert_eq!(
            strings("élection", true),
            Some(vec!["Élection".to_string(), "élection".to_string()])
        );
    }
}
