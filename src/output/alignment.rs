//! `mtlint align`: the links between a source and its translation, for a
//! person to inspect (TSV) or a program to read (JSON).

use serde::Serialize;

use crate::align::Alignment;
use crate::document::Document;
use crate::span::LineIndex;

#[derive(Serialize)]
struct Side {
    /// 1-based lines of the first and last sentence, or none for an empty side.
    lines: Option<(usize, usize)>,
    text: String,
}

#[derive(Serialize)]
struct JsonLink {
    source: Side,
    target: Side,
}

fn side(doc: &Document, index: &LineIndex, range: std::ops::Range<usize>) -> Side {
    let sentences = &doc.sentences[range];
    match (sentences.first(), sentences.last()) {
        (Some(first), Some(last)) => Side {
            lines: Some((
                index.position(first.span.start).line,
                index.position(last.span.end).line,
            )),
            text: sentences
                .iter()
                .map(|s| doc.slice(s.span))
                .collect::<Vec<_>>()
                .join(" "),
        },
        _ => Side {
            lines: None,
            text: String::new(),
        },
    }
}

fn links(source: &Document, target: &Document, alignment: &Alignment) -> Vec<JsonLink> {
    let (s_index, t_index) = (LineIndex::new(source.text), LineIndex::new(target.text));
    alignment
        .links
        .iter()
        .map(|l| JsonLink {
            source: side(source, &s_index, l.source.clone()),
            target: side(target, &t_index, l.target.clone()),
        })
        .collect()
}

fn lines(side: &Side) -> String {
    match side.lines {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
        None => "-".to_string(),
    }
}

/// One line a link: source lines, target lines, source text, target text.
pub fn tsv(source: &Document, target: &Document, alignment: &Alignment) -> String {
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("source_lines\ttarget_lines\tsource\ttarget\n");
    for link in links(source, target, alignment) {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            lines(&link.source),
            lines(&link.target),
            clean(&link.source.text),
            clean(&link.target.text)
        ));
    }
    out
}

/// A JSON array of `{source: {lines, text}, target: {lines, text}}`.
pub fn json(source: &Document, target: &Document, alignment: &Alignment) -> String {
    let mut out =
        serde_json::to_string_pretty(&links(source, target, alignment)).expect("links serialise");
    out.push('\n');
    out
}
