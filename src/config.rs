//! `mtlint.toml`: project settings, found by walking up from the working
//! directory (or named with `--config`). Command-line options win over it;
//! `mtlint config` prints the effective settings and where each comes from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

pub const FILE_NAMES: &[&str] = &["mtlint.toml", ".mtlint.toml"];

/// Rule ids or category names.
type Selectors = Vec<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    source_lang: Option<Spanned<String>>,
    target_lang: Option<Spanned<String>>,
    /// Rule directories, relative to the file.
    rules: Option<Spanned<Vec<String>>>,
    select: Option<Spanned<Selectors>>,
    ignore: Option<Spanned<Selectors>>,
    /// Rule id or category → severity.
    severity: Option<Spanned<BTreeMap<String, Severity>>>,
    fail_on: Option<Spanned<String>>,
    extensions: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    overrides: Vec<Spanned<Override>>,
}

/// Settings for the paths matching some globs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs relative to the file.
    pub paths: Vec<String>,
    #[serde(default)]
    pub select: Selectors,
    #[serde(default)]
    pub ignore: Selectors,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// A setting and where it came from (`default`, `mtlint.toml:3`, `--ignore`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: String,
}

impl<T> Setting<T> {
    pub fn new(value: T, origin: impl Into<String>) -> Self {
        Setting {
            value,
            origin: origin.into(),
        }
    }
}

/// What decides which findings count, and how: the part of the settings
/// applied to findings after the checks.
#[derive(Debug, Default)]
pub struct Policy {
    select: Selectors,
    ignore: Selectors,
    severity: BTreeMap<String, Severity>,
    overrides: Vec<(GlobSet, Policy)>,
    /// Directory the override globs are relative to.
    root: PathBuf,
}

fn matches(selectors: &[String], d: &Diagnostic) -> bool {
    selectors
        .iter()
        .any(|s| *s == d.rule || s == d.category.as_str())
}

impl Policy {
    /// A policy that only selects and ignores rules or categories (the
    /// choices of one server request).
    pub fn selecting(select: Selectors, ignore: Selectors) -> Policy {
        Policy {
            select,
            ignore,
            ..Policy::default()
        }
    }

    /// Drops ignored or unselected findings and applies severity overrides,
    /// then the overrides whose globs match `path`.
    pub fn apply(&self, path: &str, found: &mut Vec<Diagnostic>) {
        found.retain(|d| {
            (self.select.is_empty() || matches(&self.select, d)) && !matches(&self.ignore, d)
        });
        for d in found.iter_mut() {
            let by_rule = self.severity.get(&d.rule);
            if let Some(&severity) = by_rule.or_else(|| self.severity.get(d.category.as_str())) {
                d.severity = severity;
            }
        }
        let relative = Path::new(path)
            .strip_prefix(&self.root)
            .unwrap_or(Path::new(path));
        for (globs, policy) in &self.overrides {
            if globs.is_match(relative) || globs.is_match(path) {
                policy.apply(path, found);
            }
        }
    }
}

/// The settings of a configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub source_lang: Option<Setting<String>>,
    pub target_lang: Option<Setting<String>>,
    pub rules: Option<Setting<Vec<PathBuf>>>,
    pub select: Option<Setting<Selectors>>,
    pub ignore: Option<Setting<Selectors>>,
    pub severity: Option<Setting<BTreeMap<String, Severity>>>,
    pub fail_on: Option<Setting<String>>,
    pub extensions: Option<Setting<Vec<String>>>,
    pub overrides: Vec<Setting<Override>>,
}

/// The nearest configuration file at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|p| p.is_file())
}

impl Config {
    /// No file: every setting comes from the command line or the defaults.
    pub fn none() -> Config {
        Config {
            path: None,
            source_lang: None,
            target_lang: None,
            rules: None,
            select: None,
            ignore: None,
            severity: None,
            fail_on: None,
            extensions: None,
            overrides: Vec::new(),
        }
    }

    /// Reads a configuration file; errors name file:line:column.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let index = LineIndex::new(&text);
        let line = |offset: usize| index.position(offset.min(text.len()));
        let raw: Raw = toml::from_str(&text).map_err(|e| {
            let at = line(e.span().map_or(0, |s| s.start));
            format!(
                "{}:{}:{}: {}",
                path.display(),
                at.line,
                at.column,
                e.message()
            )
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let origin = |offset: usize| format!("{}:{}", path.display(), line(offset).line);
        fn setting<T>(
            value: Option<Spanned<T>>,
            origin: &dyn Fn(usize) -> String,
        ) -> Option<Setting<T>> {
            value.map(|v| {
                let at = origin(v.span().start);
                Setting::new(v.into_inner(), at)
            })
        }
        let rules = raw.rules.map(|v| {
            let at = origin(v.span().start);
            Setting::new(v.into_inner().iter().map(|d| dir.join(d)).collect(), at)
        });
        let overrides = raw
            .overrides
            .into_iter()
            .map(|o| {
                let at = origin(o.span().start);
                Setting::new(o.into_inner(), at)
            })
            .collect();
        Ok(Config {
            path: Some(path.to_path_buf()),
            source_lang: setting(raw.source_lang, &origin),
            target_lang: setting(raw.target_lang, &origin),
            rules,
            select: setting(raw.select, &origin),
            ignore: setting(raw.ignore, &origin),
            severity: setting(raw.severity, &origin),
            fail_on: setting(raw.fail_on, &origin),
            extensions: setting(raw.extensions, &origin),
            overrides,
        })
    }

    /// The finding policy of this file, with `select`/`ignore` from the
    /// command line replacing the file's when given.
    pub fn policy(
        &self,
        select: Option<&Selectors>,
        ignore: Option<&Selectors>,
    ) -> Result<Policy, String> {
        let root = self
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let mut overrides = Vec::new();
        for o in &self.overrides {
            let Override {
                paths,
                select,
                ignore,
                severity,
            } = &o.value;
            let mut builder = GlobSetBuilder::new();
            for glob in paths {
                builder.add(Glob::new(glob).map_err(|e| format!("{}: {e}", o.origin))?);
            }
            let globs = builder.build().map_err(|e| format!("{}: {e}", o.origin))?;
            overrides.push((
                globs,
                Policy {
                    select: select.clone(),
                    ignore: ignore.clone(),
                    severity: severity.clone(),
                    overrides: Vec::new(),
                    root: root.clone(),
                },
            ));
        }
        let pick = |cli: Option<&Selectors>, file: &Option<Setting<Selectors>>| {
            cli.cloned()
                .or_else(|| file.as_ref().map(|s| s.value.clone()))
                .unwrap_or_default()
        };
        Ok(Policy {
            select: pick(select, &self.select),
            ignore: pick(ignore, &self.ignore),
            severity: self
                .severity
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            overrides,
            root,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;
    use crate::span::Span;

    fn finding(rule: &str, category: Category) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(0, 1),
            suggestion: None,
            fixable: false,
            related: Vec::new(),
        }
    }

    #[test]
    fn policy_selects_ignores_overrides_severity_and_paths() {
        let dir = std::env::temp_dir().join(format!("mtlint-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mtlint.toml");
        std::fs::write(
            &path,
            "ignore = [\"calque\"]\n[severity]\ndoubled-word = \"info\"\n[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"typography\"]\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(
            config.ignore.as_ref().unwrap().origin,
            format!("{}:1", path.display())
        );
        let policy = config.policy(None, None).unwrap();
        let all = || {
            vec![
                finding("calque-x", Category::Calque),
                finding("doubled-word", Category::Garbled),
                finding("space", Category::Typography),
            ]
        };
        let mut found = all();
        policy.apply(&dir.join("new/a.txt").display().to_string(), &mut found);
        let kept: Vec<(&str, Severity)> = found
            .iter()
            .map(|d| (d.rule.as_str(), d.severity))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("doubled-word", Severity::Info),
                ("space", Severity::Warning)
            ]
        );
        let mut found = all();
        policy.apply(&dir.join("archive/b.txt").display().to_string(), &mut found);
        assert_eq!(found.len(), 1);

        std::fs::write(&path, "source-lang = \"fr\"\ncolour = \"red\"\n").unwrap();
        let error = Config::load(&path).unwrap_err();
        assert!(
            error.contains("mtlint.toml:2:1") && error.contains("unknown field `colour`"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Settings given on the command line (`None` or empty: not given).
#[derive(Debug, Default)]
pub struct Overrides {
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    pub rule_dirs: Vec<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<String>,
}

/// The effective settings, each with its origin.
#[derive(Debug)]
pub struct Settings {
    pub source_lang: Setting<String>,
    pub target_lang: Setting<String>,
    pub rule_dirs: Setting<Vec<PathBuf>>,
    pub select: Setting<Vec<String>>,
    pub ignore: Setting<Vec<String>>,
    pub severity: Setting<BTreeMap<String, Severity>>,
    pub fail_on: Setting<String>,
    pub extensions: Setting<Vec<String>>,
    pub policy: Policy,
    pub config: Option<PathBuf>,
}

const COMMAND_LINE: &str = "command line";
const DEFAULT: &str = "default";

/// The command line wins over the file, the file over the defaults.
fn layer<T>(cli: Option<T>, file: Option<Setting<T>>, default: T) -> Setting<T> {
    match (cli, file) {
        (Some(value), _) => Setting::new(value, COMMAND_LINE),
        (None, Some(setting)) => setting,
        (None, None) => Setting::new(default, DEFAULT),
    }
}

fn given<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

impl Settings {
    pub fn resolve(config: Config, cli: Overrides) -> Result<Settings, String> {
        let policy = config.policy(
            given(cli.select.clone()).as_ref(),
            given(cli.ignore.clone()).as_ref(),
        )?;
        Ok(Settings {
            source_lang: layer(
                cli.source_lang,
                config.source_lang,
                crate::rules::DEFAULT_SOURCE.to_string(),
            ),
            target_lang: layer(cli.target_lang, config.target_lang, "auto".to_string()),
            rule_dirs: layer(given(cli.rule_dirs), config.rules, Vec::new()),
            select: layer(given(cli.select), config.select, Vec::new()),
            ignore: layer(given(cli.ignore), config.ignore, Vec::new()),
            severity: layer(None, config.severity, BTreeMap::new()),
            fail_on: layer(cli.fail_on, config.fail_on, "warning".to_string()),
            extensions: layer(
                None,
                config.extensions,
                crate::input::DEFAULT_EXTENSIONS
                    .iter()
                    .map(|e| e.to_string())
                    .collect(),
            ),
            policy,
            config: config.path,
        })
    }

    /// Every selector (in select, ignore, severity and the overrides) must
    /// name a rule of `known` or a category.
    pub fn check_selectors(&self, known: &[String]) -> Result<(), String> {
        let valid =
            |s: &String| known.contains(s) || crate::diagnostic::Category::from_name(s).is_some();
        let lists = [
            (&self.select.value, &self.select.origin),
            (&self.ignore.value, &self.ignore.origin),
        ];
        for (list, origin) in lists {
            if let Some(bad) = list.iter().find(|s| !valid(s)) {
                return Err(format!(
                    "{origin}: unknown rule or category `{bad}` (see `mtlint rules`)"
                ));
            }
        }
        if let Some(bad) = self.severity.value.keys().find(|s| !valid(s)) {
            return Err(format!(
                "{}: unknown rule or category `{bad}`",
                self.severity.origin
            ));
        }
        Ok(())
    }

    /// `mtlint config`: one line a setting, with its origin.
    pub fn render(&self) -> String {
        let list = |v: &[String]| format!("[{}]", v.join(", "));
        let dirs: Vec<String> = self
            .rule_dirs
            .value
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let severity: Vec<String> = self
            .severity
            .value
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        let rows = [
            (
                "config",
                self.config
                    .as_ref()
                    .map_or("(none)".to_string(), |p| p.display().to_string()),
                String::new(),
            ),
            (
                "source-lang",
                self.source_lang.value.clone(),
                self.source_lang.origin.clone(),
            ),
            (
                "target-lang",
                self.target_lang.value.clone(),
                self.target_lang.origin.clone(),
            ),
            ("rules", list(&dirs), self.rule_dirs.origin.clone()),
            (
                "select",
                list(&self.select.value),
                self.select.origin.clone(),
            ),
            (
                "ignore",
                list(&self.ignore.value),
                self.ignore.origin.clone(),
            ),
            ("severity", list(&severity), self.severity.origin.clone()),
            (
                "fail-on",
                self.fail_on.value.clone(),
                self.fail_on.origin.clone(),
            ),
            (
                "extensions",
                list(&self.extensions.value),
                self.extensions.origin.clone(),
            ),
        ];
        rows.iter()
            .map(|(name, value, origin)| {
                if origin.is_empty() {
                    format!("{name:<12} {value}\n")
                } else {
                    format!("{name:<12} {value:<40} # {origin}\n")
                }
            })
            .collect()
    }
}
