//! The binary end to end: exit codes, JSON contract, errors on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

fn mtlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn mtlint_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The program may exit (on a usage error) before it reads its input.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mtlint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn json_contract_and_exit_code_one() {
    let output = mtlint(&[
        "check",
        "--format",
        "json",
        "corpus/fr-en/01-menaka-market-attack.txt",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!findings.is_empty());
    let text = std::fs::read_to_string("corpus/fr-en/01-menaka-market-attack.txt").unwrap();
    for f in &findings {
        assert_eq!(f["path"], "corpus/fr-en/01-menaka-market-attack.txt");
        for key in ["rule", "category", "severity", "message"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(start <= end && text.is_char_boundary(start) && text.is_char_boundary(end));
        let line = f["line"].as_u64().unwrap() as usize;
        let column = f["column"].as_u64().unwrap() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(line, text[..start].matches('\n').count() + 1);
        assert_eq!(column, text[line_start..start].chars().count() + 1);
    }
    assert!(
        findings.iter().any(|f| f["related"][0]["line"] == 1),
        "duplicate title points at line 1"
    );
}

#[test]
fn clean_article_exits_zero_and_fail_on_never() {
    let clean = mtlint(&["check", "corpus/fr-en/13-ecowas-sahel-talks.txt"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(String::from_utf8_lossy(&clean.stdout).contains("No findings."));
    let never = mtlint(&["check", "--fail-on", "never", "corpus/"]);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn pretty_output_names_place_rule_and_suggestion() {
    let output = mtlint_stdin(
        &["check", "-"],
        "Title\n\nThe accord . Signed.\n".as_bytes(),
    );
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("warning[space-before-punctuation]"), "{out}");
    assert!(out.contains("-:3:11"), "{out}");
    assert!(out.contains("The accord . Signed."), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn invalid_utf8_is_named_and_other_files_are_checked() {
    let dir = scratch("utf8");
    std::fs::write(dir.join("bad.txt"), b"Title\n\nCaf\xe9 here.\n").unwrap();
    std::fs::write(dir.join("good.txt"), "Title\n\nThe accord . Signed.\n").unwrap();
    let output = mtlint(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("bad.txt: invalid UTF-8 at byte 10"), "{err}");
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["path"].as_str().unwrap().ends_with("good.txt"))
    );
}

#[test]
fn missing_file_is_an_error() {
    let output = mtlint(&["check", "no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/file.txt: no such file or directory"));
}

#[test]
fn bad_rule_file_names_file_line_and_column() {
    let dir = scratch("rules");
    std::fs::write(dir.join("bad.toml"), "[[rule]]\nid = \"x\"\nkind = \"existence\"\ncategory = \"calque\"\npatterns = ['(unclosed']\n").unwrap();
    let output = mtlint(&["check", "--rules", dir.to_str().unwrap(), "corpus/"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("bad.toml:5:13: invalid pattern"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");

    std::fs::write(
        dir.join("bad.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"existence\"\ncolour = 1\n",
    )
    .unwrap();
    let err = stderr(&mtlint(&["rules", "--rules", dir.to_str().unwrap()]));
    assert!(
        err.contains("bad.toml:") && err.contains("unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn a_pattern_that_would_blow_up_is_rejected_at_its_line() {
    let dir = scratch("huge");
    std::fs::write(
        dir.join("huge.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"existence\"\ncategory = \"calque\"\npatterns = ['\\w{1000}\\w{1000}\\w{1000}']\n",
    )
    .unwrap();
    let output = mtlint(&["check", "--rules", dir.to_str().unwrap(), "corpus/"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("huge.toml:5:13: invalid pattern") && err.contains("size limit"),
        "{err}"
    );
}

#[test]
fn rules_directory_overrides_by_id_and_ignore_switches_off() {
    let dir = scratch("override");
    std::fs::write(
        dir.join("mine.toml"),
        "[[rule]]\nid = \"doubled-word\"\nkind = \"doubled-word\"\nseverity = \"info\"\n",
    )
    .unwrap();
    let listing =
        String::from_utf8(mtlint(&["rules", "--rules", dir.to_str().unwrap()]).stdout).unwrap();
    let line = listing
        .lines()
        .find(|l| l.starts_with("fr-en  doubled-word "))
        .unwrap();
    assert!(
        line.contains("info") && line.contains("mine.toml"),
        "{line}"
    );

    let output = mtlint_stdin(
        &["check", "--ignore", "doubled-word", "-"],
        b"Title\n\nThe the end.\n",
    );
    assert_eq!(output.status.code(), Some(0));
    let unknown = mtlint(&["check", "--ignore", "no-such-rule", "corpus/"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn target_language_is_detected_per_document_or_forced() {
    let spanish = "Título\n\nLas autoridades locales anunciaron el plan et los habitantes lo aceptaron sin problemas durante la reunión de ayer.\n";
    let auto = mtlint_stdin(&["check", "--format", "json", "-"], spanish.as_bytes());
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&auto.stdout).unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "source-fragment"
                && f["message"].as_str().unwrap().contains("“et”"))
    );

    let forced = mtlint_stdin(
        &["check", "--target-lang", "de", "--format", "json", "-"],
        spanish.as_bytes(),
    );
    assert!(forced.status.code().unwrap() < 2, "{}", stderr(&forced));

    let unknown = mtlint_stdin(&["check", "--source-lang", "xx", "-"], spanish.as_bytes());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no rule pack for the language pair `xx-*`"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn explain_language_shows_sentences_and_candidates() {
    let output = mtlint_stdin(
        &["explain-language", "-"],
        "Title\n\nThe army came [dont trois enfants blessés, ndlr]on Friday. Then calm.\n"
            .as_bytes(),
    );
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.starts_with("-: source French, target en"), "{out}");
    assert!(out.contains("“dont trois enfants blessés, ndlr”"), "{out}");
    assert!(out.contains("reported, confidence"), "{out}");
    assert!(out.contains("3:60 score 0.00 (0/2 words marked)"), "{out}");
}

#[test]
fn a_rule_file_extends_the_allow_list_of_an_existing_rule() {
    let text = "Title\n\nFarmers sell their fromage frais at the weekly market.\n";
    let before = mtlint_stdin(&["check", "--format", "json", "-"], text.as_bytes());
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");

    let dir = scratch("extend");
    std::fs::write(
        dir.join("names.toml"),
        "[[rule]]\nid = \"source-fragment\"\nkind = \"source-fragment\"\nextend = true\n[rule.options]\nallow = [\"fromage frais\"]\n",
    )
    .unwrap();
    let after = mtlint_stdin(
        &["check", "--rules", dir.to_str().unwrap(), "-"],
        text.as_bytes(),
    );
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );

    std::fs::write(
        dir.join("names.toml"),
        "[[rule]]\nid = \"no-such-rule\"\nkind = \"existence\"\nextend = true\n",
    )
    .unwrap();
    let err = stderr(&mtlint(&["rules", "--rules", dir.to_str().unwrap()]));
    assert!(
        err.contains("names.toml:2:6: `extend`: no earlier rule has the id `no-such-rule`"),
        "{err}"
    );
}

#[test]
fn bilingual_source_and_segmented_files() {
    let dir = scratch("bilingual");
    std::fs::write(
        dir.join("a.fr.txt"),
        "Le bilan\n\nLe convoi transportait 40 tonnes de vivres vers Gao. Les autorités ont salué l’opération.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.en.txt"),
        "The toll\n\nThe convoy carried 60 tonnes of food to Gao. Les autorités ont salué l’opération.\n",
    )
    .unwrap();
    let output = mtlint(&[
        "check",
        "--format",
        "json",
        "--source",
        dir.join("a.fr.txt").to_str().unwrap(),
        dir.join("a.en.txt").to_str().unwrap(),
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"number-mismatch") && rules.contains(&"untranslated"),
        "{rules:?}"
    );
    let number = findings
        .iter()
        .find(|f| f["rule"] == "number-mismatch")
        .unwrap();
    assert_eq!(number["related"][0]["line"], 3);
    assert!(
        number["related"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("a.fr.txt")
    );

    let xliff = "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>Le convoi transportait 40 tonnes de vivres.</source>\n<target>The convoy carried 60 tonnes of food.</target></trans-unit>\n</body></file></xliff>\n";
    std::fs::write(dir.join("b.xlf"), xliff).unwrap();
    let output = mtlint(&[
        "check",
        "--format",
        "json",
        dir.join("b.xlf").to_str().unwrap(),
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let number = findings
        .iter()
        .find(|f| f["rule"] == "number-mismatch")
        .expect("found in XLIFF");
    let start = number["start"].as_u64().unwrap() as usize;
    assert_eq!(&xliff[start..start + 2], "60");
    assert_eq!(number["line"], 3);

    std::fs::write(
        dir.join("c.tmx"),
        "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>a</tuv></body></tmx>",
    )
    .unwrap();
    let bad = mtlint(&["check", dir.join("c.tmx").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("c.tmx: line 1"), "{}", stderr(&bad));

    std::fs::write(dir.join("orphan.fr.txt"), "Seul.\n").unwrap();
    let paired = mtlint(&[
        "check",
        "--format",
        "json",
        "--pairs",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(paired.status.code(), Some(2));
    assert!(
        stderr(&paired).contains("orphan.fr.txt: no translation beside this source"),
        "{}",
        stderr(&paired)
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&paired.stdout).unwrap();
    assert!(findings.iter().any(
        |f| f["rule"] == "number-mismatch" && f["path"].as_str().unwrap().ends_with("a.en.txt")
    ));

    let aligned = mtlint(&[
        "align",
        dir.join("a.fr.txt").to_str().unwrap(),
        dir.join("a.en.txt").to_str().unwrap(),
    ]);
    let tsv = String::from_utf8(aligned.stdout).unwrap();
    assert!(tsv.contains("3\t3\tLe convoi transportait"), "{tsv}");
}

#[test]
fn a_source_confirms_or_drops_calques_that_name_their_french() {
    let dir = scratch("sharpen");
    let target = dir.join("t.en.txt");
    std::fs::write(
        &target,
        "Title\n\nIt is about protecting the roads before the rains.\n",
    )
    .unwrap();
    let run = |source: &str| {
        std::fs::write(dir.join("s.fr.txt"), source).unwrap();
        let output = mtlint(&[
            "check",
            "--format",
            "json",
            "--source",
            dir.join("s.fr.txt").to_str().unwrap(),
            target.to_str().unwrap(),
        ]);
        let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        findings
            .iter()
            .filter(|f| f["rule"] == "calque-il-s-agit-de")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let confirmed = run("Titre\n\nIl s’agit de protéger les routes avant les pluies.\n");
    assert_eq!(confirmed.len(), 1);
    assert!(confirmed[0].contains("the source has"), "{confirmed:?}");
    assert!(run("Titre\n\nLe but est de protéger les routes avant les pluies.\n").is_empty());
}

#[test]
fn directories_respect_ignore_files_and_keep_a_stable_order() {
    let dir = scratch("walk");
    std::fs::write(dir.join(".gitignore"), "skipped.txt\n").unwrap();
    for name in ["b.txt", "a.txt", "skipped.txt", "c.md", "notes.rst"] {
        std::fs::write(dir.join(name), "Title\n\nThe the end.\n").unwrap();
    }
    let output = mtlint(&["check", "--format", "json", dir.to_str().unwrap()]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, vec!["a.txt", "b.txt", "c.md"]);
}

#[test]
fn explain_a_rule() {
    let output = mtlint(&["explain", "calque-il-s-agit-de"]);
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.contains("French origin: il s’agit de")
            && out.contains("Bad:")
            && out.contains("--ignore calque-il-s-agit-de"),
        "{out}"
    );
    let unknown = mtlint(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn suppression_comments_in_markdown() {
    let dir = scratch("suppress");
    let path = dir.join("a.md");
    std::fs::write(
        &path,
        "# Title\n\n<!-- mtlint-disable doubled-word -->\nThe the first.\n<!-- mtlint-enable doubled-word -->\n\n<!-- mtlint-disable-next-line -->\nThe the second .\n\nThe the third.\n",
    )
    .unwrap();
    let output = mtlint(&["check", "--format", "json", path.to_str().unwrap()]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let lines: Vec<u64> = findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![10], "{findings:?}");
}

#[test]
fn baseline_reports_only_new_findings_and_survives_an_inserted_paragraph() {
    let dir = scratch("baseline");
    let article = dir.join("a.txt");
    let baseline = dir.join("baseline.json");
    std::fs::write(
        &article,
        "Title\n\nThe the convoy left.\n\nIt arrived at 18:30 p.m.\n",
    )
    .unwrap();
    let first = mtlint(&[
        "check",
        "--write-baseline",
        baseline.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(first.status.code(), Some(1));
    let again = mtlint(&[
        "check",
        "--baseline",
        baseline.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );

    std::fs::write(
        &article,
        "Title\n\nA new first paragraph.\n\nThe the convoy left.\n\nIt arrived at 18:30 p.m.\n\nThe the end.\n",
    )
    .unwrap();
    let edited = mtlint(&[
        "check",
        "--format",
        "json",
        "--baseline",
        baseline.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&edited.stdout).unwrap();
    let excerpts: Vec<&str> = findings
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(findings.len(), 1, "only the new doubled word: {excerpts:?}");
    assert_eq!(findings[0]["line"], 9);

    std::fs::write(&baseline, "{ not json").unwrap();
    let bad = mtlint(&[
        "check",
        "--baseline",
        baseline.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("baseline.json: line 1"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn fix_applies_safe_fixes_once_and_diff_changes_nothing() {
    let dir = scratch("fix");
    let path = dir.join("a.txt");
    let original = "Title\n\nThe the convoy left , with 2 500 people.\n\nThey sang «peace» .\n\n► Read also: the budget\n\nTitle\n";
    std::fs::write(&path, original).unwrap();

    let diff = mtlint(&["check", "--diff", path.to_str().unwrap()]);
    assert_eq!(diff.status.code(), Some(1));
    let shown = String::from_utf8(diff.stdout).unwrap();
    assert!(
        shown.contains("+The convoy left, with 2,500 people.") && shown.contains("-► Read also"),
        "{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "--diff writes nothing"
    );

    let fixed = mtlint(&["check", "--fix", path.to_str().unwrap()]);
    assert!(stderr(&fixed).contains("fixed"), "{}", stderr(&fixed));
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        "Title\n\nThe convoy left, with 2,500 people.\n\nThey sang “peace”.\n"
    );

    let again = mtlint(&["check", "--fix", path.to_str().unwrap()]);
    assert!(
        !stderr(&again).contains("fixed"),
        "a second run changes nothing"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

fn mtlint_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn configuration_file_is_discovered_and_explained() {
    let dir = scratch("config");
    let nested = dir.join("articles/today");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.join("mtlint.toml"),
        "fail-on = \"error\"\nignore = [\"calque\"]\n\n[severity]\ndoubled-word = \"info\"\n\n[[overrides]]\npaths = [\"articles/old/**\"]\nignore = [\"garbled\"]\n",
    )
    .unwrap();
    std::fs::write(
        nested.join("a.txt"),
        "Title\n\nThe the aim : it is about protecting roads.\n",
    )
    .unwrap();

    let output = mtlint_in(&nested, &["check", "--format", "json", "a.txt"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("doubled-word", "info"),
            ("space-before-punctuation", "warning")
        ]
    );
    assert_eq!(output.status.code(), Some(0), "fail-on = error in the file");
    let cli_wins = mtlint_in(&nested, &["check", "--fail-on", "warning", "a.txt"]);
    assert_eq!(cli_wins.status.code(), Some(1));

    let shown = String::from_utf8(mtlint_in(&nested, &["config"]).stdout).unwrap();
    assert!(
        shown.contains("fail-on      error") && shown.contains("mtlint.toml:1"),
        "{shown}"
    );
    assert!(
        shown.contains("source-lang  fr") && shown.contains("# default"),
        "{shown}"
    );

    std::fs::write(
        dir.join("mtlint.toml"),
        "ignore = [\"calque\"]\ncolour = 1\n",
    )
    .unwrap();
    let bad = mtlint_in(&nested, &["check", "a.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("mtlint.toml:2:1: unknown field `colour`"),
        "{}",
        stderr(&bad)
    );

    std::fs::write(dir.join("mtlint.toml"), "ignore = [\"no-such-thing\"]\n").unwrap();
    let unknown = mtlint_in(&nested, &["check", "a.txt"]);
    assert!(
        stderr(&unknown).contains("mtlint.toml:1: unknown rule or category `no-such-thing`"),
        "{}",
        stderr(&unknown)
    );
    assert_eq!(
        mtlint_in(&nested, &["check", "--no-config", "a.txt"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn quiet_completions_and_man_page() {
    let quiet = mtlint(&["check", "--quiet", "corpus/fr-en/13-ecowas-sahel-talks.txt"]);
    assert!(
        quiet.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stdout)
    );
    let bash = String::from_utf8(mtlint(&["completions", "bash"]).stdout).unwrap();
    assert!(
        bash.contains("_mtlint()") && bash.contains("--fail-on"),
        "completions name the options"
    );
    let man = String::from_utf8(mtlint(&["man"]).stdout).unwrap();
    assert!(
        man.starts_with(".ie") && man.contains(".TH mtlint 1"),
        "{man}"
    );
}

/// Output to a pipe whose reader is gone (`mtlint rules | head -1` once
/// head has its line) ends every command quietly: no panic, no message.
/// The reading end is closed before the command starts, so that every write
/// fails, however short the output.
#[test]
fn a_closed_output_pipe_ends_every_command_quietly() {
    for args in [
        &["rules"][..],
        &["config"],
        &["completions", "bash"],
        &["man"],
        &["explain", "doubled-word"],
        &[
            "explain-language",
            "corpus/fr-en/01-menaka-market-attack.txt",
        ],
        &["check", "corpus/"],
        &["check", "--diff", "corpus/fr-en"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
