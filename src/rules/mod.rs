//! Rule files: loading (embedded packs and `--rules` directories), overriding
//! by id, validation with file:line:column errors, and compilation into the
//! checks that run on every document.

pub mod embedded;
mod model;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::align::Alignment;
use crate::checks::{
    self, Built, Check, Pair, PairCheck,
    phrases::{Context, PhraseRule, Phrases},
};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::{Document, Format};
use crate::pattern::Pattern;
use crate::span::{LineIndex, Span};
use model::{RawRule, RuleFile};

/// The default source language.
pub const DEFAULT_SOURCE: &str = "fr";
/// The default target language.
pub const DEFAULT_TARGET: &str = "en";

/// The language pairs that have an embedded pack (`rules/<source>-<target>/`),
/// as (source, target) ISO 639-1 codes.
pub fn pairs() -> Vec<(&'static str, &'static str)> {
    let mut pairs: Vec<(&str, &str)> = embedded::FILES
        .iter()
        .filter_map(|f| f.path.split_once('/')?.0.split_once('-'))
        .collect();
    pairs.dedup();
    pairs
}

/// The size of a language pair's own embedded rule files, which sets how
/// long its pack takes to load.
pub fn pack_size(source: &str, target: &str) -> usize {
    let dir = format!("{source}-{target}/");
    embedded::FILES
        .iter()
        .filter(|f| f.path.starts_with(&dir))
        .map(|f| f.text.len())
        .sum()
}

/// What every rule carries, whichever check implements it.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub kind: String,
    pub category: Category,
    pub severity: Severity,
    pub message: Option<String>,
    pub description: Option<String>,
    pub french: Option<String>,
    /// Its suggestions may be applied by `--fix`.
    pub fixable: bool,
    /// Whether the rule reads a translation with its source; its examples
    /// are then written `source ||| target`.
    pub bilingual: bool,
    /// Examples the rule must flag / must not flag (checked by the tests).
    pub bad: Vec<String>,
    pub good: Vec<String>,
    /// Where the rule was defined (`embedded:fr-en/quotes.toml` or a path).
    pub origin: String,
}

impl RuleMeta {
    pub fn diagnostic(&self, span: Span, message: String) -> Diagnostic {
        Diagnostic {
            rule: self.id.clone(),
            category: self.category,
            severity: self.severity,
            message,
            span,
            suggestion: None,
            fixable: self.fixable,
            related: Vec::new(),
        }
    }

    /// The rule's message template with `{match}` and `{suggestion}` filled in,
    /// or `default` when the rule has none.
    pub fn render_message(&self, default: &str, matched: &str, suggestion: Option<&str>) -> String {
        self.message
            .as_deref()
            .unwrap_or(default)
            .replace("{match}", matched)
            .replace("{suggestion}", suggestion.unwrap_or(""))
    }
}

/// A rule file that cannot be used, located at file:line:column when the
/// fault is inside the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    /// 1-based line and column (in characters).
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl RuleError {
    fn whole_file(file: String, message: String) -> RuleError {
        RuleError {
            file,
            position: None,
            message,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Where a rule file comes from, so that files it names can be found beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    Embedded(&'static str),
    Disk(PathBuf),
}

impl Origin {
    fn name(&self) -> String {
        match self {
            Origin::Embedded(path) => format!("embedded:{path}"),
            Origin::Disk(path) => path.display().to_string(),
        }
    }

    /// Reads a file named relative to this rule file (a lexicon…).
    fn read_relative(&self, relative: &str) -> Result<String, String> {
        match self {
            Origin::Embedded(path) => {
                let joined = normalize(
                    &Path::new(path)
                        .parent()
                        .unwrap_or(Path::new(""))
                        .join(relative),
                );
                embedded::get(&joined)
                    .map(str::to_owned)
                    .ok_or_else(|| format!("no embedded rule file `{joined}`"))
            }
            Origin::Disk(path) => {
                let full = path.parent().unwrap_or(Path::new(".")).join(relative);
                std::fs::read_to_string(&full)
                    .map_err(|e| format!("cannot read `{}`: {e}", full.display()))
            }
        }
    }
}

/// `a/b/../c` → `a/c`, for paths inside the embedded packs.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.iter().filter_map(|p| p.to_str()) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// A rule as read, with what is needed to report errors about it.
struct SourcedRule {
    raw: RawRule,
    origin: Origin,
    /// The whole rule file, shared by its rules, to turn offsets into lines.
    text: Arc<str>,
}

impl SourcedRule {
    fn error(&self, offset: usize, message: impl Into<String>) -> RuleError {
        locate(&self.origin.name(), &self.text, offset, message.into())
    }

    /// Merges a later `extend = true` rule into this one.
    fn extend_with(&mut self, other: SourcedRule) -> Result<(), RuleError> {
        let SourcedRule {
            raw: more,
            origin,
            text,
        } = other;
        let error_at =
            |offset: usize, message: String| locate(&origin.name(), &text, offset, message);
        let raw = &mut self.raw;
        if raw.kind.get_ref() != more.kind.get_ref() {
            return Err(error_at(
                more.kind.span().start,
                format!(
                    "`extend`: the rule `{}` is of kind `{}`",
                    raw.id.get_ref(),
                    raw.kind.get_ref()
                ),
            ));
        }
        if let Some(pattern) = more.patterns.first().or(more.exceptions.first()) {
            return Err(error_at(
                pattern.span().start,
                "`extend` cannot add patterns or exceptions; write a new rule".to_string(),
            ));
        }
        raw.severity = more.severity.or(raw.severity);
        raw.message = more.message.or(raw.message.take());
        raw.description = more.description.or(raw.description.take());
        raw.suggestion = more.suggestion.or(raw.suggestion.take());
        raw.enabled = more.enabled;
        raw.tokens.extend(more.tokens);
        raw.swap.extend(more.swap);
        raw.bad.extend(more.bad);
        raw.good.extend(more.good);
        if let Some(added) = more.options {
            let options = raw
                .options
                .get_or_insert_with(|| toml::Spanned::new(0..0, toml::Table::new()));
            for (key, value) in added.into_inner() {
                match (options.get_mut().get_mut(&key), value) {
                    (Some(toml::Value::Array(list)), toml::Value::Array(more)) => list.extend(more),
                    (_, value) => {
                        options.get_mut().insert(key, value);
                    }
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn locate(file: &str, text: &str, offset: usize, message: String) -> RuleError {
    let position = LineIndex::new(text).position(offset.min(text.len()));
    RuleError {
        file: file.to_string(),
        position: Some((position.line, position.column)),
        message,
    }
}

/// Which rules to load.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Source and target languages (ISO 639-1): the embedded packs loaded
    /// are `common/`, then `<target>/`, then `<source>-<target>/`.
    pub source: String,
    pub target: String,
    /// Directories of extra rule files; a rule with an existing id replaces it.
    pub extra_dirs: Vec<PathBuf>,
    /// Rule ids to switch off.
    pub disabled: Vec<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            source: DEFAULT_SOURCE.to_string(),
            target: DEFAULT_TARGET.to_string(),
            extra_dirs: Vec::new(),
            disabled: Vec::new(),
        }
    }
}

/// The compiled rules: built once, then shared read-only by every file checked.
pub struct RuleSet {
    /// Every enabled rule, in definition order.
    pub rules: Vec<RuleMeta>,
    checks: Vec<Box<dyn Check>>,
    pair_checks: Vec<Box<dyn PairCheck>>,
    /// Ids of every rule read, switched off or not.
    known: Vec<String>,
    /// Whether a document has started the checks' preparation.
    prepared: AtomicBool,
}

impl RuleSet {
    /// The embedded default packs.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        RuleSet::load(&LoadOptions::default())
    }

    /// The packs of one language pair plus `options.extra_dirs`; fails on an
    /// unknown id in `options.disabled`.
    pub fn load(options: &LoadOptions) -> Result<RuleSet, RuleError> {
        let set = RuleSet::load_lenient(options)?;
        check_disabled(&options.disabled, &[&set])?;
        Ok(set)
    }

    /// Like `load`, but ids in `options.disabled` that no rule has are
    /// ignored (the caller checks them across several packs).
    pub fn load_lenient(options: &LoadOptions) -> Result<RuleSet, RuleError> {
        let pair = format!("{}-{}", options.source, options.target);
        if !pairs().contains(&(options.source.as_str(), options.target.as_str())) {
            return Err(no_pack(&pair));
        }
        let layers = ["common".to_string(), options.target.clone(), pair];
        let mut sources: Vec<(Origin, Arc<str>)> = layers
            .iter()
            .flat_map(|layer| {
                embedded::FILES.iter().filter(move |f| {
                    f.path.ends_with(".toml")
                        && f.path
                            .strip_prefix(layer.as_str())
                            .is_some_and(|rest| rest.starts_with('/'))
                })
            })
            .map(|f| (Origin::Embedded(f.path), Arc::from(f.text)))
            .collect();
        for dir in &options.extra_dirs {
            for path in toml_files(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    RuleError::whole_file(
                        path.display().to_string(),
                        format!("cannot read rule file: {e}"),
                    )
                })?;
                sources.push((Origin::Disk(path), text.into()));
            }
        }

        from_sources(sources, &options.disabled)
    }

    /// Rules from one TOML text alone (no embedded packs); `name` is used in
    /// errors and to find files the rules name.
    pub fn from_toml(name: &str, text: &str) -> Result<RuleSet, RuleError> {
        from_sources(
            vec![(Origin::Disk(PathBuf::from(name)), Arc::from(text))],
            &[],
        )
    }

    /// Segments `text` once and runs every check on it; findings come sorted
    /// by position.
    pub fn check(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        let doc = Document::parse(text, format);
        self.check_document(&doc)
    }

    /// Compiles every rule pattern now rather than on first use (a server
    /// warming up; the tests of the embedded packs). The error names the
    /// rule.
    pub fn compile_patterns(&self) -> Result<(), String> {
        self.find::<Phrases>()
            .map_or(Ok(()), |phrases| phrases.compile_patterns())
    }

    /// The check of type `T`, if one of the rules uses it.
    pub fn find<T: Check>(&self) -> Option<&T> {
        self.checks
            .iter()
            .find_map(|c| (c.as_ref() as &dyn std::any::Any).downcast_ref::<T>())
    }

    pub fn check_document(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_documents(&[doc]).concat()
    }

    /// `check_document` of each document, checked together.
    pub fn check_documents(&self, docs: &[&Document]) -> Vec<Vec<Diagnostic>> {
        docs.iter()
            .zip(self.run(docs))
            .map(|(doc, found)| self.finish(doc, found))
            .collect()
    }

    /// Checks a translation against its source: the document checks on the
    /// target, then the bilingual checks on the aligned pair.
    pub fn check_pair(
        &self,
        source: &Document,
        target: &Document,
        alignment: &Alignment,
    ) -> Vec<Diagnostic> {
        let pair = Pair {
            source,
            target,
            alignment,
        };
        let mut out = self.sharpen(&pair, self.run(&[target]).concat());
        for check in &self.pair_checks {
            check.check_pair(&pair, &mut out);
        }
        self.finish(target, out)
    }

    /// With a source, a rule that names its French origin is kept, and says
    /// so, when the aligned source sentence holds that French, and dropped
    /// when it does not (as LanguageTool does for false friends).
    fn sharpen(&self, pair: &Pair, mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        found.retain_mut(|d| {
            let Some(french) = self
                .rules
                .iter()
                .find(|r| r.id == d.rule)
                .and_then(|r| r.french.as_deref())
            else {
                return true;
            };
            let sentence = pair
                .target
                .sentences
                .partition_point(|s| s.span.start <= d.span.start)
                .saturating_sub(1);
            let source = pair
                .alignment
                .source_of(sentence)
                .and_then(|link| pair.source_text(link.source.clone()));
            match source {
                Some((_, text)) if french_in(french, text) => {
                    d.message.push_str(&format!(" (the source has “{french}”)"));
                    true
                }
                _ => false,
            }
        });
        found
    }

    /// Every check's findings in each document. Documents are checked one
    /// check at a time over all of them, so that a check's automata and
    /// tables stay in the cache from one document to the next: document by
    /// document, each check found them evicted by the others, and a corpus
    /// took 12% more time. In a large document the checks run side by side:
    /// those that cannot split it into chunks (quote pairing, doubled
    /// words) would otherwise leave a core idle.
    fn run(&self, docs: &[&Document]) -> Vec<Vec<Diagnostic>> {
        use rayon::prelude::*;
        let small: Vec<&Document> = docs.iter().copied().filter(|d| !d.is_large()).collect();
        let run_small = || {
            let mut found: Vec<Vec<Diagnostic>> = small.iter().map(|_| Vec::new()).collect();
            for check in &self.checks {
                check.check_each(&small, &mut found);
            }
            found
        };
        // What the checks build on their first document (source-fragment's
        // word lists) is built beside the other checks: a one-article run
        // waited for it. Later calls skip the join, which cost 3% of a
        // corpus run.
        let mut small_found = if self.prepared.swap(true, Ordering::Relaxed) {
            run_small()
        } else {
            rayon::join(|| self.checks.iter().for_each(|c| c.prepare()), run_small).1
        }
        .into_iter();
        docs.iter()
            .map(|doc| match doc.is_large() {
                false => small_found.next().unwrap_or_default(),
                true => self
                    .checks
                    .par_iter()
                    .map(|check| {
                        let mut found = Vec::new();
                        check.check(doc, &mut found);
                        found
                    })
                    .collect::<Vec<_>>()
                    .concat(),
            })
            .collect()
    }

    /// Drops findings in verbatim text, sorts and removes duplicates.
    fn finish(&self, doc: &Document, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
        out.retain(|d| {
            !doc.touches_verbatim(d.span)
                && !doc
                    .suppressions
                    .iter()
                    .any(|s| s.covers(&d.rule, d.span.start))
        });
        out.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        out
    }
}

/// One rule compiled: a phrase rule for the shared automaton, or a check.
enum Compiled {
    Phrase(Box<PhraseRule>),
    Check(Built),
}

fn compile_rule(mut rule: SourcedRule) -> Result<(RuleMeta, Compiled), RuleError> {
    let raw = &rule.raw;
    let kind = raw.kind.get_ref().as_str();
    let is_phrase = matches!(kind, "existence" | "substitution");
    let category = match (raw.category, checks::natural_category(kind)) {
        (Some(category), _) => category,
        (None, Some(category)) => category,
        (None, None) if is_phrase => {
            return Err(rule.error(raw.kind.span().start, "a phrase rule needs a `category`"));
        }
        (None, None) => {
            return Err(rule.error(
                raw.kind.span().start,
                format!(
                    "unknown rule kind `{kind}`, expected `existence`, `substitution` or one of: {}",
                    checks::BUILTIN_KINDS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    };
    let meta = RuleMeta {
        id: raw.id.get_ref().clone(),
        kind: kind.to_string(),
        category,
        severity: raw.severity.unwrap_or(Severity::Warning),
        message: raw.message.clone(),
        description: raw.description.clone(),
        french: raw.french.clone(),
        fixable: raw.fixable,
        bilingual: false,
        bad: raw.bad.clone(),
        good: raw.good.clone(),
        origin: rule.origin.name(),
    };
    if is_phrase {
        let phrase = phrase_rule(&mut rule, meta.clone())?;
        return Ok((meta, Compiled::Phrase(Box::new(phrase))));
    }
    if raw.has_phrase_fields() {
        return Err(rule.error(
            raw.kind.span().start,
            format!(
                "`tokens`, `patterns`, `swap`, `exceptions`, `suggestion` and context conditions belong to phrase rules, not to `{kind}`"
            ),
        ));
    }
    let (options, offset) = match &raw.options {
        Some(options) => (options.get_ref().clone(), options.span().start),
        None => (toml::Table::new(), raw.kind.span().start),
    };
    let built = checks::build(meta.clone(), options, &|relative| {
        rule.origin.read_relative(relative)
    })
    .map_err(|message| rule.error(offset, message))?;
    Ok((meta, Compiled::Check(built)))
}

/// `work` done on every item, on every core, the largest items started first
/// (a large one started last would finish last, alone); the results in the
/// items' order.
pub(crate) fn map_largest_first<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(&items[i])));
    let mut done: Vec<(usize, R)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|i| (i, work(&items[i])))
        .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Parses rule texts in order (a later rule replaces an earlier one with the
/// same id), drops disabled rules and compiles the rest.
fn from_sources(
    sources: Vec<(Origin, Arc<str>)>,
    disabled: &[String],
) -> Result<RuleSet, RuleError> {
    // The files parse independently (a third of the English pack's load was
    // its TOML), then merge in order. Embedded files are read from their
    // JSON form (`embedded::json`).
    let parsed: Vec<Result<RuleFile, RuleError>> = map_largest_first(
        &sources,
        |(_, text)| text.len(),
        |(origin, text)| {
            let json = match origin {
                Origin::Embedded(path) => embedded::json(path),
                Origin::Disk(_) => None,
            };
            if let Some(Ok(file)) = json.map(serde_json::from_str) {
                return Ok(file);
            }
            toml::from_str(text).map_err(|e| {
                locate(
                    &origin.name(),
                    text,
                    e.span().map_or(0, |s| s.start),
                    e.message().to_string(),
                )
            })
        },
    );
    let mut rules: Vec<SourcedRule> = Vec::new();
    // Rule id → its index in `rules`.
    let mut by_id: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    for ((origin, text), file) in sources.into_iter().zip(parsed) {
        for rule in file?.rule {
            let sourced = SourcedRule {
                raw: rule.into_inner(),
                origin: origin.clone(),
                text: text.clone(),
            };
            match by_id.get(sourced.raw.id.get_ref()).copied() {
                Some(i) if rules[i].origin == sourced.origin => {
                    return Err(sourced.error(
                        sourced.raw.id.span().start,
                        format!(
                            "duplicate rule id `{}` in the same file",
                            sourced.raw.id.get_ref()
                        ),
                    ));
                }
                Some(i) if sourced.raw.extend => rules[i].extend_with(sourced)?,
                Some(i) => rules[i] = sourced,
                None if sourced.raw.extend => {
                    return Err(sourced.error(
                        sourced.raw.id.span().start,
                        format!(
                            "`extend`: no earlier rule has the id `{}`",
                            sourced.raw.id.get_ref()
                        ),
                    ));
                }
                None => {
                    by_id.insert(sourced.raw.id.get_ref().clone(), rules.len());
                    rules.push(sourced);
                }
            }
        }
    }
    let known = rules.iter().map(|r| r.raw.id.get_ref().clone()).collect();
    rules.retain(|r| r.raw.enabled && !disabled.contains(r.raw.id.get_ref()));
    let mut set = compile(rules)?;
    set.known = known;
    Ok(set)
}

/// Whether one of the comma-separated French expressions appears in `text`:
/// each of its words of three letters or more must begin a word of the
/// text, compared on a stem (all but the last letter, at most five), so that
/// conjugated and plural forms count (assister à ~ ont assisté à).
fn french_in(french: &str, text: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(crate::align::fold)
            .collect()
    };
    let text_words = words(text);
    french.split(',').any(|expression| {
        let content: Vec<String> = words(expression)
            .into_iter()
            .filter(|w| w.chars().count() >= 3)
            .collect();
        !content.is_empty()
            && content.iter().all(|w| {
                let stem: String = w.chars().take((w.chars().count() - 1).min(5)).collect();
                text_words.iter().any(|t| t.starts_with(&stem))
            })
    })
}

/// The error for a language pair without an embedded pack.
pub fn no_pack(pair: &str) -> RuleError {
    let known: Vec<String> = pairs().iter().map(|(s, t)| format!("{s}-{t}")).collect();
    RuleError::whole_file(
        format!("rules/{pair}"),
        format!(
            "no rule pack for the language pair `{pair}` (available: {})",
            known.join(", ")
        ),
    )
}

/// Fails on a rule id to switch off that none of `sets` defines (a typo).
pub fn check_disabled(disabled: &[String], sets: &[&RuleSet]) -> Result<(), RuleError> {
    match disabled
        .iter()
        .find(|id| !sets.iter().any(|set| set.known.contains(id)))
    {
        Some(id) => Err(RuleError::whole_file(
            "--ignore".to_string(),
            format!("unknown rule id `{id}` (see `mtlint rules`)"),
        )),
        None => Ok(()),
    }
}

/// Every `.toml` file below `dir`, sorted, so that overrides apply in a stable order.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            RuleError::whole_file(
                dir.display().to_string(),
                format!("cannot read rule directory: {e}"),
            )
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn compile(rules: Vec<SourcedRule>) -> Result<RuleSet, RuleError> {
    use rayon::prelude::*;
    // Rules compile independently (patterns parsed, word lists read): on
    // every core, then gathered in file order, the first error winning.
    let compiled: Vec<Result<(RuleMeta, Compiled), RuleError>> =
        rules.into_par_iter().map(compile_rule).collect();
    let mut metas = Vec::new();
    let mut checks: Vec<Box<dyn Check>> = Vec::new();
    let mut pair_checks: Vec<Box<dyn PairCheck>> = Vec::new();
    let mut phrase_rules = Vec::new();
    for result in compiled {
        let (mut meta, compiled) = result?;
        match compiled {
            Compiled::Phrase(rule) => phrase_rules.push(*rule),
            Compiled::Check(Built::Document(check)) => checks.push(check),
            Compiled::Check(Built::Pair(check)) => {
                pair_checks.push(check);
                meta.bilingual = true;
            }
        }
        metas.push(meta);
    }
    // The phrase check runs first. On a run's first document, source-fragment's
    // word lists are built beside the checks (`RuleSet::run`); run early, it
    // waited for them, while run after the phrase check, whose patterns
    // compile in that time, it finds them built. The findings are sorted,
    // so the order does not change them.
    if !phrase_rules.is_empty() {
        checks.insert(0, Box::new(Phrases::compile(phrase_rules)));
    }
    Ok(RuleSet {
        rules: metas,
        checks,
        pair_checks,
        known: Vec::new(),
        prepared: AtomicBool::new(false),
    })
}

/// Parses a rule's pattern; one read from disk is also compiled, so that a
/// pattern over the size limit is an error naming its line (the embedded
/// ones are compiled by the tests).
fn compile_regex(
    rule: &SourcedRule,
    pattern: &toml::Spanned<String>,
    ignorecase: bool,
) -> Result<Pattern, RuleError> {
    let error =
        |message: String| rule.error(pattern.span().start, format!("invalid pattern: {message}"));
    let parsed = Pattern::parse(pattern.get_ref(), ignorecase).map_err(error)?;
    if matches!(rule.origin, Origin::Disk(_)) {
        parsed.compile().map_err(error)?;
    }
    Ok(parsed)
}

fn phrase_rule(rule: &mut SourcedRule, meta: RuleMeta) -> Result<PhraseRule, RuleError> {
    // The phrases move out of the rule: an English pack has 8,784, and
    // copying them was a tenth of its load.
    let phrases = std::mem::take(&mut rule.raw.tokens);
    let swap = std::mem::take(&mut rule.raw.swap);
    let rule = &*rule;
    let raw = &rule.raw;
    let substitution = meta.kind == "substitution";
    if raw.options.is_some() {
        return Err(rule.error(
            raw.kind.span().start,
            "phrase rules take no `options` table",
        ));
    }
    let (tokens, patterns_allowed) = if substitution {
        if !phrases.is_empty() || !raw.patterns.is_empty() || swap.is_empty() {
            return Err(rule.error(
                raw.kind.span().start,
                "a `substitution` rule needs a `swap` table and no `tokens` or `patterns`",
            ));
        }
        let swaps: Vec<(String, Option<String>)> = swap
            .into_iter()
            .map(|(from, to)| (from, Some(to)))
            .collect();
        (swaps, false)
    } else {
        if phrases.is_empty() && raw.patterns.is_empty() {
            return Err(rule.error(
                raw.kind.span().start,
                "an `existence` rule needs `tokens` or `patterns`",
            ));
        }
        if !swap.is_empty() {
            return Err(rule.error(
                raw.kind.span().start,
                "`swap` belongs to `substitution` rules",
            ));
        }
        // The rule's `suggestion`, if any, is each phrase's.
        let tokens = phrases.into_iter().map(|t| (t, None)).collect();
        (tokens, true)
    };
    if let Some(empty) = tokens.iter().find(|(t, _)| t.trim().is_empty()) {
        return Err(rule.error(raw.id.span().start, format!("empty phrase `{}`", empty.0)));
    }
    let patterns = if patterns_allowed {
        raw.patterns
            .iter()
            .map(|p| compile_regex(rule, p, raw.ignorecase))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    let exceptions = raw
        .exceptions
        .iter()
        .map(|p| compile_regex(rule, p, raw.ignorecase))
        .collect::<Result<Vec<_>, _>>()?;
    let lower = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
    Ok(PhraseRule {
        meta,
        context: Context {
            sentence_start: raw.sentence_start,
            followed_by: lower(&raw.followed_by),
            not_followed_by: lower(&raw.not_followed_by),
            preceded_by: lower(&raw.preceded_by),
            not_preceded_by: lower(&raw.not_preceded_by),
        },
        tokens,
        patterns,
        exceptions,
        ignorecase: raw.ignorecase,
        suggestion: raw.suggestion.clone(),
        replace_chars: raw
            .replace_chars
            .iter()
            .filter_map(|(from, to)| Some((from.chars().next()?, to.clone())))
            .collect(),
    })
}
