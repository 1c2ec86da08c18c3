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

/// (source, required literals, flag group) of every embedded pattern, as
/// `crate::pattern_facts::analyse` finds them, sorted by source.
type Facts = (
    &'static str,
    Option<&'static [&'static [u8]]>,
    Option<usize>,
);
static PATTERN_FACTS: &[Facts] = include!(concat!(env!("OUT_DIR"), "/pattern_facts.rs"));

/// The facts of `source` if it is an embedded pattern, analysed at build time.
pub fn pattern_facts(source: &str) -> Option<PatternFacts> {
    let i = PATTERN_FACTS
        .binary_search_by(|(embedded, ..)| (*embedded).cmp(source))
        .ok()?;
    let (_, required, flag) = PATTERN_FACTS[i];
    Some(PatternFacts {
        required: required.map(|set| set.iter().map(|literal| literal.to_vec()).collect()),
        flag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_time_facts_are_those_of_the_runtime_analysis() {
        assert!(PATTERN_FACTS.len() > 200, "{}", PATTERN_FACTS.len());
        for (source, ..) in PATTERN_FACTS {
            let analysed = crate::pattern_facts::analyse(source).unwrap();
            assert_eq!(pattern_facts(source), Some(analysed), "{source}");
        }
    }
}
