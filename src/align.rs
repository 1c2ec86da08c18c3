//! Alignment of a translation with its source: paragraphs first, then
//! sentences inside each pair of aligned paragraphs.
//!
//! # Cost model
//! Both steps use the length-based dynamic programme of Gale & Church (1993)
//! with anchors added. A link joins 0–2 source units with 0–2 target units;
//! its cost is `−ln P(link type) − ln P(δ) − anchors`:
//! * priors (Gale & Church): 1-1 0.89; 2-1 and 1-2 0.0445 each; 2-2 0.011;
//!   1-0 and 0-1 0.005 each;
//! * length: δ = (t − s·c) / √(s·σ²) over character counts, with c = 0.88
//!   (English translations of French news run about an eighth shorter in
//!   characters) and σ² = 4.0 (Gale & Church used 6.8; 3–5 align the
//!   project's test texts equally well, 6.8 and above worse); P(δ) is the
//!   two-sided normal tail, 2·(1 − Φ(|δ|));
//! * anchors: numbers, capitalised names and acronyms found on both sides
//!   lower the cost by `ANCHOR_BONUS` each, and an anchor of one side
//!   missing from the other raises it by `ANCHOR_MISS`; both are capped, so
//!   that names changed by the translation never outweigh the priors.
//!
//! The programme is banded: a cell (i, j) is only computed when j is within
//! `band` of the diagonal i·m/n, so the cost grows with the length of the
//! article, not its square.

use std::collections::HashSet;
use std::ops::Range;

use crate::document::Document;
use crate::span::Span;

/// Source units (sentence indices) linked with target units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub source: Range<usize>,
    pub target: Range<usize>,
}

/// Sentence links over the whole documents, in order.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    pub links: Vec<Link>,
}

const PRIORS: [((usize, usize), f64); 6] = [
    ((1, 1), 0.89),
    ((1, 2), 0.0445),
    ((2, 1), 0.0445),
    ((2, 2), 0.011),
    ((1, 0), 0.005),
    ((0, 1), 0.005),
];
const LENGTH_RATIO: f64 = 0.88;
const VARIANCE: f64 = 4.0;
const ANCHOR_BONUS: f64 = 1.5;
const ANCHOR_BONUS_CAP: f64 = 6.0;
const ANCHOR_MISS: f64 = 0.5;
const ANCHOR_MISS_CAP: f64 = 3.0;
const MIN_BAND: usize = 8;
const COGNATE_LETTERS: usize = 4;
const COGNATE_MIX: f64 = 0.3;
const COGNATE_WEIGHT: f64 = 18.0;

/// What the cost model sees of a paragraph or a sentence.
#[derive(Clone, Debug, Default)]
struct Unit {
    chars: usize,
    anchors: HashSet<String>,
    /// Cognate keys: the first letters of each longer word.
    cognates: HashSet<String>,
}

impl Unit {
    fn merge(units: &[Unit]) -> Unit {
        let mut merged = Unit::default();
        for unit in units {
            merged.chars += unit.chars;
            merged.anchors.extend(unit.anchors.iter().cloned());
            merged.cognates.extend(unit.cognates.iter().cloned());
        }
        merged
    }
}

/// Anchors of a text: numbers (digits only), and words capitalised inside
/// a sentence or acronyms (lower case, without accents), which most
/// translations keep. Words opening a sentence are capitalised in any
/// language and say nothing.
pub fn anchors(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut sentence_start = true;
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() {
            out.insert(word.to_string());
        } else if !sentence_start
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().count() > 1
        {
            out.insert(fold(word));
        }
        sentence_start =
            token.ends_with(['.', '!', '?', ':']) || token.ends_with(".”") || token.ends_with(".»");
    }
    out
}

/// Lower case without the common Latin accents, to compare names across
/// languages (Mélenchon = Melenchon).
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// Two-sided tail of the standard normal distribution, 2·(1 − Φ(|x|)),
/// from the Abramowitz–Stegun approximation of erfc (error below 1.5e-7).
fn normal_tail(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.3275911 * z);
    let poly = t
        * (0.254829592
            + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    (poly * (-z * z).exp()).max(1e-300)
}

fn dice(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()).max(1) as f64
}

/// One side of a candidate link: its units (0–2) and their merge.
struct Side<'a> {
    parts: &'a [Unit],
    whole: &'a Unit,
}

/// The last `count` (0–2) units before `end`, with their merge.
fn side<'a>(
    units: &'a [Unit],
    pairs: &'a [Unit],
    empty: &'a Unit,
    end: usize,
    count: usize,
) -> Side<'a> {
    match count {
        0 => Side {
            parts: &[],
            whole: empty,
        },
        1 => Side {
            parts: &units[end - 1..end],
            whole: &units[end - 1],
        },
        _ => Side {
            parts: &units[end - 2..end],
            whole: &pairs[end - 1],
        },
    }
}

/// Cost of linking two sides.
fn link_cost(source_side: Side, target_side: Side, prior: f64) -> f64 {
    let (source, target) = (source_side.whole, target_side.whole);
    let mut cost = -prior.ln();
    if source.chars > 0 && target.chars > 0 {
        let s = source.chars as f64;
        let delta = (target.chars as f64 - s * LENGTH_RATIO) / (s * VARIANCE).sqrt();
        cost -= normal_tail(delta).ln();
        let shared = source.anchors.intersection(&target.anchors).count() as f64;
        let missed = source.anchors.symmetric_difference(&target.anchors).count() as f64;
        cost += (ANCHOR_MISS * missed).min(ANCHOR_MISS_CAP)
            - (ANCHOR_BONUS * shared).min(ANCHOR_BONUS_CAP);
        // Every unit of a merged side must share cognates with the other
        // side, or a sentence with no counterpart would hide in the merge.
        let weakest = source_side
            .parts
            .iter()
            .map(|part| dice(&part.cognates, &target.cognates))
            .chain(
                target_side
                    .parts
                    .iter()
                    .map(|part| dice(&part.cognates, &source.cognates)),
            )
            .fold(f64::INFINITY, f64::min);
        let whole = dice(&source.cognates, &target.cognates);
        cost -= COGNATE_WEIGHT * (COGNATE_MIX * weakest + (1.0 - COGNATE_MIX) * whole);
    }
    cost
}

/// The best sequence of links between two unit sequences.
fn best_links(source: &[Unit], target: &[Unit]) -> Vec<Link> {
    let (n, m) = (source.len(), target.len());
    let band = MIN_BAND.max(n.abs_diff(m) + MIN_BAND);
    let diagonal = |i: usize| (i * m).checked_div(n).unwrap_or(0);
    let in_band = |i: usize, j: usize| j + band >= diagonal(i) && j <= diagonal(i) + band;
    // cost[i][j]: best cost of aligning source[..i] with target[..j].
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    // Merges of two neighbours, computed once: pairs[i] = units i-1 and i.
    let pairs = |units: &[Unit]| -> Vec<Unit> {
        (0..units.len())
            .map(|i| Unit::merge(&units[i.saturating_sub(1)..=i]))
            .collect()
    };
    let (source_pairs, target_pairs) = (pairs(source), pairs(target));
    let empty = Unit::default();
    for i in 0..=n {
        for j in 0..=m {
            if (i, j) == (0, 0) || !in_band(i, j) {
                continue;
            }
            for &((di, dj), prior) in &PRIORS {
                if di > i || dj > j || cost[i - di][j - dj].is_infinite() {
                    continue;
                }
                let candidate = cost[i - di][j - dj]
                    + link_cost(
                        side(source, &source_pairs, &empty, i, di),
                        side(target, &target_pairs, &empty, j, dj),
                        prior,
                    );
                if candidate < cost[i][j] {
                    cost[i][j] = candidate;
                    back[i][j] = (di, dj);
                }
            }
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while (i, j) != (0, 0) {
        let (di, dj) = back[i][j];
        if (di, dj) == (0, 0) {
            // Outside the band: close the rest as one link.
            links.push(Link {
                source: 0..i,
                target: 0..j,
            });
            break;
        }
        links.push(Link {
            source: i - di..i,
            target: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    links.reverse();
    links
}

/// Cognate keys of a text: the first four letters (folded) of its words of
/// four letters or more. French and English share many (opération and
/// operation, président and president), and a pair of sentences that are
/// translations shares far more of them than two that are not.
fn cognates(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= COGNATE_LETTERS)
        .map(|w| fold(w).chars().take(COGNATE_LETTERS).collect())
        .collect()
}

fn unit(doc: &Document, span: Span) -> Unit {
    let text = doc.slice(span);
    Unit {
        chars: text.chars().count(),
        anchors: anchors(text),
        cognates: cognates(text),
    }
}

/// Paragraphs (blocks), then sentences inside each pair of aligned blocks.
pub fn align(source: &Document, target: &Document) -> Alignment {
    let blocks =
        |doc: &Document| -> Vec<Unit> { doc.blocks.iter().map(|b| unit(doc, b.span)).collect() };
    align_within(source, target, best_links(&blocks(source), &blocks(target)))
}

/// Sentences aligned inside given block links (segments of a bilingual
/// file are already paired).
pub fn align_within(source: &Document, target: &Document, block_links: Vec<Link>) -> Alignment {
    let mut links = Vec::new();
    for block_link in block_links {
        let sentences = |doc: &Document, range: Range<usize>| -> Range<usize> {
            let blocks = &doc.blocks[range];
            match (blocks.first(), blocks.last()) {
                (Some(first), Some(last)) => first.sentences.start..last.sentences.end,
                _ => 0..0,
            }
        };
        let (s, t) = (
            sentences(source, block_link.source.clone()),
            sentences(target, block_link.target.clone()),
        );
        if s.is_empty() || t.is_empty() {
            links.push(Link {
                source: s,
                target: t,
            });
            continue;
        }
        let units = |doc: &Document, range: Range<usize>| -> Vec<Unit> {
            doc.sentences[range]
                .iter()
                .map(|x| unit(doc, x.span))
                .collect()
        };
        for link in best_links(&units(source, s.clone()), &units(target, t.clone())) {
            links.push(Link {
                source: s.start + link.source.start..s.start + link.source.end,
                target: t.start + link.target.start..t.start + link.target.end,
            });
        }
    }
    Alignment { links }
}

impl Alignment {
    /// The source sentences linked with target sentence `t`.
    pub fn source_of(&self, t: usize) -> Option<&Link> {
        self.links.iter().find(|l| l.target.contains(&t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn pairs(source: &str, target: &str) -> Vec<(Vec<String>, Vec<String>)> {
        let (s, t) = (
            Document::parse(source, Format::Plain),
            Document::parse(target, Format::Plain),
        );
        align(&s, &t)
            .links
            .iter()
            .map(|l| {
                let text = |doc: &Document, r: &Range<usize>| {
                    doc.sentences[r.clone()]
                        .iter()
                        .map(|x| doc.slice(x.span).to_string())
                        .collect()
                };
                (text(&s, &l.source), text(&t, &l.target))
            })
            .collect()
    }

    #[test]
    fn one_to_one_merge_and_drop() {
        let source = "Le convoi est parti de Gao lundi. Il transportait 40 tonnes de vivres et des médicaments pour les déplacés. Le gouverneur de la région, Mamadou Traoré, a salué l’opération devant la presse réunie à Kidal. Elle a duré trois jours.\n";
        let target = "The convoy left Gao on Monday, carrying 40 tonnes of food and medicine for the displaced. It lasted three days.\n";
        let links = pairs(source, target);
        assert_eq!(links.len(), 3, "{links:?}");
        assert_eq!(links[0].0.len(), 2);
        assert!(
            links[1].1.is_empty(),
            "the governor's sentence is dropped: {links:?}"
        );
        assert_eq!(links[2].1, vec!["It lasted three days."]);
    }
}
