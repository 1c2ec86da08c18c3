//! The rule packs, profiles and lexicons under `rules/`, compiled into the
//! binary by `build.rs` so that mtlint works from any directory with no set-up.

use std::sync::OnceLock;

use daachorse::DoubleArrayAhoCorasick;

use crate::gates::{Gates, group_key};
use crate::pattern_facts::PatternFacts;

pub struct EmbeddedFile {
    /// Path relative to `rules/`, with `/` separators.
    pub path: &'static str,
    pub text: &'static str,
    /// A rule file (TOML) as JSON, spans into `text` included: `build.rs`
    /// writes it because it deserializes in a third of the time.
    pub json: Option<&'static str>,
}

pub static FILES: &[EmbeddedFile] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

pub fn get(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.path == path).map(|f| f.text)
}

/// The embedded rule file at `path` as JSON.
pub fn json(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.path == path)?.json
}

/// The facts of an embedded pattern, as `crate::pattern_facts::analyse`
/// finds them.
struct EmbeddedFacts {
    source: &'static str,
    required: Option<&'static [&'static [u8]]>,
    also: &'static [&'static [&'static [u8]]],
    anchored: Option<&'static [&'static [u8]]>,
    digit: bool,
    flag: Option<usize>,
}

/// Sorted by source.
static PATTERN_FACTS: &[EmbeddedFacts] = include!(concat!(env!("OUT_DIR"), "/pattern_facts.rs"));

/// The facts of `source` if it is an embedded pattern, analysed at build time.
pub fn pattern_facts(source: &str) -> Option<PatternFacts> {
    let i = PATTERN_FACTS
        .binary_search_by(|facts| facts.source.cmp(source))
        .ok()?;
    let facts = &PATTERN_FACTS[i];
    let set = |set: &[&[u8]]| set.iter().map(|l| l.to_vec()).collect();
    let owned = |s: Option<&[&[u8]]>| s.map(set);
    Some(PatternFacts {
        required: owned(facts.required),
        also: facts.also.iter().map(|s| set(s)).collect(),
        anchored: owned(facts.anchored),
        digit: facts.digit,
        flag: facts.flag,
    })
}

/// The gate words of a group of literals of the embedded rules, chosen at
/// build time by `crate::gates::gates`.
struct EmbeddedGates {
    key: u64,
    /// Empty for a group without gates.
    words: &'static [&'static [u8]],
    places: &'static [(usize, usize)],
}

/// Sorted by key.
static GATES: &[EmbeddedGates] = include!(concat!(env!("OUT_DIR"), "/gates.rs"));

/// The gates of `literals` (`Some(None)`: none) if they are a group of the
/// embedded rules, whose gates were chosen at build time. Gates found by
/// key are used only if they fit the literals; a group without gates that
/// shares its key with one that has some is scanned without.
pub fn gates(literals: &[Vec<u8>]) -> Option<Option<Gates>> {
    let key = group_key(literals);
    let known = &GATES[GATES.binary_search_by_key(&key, |g| g.key).ok()?];
    if known.words.is_empty() {
        return Some(None);
    }
    let gates = Gates {
        words: known.words.iter().map(|w| w.to_vec()).collect(),
        places: known.places.to_vec(),
    };
    gates.fit(literals).then_some(Some(gates))
}

/// The strings the automaton of the embedded rules holds (`build.rs`): the
/// gate words of their gated groups of literals and the literals of the
/// others, sorted.
static NEEDLES: &[&[u8]] = include!(concat!(env!("OUT_DIR"), "/needles.rs"));

/// The automaton of `NEEDLES`, as `daachorse` serializes it; the value of a
/// needle is its index.
static NEEDLE_AUTOMATON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/needles.daac"));

/// The index of `needle` among the embedded rules' needles.
pub fn needle(needle: &[u8]) -> Option<usize> {
    NEEDLES.binary_search(&needle).ok()
}

pub fn needle_count() -> usize {
    NEEDLES.len()
}

/// The automaton of the embedded rules' needles, read once: it is compiled
/// at build time, where compiling the English pack's took a tenth of a
/// one-article run.
pub fn needle_automaton() -> &'static DoubleArrayAhoCorasick<u32> {
    static AUTOMATON: OnceLock<DoubleArrayAhoCorasick<u32>> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        // SAFETY: the bytes are what `serialize` of this version of
        // daachorse (the lock file has one) wrote in `build.rs`.
        unsafe { DoubleArrayAhoCorasick::deserialize_unchecked(NEEDLE_AUTOMATON).0 }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_files_read_as_json_are_those_read_as_toml() {
        use crate::rules::model::RuleFile;
        let mut rule_files = 0;
        for file in FILES.iter().filter(|f| f.path.ends_with(".toml")) {
            // Language profiles are not rule files.
            let Ok(from_toml) = toml::from_str::<RuleFile>(file.text) else {
                continue;
            };
            rule_files += 1;
            let json = file
                .json
                .unwrap_or_else(|| panic!("{}: no JSON", file.path));
            let from_json: RuleFile = serde_json::from_str(json).unwrap();
            // Their debug forms hold every value and span.
            assert_eq!(
                format!("{from_json:?}"),
                format!("{from_toml:?}"),
                "{}",
                file.path
            );
        }
        assert!(rule_files > 20, "{rule_files}");
    }

    #[test]
    fn the_build_time_automaton_finds_each_needle_as_its_index() {
        assert!(NEEDLES.len() > 1000, "{}", NEEDLES.len());
        let automaton = needle_automaton();
        for (i, needle) in NEEDLES.iter().enumerate() {
            let found = automaton
                .find_overlapping_iter(needle)
                .any(|m| (m.start(), m.end(), m.value() as usize) == (0, needle.len(), i));
            assert!(found, "{}", String::from_utf8_lossy(needle));
            assert_eq!(super::needle(needle), Some(i));
        }
    }

    #[test]
    fn build_time_facts_are_those_of_the_runtime_analysis() {
        assert!(PATTERN_FACTS.len() > 200, "{}", PATTERN_FACTS.len());
        for facts in PATTERN_FACTS {
            let analysed = crate::pattern_facts::analyse(facts.source).unwrap();
            assert_eq!(
                pattern_facts(facts.source),
                Some(analysed),
                "{}",
                facts.source
            );
        }
    }
}
