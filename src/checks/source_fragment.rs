//! `source-fragment`: words of the source language left untranslated in the
//! target text: a single marked word (“et”, “également”), a bracketed aside
//! (“[dont trois enfants, ndlr]”), a clause or a whole sentence.
//!
//! Every word is classed from rule-file data: a profile of the source
//! language (`rules/lang/<code>.toml`: function words, particles, elided
//! articles such as d’, l’, qu’, editorial abbreviations, letters with
//! diacritics typical of the source) and, per language pair, a frequency
//! lexicon of source words absent from the target language and the function
//! words that are also target words. Neighbouring marked words
//! form one span; particles (de, la) only extend a span. Proper names are
//! spared: capitalised words, words seen capitalised elsewhere in the
//! article, particles before a capitalised word, elisions before a capital
//! (Côte d’Ivoire), titles in quotation marks or italics (« La Haine »), and
//! phrases on the allow list (loanwords such as raison d’être, names such as
//! Reporters sans frontières).
//! Spans of three words or more must not be identified as the target
//! language by whatlang, which runs on candidate spans only.
//!
//! Bad: `Twelve people were hurt [dont trois enfants blessés, ndlr] on Friday.`
//! Good: `Twelve people were hurt [three of them children, ed.] on Friday.`

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
// Every word of a text is looked up in several sets: foldhash is several
// times faster than SipHash on short words, and still seeded per process.
use foldhash::{HashMap, HashSet};
use serde::Deserialize;
use whatlang::{Detector, Lang};

use super::{Check, is_whole_word};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Sentence, Word};
use crate::rules::RuleMeta;
use crate::span::Span;

pub const KIND: &str = "source-fragment";

/// The rule's options: what depends on the language pair.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Source-language profile, relative to the rule file.
    pub profile: String,
    /// ISO 639-3 code of the target language, for whatlang.
    pub target: String,
    /// Word list (one per line, `#` comments) of frequent source words that
    /// are not target words, relative to the rule file.
    pub lexicon: Option<String>,
    /// Profile function words that are also words of the target language:
    /// here they only extend a span, like particles.
    #[serde(default)]
    pub target_words: Vec<String>,
    /// Letters of the target language's own words: removed from the
    /// profile's `diacritics` (German ä ü, Spanish é ñ).
    #[serde(default)]
    pub target_letters: String,
    /// The target capitalises common nouns (German): a function word before
    /// a capital is then not taken for part of a name.
    #[serde(default)]
    pub capitalised_nouns: bool,
    /// Phrases never reported, added to the profile's.
    #[serde(default)]
    pub allow: Vec<String>,
}

/// A source-language profile (`rules/lang/<code>.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profile {
    /// Name of the language in messages.
    pub language: String,
    /// ISO 639-3 code, for whatlang.
    pub code: String,
    /// Function words that are not words of the usual target languages.
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Words that are also common target words or name particles: they only
    /// extend a span started by a marked word.
    #[serde(default)]
    pub particles: Vec<String>,
    /// Elided forms written before an apostrophe (l, d, qu…).
    #[serde(default)]
    pub elisions: Vec<String>,
    /// Editorial abbreviations (ndlr).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Lower-case letters typical of the language and rare in target words.
    #[serde(default)]
    pub diacritics: String,
    /// Expressions whose words are all marked, though some alone are
    /// particles (il y a, parce que).
    #[serde(default)]
    pub expressions: Vec<String>,
    /// Phrases never reported: loanwords, names, titles.
    #[serde(default)]
    pub allow: Vec<String>,
}

pub struct SourceFragment {
    meta: RuleMeta,
    profile: Profile,
    options: Options,
    /// The lexicon file's text.
    lexicon: String,
    /// Built on first use: a run checks the packs of one or two targets, and
    /// building the lists of the other packs was a tenth of a one-article
    /// run. Their size is checked at load.
    lists: OnceLock<Lists>,
    elisions: HashSet<String>,
    diacritics: Vec<char>,
    detector: Detector,
    source: Lang,
    target: Lang,
}

/// What follows an apostrophe in English contractions and possessives.
const ENGLISH_CLITICS: [&str; 7] = ["s", "t", "ll", "re", "ve", "d", "m"];

/// A sentence of at least this many words, a quarter of them marked, split
/// into several candidates, is checked whole with whatlang.
const WHOLE_SENTENCE_WORDS: usize = 5;
const WHOLE_SENTENCE_DENSITY: f64 = 0.25;

/// The word lists of a language pair, ready for look-ups.
struct Lists {
    /// Function words, particles, abbreviations and lexicon words, in one
    /// map: every word of a text is looked up once.
    words: HashMap<String, WordClasses>,
    expressions: Option<AhoCorasick>,
    allow: Option<AhoCorasick>,
}

impl Lists {
    fn new(profile: &Profile, options: &Options, lexicon: &str) -> Lists {
        // Sized for the lexicon, the largest list: growing the map rehashed
        // its words a dozen times.
        let mut words: HashMap<String, WordClasses> =
            HashMap::with_capacity_and_hasher(lexicon.lines().count(), Default::default());
        let mut lexicon = super::lexicon_words(lexicon);
        let mut mark = |list: &mut dyn Iterator<Item = &str>, set: fn(&mut WordClasses)| {
            let mut buffer = String::new();
            for word in list {
                set(words
                    .entry(normalize(word, &mut buffer).to_string())
                    .or_default());
            }
        };
        mark(&mut lexicon, |c| c.marked = true);
        mark(&mut profile.abbreviations.iter().map(String::as_str), |c| {
            c.marked = true
        });
        mark(
            &mut profile.function_words.iter().map(String::as_str),
            |c| c.function_word = true,
        );
        mark(&mut profile.particles.iter().map(String::as_str), |c| {
            c.particle = true
        });
        // Target words listed for this pair only extend a span.
        mark(&mut options.target_words.iter().map(String::as_str), |c| {
            c.function_word = false;
            c.particle = true;
        });
        let allow: Vec<&String> = profile.allow.iter().chain(&options.allow).collect();
        Lists {
            words,
            expressions: phrase_matcher(&profile.expressions),
            allow: phrase_matcher(&allow),
        }
    }
}

/// Phrase lists longer than this (in bytes) are refused at load: an
/// automaton's identifiers overflow only at billions of states, so that
/// building one when the check first runs cannot fail.
const MAX_PHRASE_BYTES: usize = 1 << 26;

/// Fails on a phrase list too long to build an automaton of.
fn check_phrase_list<'a>(
    name: &str,
    phrases: impl Iterator<Item = &'a String>,
    limit: usize,
) -> Result<(), String> {
    let bytes: usize = phrases.map(String::len).sum();
    if bytes > limit {
        return Err(format!(
            "`{name}` list: {bytes} bytes of phrases, more than the {limit} allowed"
        ));
    }
    Ok(())
}

/// What `phrase_ranges` finds in `sentence` (its `text` and `lower`), from
/// `all`, the matches of a search of the whole document: searching sentence
/// by sentence cost a search's set-up each, most of that search's time.
/// Where no match of the whole crosses the sentence's start or end, that
/// search found from its start what a search of the sentence alone finds
/// (the leftmost and longest match, then the next from its end); otherwise
/// the sentence is searched alone.
fn phrases_in(
    all: &[Range<usize>],
    sentence: Span,
    text: &str,
    lower: &str,
    matcher: &Option<AhoCorasick>,
) -> Vec<Range<usize>> {
    let from = all.partition_point(|m| m.end <= sentence.start);
    let to = all.partition_point(|m| m.start < sentence.end).max(from);
    let touching = &all[from..to];
    if touching
        .iter()
        .any(|m| m.start < sentence.start || m.end > sentence.end)
    {
        return phrase_ranges(matcher, text, lower);
    }
    touching
        .iter()
        .map(|m| m.start - sentence.start..m.end - sentence.start)
        .filter(|m| is_whole_word(text, m.start, m.end))
        .collect()
}

/// Whole-phrase matcher for a list, in ASCII lower case (see
/// `phrase_ranges`), or none for an empty one.
fn phrase_matcher<P: AsRef<[u8]>>(phrases: &[P]) -> Option<AhoCorasick> {
    (!phrases.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases.iter().map(|p| p.as_ref().to_ascii_lowercase()))
            .expect("phrase lists are bounded by MAX_PHRASE_BYTES")
    })
}

/// Byte ranges of `text` where `matcher` finds a whole phrase, in any ASCII
/// case: it searches `lower`, `text` in ASCII lower case. An automaton that
/// ignores case itself has twice the transitions and no prefilter, and
/// scanned at a third of the speed.
fn phrase_ranges(matcher: &Option<AhoCorasick>, text: &str, lower: &str) -> Vec<Range<usize>> {
    matcher.as_ref().map_or_else(Vec::new, |m| {
        m.find_iter(lower)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| m.range())
            .collect()
    })
}

/// Lists are compared in lower case with the ASCII apostrophe; most words
/// already are, and are returned as they are, the others written into
/// `buffer`, which the caller reuses from word to word.
///
/// Every word of a text comes here: ASCII words, most of them, are told
/// apart in one pass over their bytes and lower-cased without Unicode
/// tables.
fn normalize<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    let (mut ascii, mut upper) = (true, false);
    for b in word.bytes() {
        ascii &= b.is_ascii();
        upper |= b.is_ascii_uppercase();
    }
    let apostrophe = !ascii && word.contains('’');
    if !upper && (ascii || !apostrophe && !word.chars().any(char::is_uppercase)) {
        return word;
    }
    buffer.clear();
    if ascii {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        let lower = word.to_lowercase();
        buffer.extend(lower.chars().map(|c| if c == '’' { '\'' } else { c }));
    }
    buffer
}

fn word_set<'a>(words: impl IntoIterator<Item = &'a String>) -> HashSet<String> {
    let mut buffer = String::new();
    words
        .into_iter()
        .map(|w| normalize(w, &mut buffer).to_string())
        .collect()
}

fn lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code)
        .ok_or_else(|| format!("unknown language code `{code}` (ISO 639-3, e.g. fra, eng)"))
}

fn parse_profile(path: &str, text: &str) -> Result<Profile, String> {
    toml::from_str(text).map_err(|e| {
        let at = crate::span::LineIndex::new(text).position(e.span().map_or(0, |s| s.start));
        format!(
            "profile `{path}`:{}:{}: {}",
            at.line,
            at.column,
            e.message()
        )
    })
}

impl SourceFragment {
    pub fn new(
        meta: RuleMeta,
        options: Options,
        read: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Self, String> {
        let profile = parse_profile(&options.profile, &read(&options.profile)?)?;
        let source = lang(&profile.code)?;
        let target = lang(&options.target)?;
        let lexicon = match &options.lexicon {
            Some(path) => read(path)?,
            None => String::new(),
        };
        check_phrase_list("expressions", profile.expressions.iter(), MAX_PHRASE_BYTES)?;
        let allow = profile.allow.iter().chain(&options.allow);
        check_phrase_list("allow", allow, MAX_PHRASE_BYTES)?;
        Ok(SourceFragment {
            meta,
            elisions: word_set(&profile.elisions),
            diacritics: profile
                .diacritics
                .chars()
                .filter(|c| !options.target_letters.contains(*c))
                .collect(),
            detector: Detector::with_allowlist(vec![source, target]),
            source,
            target,
            profile,
            options,
            lexicon,
            lists: OnceLock::new(),
        })
    }

    fn lists(&self) -> &Lists {
        self.lists
            .get_or_init(|| Lists::new(&self.profile, &self.options, &self.lexicon))
    }

    /// Name of the source language.
    pub fn language(&self) -> &str {
        &self.profile.language
    }
}

/// What the word lists say a word is.
#[derive(Clone, Copy, Debug, Default)]
struct WordClasses {
    /// A source function word, surely not a target word.
    function_word: bool,
    /// A source word that is also a target word or a name particle.
    particle: bool,
    /// An editorial abbreviation or a lexicon word.
    marked: bool,
}

/// What one word says about the language of its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// Surely a source word (function word, elision, lexicon, diacritics).
    Marked,
    /// A source word that is also a target word or a name particle.
    Particle,
    /// Nothing either way, or part of a name, a title or an allowed phrase.
    Neutral,
}

/// Why a candidate span is or is not reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Reported,
    /// whatlang reads the span as the target language.
    TargetLanguage,
}

/// A run of source-language words, with the evidence for it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: Span,
    pub words: usize,
    pub marked: usize,
    /// whatlang's reading of spans of three words or more.
    pub detected: Option<(Lang, f64)>,
    pub confidence: f64,
    pub verdict: Verdict,
}

/// The language evidence of one sentence, for `mtlint explain-language`.
#[derive(Clone, Debug)]
pub struct SentenceAnalysis {
    pub span: Span,
    pub words: usize,
    pub marked: usize,
    /// whatlang's reading of the whole sentence (filled by `explain` only).
    pub detected: Option<(Lang, f64)>,
    pub candidates: Vec<Candidate>,
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// What the sentences of a document read of the whole of it.
struct DocumentContext<'d> {
    doc: &'d Document<'d>,
    /// Where the expressions list matches in the whole text, whole words or
    /// not (`expressions_in`).
    expressions: Vec<Range<usize>>,
    /// Lower-case forms of words written with a capital inside a sentence:
    /// names, which stay names when a lower-case copy looks like a source
    /// word. They are gathered when a document first has a word that would
    /// be marked, which a clean English article may never have, and only
    /// those that could be marked are kept (`SourceFragment::may_be_marked`):
    /// copying every capitalised word was a seventh of this check.
    names: OnceLock<HashSet<String>>,
}

impl<'d> DocumentContext<'d> {
    fn new(doc: &'d Document<'d>, check: &SourceFragment) -> Self {
        let expressions = check
            .lists()
            .expressions
            .as_ref()
            .map_or_else(Vec::new, |m| {
                m.find_iter(doc.lower()).map(|m| m.range()).collect()
            });
        DocumentContext {
            doc,
            expressions,
            names: OnceLock::new(),
        }
    }

    /// What `phrase_ranges` finds of the expressions in `sentence`
    /// (`phrases_in`).
    fn expressions_in(&self, sentence: Span, check: &SourceFragment) -> Vec<Range<usize>> {
        let lower = sentence.text(self.doc.lower());
        let matcher = &check.lists().expressions;
        phrases_in(
            &self.expressions,
            sentence,
            self.doc.slice(sentence),
            lower,
            matcher,
        )
    }

    /// Whether `lower`, a word that would be marked, is one of the names.
    fn is_name(&self, lower: &str, check: &SourceFragment) -> bool {
        let doc = self.doc;
        self.names
            .get_or_init(|| {
                let mut buffer = String::new();
                doc.sentences
                    .iter()
                    .flat_map(|s| doc.words_of(s).iter().skip(1))
                    .map(|w| doc.slice(w.span))
                    .filter(|w| starts_upper(w) && !w.chars().all(char::is_uppercase))
                    .filter_map(|w| {
                        let lower = normalize(w, &mut buffer);
                        check.may_be_marked(lower).then(|| lower.to_string())
                    })
                    .collect()
            })
            .contains(lower)
    }
}

/// Byte ranges of quoted or emphasised titles (« La Haine », *Le Monde*):
/// marks that enclose at most eight words starting with a capital.
fn title_ranges(text: &str) -> Vec<Range<usize>> {
    const PAIRS: [(char, char); 6] = [
        ('“', '”'),
        ('«', '»'),
        ('"', '"'),
        ('‘', '’'),
        ('*', '*'),
        ('_', '_'),
    ];
    let mut ranges = Vec::new();
    for (i, c) in text.char_indices() {
        let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) else {
            continue;
        };
        let start = i + c.len_utf8();
        let Some(length) = text[start..].find(close) else {
            continue;
        };
        let inner = text[start..start + length].trim_start_matches([' ', '\u{a0}']);
        if starts_upper(inner) && inner.split_whitespace().count() <= 8 {
            ranges.push(start..start + length);
        }
    }
    ranges
}

fn within(ranges: &[Range<usize>], inner: Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start <= inner.start && inner.end <= r.end)
}

impl SourceFragment {
    /// What `word` says of its sentence; `next` is the word after it.
    fn evidence(
        &self,
        lists: &Lists,
        word: &str,
        sentence_start: bool,
        next: Option<&str>,
        context: &DocumentContext,
        buffer: &mut String,
    ) -> Evidence {
        // Most capitalised words are names, and words in capitals acronyms
        // (EU, IL): decided before any allocation.
        let capitalised = starts_upper(word);
        let acronym = || word.chars().nth(1).is_some() && !word.chars().any(char::is_lowercase);
        if capitalised && (!sentence_start || acronym()) {
            return Evidence::Neutral;
        }
        let lower = normalize(word, buffer);
        let classes = lists.words.get(lower).copied().unwrap_or_default();
        if capitalised && !classes.function_word {
            return Evidence::Neutral;
        }
        // Articles and prepositions before a capital belong to a name
        // (les Amants, Rue des Francs); content words do not.
        if classes.particle || classes.function_word {
            let before_capital = next.is_some_and(starts_upper);
            let in_name = before_capital && (classes.particle || !self.options.capitalised_nouns);
            return match (in_name, classes.particle) {
                (true, _) => Evidence::Neutral,
                (false, true) => Evidence::Particle,
                (false, false) => Evidence::Marked,
            };
        }
        // A word with an apostrophe is marked only as an elision (not
        // l'Élysée for its É); a name seen capitalised elsewhere never is,
        // and that look-up is left for the few words that would be marked.
        // The apostrophe is found by a byte loop: most words are short.
        let marked = classes.marked
            || match lower.bytes().position(|b| b == b'\'') {
                Some(at) => self.elided(word, lower, at),
                None => !lower.is_ascii() && lower.chars().any(|c| self.diacritics.contains(&c)),
            };
        if marked && !context.is_name(lower, self) {
            Evidence::Marked
        } else {
            Evidence::Neutral
        }
    }

    /// Whether a word whose normal form is `lower` could be marked, whatever
    /// its case: a marked word of the lists, one with an apostrophe (an
    /// elision), or one outside ASCII (a diacritic). A name that could not
    /// be is never looked up.
    fn may_be_marked(&self, lower: &str) -> bool {
        self.lists().words.get(lower).is_some_and(|c| c.marked)
            || lower.contains('\'')
            || !lower.is_ascii()
    }

    /// Whether `lower` (of `word`), with an apostrophe at `at`, is an
    /// elided source word: l'armée, not an English clitic (it's, don't).
    fn elided(&self, word: &str, lower: &str, at: usize) -> bool {
        let (head, rest) = (&lower[..at], &lower[at + 1..]);
        let rest_original = word.split_once(['\'', '’']).map_or("", |(_, r)| r);
        self.elisions.contains(head)
            && !rest.is_empty()
            && !ENGLISH_CLITICS.contains(&rest)
            && !starts_upper(rest_original)
    }

    /// The candidate spans of one sentence and what decided each.
    fn analyse_sentence(
        &self,
        doc: &Document,
        sentence: &Sentence,
        context: &DocumentContext,
    ) -> SentenceAnalysis {
        let words = doc.words_of(sentence);
        let text = doc.slice(sentence.span);
        let lower = sentence.span.text(doc.lower());
        let local = |w: &Word| w.span.start - sentence.span.start..w.span.end - sentence.span.start;
        let expressions = context.expressions_in(sentence.span, self);
        let (lists, mut buffer) = (self.lists(), String::new());
        let mut evidence: Vec<Evidence> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text_of_word = doc.slice(w.span);
                if within(&expressions, local(w)) {
                    // Not inside a name (a Los Angeles man).
                    let name = i > 0 && starts_upper(text_of_word);
                    return if name {
                        Evidence::Neutral
                    } else {
                        Evidence::Marked
                    };
                }
                let next = words.get(i + 1).map(|n| doc.slice(n.span));
                self.evidence(lists, text_of_word, i == 0, next, context, &mut buffer)
            })
            .collect();
        // Allowed phrases and titles make their words neutral; most
        // sentences have no marked word and need not look for them.
        if evidence.contains(&Evidence::Marked) {
            let allowed = phrase_ranges(&lists.allow, text, lower);
            let titles = title_ranges(text);
            for (w, e) in words.iter().zip(&mut evidence) {
                if within(&allowed, local(w)) || within(&titles, local(w)) {
                    *e = Evidence::Neutral;
                }
            }
        }
        let mut candidates = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if evidence[i] != Evidence::Marked {
                i += 1;
                continue;
            }
            // Grow the span over marked words and particles, bridging one
            // unmarked word when a marked word follows it.
            let (start, mut end, mut marked) = (i, i, 1);
            let mut j = i + 1;
            while j < words.len() {
                match evidence[j] {
                    Evidence::Marked => {
                        marked += 1;
                        end = j;
                    }
                    Evidence::Particle => end = j,
                    Evidence::Neutral if evidence.get(j + 1) == Some(&Evidence::Marked) => {}
                    Evidence::Neutral => break,
                }
                j += 1;
            }
            while end > start && evidence[end] == Evidence::Particle {
                end -= 1;
            }
            let span = Span::new(words[start].span.start, words[end].span.end);
            candidates.push(self.judge(doc.slice(span), span, end + 1 - start, marked));
            i = end + 1;
        }
        let marked = evidence.iter().filter(|&&e| e == Evidence::Marked).count();
        if let Some(whole) = self.whole_sentence(doc, words, marked, &candidates) {
            candidates = vec![whole];
        }
        SentenceAnalysis {
            span: sentence.span,
            words: words.len(),
            marked,
            detected: None,
            candidates,
        }
    }

    /// A sentence where source words are dense, and which whatlang reads as
    /// the source language, is one fragment from its first word to its last,
    /// however the word lists split it.
    fn whole_sentence(
        &self,
        doc: &Document,
        words: &[Word],
        marked: usize,
        candidates: &[Candidate],
    ) -> Option<Candidate> {
        let (first, last) = (words.first()?, words.last()?);
        let dense = words.len() >= WHOLE_SENTENCE_WORDS
            && candidates.len() > 1
            && marked as f64 >= WHOLE_SENTENCE_DENSITY * words.len() as f64;
        if !dense {
            return None;
        }
        let span = Span::new(first.span.start, last.span.end);
        let info = self.detector.detect(doc.slice(span))?;
        (info.lang() == self.source && info.is_reliable()).then(|| Candidate {
            span,
            words: words.len(),
            marked,
            detected: Some((info.lang(), info.confidence())),
            confidence: info.confidence().min(0.99),
            verdict: Verdict::Reported,
        })
    }

    /// Confidence grows with the marked words; whatlang vetoes spans of
    /// three words or more that it reads as the target language.
    fn judge(&self, fragment: &str, span: Span, words: usize, marked: usize) -> Candidate {
        let mut confidence = 0.6 + 0.1 * marked.min(4) as f64;
        let mut verdict = Verdict::Reported;
        let detected = (words >= 3)
            .then(|| self.detector.detect(fragment))
            .flatten()
            .map(|info| {
                if info.lang() == self.target && info.is_reliable() {
                    verdict = Verdict::TargetLanguage;
                } else if info.lang() != self.target {
                    confidence = confidence.max(info.confidence());
                }
                (info.lang(), info.confidence())
            });
        Candidate {
            span,
            words,
            marked,
            detected,
            confidence: confidence.min(0.99),
            verdict,
        }
    }

    /// Every sentence's evidence with whatlang's reading of it, for tuning
    /// rule files (`mtlint explain-language`).
    pub fn explain(&self, doc: &Document) -> Vec<SentenceAnalysis> {
        let context = DocumentContext::new(doc, self);
        doc.sentences
            .iter()
            .map(|s| {
                let mut analysis = self.analyse_sentence(doc, s, &context);
                analysis.detected = self
                    .detector
                    .detect(doc.slice(s.span))
                    .map(|info| (info.lang(), info.confidence()));
                analysis
            })
            .collect()
    }
}

impl Check for SourceFragment {
    fn prepare(&self) {
        self.lists();
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let context = DocumentContext::new(doc, self);
        super::for_chunks(&doc.sentences, out, |sentences, out| {
            self.report(doc, sentences, &context, out)
        });
    }
}

impl SourceFragment {
    fn report(
        &self,
        doc: &Document,
        sentences: &[Sentence],
        context: &DocumentContext,
        out: &mut Vec<Diagnostic>,
    ) {
        for sentence in sentences
            .iter()
            .map(|s| self.analyse_sentence(doc, s, context))
        {
            for candidate in sentence
                .candidates
                .iter()
                .filter(|c| c.verdict == Verdict::Reported)
            {
                let fragment = doc.slice(candidate.span);
                let what = if candidate.words == 1 {
                    "word"
                } else {
                    "words"
                };
                out.push(self.meta.diagnostic(
                    candidate.span,
                    format!(
                        "{} {what} left untranslated: “{fragment}” ({}, confidence {:.2})",
                        self.profile.language, self.profile.language, candidate.confidence
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{check_phrase_list, normalize, phrase_matcher, phrase_ranges, phrases_in};
    use crate::checks::testing::flagged;
    use crate::span::Span;

    proptest! {
        /// The matches of one search of a whole text, shared out among its
        /// sentences, are what a search of each sentence finds, whether or
        /// not a match of the whole crosses a sentence's edge.
        #[test]
        fn one_search_of_the_text_finds_what_a_search_of_each_sentence_does(
            phrases in prop::collection::vec("[ab. ]{1,4}", 1..4),
            text in "[aAb. ]{0,40}",
            cuts in prop::collection::vec(0..41_usize, 0..6),
        ) {
            let matcher = phrase_matcher(&phrases);
            let lower = text.to_ascii_lowercase();
            let all: Vec<_> = matcher.as_ref().unwrap().find_iter(&lower).map(|m| m.range()).collect();
            let mut bounds: Vec<usize> = cuts.into_iter().filter(|&c| c < text.len()).collect();
            bounds.extend([0, text.len()]);
            bounds.sort_unstable();
            bounds.dedup();
            for pair in bounds.windows(2) {
                let sentence = Span::new(pair[0], pair[1]);
                let (part, part_lower) = (sentence.text(&text), sentence.text(&lower));
                prop_assert_eq!(
                    phrases_in(&all, sentence, part, part_lower, &matcher),
                    phrase_ranges(&matcher, part, part_lower)
                );
            }
        }
    }

    #[test]
    fn words_are_normalized_to_lower_case_and_the_ascii_apostrophe() {
        for (word, normal) in [
            ("armée", "armée"),
            ("d'hommes", "d'hommes"),
            ("Ndlr", "ndlr"),
            ("D’HOMMES", "d'hommes"),
            ("l’État", "l'état"),
            ("Élysée", "élysée"),
            ("c’est", "c'est"),
        ] {
            assert_eq!(normalize(word, &mut String::new()), normal, "{word}");
        }
        // Words already in normal form are not copied.
        for word in ["mobilisés", "ndlr", "d'hommes"] {
            let mut buffer = String::new();
            assert!(std::ptr::eq(normalize(word, &mut buffer), word), "{word}");
            assert!(buffer.is_empty());
        }
    }

    #[test]
    fn phrase_lists_over_the_limit_are_refused() {
        let list = ["il y a".to_string(), "parce que".to_string()];
        assert!(check_phrase_list("allow", list.iter(), 15).is_ok());
        let error = check_phrase_list("allow", list.iter(), 14).unwrap_err();
        assert_eq!(
            error,
            "`allow` list: 15 bytes of phrases, more than the 14 allowed"
        );
    }

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
            // An elision before a capital is part of a name, whatever its
            // accents.
            "The president spoke at l’Élysée on Monday.\n",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn titles_in_quotes_or_italics_are_not_fragments() {
        assert!(found("Crowds sang “La vie en rose” at the end.\n").is_empty());
        assert!(found("The daily *Le journal du soir* printed it.\n").is_empty());
        assert_eq!(
            found("Crowds sang “la vie en rose” at the end.\n"),
            vec!["vie"]
        );
    }

    #[test]
    fn a_word_seen_capitalised_inside_a_sentence_is_a_name() {
        let text = "The owners of Bonheur opened a café. Guests of bonheur came back.\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
        assert_eq!(found("Guests of bonheur came back.\n"), vec!["bonheur"]);
    }

    #[test]
    fn acronyms_clitics_and_names_holding_an_expression_are_not_fragments() {
        for text in [
            "IL-6 levels rose in the trial.\n",
            "Cross the t’s and dot the i’s.\n",
            "They ate at the Sur Place diner.\n",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert_eq!(found("They stayed sur place all day.\n"), vec!["sur place"]);
    }
}
