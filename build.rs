//! Embeds every file under `rules/` (rule packs, profiles, lexicons) into the
//! binary, so that the default rules work from any directory and the list of
//! embedded files cannot fall out of step with the directory. It also
//! compiles what a run would otherwise compute from the rule files at every
//! start: each pattern's facts and each group of literals' gate words, with
//! the crate's own code (`src/pattern_facts.rs`, `src/gates.rs`); the
//! automaton of the literal scan's strings, serialized; and each rule file
//! as JSON, which loads in a third of the time its TOML takes to parse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// The crate's own pattern analysis and choice of gate words, compiled into
// this script as well; the script calls only part of them.
#[allow(dead_code)]
#[path = "src/gates.rs"]
mod gates;
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
    set.map_or("None".to_string(), |set| {
        format!("Some({})", byte_strings(set))
    })
}

/// The `[[rule]]` tables of the TOML texts. A text that does not parse is
/// left out: the rule loader reports it.
fn rule_tables<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<toml::Table> {
    let mut tables = Vec::new();
    for text in texts {
        let Ok(mut file) = text.parse::<toml::Table>() else {
            continue;
        };
        if let Some(toml::Value::Array(rules)) = file.remove("rule") {
            tables.extend(rules.into_iter().filter_map(|rule| match rule {
                toml::Value::Table(table) => Some(table),
                _ => None,
            }));
        }
    }
    tables
}

/// The strings of an array of `rule`.
fn strings<'a>(rule: &'a toml::Table, key: &str) -> impl Iterator<Item = &'a str> {
    let array = rule.get(key).and_then(toml::Value::as_array);
    array.into_iter().flatten().filter_map(toml::Value::as_str)
}

/// The facts of every pattern and exception of the rules, sorted by source,
/// as the Rust expression `rules::embedded` includes. A pattern that does
/// not parse is left out: the rule loader reports it.
fn pattern_facts(rules: &[toml::Table]) -> String {
    let mut sources = BTreeSet::new();
    for rule in rules {
        for key in ["patterns", "exceptions"] {
            sources.extend(strings(rule, key).map(str::to_string));
        }
    }
    let mut code = String::from("&[\n");
    for source in sources {
        let Ok(facts) = pattern_facts::analyse(&source) else {
            continue;
        };
        code.push_str(&format!(
            "    EmbeddedFacts {{ source: {source:?}, required: {}, also: &[{}], anchored: {}, digit: {}, flag: {:?} }},\n",
            literal_set(facts.required.as_deref()),
            facts.also.iter().map(byte_strings).collect::<Vec<_>>().join(", "),
            literal_set(facts.anchored.as_deref()),
            facts.digit,
            facts.flag
        ));
    }
    code.push_str("]\n");
    code
}

/// The groups of literals the phrase check makes of a rule: its phrases in
/// lower case, and each set of literals each of its patterns requires.
fn rule_groups(rule: &toml::Table) -> Vec<Vec<Vec<u8>>> {
    let mut phrases: Vec<&str> = strings(rule, "tokens").collect();
    if let Some(swap) = rule.get("swap").and_then(toml::Value::as_table) {
        phrases.extend(swap.keys().map(String::as_str));
    }
    let mut groups = vec![
        phrases
            .iter()
            .map(|p| p.to_ascii_lowercase().into_bytes())
            .collect::<Vec<_>>(),
    ];
    for facts in strings(rule, "patterns").filter_map(|p| pattern_facts::analyse(p).ok()) {
        groups.extend(facts.required);
        groups.extend(facts.also);
    }
    groups
}

/// The gates of the rules' groups large enough for gates, by key, and the
/// strings the scan's automaton holds for the rules: the gate words of the
/// groups with gates and the literals of the others.
fn gates_and_needles(
    rules: &[toml::Table],
) -> (BTreeMap<u64, Option<gates::Gates>>, BTreeSet<Vec<u8>>) {
    let mut table = BTreeMap::new();
    let mut needles = BTreeSet::new();
    for group in rules.iter().flat_map(rule_groups) {
        let gates = if group.len() >= gates::MIN_GATED {
            table
                .entry(gates::group_key(&group))
                .or_insert_with(|| gates::gates(&group))
                .as_ref()
        } else {
            None
        };
        match gates {
            Some(gates) => needles.extend(gates.words.iter().cloned()),
            None => needles.extend(group),
        }
    }
    (table, needles)
}

/// The gate table as the Rust expression `rules::embedded` includes: sorted
/// by key; groups without gates have no words.
fn gate_table(table: BTreeMap<u64, Option<gates::Gates>>) -> String {
    let mut code = String::from("&[\n");
    for (key, gates) in table {
        let (words, places) = gates.map_or((Vec::new(), Vec::new()), |g| (g.words, g.places));
        let places: Vec<String> = places.iter().map(|(g, o)| format!("({g}, {o})")).collect();
        code.push_str(&format!(
            "    EmbeddedGates {{ key: {key}, words: {}, places: &[{}] }},\n",
            byte_strings(&words),
            places.join(", ")
        ));
    }
    code.push_str("]\n");
    code
}

/// Byte strings as a Rust slice expression.
fn byte_strings<'a>(strings: impl IntoIterator<Item = &'a Vec<u8>>) -> String {
    let strings: Vec<String> = strings
        .into_iter()
        .map(|s| format!("b\"{}\" as &[u8]", s.escape_ascii()))
        .collect();
    format!("&[{}]", strings.join(", "))
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The keys of a `[[rule]]` table that `src/rules/model.rs` reads as
/// `toml::Spanned` values, and those whose items it reads so.
const SPANNED: [&str; 3] = ["id", "kind", "options"];
const SPANNED_ITEMS: [&str; 2] = ["patterns", "exceptions"];

/// `json` with its byte range, in the form `toml::Spanned` deserializes from.
fn spanned(span: std::ops::Range<usize>, json: &str) -> String {
    format!(
        "{{\"$__serde_spanned_private_start\":{},\"$__serde_spanned_private_end\":{},\"$__serde_spanned_private_value\":{json}}}",
        span.start, span.end
    )
}

/// A value as JSON; `None` for a date, which rule files do not use.
fn json_value(value: &toml::de::DeValue) -> Option<String> {
    use toml::de::DeValue;
    Some(match value {
        DeValue::String(s) => json_string(s),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok()?.to_string(),
        DeValue::Float(f) => {
            let f = f.as_str().parse::<f64>().ok().filter(|f| f.is_finite())?;
            // `{:?}` keeps the point of 2.0, so that it stays a float.
            format!("{f:?}")
        }
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(_) => return None,
        DeValue::Array(items) => {
            let items: Option<Vec<String>> =
                items.iter().map(|i| json_value(i.get_ref())).collect();
            format!("[{}]", items?.join(","))
        }
        DeValue::Table(table) => json_table(table, &[], &[])?,
    })
}

/// A table as JSON: the values of the keys in `spanned_keys` and the items
/// of the arrays in `spanned_items` with their byte ranges; the items of
/// `rule` are rule tables.
fn json_table(
    table: &toml::de::DeTable,
    spanned_keys: &[&str],
    spanned_items: &[&str],
) -> Option<String> {
    let mut fields = Vec::new();
    for (key, value) in table {
        let key = key.get_ref().as_ref();
        let json = match value.get_ref() {
            toml::de::DeValue::Array(items) if spanned_items.contains(&key) => {
                let items: Option<Vec<String>> = items
                    .iter()
                    .map(|item| {
                        let json = match item.get_ref() {
                            toml::de::DeValue::Table(rule) if key == "rule" => {
                                json_table(rule, &SPANNED, &SPANNED_ITEMS)?
                            }
                            other => json_value(other)?,
                        };
                        Some(spanned(item.span(), &json))
                    })
                    .collect();
                format!("[{}]", items?.join(","))
            }
            other if spanned_keys.contains(&key) => spanned(value.span(), &json_value(other)?),
            other => json_value(other)?,
        };
        fields.push(format!("{}:{json}", json_string(key)));
    }
    Some(format!("{{{}}}", fields.join(",")))
}

/// A rule file as JSON that deserializes into the same `RuleFile`, spans
/// included; `None` if it does not parse (the rule loader reports it) or
/// has no rules (a language profile).
fn rule_file_json(text: &str) -> Option<String> {
    let file = toml::de::DeTable::parse(text).ok()?;
    let file = file.get_ref();
    file.keys()
        .any(|key| key.get_ref() == "rule")
        .then(|| json_table(file, &[], &["rule"]))
        .flatten()
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/gates.rs");
    println!("cargo:rerun-if-changed=src/literals.rs");
    println!("cargo:rerun-if-changed=src/pattern_facts.rs");
    let mut found = Vec::new();
    files(&rules, &mut found);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let texts: Vec<String> = found
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("rule file is readable"))
        .collect();
    let mut code = String::from("&[\n");
    for (i, (path, text)) in found.iter().zip(&texts).enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&rules)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        let json = match relative
            .ends_with(".toml")
            .then(|| rule_file_json(text))
            .flatten()
        {
            Some(json) => {
                let json_path = out.join(format!("rule_file_{i}.json"));
                std::fs::write(&json_path, json).unwrap();
                format!("Some(include_str!({:?}))", json_path.display().to_string())
            }
            None => "None".to_string(),
        };
        code.push_str(&format!(
            "    EmbeddedFile {{ path: {relative:?}, text: include_str!({:?}), json: {json} }},\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    std::fs::write(out.join("embedded_rules.rs"), code).unwrap();
    let toml_texts = found.iter().zip(&texts).filter_map(|(path, text)| {
        (path.extension().is_some_and(|e| e == "toml")).then_some(text.as_str())
    });
    let rules = rule_tables(toml_texts);
    std::fs::write(out.join("pattern_facts.rs"), pattern_facts(&rules)).unwrap();
    let (gates, needles) = gates_and_needles(&rules);
    std::fs::write(out.join("gates.rs"), gate_table(gates)).unwrap();
    std::fs::write(out.join("needles.rs"), byte_strings(&needles)).unwrap();
    // The automaton's value for a needle is its index in the sorted list.
    let automaton = daachorse::DoubleArrayAhoCorasick::<u32>::new(&needles)
        .expect("the needles are distinct and not empty");
    std::fs::write(out.join("needles.daac"), automaton.serialize()).unwrap();
}
