//! mtlint's own JSON API, used by the page: `POST /api/check` returns the
//! findings of `--format json` (plus UTF-16 offsets for JavaScript and
//! each rule's explanation), bilingual when a source is posted;
//! `POST /api/fix` returns the text with its safe fixes applied.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::engine::{Engine, Job};
use super::error::ApiError;
use super::languagetool::category_name;
use super::utf16::Utf16Index;
use crate::config::Policy;
use crate::document::Format;
use crate::output::json::{JsonDiagnostic, objects};
use crate::output::{FileReport, SourceFile};

/// What the page calls the texts in `path` fields and related places.
const TEXT_PATH: &str = "text";
const SOURCE_PATH: &str = "source";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    text: String,
    /// The text the translation was made from: adds the bilingual checks.
    source: Option<String>,
    #[serde(default)]
    markdown: bool,
    source_lang: Option<String>,
    /// A language code, or `auto` to detect it.
    target_lang: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

fn job(body: &[u8]) -> Result<Job, ApiError> {
    let request: Request = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body must be a JSON object such as {{\"text\": \"…\", \"source\": \"…\"}}: {e}"
        ))
    })?;
    Ok(Job {
        text: request.text,
        format: if request.markdown {
            Format::Markdown
        } else {
            Format::Plain
        },
        source: request.source.filter(|s| !s.trim().is_empty()),
        source_lang: request.source_lang,
        target_lang: request
            .target_lang
            .map(|t| if t == "auto" { String::new() } else { t }),
        filter: Policy::selecting(request.select, request.ignore),
    })
}

#[derive(Serialize)]
struct CheckResponse<'a> {
    source_lang: &'a str,
    target_lang: &'a str,
    findings: Vec<Finding<'a>>,
    /// The rules of the findings, by id.
    rules: BTreeMap<String, RuleHelp>,
}

/// A finding of `--format json`, with what the page needs besides.
#[derive(Serialize)]
struct Finding<'a> {
    #[serde(flatten)]
    json: JsonDiagnostic<'a>,
    start_utf16: usize,
    end_utf16: usize,
    fixable: bool,
}

#[derive(Serialize)]
struct RuleHelp {
    category: String,
    description: Option<String>,
    /// `mtlint explain RULE`.
    explanation: String,
}

/// `POST /api/check`.
pub async fn check(State(engine): State<Arc<Engine>>, body: Bytes) -> Result<Response, ApiError> {
    engine
        .run(move |engine| {
            let job = job(&body)?;
            let checked = engine.check(&job)?;
            let source = job.source.as_deref().map(|text| SourceFile {
                path: SOURCE_PATH,
                text,
            });
            let report = FileReport::new(TEXT_PATH, &job.text, &checked.diagnostics, source);
            let lines = report.lines();
            let index = Utf16Index::new(&job.text);
            let findings = objects(&report, lines)
                .zip(&checked.diagnostics)
                .map(|(json, d)| Finding {
                    json,
                    start_utf16: index.at(d.span.start),
                    end_utf16: index.at(d.span.end),
                    fixable: d.fixable,
                })
                .collect();
            let rules = checked
                .diagnostics
                .iter()
                .filter_map(|d| checked.rule(&d.rule))
                .map(|rule| {
                    (
                        rule.id.clone(),
                        RuleHelp {
                            category: category_name(rule.category),
                            description: rule.description.clone(),
                            explanation: crate::output::explain::rule(rule),
                        },
                    )
                })
                .collect();
            // Serialised here, while the findings borrow the request.
            Ok(Json(CheckResponse {
                source_lang: &checked.source_lang,
                target_lang: &checked.target,
                findings,
                rules,
            })
            .into_response())
        })
        .await
}

#[derive(Serialize)]
pub struct FixResponse {
    text: String,
    changed: bool,
}

/// `POST /api/fix`: the safe fixes of the monolingual checks.
pub async fn fix(
    State(engine): State<Arc<Engine>>,
    body: Bytes,
) -> Result<Json<FixResponse>, ApiError> {
    engine
        .run(move |engine| {
            let job = job(&body)?;
            let text = engine.fix(&job)?;
            Ok(Json(FixResponse {
                changed: text != job.text,
                text,
            }))
        })
        .await
}
