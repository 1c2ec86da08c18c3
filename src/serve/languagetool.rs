//! LanguageTool's HTTP API (v2), so that its clients (browser extensions,
//! editor plugins, language_tool_python) show mtlint's findings:
//! `/v2/check` and `/v2/languages`, with LanguageTool's field names and
//! UTF-16 offsets.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use serde::Serialize;

use super::annotated::Annotated;
use super::engine::{Checked, Engine, Job};
use super::error::ApiError;
use super::utf16::Utf16Index;
use crate::config::Policy;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::{Document, Format};
use crate::rules;
use crate::span::{LineIndex, Span};

/// Language tags clients send, with LanguageTool's names for them; a tag
/// is served when its language has an mtlint pack.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("en-US", "English (US)"),
    ("en-GB", "English (GB)"),
    ("es", "Spanish"),
    ("de", "German"),
    ("de-DE", "German (Germany)"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("pt-PT", "Portuguese (Portugal)"),
    ("pt-BR", "Portuguese (Brazil)"),
    ("fr", "French"),
    ("nl", "Dutch"),
];

/// Characters of context shown on each side of a match, as LanguageTool.
const CONTEXT: usize = 40;

#[derive(Serialize)]
pub struct LanguageEntry {
    name: &'static str,
    code: &'static str,
    #[serde(rename = "longCode")]
    long_code: &'static str,
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// `GET /v2/languages`: the languages mtlint checks (the targets of its
/// packs) and the source languages, which clients must know to send them as
/// `motherTongue`.
pub async fn languages() -> Json<Vec<LanguageEntry>> {
    let pairs = rules::pairs();
    let served = |code: &str| pairs.iter().any(|&(s, t)| s == code || t == code);
    Json(
        LANGUAGES
            .iter()
            .filter(|(tag, _)| served(primary(tag)))
            .map(|&(tag, name)| LanguageEntry {
                name,
                code: primary(tag),
                long_code: tag,
            })
            .collect(),
    )
}

/// The form fields of a check, from the query string and the body (which
/// wins).
fn fields(query: Option<&str>, body: &[u8]) -> HashMap<String, String> {
    let mut fields: HashMap<String, String> = HashMap::new();
    let query = query.unwrap_or_default().as_bytes();
    for (key, value) in form_urlencoded::parse(query).chain(form_urlencoded::parse(body)) {
        fields.insert(key.into_owned(), value.into_owned());
    }
    fields
}

fn list(fields: &HashMap<String, String>, key: &str) -> Vec<String> {
    fields
        .get(key)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// LanguageTool's category ids (`TYPOGRAPHY`) as mtlint's (`typography`).
fn categories(fields: &HashMap<String, String>, key: &str) -> Vec<String> {
    list(fields, key)
        .iter()
        .map(|c| c.to_lowercase().replace('_', "-"))
        .collect()
}

/// The rules a request asks for: `enabledOnly=true` keeps only the enabled
/// rules and categories; mtlint's rules are all on already, so without it
/// `enabledRules` changes nothing.
fn filter(fields: &HashMap<String, String>) -> Result<Policy, ApiError> {
    let mut ignore = list(fields, "disabledRules");
    ignore.extend(categories(fields, "disabledCategories"));
    let enabled_only = fields.get("enabledOnly").is_some_and(|v| v == "true");
    let mut select = Vec::new();
    if enabled_only {
        select = list(fields, "enabledRules");
        select.extend(categories(fields, "enabledCategories"));
        if select.is_empty() {
            return Err(ApiError::bad_request(
                "enabledOnly=true needs enabledRules or enabledCategories",
            ));
        }
    }
    Ok(Policy::selecting(select, ignore))
}

/// The target language of a `language` field: `None` for `auto`.
fn target(language: &str) -> Result<Option<String>, ApiError> {
    if language == "auto" {
        return Ok(None);
    }
    let code = primary(language).to_ascii_lowercase();
    let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    if !valid {
        return Err(ApiError::bad_request(format!(
            "`{language}` is not a language code (such as en-US, en or auto)"
        )));
    }
    Ok(Some(code))
}

fn job(engine: &Engine, fields: HashMap<String, String>) -> Result<(Job, Annotated), ApiError> {
    let annotated = match (fields.get("text"), fields.get("data")) {
        (Some(text), _) => Annotated::plain(text.clone()),
        (None, Some(data)) => Annotated::parse(data).map_err(ApiError::bad_request)?,
        (None, None) => return Err(ApiError::bad_request("missing `text` or `data` parameter")),
    };
    let language = fields.get("language").ok_or_else(|| {
        ApiError::bad_request("missing `language` parameter (e.g. en-US or auto)")
    })?;
    // A mother tongue mtlint has no rules from (an English speaker's
    // browser) is not an error: the server's default source is used.
    let source_lang = fields
        .get("motherTongue")
        .map(|tag| primary(tag).to_ascii_lowercase())
        .filter(|code| engine.has_source(code));
    let job = Job {
        text: annotated.text.clone(),
        format: Format::Plain,
        source: None,
        source_lang,
        target_lang: Some(target(language)?.unwrap_or_default()),
        filter: filter(&fields)?,
    };
    Ok((job, annotated))
}

/// `POST /v2/check` (form fields) or `GET /v2/check` (query string).
pub async fn check(
    State(engine): State<Arc<Engine>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Json<Response>, ApiError> {
    let fields = fields(query.as_deref(), &body);
    let requested = fields.get("language").cloned().unwrap_or_default();
    engine
        .run(move |engine| {
            let (job, annotated) = job(engine, fields)?;
            let checked = engine.check(&job)?;
            Ok(Json(response(&requested, &annotated, &checked)))
        })
        .await
}

#[derive(Serialize)]
pub struct Response {
    software: Software,
    warnings: Warnings,
    language: Language,
    matches: Vec<Match>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Language {
    name: String,
    code: String,
    detected_language: DetectedLanguage,
}

#[derive(Serialize)]
struct DetectedLanguage {
    name: String,
    code: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match {
    message: String,
    short_message: String,
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: MatchType,
    rule: Rule,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement {
    value: String,
}

#[derive(Serialize)]
struct Context {
    text: String,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MatchType {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    description: String,
    issue_type: &'static str,
    category: RuleCategory,
}

#[derive(Serialize)]
struct RuleCategory {
    id: String,
    name: String,
}

/// LanguageTool's name of a language tag, or the tag itself.
fn language_name(tag: &str) -> String {
    LANGUAGES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        .or_else(|| LANGUAGES.iter().find(|(t, _)| *t == primary(tag)))
        .map_or_else(|| tag.to_string(), |(_, name)| name.to_string())
}

/// The ITS 2.0 issue type LanguageTool clients colour matches by.
fn issue_type(category: Category) -> &'static str {
    match category {
        Category::QuoteMismatch | Category::Typography => "typographical",
        Category::DuplicateHeading => "duplication",
        Category::SourceFragment | Category::Untranslated => "untranslated",
        Category::Furniture => "formatting",
        Category::Acronym => "terminology",
        Category::Garbled => "grammar",
        Category::Calque => "mistranslation",
        Category::Omission => "omission",
        Category::Addition => "addition",
        Category::NumberMismatch => "numbers",
        Category::EntityMismatch => "inconsistent-entities",
    }
}

/// `quote-mismatch` → `Quote mismatch`.
pub fn category_name(category: Category) -> String {
    let words = category.as_str().replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn response(requested: &str, annotated: &Annotated, checked: &Checked) -> Response {
    let text = annotated.text.as_str();
    let doc = Document::parse(text, Format::Plain);
    let lines = LineIndex::new(text);
    let index = Utf16Index::new(text);
    let map = annotated.mapper();
    let language = if requested == "auto" {
        checked.target.as_str()
    } else {
        requested
    };
    let matches = checked
        .diagnostics
        .iter()
        .map(|d| {
            let (offset, length) = map(d.span);
            let rule = checked.rule(&d.rule);
            let description = rule
                .and_then(|r| r.description.as_deref())
                .and_then(|text| text.lines().next())
                .unwrap_or(&d.rule)
                .to_string();
            Match {
                message: d.message.clone(),
                short_message: category_name(d.category),
                replacements: d
                    .suggestion
                    .iter()
                    .map(|value| Replacement {
                        value: value.clone(),
                    })
                    .collect(),
                offset,
                length,
                context: context(text, &index, d.span),
                sentence: sentence(&doc, &lines, d).to_string(),
                kind: MatchType { type_name: "Other" },
                rule: Rule {
                    id: d.rule.clone(),
                    description,
                    issue_type: issue_type(d.category),
                    category: RuleCategory {
                        id: d.category.as_str().to_uppercase().replace('-', "_"),
                        name: category_name(d.category),
                    },
                },
                ignore_for_incomplete_sentence: false,
                context_for_sure_match: 0,
            }
        })
        .collect();
    Response {
        software: Software {
            name: "mtlint",
            version: env!("CARGO_PKG_VERSION"),
            build_date: "",
            api_version: 1,
            premium: false,
            status: "",
        },
        warnings: Warnings {
            incomplete_results: false,
        },
        language: Language {
            name: language_name(language),
            code: language.to_string(),
            detected_language: DetectedLanguage {
                name: language_name(&checked.target),
                code: checked.target.clone(),
            },
        },
        matches,
    }
}

/// Up to `CONTEXT` characters on each side of the span, `...` where cut;
/// offsets in UTF-16 within the context.
fn context(text: &str, index: &Utf16Index, span: Span) -> Context {
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| span.end + i);
    let lead = if before_start > 0 { "..." } else { "" };
    let tail = if after_end < text.len() { "..." } else { "" };
    let window = &text[before_start..after_end];
    Context {
        text: format!("{lead}{window}{tail}").replace(['\n', '\r'], " "),
        offset: lead.len() + index.at(span.start) - index.at(before_start),
        length: index.at(span.end) - index.at(span.start),
    }
}

/// The sentence holding the start of a finding, or its line.
fn sentence<'t>(doc: &Document<'t>, lines: &LineIndex, d: &Diagnostic) -> &'t str {
    let at = d.span.start;
    let i = doc.sentences.partition_point(|s| s.span.end <= at);
    let span = doc
        .sentences
        .get(i)
        .map(|s| s.span)
        .filter(|s| s.start <= at)
        .unwrap_or_else(|| lines.line_span(at));
    doc.text[span.start..span.end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_a_window_in_utf16() {
        let text = format!("{}😀 the the {}", "a".repeat(50), "b".repeat(50));
        let start = text.find("the the").unwrap();
        let span = Span::new(start, start + 7);
        let context = context(&text, &Utf16Index::new(&text), span);
        assert!(context.text.starts_with("...") && context.text.ends_with("..."));
        let units: Vec<u16> = context.text.encode_utf16().collect();
        let shown = String::from_utf16(&units[context.offset..context.offset + context.length]);
        assert_eq!(shown.unwrap(), "the the");
    }

    #[test]
    fn languages_and_categories_in_languagetool_terms() {
        assert_eq!(target("en-US").unwrap().as_deref(), Some("en"));
        assert_eq!(target("auto").unwrap(), None);
        assert!(target("english!").is_err());
        assert_eq!(language_name("en-us"), "English (US)");
        assert_eq!(category_name(Category::QuoteMismatch), "Quote mismatch");
        let fields = HashMap::from([("enabledOnly".to_string(), "true".to_string())]);
        assert!(filter(&fields).is_err());
    }
}
