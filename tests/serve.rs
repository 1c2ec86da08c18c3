//! `mtlint serve` over real HTTP: a server started in-process on a free
//! loopback port, hit with a plain HTTP client.

use std::io::{Read, Write};
use std::sync::OnceLock;
use std::time::Duration;

use mtlint::config::Policy;
use mtlint::serve::{Defaults, ServeOptions, Server};
use mtlint::{Linter, LoadOptions};
use serde_json::Value;

const ARTICLE: &str = include_str!("../corpus/fr-en/01-menaka-market-attack.txt");
const MAX_BODY: usize = 64 * 1024;

/// Starts a server in a thread of its own; returns its base URL.
fn start(max_body: usize, time_limit: Duration) -> String {
    let linter = Linter::load(&LoadOptions {
        target: String::new(),
        ..LoadOptions::default()
    })
    .unwrap();
    let options = ServeOptions {
        addr: "127.0.0.1:0".parse().unwrap(),
        max_body,
        time_limit,
        max_concurrent: 2,
        defaults: Defaults {
            source_lang: "fr".into(),
            target_lang: String::new(),
            rule_dirs: Vec::new(),
            policy: Policy::default(),
        },
    };
    let server = Server::bind(options, linter).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    format!("http://{addr}")
}

/// The server most tests share.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| start(MAX_BODY, Duration::from_secs(60)))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Status and body of a response.
fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut response = response.unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn lt_check(fields: &[(&str, &str)]) -> (u16, String) {
    answer(
        agent()
            .post(format!("{}/v2/check", base()))
            .send_form(fields.iter().copied()),
    )
}

fn lt_matches(fields: &[(&str, &str)]) -> Vec<Value> {
    let (status, body) = lt_check(fields);
    assert_eq!(status, 200, "{body}");
    let response: Value = serde_json::from_str(&body).unwrap();
    response["matches"].as_array().unwrap().clone()
}

fn rules_of(matches: &[Value]) -> Vec<&str> {
    matches
        .iter()
        .map(|m| m["rule"]["id"].as_str().unwrap())
        .collect()
}

fn native(path: &str, body: &Value) -> (u16, Value) {
    let (status, text) = answer(
        agent()
            .post(format!("{}{path}", base()))
            .content_type("application/json")
            .send(body.to_string()),
    );
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The text of a UTF-16 range, as a Java or JavaScript client reads it.
fn utf16_slice(text: &str, offset: u64, length: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[offset as usize..(offset + length) as usize]).unwrap()
}

#[test]
fn languagetool_response_shape() {
    let (status, body) = lt_check(&[("text", ARTICLE), ("language", "en-US")]);
    assert_eq!(status, 200, "{body}");
    let response: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(response["software"]["name"], "mtlint");
    assert_eq!(response["software"]["apiVersion"], 1);
    assert_eq!(response["language"]["code"], "en-US");
    assert_eq!(response["language"]["name"], "English (US)");
    assert_eq!(response["language"]["detectedLanguage"]["code"], "en");
    let matches = response["matches"].as_array().unwrap();
    assert!(rules_of(matches).contains(&"doubled-word"));
    for m in matches {
        for key in ["message", "shortMessage", "sentence"] {
            assert!(m[key].is_string(), "{key} in {m}");
        }
        for key in ["offset", "length"] {
            assert!(m[key].is_u64(), "{key} in {m}");
        }
        assert!(m["replacements"].is_array());
        assert!(m["context"]["text"].is_string() && m["context"]["offset"].is_u64());
        let rule = &m["rule"];
        for key in ["id", "description", "issueType"] {
            assert!(rule[key].is_string(), "rule.{key} in {m}");
        }
        assert!(rule["category"]["id"].is_string() && rule["category"]["name"].is_string());
        // The context shows the match.
        let context = &m["context"];
        let shown = utf16_slice(
            context["text"].as_str().unwrap(),
            context["offset"].as_u64().unwrap(),
            context["length"].as_u64().unwrap(),
        );
        let matched = utf16_slice(
            ARTICLE,
            m["offset"].as_u64().unwrap(),
            m["length"].as_u64().unwrap(),
        );
        assert_eq!(shown, matched.replace('\n', " "));
    }
    let doubled = matches
        .iter()
        .find(|m| m["rule"]["id"] == "doubled-word")
        .unwrap();
    assert_eq!(doubled["replacements"][0]["value"], "was");
    assert_eq!(doubled["rule"]["category"]["id"], "GARBLED");
    assert!(
        doubled["sentence"]
            .as_str()
            .unwrap()
            .contains("My cousin was was hit")
    );
}

#[test]
fn offsets_are_utf16_code_units_after_non_bmp_characters() {
    let text = "😀🇲🇱 Report: the the convoy left Gao.";
    let matches = lt_matches(&[("text", text), ("language", "en-US")]);
    let doubled = matches
        .iter()
        .find(|m| m["rule"]["id"] == "doubled-word")
        .unwrap();
    // 😀 and the two regional indicators are two code units each.
    assert_eq!(doubled["offset"], 15);
    assert_eq!(doubled["length"], 7);
    let (offset, length) = (
        doubled["offset"].as_u64().unwrap(),
        doubled["length"].as_u64().unwrap(),
    );
    assert_eq!(utf16_slice(text, offset, length), "the the");
}

#[test]
fn annotated_data_skips_markup_but_counts_it() {
    let data = serde_json::json!({"annotation": [
        {"markup": "<p><b>😀</b>"},
        {"text": "The convoy left. "},
        {"markup": "<br/>", "interpretAs": "\n"},
        {"text": "It was was hit."},
        {"markup": "</p>"}
    ]})
    .to_string();
    let matches = lt_matches(&[("data", &data), ("language", "en")]);
    let document = "<p><b>😀</b>The convoy left. <br/>It was was hit.</p>";
    let doubled = matches
        .iter()
        .find(|m| m["rule"]["id"] == "doubled-word")
        .unwrap();
    let (offset, length) = (
        doubled["offset"].as_u64().unwrap(),
        doubled["length"].as_u64().unwrap(),
    );
    assert_eq!(utf16_slice(document, offset, length), "was was");
    assert!(rules_of(&matches).iter().all(|r| !r.contains("html")));
    let (status, body) = lt_check(&[("data", "{\"annotation\": 3}"), ("language", "en")]);
    assert_eq!(status, 400);
    assert!(body.contains("annotated text"), "{body}");
}

#[test]
fn language_codes_auto_and_errors() {
    let text = "It was was hit by the convoy on the road to Gao on Monday.";
    for language in ["en-US", "en", "en-GB", "auto"] {
        let matches = lt_matches(&[("text", text), ("language", language)]);
        assert!(rules_of(&matches).contains(&"doubled-word"), "{language}");
    }
    let (_, body) = lt_check(&[("text", text), ("language", "auto")]);
    let response: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(response["language"]["code"], "en");
    assert_eq!(response["language"]["detectedLanguage"]["code"], "en");

    let (status, body) = lt_check(&[("text", text), ("language", "xx")]);
    assert_eq!(status, 400);
    assert!(body.contains("no rules for text in `xx`"), "{body}");
    let (status, body) = lt_check(&[("text", text), ("language", "english!")]);
    assert_eq!(status, 400);
    assert!(body.contains("not a language code"), "{body}");
    let (status, body) = lt_check(&[("text", text)]);
    assert_eq!(status, 400);
    assert!(body.contains("missing `language`"), "{body}");
    let (status, body) = lt_check(&[("language", "en")]);
    assert_eq!(status, 400);
    assert!(body.contains("missing `text` or `data`"), "{body}");
}

#[test]
fn get_requests_with_a_query_string_are_checked_too() {
    let (status, body) = answer(
        agent()
            .get(format!("{}/v2/check", base()))
            .query("language", "en")
            .query("text", "It was was hit.")
            .call(),
    );
    assert_eq!(status, 200);
    assert!(body.contains("doubled-word"));
}

#[test]
fn mother_tongue_is_the_source_language() {
    let french = "The minister spoke to the press in Bamako on Monday. Les autorités ont salué l’opération de sécurité dans la région. The convoy left at dawn.";
    let spanish = "The minister spoke to the press in Bamako on Monday. Las autoridades han celebrado la operación de seguridad en la región. The convoy left at dawn.";
    let fragment = |text: &str, mother: &str| -> String {
        lt_matches(&[
            ("text", text),
            ("language", "en-US"),
            ("motherTongue", mother),
        ])
        .iter()
        .filter(|m| m["rule"]["id"] == "source-fragment")
        .map(|m| m["message"].as_str().unwrap().to_string())
        .collect()
    };
    assert!(fragment(french, "fr").contains("French words"));
    assert!(fragment(spanish, "es").contains("Spanish words"));
    // A mother tongue mtlint has no rules from: the default source, French.
    assert!(fragment(french, "en-US").contains("French words"));
}

#[test]
fn enabled_and_disabled_rules_and_categories() {
    let all = rules_of(&lt_matches(&[("text", ARTICLE), ("language", "en-US")]))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    assert!(all.contains(&"doubled-word".to_string()) && all.len() > 3);
    let without = lt_matches(&[
        ("text", ARTICLE),
        ("language", "en-US"),
        ("disabledRules", "doubled-word,thousands-space"),
    ]);
    let without = rules_of(&without);
    assert!(!without.contains(&"doubled-word") && !without.contains(&"thousands-space"));
    assert_eq!(without.len(), all.len() - 3, "two doubled words, one space");

    let only = lt_matches(&[
        ("text", ARTICLE),
        ("language", "en-US"),
        ("enabledRules", "doubled-word"),
        ("enabledOnly", "true"),
    ]);
    assert_eq!(rules_of(&only), ["doubled-word", "doubled-word"]);
    // Without enabledOnly every rule is on already.
    let enabled = lt_matches(&[
        ("text", ARTICLE),
        ("language", "en-US"),
        ("enabledRules", "doubled-word"),
    ]);
    assert_eq!(enabled.len(), all.len());

    let no_typography = lt_matches(&[
        ("text", ARTICLE),
        ("language", "en-US"),
        ("disabledCategories", "TYPOGRAPHY"),
    ]);
    assert!(
        no_typography
            .iter()
            .all(|m| m["rule"]["category"]["id"] != "TYPOGRAPHY")
    );
    let (status, body) = lt_check(&[
        ("text", ARTICLE),
        ("language", "en-US"),
        ("enabledOnly", "true"),
    ]);
    assert_eq!(status, 400);
    assert!(body.contains("enabledOnly"), "{body}");
}

#[test]
fn languages_lists_the_packs() {
    let (status, body) = answer(agent().get(format!("{}/v2/languages", base())).call());
    assert_eq!(status, 200);
    let languages: Vec<Value> = serde_json::from_str(&body).unwrap();
    let long_codes: Vec<&str> = languages
        .iter()
        .map(|l| l["longCode"].as_str().unwrap())
        .collect();
    for code in ["en", "en-US", "es", "de", "it", "pt", "fr"] {
        assert!(long_codes.contains(&code), "{code} in {long_codes:?}");
    }
    assert!(
        languages
            .iter()
            .all(|l| l["name"].is_string() && l["code"].is_string())
    );
}

#[test]
fn oversized_bodies_get_413() {
    for (path, content_type) in [
        ("/v2/check", "application/x-www-form-urlencoded"),
        ("/api/check", "application/json"),
    ] {
        assert_eq!(status_of_oversized_post(path, content_type), 413, "{path}");
    }
}

/// The status of a POST of twice the body limit, of which only a little
/// more than the limit is sent: a client that sent it all could find the
/// connection closed under it, the answer given, before it reads.
fn status_of_oversized_post(path: &str, content_type: &str) -> u16 {
    let head = format!(
        "POST {path} HTTP/1.1\r\nContent-Type: {content_type}\r\nContent-Length: {}",
        2 * MAX_BODY
    );
    let status_line = raw_request(&head, &vec![b'a'; MAX_BODY + 1]);
    status_line[9..12].parse().unwrap()
}

#[test]
fn native_check_monolingual_and_bilingual() {
    let text = "😀 The convoy carried 60 tonnes of food to Gao. It was was hit.";
    let (status, body) = native("/api/check", &serde_json::json!({ "text": text }));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["target_lang"], "en");
    let findings = body["findings"].as_array().unwrap();
    let doubled = findings
        .iter()
        .find(|f| f["rule"] == "doubled-word")
        .unwrap();
    let (start, end) = (
        doubled["start"].as_u64().unwrap() as usize,
        doubled["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "was was");
    let (start16, end16) = (
        doubled["start_utf16"].as_u64().unwrap(),
        doubled["end_utf16"].as_u64().unwrap(),
    );
    assert_eq!(utf16_slice(text, start16, end16 - start16), "was was");
    assert_eq!(doubled["fixable"], true);
    assert_eq!(doubled["suggestion"], "was");
    assert!(
        body["rules"]["doubled-word"]["explanation"]
            .as_str()
            .unwrap()
            .contains("Bad:")
    );
    assert!(findings.iter().all(|f| f["rule"] != "number-mismatch"));

    let source = "Le convoi transportait 50 tonnes de vivres vers Gao. Il a été touché.";
    let (status, body) = native(
        "/api/check",
        &serde_json::json!({ "text": text, "source": source }),
    );
    assert_eq!(status, 200, "{body}");
    let mismatch = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "number-mismatch")
        .unwrap_or_else(|| panic!("no number-mismatch in {body}"));
    assert_eq!(mismatch["related"][0]["path"], "source");

    for bad in [
        serde_json::json!({ "txt": text }),
        serde_json::json!("text"),
        serde_json::json!({ "text": text, "target_lang": "zz" }),
    ] {
        let (status, body) = native("/api/check", &bad);
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body.as_str().unwrap().starts_with("Error: "), "{body}");
    }
}

#[test]
fn native_fix_applies_the_safe_fixes() {
    let (status, body) = native(
        "/api/fix",
        &serde_json::json!({ "text": "It was was hit . The the convoy left.\n" }),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["text"], "It was hit. The convoy left.\n");
    assert_eq!(body["changed"], true);
}

#[test]
fn the_page_and_its_assets_are_served_with_a_strict_policy() {
    let mut response = agent().get(format!("{}/", base())).call().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(policy.contains("default-src 'none'"), "{policy}");
    let page = response.body_mut().read_to_string().unwrap();
    assert!(page.contains("<textarea id=\"text\"") && page.contains("/page.js"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    for asset in ["/page.js", "/page.css"] {
        let (status, body) = answer(agent().get(format!("{}{asset}", base())).call());
        assert_eq!(status, 200, "{asset}");
        assert!(
            !body.contains("https://"),
            "{asset} fetches nothing elsewhere"
        );
    }
}

/// The status line of a GET of `path` sent byte for byte (an HTTP client
/// would normalise the dots away).
fn raw_get(path: &str) -> String {
    raw_request(&format!("GET {path} HTTP/1.1"), b"")
}

/// The status line of the answer to a request written byte for byte:
/// `head` is its request line and headers, `body` what follows them.
fn raw_request(head: &str, body: &[u8]) -> String {
    let addr = base().trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{head}\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    let mut byte = [0u8];
    while !response.ends_with(b"\r\n") && stream.read(&mut byte).unwrap() == 1 {
        response.push(byte[0]);
    }
    String::from_utf8_lossy(&response).trim_end().to_string()
}

#[test]
fn no_path_reaches_the_file_system() {
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/page.js/../../Cargo.toml",
        "//etc/passwd",
        "/src/serve/page/index.html",
        "/..%2f..%2fCargo.toml",
    ] {
        let status = raw_get(path);
        assert!(
            status.contains(" 404 ") || status.contains(" 400 "),
            "{path}: {status}"
        );
    }
}

#[test]
fn a_check_over_the_time_limit_gets_503() {
    let base = start(1 << 22, Duration::from_millis(1));
    let long = ARTICLE.repeat(200);
    let (status, body) = answer(
        agent()
            .post(format!("{base}/v2/check"))
            .send_form([("text", long.as_str()), ("language", "en")]),
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("longer than"), "{body}");
}
