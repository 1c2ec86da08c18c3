//! A rule file's regex: parsed when the rules load, compiled when first run.
//!
//! Compiling the few hundred patterns of a pack took most of a one-article
//! run, and most patterns never run on a given article (their required
//! literals are absent, see `crate::literals`). Parsing the syntax tree at
//! load time still checks every pattern's syntax, so errors name the rule
//! file's line (the embedded patterns were parsed by `build.rs`); rules read
//! from disk are also compiled at load time, so that a pattern over the size
//! limit or naming an unknown Unicode class is an error there, not mid-run.
//! The tests compile every embedded pattern.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

use crate::pattern_facts::{PatternFacts, one_line};

/// Largest compiled size of one rule-file regex, so that no pattern can make
/// compilation or matching blow up.
pub const SIZE_LIMIT: usize = 1 << 20;

pub struct Pattern {
    source: String,
    ignorecase: bool,
    facts: PatternFacts,
    regex: OnceLock<Regex>,
}

impl Pattern {
    /// Parses `source`, unless it is an embedded pattern; the error is the
    /// parser's message on one line.
    pub fn parse(source: &str, ignorecase: bool) -> Result<Pattern, String> {
        let facts = match crate::rules::embedded::pattern_facts(source) {
            Some(facts) => facts,
            None => crate::pattern_facts::analyse(source)?,
        };
        Ok(Pattern {
            source: source.to_string(),
            ignorecase,
            facts,
            regex: OnceLock::new(),
        })
    }

    /// Compiles the pattern now (it is otherwise compiled on first use).
    pub fn compile(&self) -> Result<(), String> {
        if self.regex.get().is_none() {
            let regex = self.build()?;
            let _ = self.regex.set(regex);
        }
        Ok(())
    }

    pub fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Literals one of which every match contains, if worth a scan.
    pub fn required(&self) -> Option<&[Vec<u8>]> {
        self.facts.required.as_deref()
    }

    /// Further sets of literals one of each of which every match contains.
    pub fn also_required(&self) -> &[Vec<Vec<u8>>] {
        &self.facts.also
    }

    /// Literals one of which a block must begin with, after whitespace, if
    /// the pattern is anchored at its start.
    pub fn anchored(&self) -> Option<&[Vec<u8>]> {
        self.facts.anchored.as_deref()
    }

    /// Whether every match holds a decimal digit.
    pub fn needs_digit(&self) -> bool {
        self.facts.digit
    }

    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            self.build()
                .expect("embedded patterns compile within the limit (tested)")
        })
    }

    fn build(&self) -> Result<Regex, String> {
        // A gated pattern runs only on a paragraph known to hold one of its
        // literals: a prefilter of its own would find little to skip, and
        // building one was a third of the compile time. Matches are found
        // by the lazy DFA; the one-pass and full DFAs, which would only
        // speed up finding the `flag` group within a rare match, were a
        // tenth of the compile time.
        let config = meta::Config::new()
            .nfa_size_limit(Some(SIZE_LIMIT))
            .auto_prefilter(self.facts.required.is_none())
            .onepass(false)
            .dfa(false);
        meta::Builder::new()
            .syntax(syntax::Config::new().case_insensitive(self.ignorecase))
            .configure(config)
            .build(&self.source)
            .map_err(|e| match e.size_limit() {
                Some(limit) => format!("compiled, it exceeds the size limit of {limit} bytes"),
                // The builder's own message only says which step failed.
                None => {
                    let cause =
                        std::error::Error::source(&e).map_or(e.to_string(), |c| c.to_string());
                    one_line(&cause)
                }
            })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_match(text)
    }

    /// The non-empty matches in `text`: the whole match and the part to
    /// report (the `flag` group, or the whole match).
    pub fn matches<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + 't {
        let regex = self.regex();
        let mut captures: Option<Captures> = None;
        regex
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(move |whole| {
                // Matches are rare: they are found with the DFA alone, and
                // the slower capture engine runs only within a match.
                let flag = self.facts.flag.and_then(|group| {
                    let caps = captures.get_or_insert_with(|| regex.create_captures());
                    let input = Input::new(text).span(whole.range()).anchored(Anchored::Yes);
                    regex.search_captures(&input, caps);
                    caps.get_group(group).map(|span| span.range())
                });
                let flag = flag.unwrap_or(whole.range());
                (whole.range(), flag)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_flag_group_found_within_the_match() {
        let pattern = Pattern::parse(r"\w(?P<flag> +[.,])(?:\s|$)", false).unwrap();
        let text = "The accord . Then , x";
        let found: Vec<&str> = pattern.matches(text).map(|(_, flag)| &text[flag]).collect();
        assert_eq!(found, vec![" .", " ,"]);
    }

    #[test]
    fn word_boundaries_look_outside_the_match() {
        // Bounding the capture search to the match must not make `\b` see
        // the end of the text after "class".
        let pattern = Pattern::parse(r"(?P<flag>class)(?-u:\b)", true).unwrap();
        let text = "Classes and a class.";
        let found: Vec<Range<usize>> = pattern.matches(text).map(|(_, flag)| flag).collect();
        assert_eq!(found, vec![14..19]);
    }

    #[test]
    fn errors_are_one_line() {
        let error = Pattern::parse("(unclosed", false).err().unwrap();
        assert!(!error.contains('\n'), "{error}");
        let huge = Pattern::parse(r"\w{1000}\w{1000}\w{1000}", false).unwrap();
        let error = huge.compile().unwrap_err();
        assert!(error.contains("exceeds the size limit"), "{error}");
        let unknown = Pattern::parse(r"\p{Klingon}", false).unwrap();
        let error = unknown.compile().unwrap_err();
        assert!(
            !error.contains('\n') && error.contains("Unicode"),
            "{error}"
        );
    }

    #[test]
    fn patterns_without_a_flag_report_the_whole_match() {
        let pattern = Pattern::parse(r"(?:it is|it was) about", true).unwrap();
        let text = "It is about time.";
        let found: Vec<_> = pattern.matches(text).collect();
        assert_eq!(found, vec![(0..11, 0..11)]);
    }
}
