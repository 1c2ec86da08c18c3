//! The rule packs, profiles and lexicons under `rules/`, compiled into the
//! binary by `build.rs` so that mtlint works from any directory with no set-up.

use crate::pattern_facts::PatternFacts;

pub struct EmbeddedFile {
    /// Path relative to `rules/`, with `/` separators.
    pub path: &'static str,
    pub text: &'static str,
}

pub static FILES: &[EmbeddedFile] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

pub fn get(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.path == path).map(|f| f.text)
}

/// The facts of an embedded pattern, as `crate::pattern_facts::analyse`
/// finds them.
struct EmbeddedFacts {
    source: &'static str,
    required: Option<&'static [&'static [u8]]>,
    anchored: Option<&'static [&'static [u8]]>,
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
    let owned = |set: Option<&[&[u8]]>| set.map(|set| set.iter().map(|l| l.to_vec()).collect());
    Some(PatternFacts {
        required: owned(facts.required),
        anchored: owned(facts.anchored),
        flag: facts.flag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
