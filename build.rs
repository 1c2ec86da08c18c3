//! Embeds every file under `rules/` (rule packs, profiles, lexicons) into the
//! binary, so that the default rules work from any directory and the list of
//! embedded files cannot fall out of step with the directory; and analyses
//! their patterns with the crate's own code (`src/pattern_facts.rs`), so that
//! a run need not parse them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

// The crate's own pattern analysis, compiled into this script as well; the
// script calls only part of it.
#[allow(dead_code)]
#[path = "src/literals.rs"]
mod literals;
#[allow(dead_code)]
#[path = "src/pattern_facts.rs"]
mod pattern_facts;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("rules/ is readable")
        .map(|e| e.expect("rules/ entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "txt")
        ) {
            out.push(path);
        }
    }
}

/// An optional set of byte strings as a Rust expression.
fn literal_set(set: Option<&[Vec<u8>]>) -> String {
    match set {
        None => "None".to_string(),
        Some(set) => {
            let literals: Vec<String> = set
                .iter()
                .map(|l| format!("b\"{}\" as &[u8]", l.escape_ascii()))
                .collect();
            format!("Some(&[{}])", literals.join(", "))
        }
    }
}

/// The facts of every pattern and exception of the rule files, sorted by
/// source, as the Rust expression `rules::embedded` includes. A file or
/// pattern that does not parse is left out: the rule loader reports it.
fn pattern_facts(files: &[PathBuf]) -> String {
    let mut sources = BTreeSet::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let text = std::fs::read_to_string(path).expect("rule file is readable");
        let Ok(file) = text.parse::<toml::Table>() else {
            continue;
        };
        let rules = file.get("rule").and_then(toml::Value::as_array);
        for rule in rules.into_iter().flatten() {
            for key in ["patterns", "exceptions"] {
                let patterns = rule.get(key).and_then(toml::Value::as_array);
                let strings = patterns
                    .into_iter()
                    .flatten()
                    .filter_map(toml::Value::as_str);
                sources.extend(strings.map(str::to_string));
            }
        }
    }
    let mut code = String::from("&[\n");
    for source in sources {
        let Ok(facts) = pattern_facts::analyse(&source) else {
            continue;
        };
        code.push_str(&format!(
            "    EmbeddedFacts {{ source: {source:?}, required: {}, anchored: {}, flag: {:?} }},\n",
            literal_set(facts.required.as_deref()),
            literal_set(facts.anchored.as_deref()),
            facts.flag
        ));
    }
    code.push_str("]\n");
    code
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/literals.rs");
    println!("cargo:rerun-if-changed=src/pattern_facts.rs");
    let mut found = Vec::new();
    files(&rules, &mut found);
    let mut code = String::from("&[\n");
    for path in &found {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&rules)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        code.push_str(&format!(
            "    EmbeddedFile {{ path: {relative:?}, text: include_str!({:?}) }},\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("embedded_rules.rs"), code).unwrap();
    std::fs::write(out.join("pattern_facts.rs"), pattern_facts(&found)).unwrap();
}
