//! Gate words: a few words, one of which each literal of a group holds, that
//! stand for the whole group in the literal scan (`crate::literal_scan`).
//!
//! Choosing them was a third of building the English pack's scan, so
//! `build.rs` also runs this module on the phrase lists and required
//! literals of the embedded rule files and compiles the answers into the
//! binary (`crate::rules::embedded::gates`): a run chooses gates only for the
//! groups of rule files given to it.

use crate::literals::without_supersets;

/// Words shorter than this (in bytes) make poor gates: most blocks hold one.
const MIN_GATE: usize = 4;
/// Groups of fewer literals than this gain nothing from gates.
pub const MIN_GATED: usize = 8;
/// Groups needing more gates than this keep their literals: choosing them
/// would cost more than it saves.
const MAX_GATES: usize = 16;

/// The gates of a group of literals.
#[derive(Debug, PartialEq)]
pub struct Gates {
    pub words: Vec<Vec<u8>>,
    /// For each literal, the gate it is found through and its offset there.
    pub places: Vec<(usize, usize)>,
}

impl Gates {
    /// Whether each of the `literals` holds its gate word at its offset: all
    /// the scan needs to report every occurrence of every literal. Checked on
    /// gates read by key, which may be those of another group.
    pub fn fit(&self, literals: &[Vec<u8>]) -> bool {
        self.places.len() == literals.len()
            && literals
                .iter()
                .zip(&self.places)
                .all(|(literal, &(gate, offset))| {
                    self.words.get(gate).is_some_and(|word| {
                        !word.is_empty()
                            && literal
                                .get(offset..)
                                .is_some_and(|rest| rest.starts_with(word))
                    })
                })
    }
}

/// The key of a group in the build-time table: FNV-1a over its literals,
/// eight bytes at a time, each followed by its length.
pub fn group_key(literals: &[Vec<u8>]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |word: u64| hash = (hash ^ word).wrapping_mul(PRIME);
    for literal in literals {
        for chunk in literal.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            mix(u64::from_le_bytes(word));
        }
        mix(literal.len() as u64);
    }
    hash
}

/// A few words, one of which each of the `literals` holds, when they are
/// less than a quarter of the literals' bytes and at most `MAX_GATES`;
/// `None` otherwise, or when some literal has no word (between spaces) of
/// `MIN_GATE` bytes or more.
///
/// Each word is chosen greedily, the one in most literals not yet covered,
/// then the longest. A literal goes behind one gate only, so that an
/// occurrence is reported once.
pub fn gates(literals: &[Vec<u8>]) -> Option<Gates> {
    if literals.len() < MIN_GATED {
        return None;
    }
    let size = |set: &[Vec<u8>]| set.iter().map(Vec::len).sum::<usize>();
    let budget = size(literals) / 4;
    let words: Vec<Vec<&[u8]>> = literals
        .iter()
        .map(|literal| {
            let mut words: Vec<&[u8]> = literal
                .split(|&b| b == b' ')
                .filter(|w| w.len() >= MIN_GATE)
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        })
        .collect();
    if words.iter().any(Vec::is_empty) {
        return None;
    }
    let mut counts: foldhash::HashMap<&[u8], usize> = foldhash::HashMap::default();
    for word in words.iter().flatten() {
        *counts.entry(word).or_default() += 1;
    }
    let mut covered = vec![false; literals.len()];
    let mut chosen = Vec::new();
    while covered.contains(&false) {
        let (&best, _) = counts
            .iter()
            .max_by_key(|&(word, n)| (*n, word.len(), std::cmp::Reverse(*word)))?;
        for (i, words) in words.iter().enumerate() {
            if !covered[i] && words.binary_search(&best).is_ok() {
                covered[i] = true;
                for word in words {
                    counts.entry(word).and_modify(|n| *n -= 1);
                }
            }
        }
        chosen.push(best.to_vec());
        if size(&chosen) >= budget || chosen.len() > MAX_GATES {
            return None;
        }
    }
    let chosen = without_supersets(chosen);
    let places = literals
        .iter()
        .map(|literal| {
            chosen.iter().enumerate().find_map(|(gate, word)| {
                let offset = literal.windows(word.len()).position(|w| w == word)?;
                Some((gate, offset))
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Gates {
        words: chosen,
        places,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(strings: &[&str]) -> Vec<Vec<u8>> {
        strings.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn inflections_share_a_gate() {
        let mut phrases = Vec::new();
        for subject in ["no victims", "no dead", "any casualties", "two dead"] {
            for verb in ["were deplored", "are deplored", "deplored"] {
                phrases.push(format!("{subject} {verb}"));
            }
        }
        let literals = bytes(&phrases.iter().map(String::as_str).collect::<Vec<_>>());
        let gates = gates(&literals).unwrap();
        assert_eq!(gates.words, vec![b"deplored".to_vec()]);
        assert_eq!(gates.places[0], (0, "no victims were ".len()));
        assert!(gates.fit(&literals));
    }

    #[test]
    fn no_gates_for_few_literals_or_short_words() {
        assert_eq!(gates(&bytes(&["it is about"; 3])), None);
        let short = [
            "of the", "in a", "to be", "at it", "by us", "as we", "on to", "up in",
        ];
        assert_eq!(gates(&bytes(&short)), None);
    }

    #[test]
    fn gates_of_another_group_do_not_fit() {
        let group = |verb: &str| {
            let phrases: Vec<String> = (0..8).map(|i| format!("{i} were {verb}")).collect();
            bytes(&phrases.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let (deplored, reported) = (group("deplored"), group("reported"));
        let gates = gates(&deplored).unwrap();
        assert!(gates.fit(&deplored));
        assert!(!gates.fit(&reported));
        assert!(!gates.fit(&deplored[1..]));
        assert_ne!(group_key(&deplored), group_key(&reported));
        // The lengths keep literals apart: ["ab", "c"] is not ["a", "bc"].
        assert_ne!(
            group_key(&bytes(&["ab", "c"])),
            group_key(&bytes(&["a", "bc"]))
        );
    }
}
