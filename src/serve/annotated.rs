//! LanguageTool's annotated text (the `data` field): text parts are
//! checked, markup parts are skipped (or read as their `interpretAs`), and
//! offsets count every part, so that a client can point into its document.

use serde::Deserialize;

use super::utf16::{self, Utf16Index};
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    annotation: Vec<RawPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    text: Option<String>,
    markup: Option<String>,
    #[serde(rename = "interpretAs")]
    interpret_as: Option<String>,
}

/// One part: where it is in the checked text and in the document.
struct Part {
    checked: Span,
    /// UTF-16 offset and length in the document.
    offset: usize,
    length: usize,
    markup: bool,
}

/// The text to check and how its byte offsets map to the document's UTF-16
/// offsets. A plain text is one text part.
pub struct Annotated {
    pub text: String,
    parts: Vec<Part>,
}

impl Annotated {
    pub fn plain(text: String) -> Annotated {
        let part = Part {
            checked: Span::new(0, text.len()),
            offset: 0,
            length: utf16::len(&text),
            markup: false,
        };
        Annotated {
            text,
            parts: vec![part],
        }
    }

    /// Reads the `data` field.
    pub fn parse(json: &str) -> Result<Annotated, String> {
        let raw: Raw = serde_json::from_str(json).map_err(|e| {
            format!(
                "`data` must be LanguageTool's annotated text, {{\"annotation\": [{{\"text\": …}}, {{\"markup\": …}}]}}: {e}"
            )
        })?;
        let mut text = String::new();
        let mut parts = Vec::new();
        let mut offset = 0;
        for (i, part) in raw.annotation.into_iter().enumerate() {
            let (checked, document, markup) = match (part.text, part.markup) {
                (Some(t), None) if part.interpret_as.is_none() => (t.clone(), t, false),
                (None, Some(m)) => (part.interpret_as.unwrap_or_default(), m, true),
                _ => {
                    return Err(format!(
                        "annotation {i}: each part has either `text` or `markup` (with an optional `interpretAs`)"
                    ));
                }
            };
            let length = utf16::len(&document);
            let start = text.len();
            text.push_str(&checked);
            parts.push(Part {
                checked: Span::new(start, text.len()),
                offset,
                length,
                markup,
            });
            offset += length;
        }
        Ok(Annotated { text, parts })
    }

    /// Maps byte spans of the checked text to UTF-16 (offset, length) in
    /// the document. A span edge inside markup read as text goes to the
    /// edge of the markup.
    pub fn mapper(&self) -> impl Fn(Span) -> (usize, usize) + '_ {
        let index = Utf16Index::new(&self.text);
        move |span| {
            let start = self.document_offset(&index, span.start, false);
            let end = self.document_offset(&index, span.end, true);
            (start, end.saturating_sub(start))
        }
    }

    fn document_offset(&self, index: &Utf16Index, byte: usize, is_end: bool) -> usize {
        let inside = |p: &&Part| {
            if is_end {
                p.checked.start < byte && byte <= p.checked.end
            } else {
                p.checked.start <= byte && byte < p.checked.end
            }
        };
        match self.parts.iter().find(inside) {
            Some(part) if part.markup => part.offset + if is_end { part.length } else { 0 },
            Some(part) => part.offset + index.at(byte) - index.at(part.checked.start),
            None => self.parts.last().map_or(0, |p| p.offset + p.length),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_skipped_but_counted() {
        let data = r#"{"annotation":[{"text":"A "},{"markup":"<b>😀</b>"},{"text":"the the end"},{"markup":"<p>","interpretAs":"\n\n"},{"text":"B"}]}"#;
        let annotated = Annotated::parse(data).unwrap();
        assert_eq!(annotated.text, "A the the end\n\nB");
        let map = annotated.mapper();
        let the = annotated.text.find("the the").unwrap();
        // "A " (2) + "<b>😀</b>" (9 units: the emoji is two).
        assert_eq!(map(Span::new(the, the + 7)), (11, 7));
        let b = annotated.text.find('B').unwrap();
        assert_eq!(map(Span::new(b, b + 1)), (2 + 9 + 11 + 3, 1));
        assert!(Annotated::parse(r#"{"annotation":[{"text":"a","markup":"b"}]}"#).is_err());
        assert!(Annotated::parse("text").is_err());
    }

    #[test]
    fn plain_text_is_one_part() {
        let annotated = Annotated::plain("😀 x".to_string());
        assert_eq!(annotated.mapper()(Span::new(5, 6)), (3, 1));
    }
}
