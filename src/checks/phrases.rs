//! Rule-file phrase checks: `existence` (flag a phrase or pattern) and
//! `substitution` (phrase → suggested replacement).
//!
//! All literal phrases of all rules are compiled into one scan
//! (`crate::literal_scan`), so literals cost one pass whatever their
//! number. The same scan finds the literals each pattern requires
//! (`crate::literals`), and a pattern runs, with its own lazy DFA, only on
//! the blocks holding one (and, if anchored at a block's start, beginning
//! with one of its prefixes): most blocks match no calque pattern, and
//! running them all cost two thirds of a check. A single `RegexSet` of the
//! patterns was measured four times slower than running them one by one
//! (its combined DFA, with Unicode classes, overflows its cache and falls
//! back to the NFA).
//!
//! Bad: `It is about protecting the area.` (calque of “il s’agit de”)
//! Good: `The aim is to secure the area.`

use std::ops::Range;

use super::{Check, is_whole_word};
use crate::diagnostic::Diagnostic;
use crate::document::{Block, Document};
use crate::literal_scan::LiteralScan;
use crate::pattern::Pattern;
use crate::rules::RuleMeta;
use crate::span::Span;

/// One `existence` or `substitution` rule, validated.
pub struct PhraseRule {
    pub meta: RuleMeta,
    pub context: Context,
    /// Literal phrases with the replacement each suggests (`None`: the
    /// rule's `suggestion`).
    pub tokens: Vec<(String, Option<String>)>,
    pub patterns: Vec<Pattern>,
    pub exceptions: Vec<Pattern>,
    pub ignorecase: bool,
    pub suggestion: Option<String>,
    /// Characters of the flagged text to replace to make the suggestion.
    pub replace_chars: Vec<(char, String)>,
}

pub struct Phrases {
    rules: Vec<PhraseRule>,
    literals: LiteralScan,
    /// Literal id → what the literal is.
    needles: Vec<Needle>,
    patterns: Vec<RulePattern>,
    /// The patterns without required literals, which run on every block
    /// (or, if anchored, on those that begin with one of their prefixes:
    /// `crate::literals::anchored_prefixes`).
    every_block: Vec<usize>,
}

impl Phrases {
    /// Compiles every pattern now; the error names the rule.
    pub fn compile_patterns(&self) -> Result<(), String> {
        for rule in &self.rules {
            for pattern in rule.patterns.iter().chain(&rule.exceptions) {
                pattern
                    .compile()
                    .map_err(|e| format!("{}: `{}`: {e}", rule.meta.id, pattern.as_str()))?;
            }
        }
        Ok(())
    }
}

/// Compiles, on every core, those of the `patterns` not yet compiled (those
/// that run on every block, while a pack's scan is built).
fn compile_in_parallel<'a>(patterns: impl Iterator<Item = &'a Pattern>) {
    use rayon::prelude::*;
    let pending: Vec<&Pattern> = patterns.filter(|p| !p.is_compiled()).collect();
    if pending.len() > 1 {
        // Embedded patterns compile (tested); a failure shows when the
        // pattern is used.
        pending.par_iter().for_each(|pattern| {
            let _ = pattern.compile();
        });
    }
}

/// Strings of bytes, each a literal of the automaton.
type Literals = Vec<Vec<u8>>;

/// A literal of the automaton.
enum Needle {
    /// A phrase of `rules[rule].tokens[token]`.
    Token { rule: usize, token: usize },
    /// A literal of set `set` of those `patterns[pattern]` requires: its
    /// `required` literals, then each of its `also_required` sets.
    Required { pattern: usize, set: usize },
}

/// The pattern `rules[rule].patterns[index]`.
struct RulePattern {
    rule: usize,
    index: usize,
    /// Runs only on blocks holding a literal of each of its required sets,
    /// whose bits this has (none: every block).
    sets: u64,
}

impl Phrases {
    pub fn compile(rules: Vec<PhraseRule>) -> Phrases {
        use rayon::prelude::*;
        // Case-sensitive rules are filtered after matching, so one scan for
        // ASCII-lower-case literals in ASCII-lower-cased text serves every
        // rule: half the transitions of an ASCII-case-insensitive automaton.
        // Each rule's phrases, so lowered, and its patterns' sets of
        // required literals are gathered on every core (8,784 phrases in the
        // English pack, a tenth of its load on one core).
        let gathered: Vec<(Literals, Vec<Vec<Literals>>)> = rules
            .par_iter()
            .map(|rule| {
                let phrases = rule.tokens.iter();
                let sets = rule.patterns.iter().map(|pattern| {
                    let required = pattern.required().into_iter();
                    required
                        .chain(pattern.also_required().iter().map(Vec::as_slice))
                        .map(<[Vec<u8>]>::to_vec)
                        .collect()
                });
                (
                    phrases
                        .map(|(phrase, _)| phrase.to_ascii_lowercase().into_bytes())
                        .collect(),
                    sets.collect(),
                )
            })
            .collect();
        let mut needles = Vec::new();
        // A rule's phrases form a group, and so do a pattern's literals.
        let mut groups: Vec<Literals> = Vec::new();
        let mut patterns = Vec::new();
        for (r, (phrases, pattern_sets)) in gathered.into_iter().enumerate() {
            needles.extend((0..phrases.len()).map(|token| Needle::Token { rule: r, token }));
            groups.push(phrases);
            for (index, sets) in pattern_sets.into_iter().enumerate() {
                patterns.push(RulePattern {
                    rule: r,
                    index,
                    sets: (1 << sets.len()) - 1,
                });
                let pattern = patterns.len() - 1;
                for (set, literals) in sets.into_iter().enumerate() {
                    needles.extend(literals.iter().map(|_| Needle::Required { pattern, set }));
                    groups.push(literals);
                }
            }
        }
        let every_block: Vec<usize> = (0..patterns.len())
            .filter(|&p| patterns[p].sets == 0)
            .collect();
        // Those of them not anchored run on every block of any document:
        // they compile beside the scan, on a core that would wait.
        let unanchored = every_block
            .iter()
            .map(|&p| &rules[patterns[p].rule].patterns[patterns[p].index])
            .filter(|pattern| pattern.anchored().is_none());
        let (literals, ()) = rayon::join(
            || LiteralScan::new(groups),
            || compile_in_parallel(unanchored),
        );
        Phrases {
            rules,
            literals,
            needles,
            patterns,
            every_block,
        }
    }

    fn pattern(&self, p: usize) -> &Pattern {
        let pattern = &self.patterns[p];
        &self.rules[pattern.rule].patterns[pattern.index]
    }
}

/// Where a match must stand for its rule to fire: conditions on the words
/// around the whole match (lower case) and on its place in the sentence.
#[derive(Debug, Default)]
pub struct Context {
    pub sentence_start: bool,
    pub followed_by: Vec<String>,
    pub not_followed_by: Vec<String>,
    pub preceded_by: Vec<String>,
    pub not_preceded_by: Vec<String>,
}

/// The word touching `at` in `text`, looking forward or backward past spaces
/// only: punctuation between means there is none.
fn neighbour(text: &str, at: usize, forward: bool) -> Option<String> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let word: String = if forward {
        let rest = text[at..].trim_start_matches([' ', '\t', '\u{a0}']);
        rest.chars().take_while(|&c| is_word(c)).collect()
    } else {
        let rest = text[..at].trim_end_matches([' ', '\t', '\u{a0}']);
        let mut chars: Vec<char> = rest.chars().rev().take_while(|&c| is_word(c)).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    (!word.is_empty()).then(|| word.to_lowercase())
}

impl Context {
    fn allows(&self, doc: &Document, block: Span, whole: &Range<usize>) -> bool {
        let text = doc.slice(block);
        let listed = |list: &[String], word: &Option<String>| {
            word.as_ref().is_some_and(|w| list.contains(w))
        };
        let next = neighbour(text, whole.end, true);
        let previous = neighbour(text, whole.start, false);
        (!self.sentence_start || at_sentence_start(doc, block.start + whole.start))
            && (self.followed_by.is_empty() || listed(&self.followed_by, &next))
            && !listed(&self.not_followed_by, &next)
            && (self.preceded_by.is_empty() || listed(&self.preceded_by, &previous))
            && !listed(&self.not_preceded_by, &previous)
    }
}

/// Whether only quotation marks or brackets stand between the start of the
/// sentence holding `offset` and `offset`.
fn at_sentence_start(doc: &Document, offset: usize) -> bool {
    let i = doc.sentences.partition_point(|s| s.span.start <= offset);
    i > 0 && {
        let sentence = doc.sentences[i - 1].span;
        doc.text[sentence.start..offset]
            .chars()
            .all(|c| matches!(c, '“' | '"' | '«' | '‘' | '(' | '[' | ' ' | '\u{a0}'))
    }
}

/// Where a phrase matched in a block: the whole match (which exceptions
/// see) and the part reported.
struct Hit {
    whole: Range<usize>,
    flag: Range<usize>,
}

fn report(
    rule: &PhraseRule,
    doc: &Document,
    block: Span,
    hit: Hit,
    suggestion: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let (text, base) = (doc.slice(block), block.start);
    if rule
        .exceptions
        .iter()
        .any(|e| e.is_match(&text[hit.whole.clone()]))
        || !rule.context.allows(doc, block, &hit.whole)
    {
        return;
    }
    let default = match suggestion {
        Some(_) => "Use “{suggestion}” instead of “{match}”",
        None => "“{match}”",
    };
    let mapped;
    let suggestion = if rule.replace_chars.is_empty() {
        suggestion
    } else {
        mapped = text[hit.flag.clone()]
            .chars()
            .map(|c| {
                rule.replace_chars
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c.to_string(), |(_, to)| to.clone())
            })
            .collect::<String>();
        Some(mapped.as_str())
    };
    let mut diagnostic = rule.meta.diagnostic(
        Span::new(base + hit.flag.start, base + hit.flag.end),
        rule.meta
            .render_message(default, &text[hit.flag], suggestion),
    );
    diagnostic.suggestion = suggestion.map(str::to_owned);
    out.push(diagnostic);
}

impl Check for Phrases {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        super::for_chunks(&doc.blocks, out, |blocks, out| {
            self.check_blocks(&[(doc, blocks)], std::slice::from_mut(out))
        });
    }

    fn check_each(&self, docs: &[&Document], outs: &mut [Vec<Diagnostic>]) {
        let parts: Vec<(&Document, &[Block])> =
            docs.iter().map(|&doc| (doc, &doc.blocks[..])).collect();
        self.check_blocks(&parts, outs);
    }
}

impl Phrases {
    /// Reports the phrases of each block of each part (a document and
    /// blocks of it), `outs[i]` receiving those of `parts[i]`, and runs the
    /// patterns that can match there, once the scan has found every
    /// pattern any block needs: compiling them block by block, a few at a
    /// time, left a core idle for most of a one-article run.
    fn check_blocks(&self, parts: &[(&Document, &[Block])], outs: &mut [Vec<Diagnostic>]) {
        let mut scratch = Scratch {
            found: vec![0; self.patterns.len()],
            hit: Vec::new(),
        };
        // (pattern, part, block) for each pattern to run on a block.
        let mut order: Vec<(usize, usize, usize)> = Vec::new();
        for (i, ((doc, blocks), out)) in parts.iter().zip(outs.iter_mut()).enumerate() {
            for (b, block) in blocks.iter().enumerate() {
                order.extend(
                    self.scan(doc, block, &mut scratch, out)
                        .into_iter()
                        .map(|p| (p, i, b)),
                );
            }
        }
        // Pattern by pattern, each over the blocks that need it in every
        // part, so that its lazy DFA is still in the cache from one block
        // to the next (block by block took 1.7% more time over a corpus,
        // and document by document 2.5% more).
        order.sort_unstable();
        let runs: Vec<&[(usize, usize, usize)]> = order.chunk_by(|a, b| a.0 == b.0).collect();
        // While patterns remain to be compiled (a run's first documents),
        // each is compiled and run on its own core: compiling them all
        // first, then running them on one core, left the other idle for a
        // tenth of a one-article run. Findings are gathered in pattern
        // order either way.
        if runs.len() > 1 && runs.iter().any(|run| !self.pattern(run[0].0).is_compiled()) {
            use rayon::prelude::*;
            let found: Vec<Vec<Vec<Diagnostic>>> = runs
                .par_iter()
                .map(|run| {
                    let mut found = vec![Vec::new(); parts.len()];
                    self.run_pattern(parts, run, &mut found);
                    found
                })
                .collect();
            for found in found {
                for (out, diagnostics) in outs.iter_mut().zip(found) {
                    out.extend(diagnostics);
                }
            }
        } else {
            for run in runs {
                self.run_pattern(parts, run, outs);
            }
        }
    }

    /// Runs one pattern on the blocks `run` lists (all of that pattern:
    /// `(pattern, part, block)`), `outs[i]` receiving the findings in part
    /// `i`.
    fn run_pattern(
        &self,
        parts: &[(&Document, &[Block])],
        run: &[(usize, usize, usize)],
        outs: &mut [Vec<Diagnostic>],
    ) {
        for &(p, i, b) in run {
            let (doc, blocks) = parts[i];
            let span = blocks[b].span;
            let rule = &self.rules[self.patterns[p].rule];
            for (whole, flag) in self.pattern(p).matches(doc.slice(span)) {
                let hit = Hit { whole, flag };
                report(
                    rule,
                    doc,
                    span,
                    hit,
                    rule.suggestion.as_deref(),
                    &mut outs[i],
                );
            }
        }
    }

    /// One scan of the automaton over `block`: reports its phrases, and
    /// says which patterns run there, in order: those that run on every
    /// block, and those it found a literal of each required set of;
    /// anchored ones only if the block begins with one of their prefixes.
    fn scan(
        &self,
        doc: &Document,
        block: &Block,
        scratch: &mut Scratch,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let text = doc.slice(block.span);
        let folded = holds_folded(text);
        let lower = block.span.text(doc.lower());
        let Scratch { found, hit } = scratch;
        self.literals
            .find_overlapping(lower.as_bytes(), |id, range| match self.needles[id] {
                Needle::Token { rule, token } => {
                    let rule = &self.rules[rule];
                    let (token, suggestion) = &rule.tokens[token];
                    let exact_case = rule.ignorecase || &text[range.clone()] == token;
                    if exact_case && is_whole_word(text, range.start, range.end) {
                        let hit = Hit {
                            whole: range.clone(),
                            flag: range,
                        };
                        let suggestion = suggestion.as_ref().or(rule.suggestion.as_ref());
                        report(
                            rule,
                            doc,
                            block.span,
                            hit,
                            suggestion.map(String::as_str),
                            out,
                        );
                    }
                }
                Needle::Required { pattern, set } => {
                    if found[pattern] == 0 {
                        hit.push(pattern);
                    }
                    found[pattern] |= 1 << set;
                }
            });
        let runs: Vec<usize> = if folded {
            (0..self.patterns.len()).collect()
        } else {
            let gated = hit.iter().filter(|&&p| found[p] == self.patterns[p].sets);
            let mut runs: Vec<usize> = self.every_block.iter().chain(gated).copied().collect();
            let start = lower.trim_start().as_bytes();
            let mut digit = None;
            runs.retain(|&p| {
                let pattern = self.pattern(p);
                pattern
                    .anchored()
                    .is_none_or(|prefixes| prefixes.iter().any(|pre| start.starts_with(pre)))
                    && (!pattern.needs_digit()
                        || *digit.get_or_insert_with(|| may_hold_digit(text)))
            });
            runs.sort_unstable();
            runs
        };
        for &p in hit.iter() {
            found[p] = 0;
        }
        hit.clear();
        runs
    }
}

/// Whether `text` holds one of `crate::literals::FOLDED_ONTO_ASCII`: their
/// first bytes are found with memchr, where a search by character decoded
/// every character of every block.
fn holds_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let [a, b] =
        crate::literals::FOLDED_ONTO_ASCII.map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0]);
    memchr::memchr2_iter(a, b, bytes).any(|at| {
        let rest = &bytes[at..];
        crate::literals::FOLDED_ONTO_ASCII
            .iter()
            .any(|c| rest.starts_with(c.encode_utf8(&mut [0; 4]).as_bytes()))
    })
}

/// Whether `text` may hold a decimal digit (`\d`): an ASCII digit, or a
/// byte that can begin one outside ASCII. The first digit outside ASCII is
/// U+0660 (lead byte 0xD9), and U+2000 to U+2FFF (lead byte 0xE2: `’`, `“`,
/// `—`) hold none, so the accented letters and punctuation of news texts
/// do not count.
///
/// Bytes are tested a chunk at a time, without branches, which the
/// compiler turns into vector instructions: a test byte by byte cost more
/// than the patterns it spared.
fn may_hold_digit(text: &str) -> bool {
    text.as_bytes().chunks(32).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | b.is_ascii_digit() | ((b >= DIGIT_LEAD) & (b != PUNCTUATION_LEAD))
        })
    })
}

/// The lead byte of U+0660, the first decimal digit outside ASCII.
const DIGIT_LEAD: u8 = 0xD9;
/// The lead byte of U+2000 to U+2FFF, which hold no decimal digit.
const PUNCTUATION_LEAD: u8 = 0xE2;

/// What the scans of a run of blocks reuse from block to block.
struct Scratch {
    /// Pattern → the bits of the required sets the block has a literal of.
    found: Vec<u64>,
    /// The patterns with a bit in `found`.
    hit: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    fn rules_from(toml: &str) -> RuleSet {
        RuleSet::from_toml("test.toml", toml).unwrap()
    }

    /// The texts that the rules of `toml` flag in the plain `text`.
    fn flagged_by<'t>(toml: &str, text: &'t str) -> Vec<&'t str> {
        rules_from(toml)
            .check(text, crate::document::Format::Plain)
            .iter()
            .map(|d| &text[d.span.start..d.span.end])
            .collect()
    }

    #[test]
    fn tokens_are_whole_words_and_case_aware() {
        let rules = rules_from(
            r#"
[[rule]]
id = "t-otan"
kind = "substitution"
category = "acronym"
ignorecase = false
swap = { OTAN = "NATO" }

[[rule]]
id = "t-about"
kind = "existence"
category = "calque"
tokens = ["it is about"]
"#,
        );
        let text = "The OTAN summit. Otan is a name. BOTANY. It is about time.";
        let diagnostics = rules.check(text, crate::document::Format::Plain);
        let found: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.rule.as_str(), &text[d.span.start..d.span.end]))
            .collect();
        assert_eq!(found, vec![("t-otan", "OTAN"), ("t-about", "It is about")]);
    }

    #[test]
    fn patterns_report_the_flag_group_and_honour_exceptions() {
        let found = flagged_by(
            r#"
[[rule]]
id = "t-space"
kind = "existence"
category = "typography"
patterns = ['\w(?P<flag> +[.,])']
exceptions = ['^x']
suggestion = ""
"#,
            "The accord . Then x , y",
        );
        assert_eq!(found, vec![" ."]);
    }

    #[test]
    fn context_conditions() {
        let found = flagged_by(
            r#"
[[rule]]
id = "t-start"
kind = "existence"
category = "calque"
tokens = ["so it is"]
sentence-start = true

[[rule]]
id = "t-noun"
kind = "existence"
category = "calque"
tokens = ["assist"]
followed-by = ["at"]
not-preceded-by = ["to"]
"#,
            "So it is decided. And so it is. They assist at the mass. “So it is,” he said. They want to assist at it. They assist him.",
        );
        assert_eq!(found, vec!["So it is", "assist", "So it is"]);
    }

    #[test]
    fn folded_characters_are_found() {
        use super::holds_folded;
        for text in ["", "plain", "l’été “cité”", "\u{17E}\u{212B}"] {
            assert!(!holds_folded(text), "{text}");
        }
        for text in ["\u{17F}", "a\u{212A}b", "“x” \u{17F}"] {
            assert!(holds_folded(text), "{text}");
        }
    }

    #[test]
    fn every_decimal_digit_is_seen() {
        use super::may_hold_digit;
        let hir = regex_syntax::parse(r"\d").unwrap();
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("\\d is a Unicode class");
        };
        let mut digits = 0;
        for range in class.iter() {
            for c in range.start()..=range.end() {
                assert!(may_hold_digit(&format!("an {c} in text")), "{c:?}");
                digits += 1;
            }
        }
        assert!(digits > 600, "{digits}");
        for text in ["", "no digit, l’été « cité » — x ²", "œuvre ÿ"] {
            assert!(!may_hold_digit(text), "{text}");
        }
    }

    #[test]
    fn number_patterns_run_only_where_a_digit_is() {
        let found = flagged_by(
            r#"
[[rule]]
id = "t-comma"
kind = "existence"
category = "typography"
patterns = ['(?:^|\s)(?P<flag>\d+,\d)']
"#,
            "It rose by 3,5 points.\n\nNo number here.\n\nOr \u{663},\u{665} here.",
        );
        assert_eq!(found, vec!["3,5", "\u{663},\u{665}"]);
    }

    /// The first documents of a run compile the patterns they need and run
    /// them on every core; each document still gets exactly its own
    /// findings, as later, once every pattern is compiled.
    #[test]
    fn patterns_compiled_and_run_in_parallel_report_to_their_document() {
        let rules = RuleSet::builtin().unwrap();
        let phrases = rules.find::<super::Phrases>().unwrap();
        let compiled = |phrases: &super::Phrases| {
            (0..phrases.patterns.len())
                .filter(|&p| phrases.pattern(p).is_compiled())
                .count()
        };
        let before = compiled(phrases);
        let texts = [
            "It is about protecting the bridge, and the rate rose to 1,5 percent.",
            "He assisted at the hearing&nbsp;on Monday , with the others .",
            "The minister (who spoke first)said nothing of the “plan»here.",
        ];
        let docs: Vec<crate::document::Document> = texts
            .iter()
            .map(|t| crate::document::Document::parse(t, crate::document::Format::Plain))
            .collect();
        let refs: Vec<&crate::document::Document> = docs.iter().collect();
        let together = rules.check_documents(&refs);
        assert!(compiled(phrases) > before + 1, "{before}");
        let alone: Vec<_> = refs.iter().map(|doc| rules.check_document(doc)).collect();
        assert!(together.iter().all(|found| found.len() > 1), "{together:?}");
        assert_eq!(together, alone);
    }

    #[test]
    fn embedded_packs_have_their_gates_and_automaton_from_build_time() {
        for (source, target) in crate::rules::pairs() {
            let rules = RuleSet::load(&crate::rules::LoadOptions {
                source: source.to_string(),
                target: target.to_string(),
                ..Default::default()
            })
            .unwrap();
            let scan = &rules.find::<super::Phrases>().unwrap().literals;
            assert_eq!(scan.gates_chosen_at_load(), 0, "{source}-{target}");
            assert_eq!(scan.needles_compiled_at_load(), 0, "{source}-{target}");
        }
    }
}
