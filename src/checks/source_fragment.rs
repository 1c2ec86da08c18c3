//! `source-fragment`: words of the source language left untranslated in the
//! target text: a single marked word (“et”, “également”), a bracketed aside
//! (“[dont trois enfants, ndlr]”), a clause or a whole sentence.
//!
//! Every word is classed from rule-file data: source function words that are
//! not target words, elided articles (d’, l’, qu’), an abbreviation list, a
//! frequency lexicon of source words absent from the target language, and
//! letters with diacritics typical of the source. Neighbouring marked words
//! form one span; particles (de, la) only extend a span. Proper names are
//! spared: capitalised words, particles before a capitalised word, elisions
//! before a capital (Côte d’Ivoire), and phrases on the allow list
//! (loanwords such as raison d’être, names such as Reporters sans frontières).
//! Spans of three words or more must not be identified as the target
//! language by whatlang, which runs on candidate spans only.
//!
//! Bad: `Twelve people were hurt [dont trois enfants blessés, ndlr] on Friday.`
//! Good: `Twelve people were hurt [three of them children, ed.] on Friday.`

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use whatlang::{Detector, Lang};

use super::{Check, is_whole_word};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Sentence};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "source-fragment";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Name of the source language in messages.
    pub language: String,
    /// ISO 639-3 codes for whatlang: source and target.
    pub source: String,
    pub target: String,
    /// Source function words that are not words of the target language.
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Source words that are also target words or name particles: they only
    /// extend a span started by a marked word.
    #[serde(default)]
    pub particles: Vec<String>,
    /// Elided forms written before an apostrophe (l, d, qu…).
    #[serde(default)]
    pub elisions: Vec<String>,
    /// Editorial abbreviations of the source language (ndlr).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Lower-case letters typical of the source and rare in target words.
    #[serde(default)]
    pub diacritics: String,
    /// Word list (one per line, `#` comments) of frequent source words that
    /// are not target words, relative to the rule file.
    pub lexicon: Option<String>,
    /// Source expressions whose words are all marked, though some alone
    /// are particles (il y a, parce que).
    #[serde(default)]
    pub expressions: Vec<String>,
    /// Phrases never reported: loanwords, names, titles.
    #[serde(default)]
    pub allow: Vec<String>,
}

pub struct SourceFragment {
    meta: RuleMeta,
    language: String,
    function_words: HashSet<String>,
    particles: HashSet<String>,
    elisions: HashSet<String>,
    abbreviations: HashSet<String>,
    diacritics: Vec<char>,
    lexicon: HashSet<String>,
    expressions: Option<AhoCorasick>,
    allow: Option<AhoCorasick>,
    detector: Detector,
    target: Lang,
}

/// Case-insensitive whole-phrase matcher for a list, or none for an empty one.
fn phrase_matcher(phrases: &[String], name: &str) -> Result<Option<AhoCorasick>, String> {
    if phrases.is_empty() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(phrases)
        .map(Some)
        .map_err(|e| format!("`{name}` list: {e}"))
}

/// Byte ranges of `text` where `matcher` finds a whole phrase.
fn phrase_ranges(matcher: &Option<AhoCorasick>, text: &str) -> Vec<(usize, usize)> {
    matcher.as_ref().map_or_else(Vec::new, |m| {
        m.find_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect()
    })
}

fn lowercase_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code)
        .ok_or_else(|| format!("unknown language code `{code}` (ISO 639-3, e.g. fra, eng)"))
}

impl SourceFragment {
    pub fn new(
        meta: RuleMeta,
        options: Options,
        read: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Self, String> {
        let source = lang(&options.source)?;
        let target = lang(&options.target)?;
        let lexicon = match &options.lexicon {
            Some(path) => read(path)?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect(),
            None => HashSet::new(),
        };
        let expressions = phrase_matcher(&options.expressions, "expressions")?;
        let allow = phrase_matcher(&options.allow, "allow")?;
        Ok(SourceFragment {
            meta,
            language: options.language,
            function_words: lowercase_set(&options.function_words),
            particles: lowercase_set(&options.particles),
            elisions: lowercase_set(&options.elisions),
            abbreviations: lowercase_set(&options.abbreviations),
            diacritics: options.diacritics.chars().collect(),
            lexicon,
            expressions,
            allow,
            detector: Detector::with_allowlist(vec![source, target]),
            target,
        })
    }
}

/// What one word says about the language of its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// Surely a source word (function word, elision, lexicon, diacritics).
    Marked,
    /// A source word that is also a target word or a name particle.
    Particle,
    /// Nothing either way, or part of a name or an allowed phrase.
    Neutral,
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl SourceFragment {
    fn evidence(&self, word: &str, sentence_start: bool, before_capital: bool) -> Evidence {
        // Lists are written with the ASCII apostrophe.
        let lower = word.to_lowercase().replace('’', "'");
        if starts_upper(word) && !(sentence_start && self.function_words.contains(&lower)) {
            return Evidence::Neutral;
        }
        // Articles and prepositions before a capital belong to a name
        // (les Amants, Rue des Francs); content words do not.
        if self.particles.contains(&lower) || self.function_words.contains(&lower) {
            return match (before_capital, self.particles.contains(&lower)) {
                (true, _) => Evidence::Neutral,
                (false, true) => Evidence::Particle,
                (false, false) => Evidence::Marked,
            };
        }
        if self.abbreviations.contains(&lower) || self.lexicon.contains(&lower) {
            return Evidence::Marked;
        }
        if let Some((head, rest)) = lower.split_once('\'') {
            let rest_original = &word[word.len() - rest.len()..];
            let elided =
                self.elisions.contains(head) && !rest.is_empty() && !starts_upper(rest_original);
            return if elided {
                Evidence::Marked
            } else {
                Evidence::Neutral
            };
        }
        if lower.chars().any(|c| self.diacritics.contains(&c)) {
            Evidence::Marked
        } else {
            Evidence::Neutral
        }
    }

    fn check_sentence(&self, doc: &Document, sentence: &Sentence, out: &mut Vec<Diagnostic>) {
        let words = doc.words_of(sentence);
        let text = doc.slice(sentence.span);
        let allowed = phrase_ranges(&self.allow, text);
        let expressions = phrase_ranges(&self.expressions, text);
        let within = |ranges: &[(usize, usize)], (start, end): (usize, usize)| {
            ranges.iter().any(|&(s, e)| s <= start && end <= e)
        };
        let evidence: Vec<Evidence> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let local = (
                    w.span.start - sentence.span.start,
                    w.span.end - sentence.span.start,
                );
                if within(&allowed, local) {
                    return Evidence::Neutral;
                }
                if within(&expressions, local) {
                    return Evidence::Marked;
                }
                let before_capital = words
                    .get(i + 1)
                    .is_some_and(|n| starts_upper(doc.slice(n.span)));
                self.evidence(doc.slice(w.span), i == 0, before_capital)
            })
            .collect();
        let mut i = 0;
        while i < words.len() {
            if evidence[i] != Evidence::Marked {
                i += 1;
                continue;
            }
            // Grow the span over marked words and particles, bridging one
            // unmarked word when more source words follow it.
            let (start, mut end, mut marked) = (i, i, 1);
            let mut j = i + 1;
            while j < words.len() {
                match evidence[j] {
                    Evidence::Marked => {
                        marked += 1;
                        end = j;
                    }
                    Evidence::Particle => end = j,
                    Evidence::Neutral
                        if evidence.get(j + 1).is_some_and(|&e| e != Evidence::Neutral) => {}
                    Evidence::Neutral => break,
                }
                j += 1;
            }
            while end > start && evidence[end] == Evidence::Particle {
                end -= 1;
            }
            let span = Span::new(words[start].span.start, words[end].span.end);
            self.report(doc, span, end + 1 - start, marked, out);
            i = end + 1;
        }
    }

    fn report(
        &self,
        doc: &Document,
        span: Span,
        words: usize,
        marked: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let fragment = doc.slice(span);
        let mut confidence = 0.6 + 0.1 * marked.min(4) as f64;
        if words >= 3 {
            match self.detector.detect(fragment) {
                Some(info) if info.lang() == self.target && info.is_reliable() => return,
                Some(info) if info.lang() != self.target => {
                    confidence = confidence.max(info.confidence())
                }
                _ => {}
            }
        }
        let what = if words == 1 { "word" } else { "words" };
        out.push(self.meta.diagnostic(
            span,
            format!(
                "{} {what} left untranslated: “{fragment}” ({}, confidence {:.2})",
                self.language,
                self.language,
                confidence.min(0.99)
            ),
        ));
    }
}

impl Check for SourceFragment {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for sentence in &doc.sentences {
            self.check_sentence(doc, sentence, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::flagged;

    fn found(text: &str) -> Vec<String> {
        flagged("source-fragment", text)
    }

    #[test]
    fn bracketed_aside_and_single_words() {
        assert_eq!(
            found("The convoy was attacked [d’après les témoins présents, ndlr]on Friday.\n"),
            vec!["d’après les témoins présents, ndlr"]
        );
        assert_eq!(
            found("The roads were closed et the markets too.\n"),
            vec!["et"]
        );
        assert_eq!(
            found("The teams worked également on Sunday.\n"),
            vec!["également"]
        );
        assert_eq!(found("Il y a a new plan for the north.\n"), vec!["Il y a"]);
    }

    #[test]
    fn names_and_loanwords_are_not_fragments() {
        for text in [
            "Reporters sans frontières and Médecins sans frontières protested at the Élysée.\n",
            "The raison d’être of the ad hoc committee was a fait accompli, déjà vu.\n",
            "They met in Côte d’Ivoire and in Ménaka, near the Rue de la Paix.\n",
            "He sang in 1789: les Amants de la Bastille with General de Gaulle’s nephew.\n",
            "Smith et al. wrote about the café and its façade.\n",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
