//! The checks behind every endpoint: one linter per language pair, loaded
//! on first use and kept, and the limits on the CPU-bound work (how many
//! checks at once, how long each may take).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::error::ApiError;
use crate::config::Policy;
use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::linter::Linter;
use crate::rules::{self, LoadOptions, RuleMeta};

/// What the server applies to every request, from the command line and
/// `mtlint.toml`.
pub struct Defaults {
    pub source_lang: String,
    /// `""`: detect the language of each text among the source's packs.
    pub target_lang: String,
    pub rule_dirs: Vec<PathBuf>,
    pub policy: Policy,
}

/// One text to check, as a request describes it.
pub struct Job {
    pub text: String,
    pub format: Format,
    /// Bilingual mode: the text the translation was made from.
    pub source: Option<String>,
    /// `None`: the server's default.
    pub source_lang: Option<String>,
    /// `None`: the server's default; `Some("")`: detect it.
    pub target_lang: Option<String>,
    /// The request's own choice of rules, applied after the server's.
    pub filter: Policy,
}

/// The findings of one job, with the rules that made them.
pub struct Checked {
    pub source_lang: String,
    /// The language the text was checked as.
    pub target: String,
    pub diagnostics: Vec<Diagnostic>,
    linter: Arc<Linter>,
}

impl Checked {
    /// The rule a finding names.
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        let (_, rules) = self
            .linter
            .targets()
            .find(|(target, _)| *target == self.target)?;
        rules.rules.iter().find(|r| r.id == id)
    }
}

pub struct Engine {
    defaults: Defaults,
    linters: Mutex<HashMap<(String, String), Arc<Linter>>>,
    /// One permit per check running; a check that outlives its time limit
    /// keeps its permit until it ends, so the bound holds.
    permits: Arc<Semaphore>,
    time_limit: Duration,
}

impl Engine {
    /// `linter` is the one already loaded for the defaults.
    pub fn new(
        defaults: Defaults,
        linter: Linter,
        max_concurrent: usize,
        time_limit: Duration,
    ) -> Engine {
        let key = (defaults.source_lang.clone(), defaults.target_lang.clone());
        Engine {
            defaults,
            linters: Mutex::new(HashMap::from([(key, Arc::new(linter))])),
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            time_limit,
        }
    }

    /// Runs CPU-bound `work` on the blocking pool once a permit is free,
    /// within the time limit (waiting for the permit included).
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let engine = Arc::clone(self);
        let limit = self.time_limit;
        let run = async move {
            let permit = Arc::clone(&engine.permits)
                .acquire_owned()
                .await
                .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                work(&engine)
            })
            .await
            .map_err(|_| ApiError::internal("the check failed unexpectedly"))?
        };
        tokio::time::timeout(limit, run).await.map_err(|_| {
            ApiError::unavailable(format!(
                "the check took longer than the server's limit of {} s: send a shorter text or try again later",
                limit.as_secs_f64()
            ))
        })?
    }

    /// The linter of a language pair (`target` empty: detect it), loaded
    /// on first use.
    fn linter(&self, source: &str, target: &str) -> Result<Arc<Linter>, ApiError> {
        let key = (source.to_string(), target.to_string());
        if let Some(linter) = self.cached(&key) {
            return Ok(linter);
        }
        let known = rules::pairs();
        if !known
            .iter()
            .any(|&(s, t)| s == source && (target.is_empty() || t == target))
        {
            let pairs: Vec<String> = known.iter().map(|(s, t)| format!("{s}-{t}")).collect();
            let target = if target.is_empty() { "any" } else { target };
            return Err(ApiError::bad_request(format!(
                "mtlint has no rules for text in `{target}` translated from `{source}` (language pairs: {})",
                pairs.join(", ")
            )));
        }
        let linter = Linter::load(&LoadOptions {
            source: source.to_string(),
            target: target.to_string(),
            extra_dirs: self.defaults.rule_dirs.clone(),
            disabled: Vec::new(),
        })
        .map_err(|e| ApiError::internal(format!("cannot load the rules: {e}")))?;
        let linter = Arc::new(linter);
        if let Ok(mut linters) = self.linters.lock() {
            linters.insert(key, Arc::clone(&linter));
        }
        Ok(linter)
    }

    fn cached(&self, key: &(String, String)) -> Option<Arc<Linter>> {
        self.linters.lock().ok()?.get(key).cloned()
    }

    /// Whether the server has rules for text translated from `source`.
    pub fn has_source(&self, source: &str) -> bool {
        rules::pairs().iter().any(|&(s, _)| s == source)
    }

    /// Checks a job's text (against its source, if it has one) and keeps
    /// the findings the server's and the request's policies allow.
    pub fn check(&self, job: &Job) -> Result<Checked, ApiError> {
        let (source_lang, linter) = self.linter_for(job)?;
        let mut diagnostics = match &job.source {
            Some(source) => linter.check_pair((source, job.format), (&job.text, job.format)),
            None => linter.check(&job.text, job.format),
        };
        self.keep(&job.filter, &mut diagnostics);
        let target = linter.target_of(&job.text).0.to_string();
        Ok(Checked {
            source_lang,
            target,
            diagnostics,
            linter,
        })
    }

    /// The job's text with every safe fix applied (checking again after
    /// each round, as `mtlint check --fix` does).
    pub fn fix(&self, job: &Job) -> Result<String, ApiError> {
        let (_, linter) = self.linter_for(job)?;
        Ok(crate::fix::fix(&job.text, |text| {
            let mut found = linter.check(text, job.format);
            self.keep(&job.filter, &mut found);
            found
        }))
    }

    fn linter_for(&self, job: &Job) -> Result<(String, Arc<Linter>), ApiError> {
        let source = job
            .source_lang
            .clone()
            .unwrap_or_else(|| self.defaults.source_lang.clone());
        let target = job
            .target_lang
            .as_deref()
            .unwrap_or(&self.defaults.target_lang);
        let linter = self.linter(&source, target)?;
        Ok((source, linter))
    }

    fn keep(&self, filter: &Policy, found: &mut Vec<Diagnostic>) {
        // No path: the server checks texts, not files of the project.
        self.defaults.policy.apply("", found);
        filter.apply("", found);
    }
}
