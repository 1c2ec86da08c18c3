//! One scan for thousands of literals: an Aho–Corasick automaton in which
//! large groups of literals stand behind a few gate words.
//!
//! An English text meets about 9,000 literals of the phrase check: the
//! phrases of its rules, hundreds of inflections each, and the literals its
//! patterns require. Building their automaton was a third of a one-article
//! run. A group of literals that share a few words (every form of “no
//! victims were deplored” holds “deplore”) puts only those words in the
//! automaton, and a gate found is compared with the literals behind it, at
//! the gate's offset in each. The scan reports the same occurrences; for
//! English, its automaton holds 1,857 strings of 26 KB instead of 8,784 of
//! 192 KB, and builds in a fifth of the time.
//!
//! For the embedded rules, both are done at build time: `build.rs` chooses
//! the gates of their groups (`crate::gates`) and compiles the strings of
//! every pack into one double-array automaton (daachorse, which can be
//! serialized, where aho-corasick cannot; it also scans 13% faster). A scan
//! runs it, mapping each string found to what it stands for in its own
//! rules, and runs an aho-corasick automaton of its other strings, from
//! rule files given at run time, if it has any.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use daachorse::DoubleArrayAhoCorasick;

use crate::gates::{Gates, MIN_GATED, gates};

pub struct LiteralScan {
    /// The automaton of the embedded rules' needles, if this scan has one
    /// of them (`crate::rules::embedded::needle_automaton`).
    embedded: Option<&'static DoubleArrayAhoCorasick<u32>>,
    /// What embedded needle `i` stands for here:
    /// `embedded_entries[first[i]..first[i + 1]]`.
    first: Vec<u32>,
    embedded_entries: Vec<Entry>,
    /// An automaton of the other needles (from rule files given at run
    /// time), and what each pattern of it stands for.
    extra: Option<(AhoCorasick, Vec<Entry>)>,
    /// The literals behind each gate, by the gate's offset in them.
    gates: Vec<Vec<AtOffset>>,
    chosen_at_load: usize,
}

#[derive(Clone, Copy)]
enum Entry {
    /// The literal of this id.
    Literal(usize),
    /// `gates[index]`.
    Gate(usize),
}

/// The literals behind a gate that begin `offset` bytes before it.
///
/// A common gate word (“from”, “since”) stands for hundreds of literals:
/// comparing each with the text at every hit doubled the scan's cost. The
/// literals of eight bytes or more are found by a binary search on their
/// first eight bytes read as one word (`head`); shorter ones are compared
/// one by one.
struct AtOffset {
    offset: usize,
    /// Sorted by head.
    long: Vec<(u64, Gated)>,
    short: Vec<Gated>,
    /// A bit for each head of `long` (`head_bit`): most hits of a gate
    /// have no literal at all, and are told so without reading `long`.
    heads: [u64; 4],
}

/// The bit of `heads` that stands for a head: 8 bits of a multiplicative
/// hash.
fn head_bit(head: u64) -> (usize, u64) {
    let bit = (head.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
    (bit / 64, 1 << (bit % 64))
}

struct Gated {
    id: usize,
    bytes: Box<[u8]>,
}

impl Gated {
    /// Reports the literal if it begins at `start`.
    fn find_at(&self, haystack: &[u8], start: usize, found: &mut impl FnMut(usize, Range<usize>)) {
        let range = start..start + self.bytes.len();
        if haystack.get(range.clone()) == Some(&self.bytes[..]) {
            found(self.id, range);
        }
    }
}

/// The first eight bytes of `bytes` as one word, zero-padded.
fn head(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(word)
}

impl LiteralScan {
    /// Compiles the literals of the groups, numbered in order across them.
    ///
    /// # Panics
    /// If the automaton outgrows aho-corasick's state identifiers, which
    /// would take gigabytes of literals.
    pub fn new(groups: Vec<Vec<Vec<u8>>>) -> LiteralScan {
        use rayon::prelude::*;
        // The groups of the embedded rules had their gates chosen at build time.
        let gated: Vec<(Option<Gates>, bool)> = groups
            .par_iter()
            .map(|group| match crate::rules::embedded::gates(group) {
                Some(known) => (known, false),
                None => (gates(group), group.len() >= MIN_GATED),
            })
            .collect();
        let chosen_at_load = gated.iter().filter(|(_, chosen)| *chosen).count();
        let mut needles = Needles::default();
        let mut gates: Vec<Vec<AtOffset>> = Vec::new();
        let mut id = 0;
        for (group, (gated, _)) in groups.into_iter().zip(gated) {
            match gated {
                None => {
                    for literal in group {
                        needles.add(literal, Entry::Literal(id));
                        id += 1;
                    }
                }
                Some(Gates { words, places }) => {
                    let first = gates.len();
                    for word in words {
                        needles.add(word, Entry::Gate(gates.len()));
                        gates.push(Vec::new());
                    }
                    for (literal, (gate, offset)) in group.into_iter().zip(places) {
                        let offsets = &mut gates[first + gate];
                        let at = match offsets.iter().position(|o| o.offset == offset) {
                            Some(at) => at,
                            None => {
                                offsets.push(AtOffset {
                                    offset,
                                    long: Vec::new(),
                                    short: Vec::new(),
                                    heads: [0; 4],
                                });
                                offsets.len() - 1
                            }
                        };
                        let gated = Gated {
                            id,
                            bytes: literal.into_boxed_slice(),
                        };
                        if gated.bytes.len() >= 8 {
                            let head = head(&gated.bytes);
                            let (word, bit) = head_bit(head);
                            offsets[at].heads[word] |= bit;
                            offsets[at].long.push((head, gated));
                        } else {
                            offsets[at].short.push(gated);
                        }
                        id += 1;
                    }
                }
            }
        }
        for at in gates.iter_mut().flatten() {
            at.long.sort_by_key(|(head, _)| *head);
        }
        let embedded =
            (!needles.embedded.is_empty()).then(crate::rules::embedded::needle_automaton);
        // Entries in needle order, those of one needle in the order added:
        // counted, then placed.
        let (mut first, mut embedded_entries) = (Vec::new(), Vec::new());
        if embedded.is_some() {
            first = vec![0; crate::rules::embedded::needle_count() + 1];
            for &(needle, _) in &needles.embedded {
                first[needle + 1] += 1;
            }
            for i in 1..first.len() {
                first[i] += first[i - 1];
            }
            let mut next = first.clone();
            embedded_entries = vec![Entry::Literal(0); needles.embedded.len()];
            for (needle, entry) in needles.embedded {
                embedded_entries[next[needle] as usize] = entry;
                next[needle] += 1;
            }
        }
        let extra = (!needles.extra.is_empty()).then(|| {
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&needles.extra)
                .expect("literal automaton builds");
            (automaton, needles.extra_entries)
        });
        LiteralScan {
            embedded,
            first,
            embedded_entries,
            extra,
            gates,
            chosen_at_load,
        }
    }

    /// How many groups had gates chosen when the scan was built, rather than
    /// at build time (the tests check that embedded rules need none).
    pub fn gates_chosen_at_load(&self) -> usize {
        self.chosen_at_load
    }

    /// How many needles are not the embedded automaton's, and were compiled
    /// into one when the scan was built.
    pub fn needles_compiled_at_load(&self) -> usize {
        self.extra.as_ref().map_or(0, |(_, entries)| entries.len())
    }

    /// Calls `found` with the id and range of every occurrence of every
    /// literal in `haystack`, overlapping ones included.
    pub fn find_overlapping(&self, haystack: &[u8], mut found: impl FnMut(usize, Range<usize>)) {
        if let Some(automaton) = self.embedded {
            for m in automaton.find_overlapping_iter(haystack) {
                let needle = m.value() as usize;
                let entries = self.first[needle] as usize..self.first[needle + 1] as usize;
                for &entry in &self.embedded_entries[entries] {
                    self.report(entry, m.start()..m.end(), haystack, &mut found);
                }
            }
        }
        if let Some((automaton, entries)) = &self.extra {
            for m in automaton.find_overlapping_iter(haystack) {
                self.report(
                    entries[m.pattern().as_usize()],
                    m.range(),
                    haystack,
                    &mut found,
                );
            }
        }
    }

    /// Reports the literal a needle found at `range` stands for, or those
    /// behind the gate it is.
    fn report(
        &self,
        entry: Entry,
        range: Range<usize>,
        haystack: &[u8],
        found: &mut impl FnMut(usize, Range<usize>),
    ) {
        match entry {
            Entry::Literal(id) => found(id, range),
            Entry::Gate(gate) => {
                for at in &self.gates[gate] {
                    let Some(start) = range.start.checked_sub(at.offset) else {
                        continue;
                    };
                    let text_head = head(&haystack[start..]);
                    let (word, bit) = head_bit(text_head);
                    if at.heads[word] & bit != 0 {
                        let first = at.long.partition_point(|(head, _)| *head < text_head);
                        for (_, literal) in at.long[first..]
                            .iter()
                            .take_while(|(head, _)| *head == text_head)
                        {
                            literal.find_at(haystack, start, found);
                        }
                    }
                    for literal in &at.short {
                        literal.find_at(haystack, start, found);
                    }
                }
            }
        }
    }
}

/// The strings of a scan's automata, each with what it stands for: those
/// of the embedded automaton by index, the others in order.
#[derive(Default)]
struct Needles {
    embedded: Vec<(usize, Entry)>,
    extra: Vec<Vec<u8>>,
    extra_entries: Vec<Entry>,
}

impl Needles {
    fn add(&mut self, needle: Vec<u8>, entry: Entry) {
        match crate::rules::embedded::needle(&needle) {
            Some(index) => self.embedded.push((index, entry)),
            None => {
                self.extra.push(needle);
                self.extra_entries.push(entry);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every occurrence of every literal, found one literal at a time.
    fn naive(groups: &[Vec<Vec<u8>>], haystack: &[u8]) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        for (id, literal) in groups.iter().flatten().enumerate() {
            for start in 0..=haystack.len().saturating_sub(literal.len()) {
                if haystack[start..].starts_with(literal) {
                    found.push((id, start..start + literal.len()));
                }
            }
        }
        found
    }

    /// Literals of words of `long` and `any`, most holding one of `long`,
    /// which are of a gate's length, so that most groups get gates.
    fn literal(
        long: Vec<&'static str>,
        any: Vec<&'static str>,
    ) -> impl Strategy<Value = Vec<u8>> + Clone {
        let long = prop::sample::select(long);
        let any = prop::sample::select(any);
        let around = || prop::collection::vec(any.clone(), 0..2);
        (around(), prop::option::weighted(0.95, long), around())
            .prop_map(|(before, long, after)| {
                let words: Vec<&str> = before.into_iter().chain(long).chain(after).collect();
                words.join(" ").into_bytes()
            })
            .prop_filter("rules have no empty literal", |literal| !literal.is_empty())
    }

    /// Words of one to five letters, none of them a needle of the embedded
    /// automaton (checked below), and literals made of them: a scan of its
    /// own automaton.
    const OWN: [&str; 7] = ["aaaa", "abab", "bbbbb", "abba", "ab", "ba", "b"];

    fn own_literal() -> impl Strategy<Value = Vec<u8>> + Clone {
        literal(OWN[..4].to_vec(), OWN.to_vec())
    }

    /// Words of which some are needles of the embedded automaton (checked
    /// below), and literals made of them: a scan of both automata.
    const MIXED: [&str; 7] = ["blows", "attack", "city", "court", "abab", "of", "b"];

    fn mixed_literal() -> impl Strategy<Value = Vec<u8>> + Clone {
        literal(MIXED[..5].to_vec(), MIXED.to_vec())
    }

    fn assert_finds_every_occurrence(
        groups: Vec<Vec<Vec<u8>>>,
        haystack: &[u8],
    ) -> Result<(), TestCaseError> {
        let scan = LiteralScan::new(groups.clone());
        let mut found = Vec::new();
        scan.find_overlapping(haystack, |id, range| found.push((id, range)));
        let key = |(id, range): &(usize, Range<usize>)| (range.start, range.end, *id);
        found.sort_by_key(key);
        let mut expected = naive(&groups, haystack);
        expected.sort_by_key(key);
        prop_assert_eq!(found, expected);
        Ok(())
    }

    #[test]
    fn the_words_of_the_literals_are_needles_or_not_as_said() {
        let needle = |word: &str| crate::rules::embedded::needle(word.as_bytes());
        for word in &MIXED[..4] {
            assert!(needle(word).is_some(), "{word}");
        }
        for word in OWN {
            assert!(needle(word).is_none(), "{word}");
        }
    }

    proptest! {
        /// The gated scan reports exactly what a scan of every literal does.
        #[test]
        fn gated_scan_finds_every_occurrence(
            groups in prop::collection::vec(prop::collection::vec(own_literal(), 0..20), 1..4),
            haystack in prop::collection::vec(prop::sample::select(vec![b'a', b'b', b' ']), 0..200),
        ) {
            assert_finds_every_occurrence(groups, &haystack)?;
        }

        /// So does a scan whose needles are partly the embedded automaton's.
        #[test]
        fn scan_of_both_automata_finds_every_occurrence(
            groups in prop::collection::vec(prop::collection::vec(mixed_literal(), 0..20), 1..4),
            words in prop::collection::vec(prop::sample::select(MIXED.to_vec()), 0..40),
        ) {
            assert_finds_every_occurrence(groups, words.join(" ").as_bytes())?;
        }
    }
}
