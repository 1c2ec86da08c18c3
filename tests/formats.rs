//! Every output format on the same article: well-formed, the same findings,
//! and SARIF valid against the official SARIF 2.1.0 schema.

use std::process::Command;

const ARTICLE: &str = "corpus/fr-en/01-menaka-market-attack.txt";

fn run(args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn json_count() -> usize {
    let (out, _) = run(&["check", "--format", "json", ARTICLE]);
    serde_json::from_str::<Vec<serde_json::Value>>(&out)
        .unwrap()
        .len()
}

#[test]
fn jsonl_and_concise_have_one_line_a_finding() {
    let expected = json_count();
    assert!(expected > 5);
    let (jsonl, _) = run(&["check", "--format", "jsonl", ARTICLE]);
    for line in jsonl.lines() {
        let object: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(object["rule"].is_string());
    }
    assert_eq!(jsonl.lines().count(), expected);
    let (concise, _) = run(&["check", "--format", "concise", ARTICLE]);
    assert_eq!(concise.lines().count(), expected);
    assert!(
        concise
            .lines()
            .all(|l| l.starts_with(&format!("{ARTICLE}:"))),
        "{concise}"
    );
}

#[test]
fn github_annotations() {
    let (out, _) = run(&["check", "--format", "github", ARTICLE]);
    assert_eq!(out.lines().count(), json_count());
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(
            line.contains(",line=")
                && line.contains(",endColumn=")
                && line.contains("title=mtlint "),
            "{line}"
        );
    }
}

#[test]
fn junit_is_well_formed_with_one_case_a_file() {
    let (out, _) = run(&[
        "check",
        "--format",
        "junit",
        "corpus/fr-en/01-menaka-market-attack.txt",
        "corpus/fr-en/13-ecowas-sahel-talks.txt",
    ]);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.local_name().as_ref() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((cases, failures), (2, 1), "{out}");
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0-rtm.5.json")).unwrap();
    // Erratum of the published schema: the two `language` patterns have a
    // stray "]" that strict meta-schema validation rejects; they concern a
    // field mtlint does not write.
    for definition in ["run", "toolComponent"] {
        schema["definitions"][definition]["properties"]["language"]["pattern"] =
            "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (out, _) = run(&[
        "check",
        "--format",
        "sarif",
        ARTICLE,
        "corpus/fr-en/13-ecowas-sahel-talks.txt",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["results"].as_array().unwrap().len(), json_count());
    assert!(run0["tool"]["driver"]["rules"].as_array().unwrap().len() > 30);
    // An empty run is valid too.
    let (empty, _) = run(&[
        "check",
        "--format",
        "sarif",
        "corpus/fr-en/13-ecowas-sahel-talks.txt",
    ]);
    let empty: serde_json::Value = serde_json::from_str(&empty).unwrap();
    assert!(validator.is_valid(&empty));
}

#[test]
fn summary_counts_per_category_and_rule() {
    let (out, _) = run(&["check", "--summary", ARTICLE]);
    assert!(
        out.contains("CATEGORY") && out.contains("doubled-word"),
        "{out}"
    );
    let (json, table) = run(&["check", "--format", "json", "--summary", ARTICLE]);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    assert!(table.contains("CATEGORY"), "{table}");
}
