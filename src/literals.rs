//! The literal strings one of which every match of a regex contains.
//!
//! Most rule patterns scan a block with a lazy DFA even when the block
//! cannot match: their alternations of words start with too many literals
//! for the regex's own prefix prefilter. Any literal required *inside* the
//! match (the "object" of `(?:is|was|…) (?:the )?objects? of`) is far more
//! selective, and one Aho–Corasick scan finds the required literals of every
//! pattern at once: a pattern then runs only on blocks holding one of its
//! literals.

use regex_syntax::ast::{
    AssertionKind, Ast, ClassPerl, ClassPerlKind, ClassSet, ClassSetItem, Flag, FlagsItemKind,
    Literal, RepetitionKind, RepetitionRange,
};

/// Literal sets larger than this are not worth the automaton's room.
const MAX_SET: usize = 64;
/// A pattern is gated by at most this many sets besides its first.
const MAX_ALSO: usize = 3;
/// Literals shorter than this (in bytes) are too common for a further set:
/// every hit costs the scan, and most blocks hold one.
const MIN_ALSO_LEN: usize = 5;
/// Classes of more characters than this end a literal run.
const MAX_CLASS: usize = 8;
/// Literals shorter than this (in bytes) occur in nearly every block,
/// unless they hold a rare character (`selective`).
const MIN_LEN: usize = 3;

/// Characters that case-insensitive matching folds onto an ASCII letter
/// (long s, Kelvin sign). The literals are compared ASCII-case-insensitively,
/// which misses these: a block holding one must run every pattern.
pub const FOLDED_ONTO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// A set of byte strings, ASCII letters lower-cased.
type Set = Vec<Vec<u8>>;

/// The literals (ASCII letters in lower case) one of which every match of
/// the pattern `ast` contains, compared ASCII-case-insensitively; `None`
/// when no such set is selective enough to be worth a scan.
///
/// It reads the syntax tree, which is cheap to build, rather than the
/// translated pattern, whose Unicode classes and case folding cost most of
/// a pack's load. Case flags are ignored (literals are compared without
/// ASCII case), so a letter outside ASCII, whose other case the pattern may
/// accept, ends a literal run.
pub fn required(ast: &Ast) -> Option<Vec<Vec<u8>>> {
    selective_best(analyse(ast).into_required())
}

/// The best of the sets, if selective, without its supersets.
fn selective_best(sets: Vec<Set>) -> Option<Set> {
    Some(best(sets)?).filter(selective).map(without_supersets)
}

/// Further sets of literals (ASCII letters in lower case) one of each of
/// which every match holds, besides `required`'s: the selective ones of the
/// parts a match is made of, at most `MAX_ALSO`, most selective first.
///
/// A gate word found in a block is often a common word of a pattern whose
/// rarer words are elsewhere in it (`in front of (?:this|the) …
/// (?:situation|crisis|…)`): the pattern runs only where one of each set
/// is.
pub fn also_required(ast: &Ast) -> Vec<Vec<Vec<u8>>> {
    let mut sets = analyse(ast).into_required();
    let Some(first) = selective_best(sets.clone()) else {
        return Vec::new();
    };
    sets.retain(|set| selective(set) && min_len(set) >= MIN_ALSO_LEN);
    let mut sets: Vec<Set> = sets.into_iter().map(without_supersets).collect();
    sets.sort_by(|a, b| {
        let key = |s: &Set| (min_len(s), std::cmp::Reverse(s.len()));
        key(b).cmp(&key(a)).then_with(|| a.cmp(b))
    });
    sets.dedup();
    sets.retain(|set| *set != first);
    sets.truncate(MAX_ALSO);
    sets
}

/// For a pattern anchored at the start of the text (`^` first, outside
/// multi-line mode, then only whitespace), the literals (ASCII letters in
/// lower case) one of which the text begins with once its leading
/// whitespace is trimmed, compared ASCII-case-insensitively; `None` for
/// other patterns.
///
/// Page-furniture patterns (`^\s*(?:published|updated)…`) hold words that
/// most articles hold somewhere, but only a block beginning with one can
/// match: they ran, and were compiled, for nearly every article.
pub fn anchored_prefixes(ast: &Ast) -> Option<Vec<Vec<u8>>> {
    let Ast::Concat(concat) = ast else {
        return None;
    };
    let mut parts = concat.asts.iter().skip_while(|part| match part {
        Ast::Flags(flags) => !flags
            .flags
            .items
            .iter()
            .any(|item| matches!(item.kind, FlagsItemKind::Flag(Flag::MultiLine))),
        _ => false,
    });
    let anchor = parts.next()?;
    if !matches!(anchor, Ast::Assertion(a) if matches!(a.kind, AssertionKind::StartLine | AssertionKind::StartText))
    {
        return None;
    }
    let rest: Vec<&Ast> = parts.skip_while(|part| is_space(part)).collect();
    let set = prefixes(&rest)?;
    // Trimming stops at the prefix only if it does not begin with a space.
    let begins_with_space = |prefix: &Vec<u8>| {
        String::from_utf8_lossy(prefix)
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    };
    (!set.iter().any(begins_with_space)).then_some(set)
}

/// Whether every match of the pattern `ast` holds a decimal digit (`\d`,
/// `[0-9]`, a digit character).
///
/// Number patterns (`\d{1,3},\d{1,2}`) have no literal to be gated by,
/// and ran on every block; half the blocks of news hold no digit at all
/// (`crate::checks::phrases::may_hold_digit`).
pub fn requires_digit(ast: &Ast) -> bool {
    match ast {
        Ast::Literal(literal) => literal.c.is_ascii_digit(),
        Ast::ClassPerl(class) => is_digit_class(class),
        Ast::ClassBracketed(class) => !class.negated && digits_only(&class.kind),
        Ast::Group(group) => requires_digit(&group.ast),
        Ast::Repetition(repetition) => {
            min_repeat(&repetition.op.kind) > 0 && requires_digit(&repetition.ast)
        }
        Ast::Alternation(alternation) => alternation.asts.iter().all(requires_digit),
        Ast::Concat(concat) => concat.asts.iter().any(requires_digit),
        _ => false,
    }
}

fn is_digit_class(class: &ClassPerl) -> bool {
    class.kind == ClassPerlKind::Digit && !class.negated
}

/// Whether a class holds nothing but decimal digits (and is not empty).
fn digits_only(class: &ClassSet) -> bool {
    fn digits(item: &ClassSetItem) -> bool {
        match item {
            ClassSetItem::Literal(literal) => literal.c.is_ascii_digit(),
            ClassSetItem::Range(range) => {
                range.start.c.is_ascii_digit() && range.end.c.is_ascii_digit()
            }
            ClassSetItem::Perl(class) => is_digit_class(class),
            ClassSetItem::Bracketed(class) => !class.negated && digits_only(&class.kind),
            ClassSetItem::Union(union) => !union.items.is_empty() && union.items.iter().all(digits),
            _ => false,
        }
    }
    matches!(class, ClassSet::Item(item) if digits(item))
}

/// `\s`, or a repetition of it.
fn is_space(ast: &Ast) -> bool {
    match ast {
        Ast::ClassPerl(class) => class.kind == ClassPerlKind::Space && !class.negated,
        Ast::Repetition(repetition) => is_space(&repetition.ast),
        _ => false,
    }
}

/// Strings one of which every match of the sequence `parts` begins with.
fn prefixes(parts: &[&Ast]) -> Option<Set> {
    let mut run: Set = vec![Vec::new()];
    for part in parts {
        if let Analysis::Exact(set) = analyse(part) {
            match product(run, &set) {
                Ok(joined) => run = joined,
                Err(before) => return Some(before).filter(|set| min_len(set) > 0),
            }
            continue;
        }
        if let Some(Ok(joined)) = prefixes_of(part).map(|set| product(run.clone(), &set)) {
            run = joined;
        }
        break;
    }
    Some(run).filter(|set| min_len(set) > 0)
}

/// Strings one of which every match of `ast` begins with (possibly empty).
fn prefixes_of(ast: &Ast) -> Option<Set> {
    if let Analysis::Exact(set) = analyse(ast) {
        return Some(set);
    }
    match ast {
        Ast::Group(group) => prefixes_of(&group.ast),
        Ast::Repetition(repetition) if min_repeat(&repetition.op.kind) > 0 => {
            prefixes_of(&repetition.ast)
        }
        Ast::Alternation(alternation) => union(alternation.asts.iter().map(prefixes_of)),
        Ast::Concat(concat) => prefixes(&concat.asts.iter().collect::<Vec<_>>()),
        _ => None,
    }
}

/// The set without the strings that hold another of it: they add nothing
/// to a scan.
pub(crate) fn without_supersets(mut set: Set) -> Set {
    set.sort_by_key(Vec::len);
    let mut kept: Set = Vec::new();
    for literal in set {
        if !kept.iter().any(|k| contains(&literal, k)) {
            kept.push(literal);
        }
    }
    kept
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn min_len(set: &Set) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// Whether every literal of the set is long, holds a rare character (ASCII
/// punctuation but `.,'-`, or any character outside ASCII), is a run of
/// punctuation (`,,`) or spaces a mark the target languages set flush (` ,`,
/// ` ?`, `- `): typography patterns need a bracket, a quotation mark, a `%`,
/// doubled marks or a misplaced space, which most paragraphs lack, and they
/// ran on every paragraph without this.
fn selective(set: &Set) -> bool {
    let rare = |b: &u8| {
        !b.is_ascii() || (b.is_ascii_punctuation() && !matches!(b, b'.' | b',' | b'\'' | b'-'))
    };
    let misplaced_space = |pair: &[u8]| match pair {
        [b' ' | b'\t', mark] => matches!(mark, b',' | b'.' | b';' | b':' | b'!' | b'?' | b')'),
        [b'-', space] => matches!(space, b' ' | b'\t'),
        _ => false,
    };
    let selective = |literal: &Vec<u8>| {
        literal.len() >= MIN_LEN
            || literal.iter().any(rare)
            || (literal.len() > 1 && literal.iter().all(u8::is_ascii_punctuation))
            || literal.windows(2).any(misplaced_space)
    };
    !set.is_empty() && set.iter().all(selective)
}

/// Better sets are selective, then have longer shortest literals, then
/// fewer literals.
fn better(a: &Set, b: &Set) -> bool {
    let key = |s: &Set| (selective(s), min_len(s), std::cmp::Reverse(s.len()));
    key(a) > key(b)
}

/// What a node of the pattern's syntax tree says about its matches.
enum Analysis {
    /// Every string it matches: there are few.
    Exact(Set),
    /// One or more strings of the set in a row (`[ \t]+`): each match
    /// begins with one and ends with one, so the literals next to it can be
    /// joined to them.
    Repeated(Set),
    /// Too many to spell out: sets of literals, each of its matches
    /// containing one literal of each (none known: no set).
    Required(Vec<Set>),
}

impl Analysis {
    /// The sets one literal of each of which every match holds; a set of
    /// exact strings requires itself, unless one is empty.
    fn into_required(self) -> Vec<Set> {
        match self {
            Analysis::Exact(set) | Analysis::Repeated(set) => Some(set)
                .filter(|set| min_len(set) > 0)
                .into_iter()
                .collect(),
            Analysis::Required(sets) => sets,
        }
    }

    fn from_exact(exact: Option<Set>) -> Analysis {
        exact.map_or(Analysis::Required(Vec::new()), Analysis::Exact)
    }
}

/// The best of the sets (`better`), the first among equals.
fn best(sets: Vec<Set>) -> Option<Set> {
    sets.into_iter()
        .reduce(|best, set| if better(&set, &best) { set } else { best })
}

/// One pass over the tree, each node analysed once.
fn analyse(ast: &Ast) -> Analysis {
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Analysis::Exact(vec![Vec::new()]),
        Ast::Literal(literal) => Analysis::from_exact(literal_bytes(literal).map(|l| vec![l])),
        Ast::ClassBracketed(class) if !class.negated => {
            let mut set = Set::new();
            Analysis::from_exact(class_items(&class.kind, &mut set).map(|()| {
                set.sort();
                set.dedup();
                set
            }))
        }
        Ast::Group(group) => analyse(&group.ast),
        Ast::Repetition(repetition) => match analyse(&repetition.ast) {
            Analysis::Exact(sub) => {
                let exact = match &repetition.op.kind {
                    RepetitionKind::ZeroOrOne => {
                        let mut set = sub.clone();
                        set.push(Vec::new());
                        Some(set)
                    }
                    RepetitionKind::Range(RepetitionRange::Exactly(n)) if (1..=3).contains(n) => {
                        (1..*n).try_fold(sub.clone(), |acc, _| product(acc, &sub).ok())
                    }
                    _ => None,
                };
                match exact {
                    Some(set) => Analysis::Exact(set),
                    None if min_repeat(&repetition.op.kind) > 0 => Analysis::Repeated(sub),
                    None => Analysis::Required(Vec::new()),
                }
            }
            required if min_repeat(&repetition.op.kind) > 0 => required,
            _ => Analysis::Required(Vec::new()),
        },
        Ast::Alternation(alternation) => {
            let branches: Vec<Analysis> = alternation.asts.iter().map(analyse).collect();
            if branches.iter().all(|b| matches!(b, Analysis::Exact(_))) {
                // Strings too many to spell out are too many to require.
                Analysis::from_exact(union(branches.into_iter().map(|b| match b {
                    Analysis::Exact(set) => Some(set),
                    Analysis::Repeated(_) | Analysis::Required(_) => None,
                })))
            } else {
                // One literal of the best set of the branch that matched.
                let bests = branches.into_iter().map(|b| best(b.into_required()));
                Analysis::Required(union(bests).into_iter().collect())
            }
        }
        Ast::Concat(concat) => {
            // Candidates: each run of exactly known parts, spelled out, and
            // whatever each other part requires. With no other part and no
            // run too large to spell out, the one run is every match.
            let mut candidates: Vec<Set> = Vec::new();
            let mut run: Option<Set> = Some(vec![Vec::new()]);
            let mut all_exact = true;
            for part in &concat.asts {
                // A literal character, the common part, extends the run
                // without a set of its own.
                if let (Ast::Literal(literal), Some(strings)) = (part, run.as_mut())
                    && let Some(bytes) = literal_bytes(literal)
                {
                    strings.iter_mut().for_each(|s| s.extend_from_slice(&bytes));
                    continue;
                }
                match analyse(part) {
                    Analysis::Exact(set) => {
                        run = Some(match run.take() {
                            Some(before) => match product(before, &set) {
                                Ok(joined) => joined,
                                Err(before) => {
                                    all_exact = false;
                                    candidates.push(before);
                                    set
                                }
                            },
                            None => set,
                        });
                    }
                    Analysis::Repeated(set) => {
                        // The run so far is followed by one of the strings,
                        // and the next parts follow one of them.
                        all_exact = false;
                        match run.take().map(|before| product(before, &set)) {
                            Some(Ok(joined)) => candidates.push(joined),
                            Some(Err(before)) => candidates.push(before),
                            None => {}
                        }
                        candidates.push(set.clone());
                        run = Some(set);
                    }
                    Analysis::Required(required) => {
                        all_exact = false;
                        // The run is followed by what this part begins with.
                        if let Some(before) = run.take() {
                            let next = prefixes_of(part).filter(|next| min_len(next) > 0);
                            if let Some(Ok(joined)) =
                                next.map(|next| product(before.clone(), &next))
                            {
                                candidates.push(joined);
                            }
                            candidates.push(before);
                        }
                        candidates.extend(required);
                    }
                }
            }
            if all_exact {
                return Analysis::from_exact(run);
            }
            // Every part is in every match: so is a literal of each set.
            candidates.extend(run);
            candidates.retain(|set| min_len(set) > 0);
            Analysis::Required(candidates)
        }
        _ => Analysis::Required(Vec::new()),
    }
}

fn min_repeat(kind: &RepetitionKind) -> u32 {
    match kind {
        RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => 0,
        RepetitionKind::OneOrMore => 1,
        RepetitionKind::Range(
            RepetitionRange::Exactly(n)
            | RepetitionRange::AtLeast(n)
            | RepetitionRange::Bounded(n, _),
        ) => *n,
    }
}

/// A literal character as UTF-8, ASCII letters in lower case; `None` for a
/// letter outside ASCII (its other case may match too) and for a `\x`
/// escape above 0x7F (a byte, where Unicode is off). Other escapes
/// (`\u00A0`) are characters in either mode.
fn literal_bytes(literal: &Literal) -> Option<Vec<u8>> {
    let c = literal.c;
    if c.is_ascii() {
        return Some(vec![c.to_ascii_lowercase() as u8]);
    }
    let cased = c.is_lowercase() || c.is_uppercase() || FOLDED_ONTO_ASCII.contains(&c);
    (literal.byte().is_none() && !cased).then(|| c.to_string().into_bytes())
}

/// Adds the characters of a small class to `set`.
fn class_items(class: &ClassSet, set: &mut Set) -> Option<()> {
    let ClassSet::Item(item) = class else {
        return None;
    };
    add_item(item, set)?;
    (set.len() <= MAX_CLASS).then_some(())
}

fn add_item(item: &ClassSetItem, set: &mut Set) -> Option<()> {
    match item {
        ClassSetItem::Empty(_) => Some(()),
        ClassSetItem::Literal(literal) => {
            set.push(literal_bytes(literal)?);
            Some(())
        }
        ClassSetItem::Range(range) => {
            let (start, end) = (range.start.c, range.end.c);
            if !(start.is_ascii() && end.is_ascii())
                || (end as usize) - (start as usize) >= MAX_CLASS
            {
                return None;
            }
            set.extend((start..=end).map(|c| vec![c.to_ascii_lowercase() as u8]));
            Some(())
        }
        ClassSetItem::Bracketed(class) if !class.negated => class_items(&class.kind, set),
        ClassSetItem::Union(union) => union.items.iter().try_for_each(|i| add_item(i, set)),
        _ => None,
    }
}

/// The union of the sets, when each is known and the union is small.
fn union(sets: impl Iterator<Item = Option<Set>>) -> Option<Set> {
    let mut union = Set::new();
    for set in sets {
        union.extend(set?);
    }
    union.sort();
    union.dedup();
    (union.len() <= MAX_SET).then_some(union)
}

/// Every concatenation of a string of `a` with one of `b`; `a` back when
/// there would be too many.
fn product(mut a: Set, b: &Set) -> Result<Set, Set> {
    if a.len() * b.len() > MAX_SET {
        return Err(a);
    }
    if let [suffix] = b.as_slice() {
        // A run of literal characters, the common case: a's strings stay
        // distinct with a common suffix, so there is nothing to dedup.
        a.iter_mut().for_each(|x| x.extend_from_slice(suffix));
        return Ok(a);
    }
    let mut out: Set = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn strings(pattern: &str) -> Option<Vec<String>> {
        analysed(pattern, required)
    }

    /// What `analysis` finds in `pattern`, as strings.
    fn analysed(pattern: &str, analysis: fn(&Ast) -> Option<Set>) -> Option<Vec<String>> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .unwrap();
        analysis(&ast).map(|set| {
            set.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    /// Small regexes over the characters the haystacks are made of.
    fn small_regex() -> impl Strategy<Value = String> {
        regex_of(vec![
            "a",
            "b",
            "B",
            "c",
            " ",
            "”",
            "é",
            r"\u00A0",
            r"\xA0",
            "[ab]",
            r"[ \t]",
            r"\w",
            ".",
            r"(?-u:\b)",
        ])
    }

    /// Small regexes over digits, digit classes and what is not a digit.
    fn digit_regex() -> impl Strategy<Value = String> {
        regex_of(vec![
            "1",
            "a",
            " ",
            ",",
            r"\d",
            r"\D",
            "[0-9]",
            "[^0-9]",
            "[1a]",
            "[[0-3]5]",
            r"[\d]",
            r"(?-u:\d)",
            r"\w",
            "²",
        ])
    }

    /// Concatenations, alternations, repetitions and case-insensitive
    /// groups of the `leaves`.
    fn regex_of(leaves: Vec<&'static str>) -> impl Strategy<Value = String> {
        let leaf = prop::sample::select(leaves).prop_map(str::to_string);
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..5).prop_map(|parts| parts.concat()),
                prop::collection::vec(inner.clone(), 2..4)
                    .prop_map(|branches| format!("(?:{})", branches.join("|"))),
                (
                    inner.clone(),
                    prop::sample::select(vec!["+", "*", "?", "{2}", "{1,3}", "{4}", "{0,2}"])
                )
                    .prop_map(|(sub, op)| format!("(?:{sub}){op}")),
                inner.prop_map(|sub| format!("(?i:{sub})")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The gates are sound: every match holds one of the literals of
        /// each set, in the ASCII-lower-cased text the automaton reads.
        #[test]
        fn every_match_holds_a_required_literal(
            pattern in small_regex(),
            haystacks in prop::collection::vec("[abBcC \t”é\u{C9}\u{A0}]{0,16}", 1..10),
        ) {
            let ast = regex_syntax::ast::parse::Parser::new().parse(&pattern).unwrap();
            // Every set the analysis finds, selective or not, not only those
            // `required` and `also_required` keep.
            let sets = analyse(&ast).into_required();
            let Ok(regex) = regex::Regex::new(&pattern) else { return Ok(()) };
            for haystack in &haystacks {
                for found in regex.find_iter(haystack).filter(|m| !m.is_empty()) {
                    let lower = found.as_str().to_ascii_lowercase();
                    for set in &sets {
                        prop_assert!(
                            set.iter().any(|l| contains(lower.as_bytes(), l)),
                            "{pattern:?} matched {:?}, which holds none of {set:?}",
                            found.as_str()
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The anchored gate is sound: a block that matches begins, after
        /// its whitespace, with one of the prefixes.
        #[test]
        fn every_anchored_match_begins_with_a_prefix(
            flags in prop::sample::select(vec!["", "(?i)", "(?i)(?s)"]),
            space in prop::sample::select(vec!["", r"\s*", r"\s+", r"(?-u:\s)*", r"\s?"]),
            rest in small_regex(),
            haystacks in prop::collection::vec("[abBcC \t”é\u{C9}\u{A0}]{0,16}", 1..10),
        ) {
            let pattern = format!("{flags}^{space}{rest}");
            let ast = regex_syntax::ast::parse::Parser::new().parse(&pattern).unwrap();
            let Some(set) = anchored_prefixes(&ast) else { return Ok(()) };
            let Ok(regex) = regex::Regex::new(&pattern) else { return Ok(()) };
            for haystack in haystacks.iter().filter(|h| regex.is_match(h)) {
                let start = haystack.trim_start().to_ascii_lowercase();
                prop_assert!(
                    set.iter().any(|p| start.as_bytes().starts_with(p)),
                    "{pattern:?} matched {haystack:?}, which begins with none of {set:?}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The digit gate is sound: every match of a pattern said to need
        /// a digit holds one.
        #[test]
        fn every_match_of_a_digit_pattern_holds_a_digit(
            pattern in digit_regex(),
            haystacks in prop::collection::vec("[a1 ,\u{663}\u{FF15}²]{0,12}", 1..10),
        ) {
            let ast = regex_syntax::ast::parse::Parser::new().parse(&pattern).unwrap();
            if !requires_digit(&ast) {
                return Ok(());
            }
            let regex = regex::Regex::new(&pattern).unwrap();
            let digit = regex::Regex::new(r"\d").unwrap();
            for haystack in &haystacks {
                for found in regex.find_iter(haystack) {
                    prop_assert!(
                        digit.is_match(found.as_str()),
                        "{pattern:?} matched {:?}, which holds no digit",
                        found.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn number_patterns_need_a_digit() {
        let needs = |pattern: &str| {
            requires_digit(
                &regex_syntax::ast::parse::Parser::new()
                    .parse(pattern)
                    .unwrap(),
            )
        };
        for pattern in [
            r"(?:^|[^\d,.])(?P<flag>\d{1,3},\d{1,2})(?:[^\d,]|$)",
            r"\d+(?:[ \u00A0]\d{3})+",
            "(?:in 19|[0-9]{4})",
            "[1-3] km",
        ] {
            assert!(needs(pattern), "{pattern}");
        }
        for pattern in [
            r"\d*", r"\D", "[^0-9]", r"\w+", "(?:1|a)", "[1a]", r"\p{Nd}",
        ] {
            assert!(!needs(pattern), "{pattern}");
        }
    }

    #[test]
    fn anchored_patterns_begin_with_their_words() {
        let prefixes = |pattern| analysed(pattern, anchored_prefixes);
        assert_eq!(
            prefixes(r"(?i)^\s*(?:Published|updated)(?-u:\b)\s+.{0,40}$"),
            Some(vec!["published".to_string(), "updated".to_string()])
        );
        // A letter outside ASCII ends the prefix: its other case matches too.
        assert_eq!(prefixes(r"^publié"), Some(vec!["publi".to_string()]));
        // Not anchored at the start of the text, or not after whitespace only.
        assert_eq!(prefixes(r"(?m)^\s*published"), None);
        assert_eq!(prefixes(r"^[\s►]*read also"), None);
        assert_eq!(prefixes(r"published$"), None);
        assert_eq!(prefixes(r"^\s*(?:a|\sb)"), None);
    }

    #[test]
    fn a_repetition_joins_the_literals_around_it() {
        // Each run of `[ \t]+` ends with a space or a tab, and begins with one.
        assert_eq!(
            strings(r"\w(?P<flag>[ \t]+)”"),
            Some(vec!["\t”".to_string(), " ”".to_string()])
        );
        assert_eq!(
            strings(r"[(“](?P<flag>[ \t]+)\w"),
            Some(vec![
                "(\t".to_string(),
                "( ".to_string(),
                "“\t".to_string(),
                "“ ".to_string()
            ])
        );
        assert_eq!(
            strings(r"selection+s?"),
            Some(vec!["selection".to_string()])
        );
        // A repetition that may be absent joins nothing.
        assert_eq!(strings(r"\w[ \t]*”"), Some(vec!["”".to_string()]));
    }

    #[test]
    fn further_sets_come_from_the_other_parts() {
        let ast = |pattern| {
            regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .unwrap()
        };
        let pattern =
            ast(r"(?-u:\b)in front of (?:this|the) (?:\p{L}+ )?(?:situation|crisis)(?-u:\b)");
        let strings = |set: Vec<Vec<u8>>| -> Vec<String> {
            set.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        };
        assert_eq!(
            required(&pattern).map(strings),
            Some(vec![
                "in front of the ".to_string(),
                "in front of this ".to_string()
            ])
        );
        let also: Vec<Vec<String>> = also_required(&pattern).into_iter().map(strings).collect();
        assert_eq!(
            also,
            vec![vec!["crisis".to_string(), "situation".to_string()]]
        );
        // Short literals are too common to add.
        assert!(also_required(&ast(r"(?-u:\b)in front of \p{L}+ (?:a|an)(?-u:\b)")).is_empty());
    }

    #[test]
    fn picks_the_most_selective_required_literal() {
        // Spelled out, the whole match would be 4 × 4 × 2 × 3 strings.
        let set =
            strings(r"(?-u:\b)(?:is|are|was|were) (?:the |an? )?objects? (?:of|for|in)(?-u:\b)")
                .unwrap();
        assert!(set.len() <= MAX_SET);
        assert!(set.iter().all(|l| l.contains(" object")), "{set:?}");
    }

    #[test]
    fn spells_out_small_alternations_and_classes() {
        assert_eq!(
            strings(r"\p{L}(?P<flag> n[’']t)(?-u:\b)"),
            Some(vec![" n't".to_string(), " n’t".to_string()])
        );
        assert_eq!(
            strings(r"(?-u:\b)round of the (?P<flag>scrutiny)(?-u:\b)"),
            Some(vec!["round of the scrutiny".to_string()])
        );
    }

    #[test]
    fn an_alternation_requires_one_literal_of_each_branch() {
        assert_eq!(
            strings(r"\w+ (?:finance laws?|budget\d+)"),
            Some(vec![" budget".to_string(), " finance law".to_string()])
        );
        assert_eq!(strings(r"(?:finance law|\d+)"), None);
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert_eq!(strings(r"\p{L}+-\p{L}+"), None);
        assert_eq!(strings(r"(?:^|[^\d,.])\d{1,3},\d{1,2}"), None);
        // ". " is in every paragraph, though "! " is rarer.
        assert_eq!(strings(r"\p{Ll}{2,}[.!?] \p{Ll}"), None);
        assert_eq!(strings(r"(?:a|b)+c"), None);
    }

    #[test]
    fn short_literals_with_a_rare_character_are_selective() {
        assert_eq!(strings(r"\d\s*%"), Some(vec!["%".to_string()]));
        assert_eq!(
            strings(r"\d[ \u00A0]%"),
            Some(vec![" %".to_string(), "\u{A0}%".to_string()])
        );
        assert_eq!(
            strings(r"\p{L}{2}(?P<flag>\)\p{Ll}{2})"),
            Some(vec![")".to_string()])
        );
        // The bracket, not the run of spaces, though both are one byte.
        assert_eq!(
            strings(r"[\p{L}.!?](?P<flag>\s+)[)\]]"),
            Some(vec![")".to_string(), "]".to_string()])
        );
        assert_eq!(strings(r"[,;](?P<flag>[,;])").map(|s| s.len()), Some(4));
        assert_eq!(strings(r"[^.]\.\.[^.]"), Some(vec!["..".to_string()]));
        assert_eq!(strings(r"[»](?P<flag>\w)").map(|s| s.len()), Some(1));
        // A space before a mark set flush, or a hyphen before a space.
        assert_eq!(strings(r"\p{L}{2,}- \p{Ll}+"), Some(vec!["- ".to_string()]));
        assert_eq!(strings(r"\w[.!?] \p{Ll}"), None);
    }

    #[test]
    fn a_run_joins_what_the_next_part_begins_with() {
        assert_eq!(
            strings(r"\w(?P<flag>[ \t]+)(?:[,;]|\.(?:[^.]|$))"),
            Some(
                ["\t,", "\t.", "\t;", " ,", " .", " ;"]
                    .map(str::to_string)
                    .to_vec()
            )
        );
    }

    #[test]
    fn letters_outside_ascii_end_a_literal() {
        // (?i) would also accept “Élection”.
        assert_eq!(strings("(?i)élection"), Some(vec!["lection".to_string()]));
        // A character outside ASCII is a literal, written or escaped; a
        // `\x` escape above 0x7F may be a byte.
        assert_eq!(strings("«\u{A0}ab"), Some(vec!["«\u{A0}ab".to_string()]));
        assert_eq!(strings(r"«\u00A0ab"), Some(vec!["«\u{A0}ab".to_string()]));
        assert_eq!(strings(r"«\xA0abc"), Some(vec!["abc".to_string()]));
    }
}
