//! Whatever it is fed, mtlint neither panics nor loses a byte: findings stay
//! inside the text on character boundaries, with lines and columns that
//! match their byte offsets, and fixes reach a fixed point.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use mtlint::{Diagnostic, Format, Linter, LoadOptions, exercise};
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
    if let Some(problem) = exercise::unsound(text, found) {
        panic!("{problem}");
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
    fn findings_are_sound_and_fixes_reach_a_fixed_point(text in texty()) {
        prop_assert_eq!(exercise::run(linter(), &text), Ok(()));
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

/// Inputs the fuzzer (`fuzz/`) once found a fault with, kept fixed.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(exercise::run(linter(), &text), Ok(()), "{}", path.display());
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

/// Runs mtlint as an unprivileged user when the tests run as root (as CI
/// does), for whom no file is unreadable.
fn mtlint_unprivileged(args: &[&str]) -> std::process::Output {
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_mtlint"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_mtlint"))
    };
    command.args(args).output().unwrap()
}

#[test]
fn unreadable_files_and_directories_are_errors_and_symlink_loops_do_not_hang() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = scratch("unreadable");
    let permissions = |mode| std::fs::Permissions::from_mode(mode);
    std::fs::set_permissions(&dir, permissions(0o755)).unwrap();
    std::fs::write(dir.join("a-good.txt"), "Title\n\nThe the end.\n").unwrap();
    std::fs::write(dir.join("b-secret.txt"), "Title\n\nSecret.\n").unwrap();
    std::fs::set_permissions(dir.join("b-secret.txt"), permissions(0o000)).unwrap();
    std::fs::create_dir(dir.join("c-locked")).unwrap();
    std::fs::write(dir.join("c-locked/inside.txt"), "Inside.\n").unwrap();
    std::fs::set_permissions(dir.join("c-locked"), permissions(0o000)).unwrap();
    std::fs::create_dir(dir.join("d-loop")).unwrap();
    symlink("..", dir.join("d-loop/up")).unwrap();
    std::fs::write(dir.join("e-last.txt"), "Title\n\nThe end .\n").unwrap();

    let output = mtlint_unprivileged(&["check", "--format", "concise", dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("b-secret.txt") && stderr.contains("ermission denied"),
        "{stderr}"
    );
    assert!(stderr.contains("c-locked"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "one line each: {stderr}");
    // The readable files before and after are still checked.
    assert!(
        stdout.contains("a-good.txt") && stdout.contains("e-last.txt"),
        "{stdout}"
    );
    std::fs::set_permissions(dir.join("c-locked"), permissions(0o755)).unwrap();
}

/// A large document is segmented and checked in parallel chunks of blocks
/// and sentences: each copy of a paragraph gets the findings it gets alone.
#[test]
fn large_documents_are_checked_in_chunks_like_small_ones() {
    let paragraph = "It is about securing the markets, et the roads were reopened . \
                     The attackers came on motorcycles.\n\n";
    let alone: Vec<(String, usize, usize)> = linter()
        .check(paragraph, Format::Plain)
        .into_iter()
        .map(|d| (d.rule, d.span.start, d.span.end))
        .collect();
    assert!(alone.len() >= 3, "{alone:?}");
    let copies = 3000;
    let text = paragraph.repeat(copies);
    let found = linter().check(&text, Format::Plain);
    assert_sound(&text, &found);
    let expected: Vec<(String, usize, usize)> = (0..copies)
        .flat_map(|i| {
            let at = i * paragraph.len();
            alone
                .iter()
                .map(move |(rule, start, end)| (rule.clone(), at + start, at + end))
        })
        .collect();
    let found: Vec<(String, usize, usize)> = found
        .into_iter()
        .map(|d| (d.rule, d.span.start, d.span.end))
        .collect();
    assert_eq!(found, expected);
}
