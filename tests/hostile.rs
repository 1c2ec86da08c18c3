//! Whatever it is fed, mtlint neither panics nor loses a byte: findings stay
//! inside the text on character boundaries, with lines and columns that
//! match their byte offsets, and fixes reach a fixed point.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use mtlint::{Diagnostic, Format, LineIndex, Linter, LoadOptions, fix};
use proptest::prelude::*;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        Linter::load(&LoadOptions {
            target: String::new(),
            ..LoadOptions::default()
        })
        .unwrap()
    })
}

/// Every finding's span is inside the text, on character boundaries, and
/// its line and column are those of its byte offset.
fn assert_sound(text: &str, found: &[Diagnostic]) {
    let index = LineIndex::new(text);
    for d in found {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
        let position = index.position(d.span.start);
        let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            position.line,
            text[..d.span.start].matches('\n').count() + 1
        );
        let bom = usize::from(line_start == 0 && text.starts_with('\u{feff}') && d.span.start > 0);
        assert_eq!(
            position.column,
            text[line_start..d.span.start].chars().count() + 1 - bom,
            "{d:?}"
        );
    }
}

/// Text made of what machine-translated news is made of, and worse.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "the ",
        "The ",
        "et ",
        "les ",
        "l’armée ",
        "d’hommes ",
        "« ",
        " »",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        " .",
        ", ",
        "; ",
        "? ",
        "! ",
        "(",
        ")",
        "[",
        "]",
        "2 500 ",
        "3,5 ",
        "18:30 p.m. ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "# ",
        "<!-- mtlint-disable -->",
        "<!-- mtlint-enable -->",
        "► Read also ",
        "é",
        "\u{301}",
        "😀",
        "👩‍👩‍👧",
        "\u{202e}",
        "שלום ",
        "مرحبا ",
        "\u{feff}",
        "\t",
        "CSP",
        "(CSP) ",
        "Permanent Strategic Framework ",
        "https://x.org/a ",
        "`code` ",
        "&rdquo;",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn findings_are_sound_and_fixes_reach_a_fixed_point(text in texty(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Plain };
        let found = linter().check(&text, format);
        assert_sound(&text, &found);
        let fixed = fix::fix(&text, |t| linter().check(t, format));
        let again = linter().check(&fixed, format);
        assert_sound(&fixed, &again);
        prop_assert_eq!(fix::apply(&fixed, &again), None, "a fixed text has nothing left to fix");
    }

    #[test]
    fn any_string_at_all(text in ".{0,300}") {
        assert_sound(&text, &linter().check(&text, Format::Plain));
        assert_sound(&text, &linter().check(&text, Format::Markdown));
    }
}

#[test]
fn pathological_inputs() {
    let cases = [
        String::new(),
        "\u{feff}".to_string(),
        "“".repeat(10_000),
        "«»".repeat(5_000) + "»",
        "\r".repeat(1000),
        "e\u{301}".repeat(2000),
        "👩‍👩‍👧 ".repeat(2000),
        "\u{202e}שלום مرحبا hello et les ".repeat(500),
        "the the ".repeat(5000),
        format!("Title\n\n{}\n", "word . et les ".repeat(200_000)),
    ];
    for text in &cases {
        let found = linter().check(text, Format::Plain);
        assert_sound(text, &found);
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mtlint-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn binary_files_are_skipped_with_a_notice_and_a_ten_megabyte_line_is_checked() {
    let dir = scratch("files");
    std::fs::write(dir.join("binary.txt"), b"Title\n\n\x00\x01\x02 the the").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let line =
        "The convoy left Gao on Monday with forty tonnes of food for the displaced families. "
            .repeat(120_000);
    std::fs::write(
        dir.join("long.txt"),
        format!("Title\n\n{line}The the end.\n"),
    )
    .unwrap();
    std::fs::write(dir.join("crlf.txt"), "Title\r\n\r\nThe the end .\r\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--format", "json", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("binary.txt: binary file (NUL byte), skipped"),
        "{stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a notice is not an error: {stderr}"
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let long = findings
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("long.txt") && f["rule"] == "doubled-word")
        .unwrap();
    assert_eq!(long["line"], 3);
    assert_eq!(
        long["column"].as_u64().unwrap() as usize,
        line.chars().count() + 1
    );
    let crlf: Vec<u64> = findings
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with("crlf.txt"))
        .map(|f| f["column"].as_u64().unwrap())
        .collect();
    assert_eq!(crlf, vec![1, 12]);
}
