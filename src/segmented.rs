//! Pre-segmented bilingual files: XLIFF 1.2 and 2.0, TMX, and two-column
//! TSV. Each gives pairs of source and target segments as byte spans of the
//! file, so that findings point into it.

use quick_xml::Reader;
use quick_xml::events::Event;
use regex::Regex;

use crate::align::Link;
use crate::document::Document;
use crate::span::{LineIndex, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentedFormat {
    Xliff,
    Tmx,
    Tsv,
}

impl SegmentedFormat {
    pub fn from_path(path: &std::path::Path) -> Option<SegmentedFormat> {
        match path.extension()?.to_str()? {
            "xlf" | "xliff" => Some(SegmentedFormat::Xliff),
            "tmx" => Some(SegmentedFormat::Tmx),
            "tsv" => Some(SegmentedFormat::Tsv),
            _ => None,
        }
    }
}

/// Source and target segment spans, pair by pair; a missing side is `None`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Segments {
    pub pairs: Vec<(Option<Span>, Option<Span>)>,
}

/// Reads the segment pairs of a file. `source_lang` (ISO 639-1) picks the
/// source variant of a TMX unit.
pub fn read(text: &str, format: SegmentedFormat, source_lang: &str) -> Result<Segments, String> {
    match format {
        SegmentedFormat::Tsv => Ok(tsv(text)),
        SegmentedFormat::Xliff | SegmentedFormat::Tmx => {
            xml(text, format, source_lang).map_err(|(offset, message)| {
                let at = LineIndex::new(text).position(offset.min(text.len()));
                format!("line {}, column {}: {message}", at.line, at.column)
            })
        }
    }
}

fn tsv(text: &str) -> Segments {
    let mut pairs = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Some((source, target)) = line.split_once('\t') {
            let target = target.split('\t').next().unwrap_or(target);
            let source_span = Span::new(offset, offset + source.len());
            let target_start = offset + source.len() + 1;
            let side = |span: Span| (!span.is_empty()).then_some(span);
            pairs.push((
                side(source_span),
                side(Span::new(target_start, target_start + target.len())),
            ));
        }
        offset += raw.len();
    }
    Segments { pairs }
}

/// The unit elements and, inside them, the segment holders of each format.
fn elements(format: SegmentedFormat) -> (&'static [&'static str], &'static str) {
    match format {
        SegmentedFormat::Xliff => (&["trans-unit", "segment"], ""),
        SegmentedFormat::Tmx => (&["tu"], "seg"),
        SegmentedFormat::Tsv => (&[], ""),
    }
}

fn xml(
    text: &str,
    format: SegmentedFormat,
    source_lang: &str,
) -> Result<Segments, (usize, String)> {
    let (units, holder) = elements(format);
    let mut reader = Reader::from_str(text);
    let mut pairs = Vec::new();
    // In the current unit: XLIFF source/target, TMX variants with language.
    let mut source: Option<Span> = None;
    let mut target: Option<Span> = None;
    let mut variants: Vec<(String, Span)> = Vec::new();
    let mut language = String::new();
    let mut open: Option<(String, usize)> = None;
    let mut depth_in_unit = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position() as usize, e.to_string()))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if units.contains(&name.as_str()) {
                    depth_in_unit = 1;
                    (source, target, language) = (None, None, String::new());
                    variants.clear();
                    continue;
                }
                if depth_in_unit == 0 {
                    continue;
                }
                depth_in_unit += 1;
                if name == "tuv" {
                    language = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "lang")
                        .map(|a| a.value.to_lowercase())
                        .unwrap_or_default();
                }
                let holds = match format {
                    // Direct children of the unit only: not alt-trans.
                    SegmentedFormat::Xliff => {
                        depth_in_unit == 2 && matches!(name.as_str(), "source" | "target")
                    }
                    _ => name == holder,
                };
                if holds && open.is_none() {
                    open = Some((name, after));
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some((open_name, start)) = &open
                    && *open_name == name
                {
                    let span = Span::new(*start, before);
                    match name.as_str() {
                        "source" => source = Some(span),
                        "target" => target = Some(span),
                        _ => variants.push((language.clone(), span)),
                    }
                    open = None;
                }
                if units.contains(&name.as_str()) && depth_in_unit > 0 {
                    depth_in_unit = 0;
                    if format == SegmentedFormat::Tmx {
                        let is_source =
                            |lang: &str| lang.split(['-', '_']).next() == Some(source_lang);
                        source = variants.iter().find(|(l, _)| is_source(l)).map(|v| v.1);
                        target = variants.iter().find(|(l, _)| !is_source(l)).map(|v| v.1);
                    }
                    let side =
                        |s: Option<Span>| s.filter(|s| !text[s.start..s.end].trim().is_empty());
                    pairs.push((side(source), side(target)));
                } else {
                    depth_in_unit = depth_in_unit.saturating_sub(1);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Segments { pairs })
}

impl Segments {
    /// The source and target documents (one paragraph a segment) and the
    /// links between their paragraphs.
    pub fn documents<'a>(&self, text: &'a str) -> (Document<'a>, Document<'a>, Vec<Link>) {
        let markup = Regex::new(r"<[^<>]*>|&[a-zA-Z#0-9]+;").expect("static regex");
        let verbatim = |spans: &[Span]| -> Vec<Span> {
            let mut out: Vec<Span> = spans
                .iter()
                .flat_map(|s| {
                    markup
                        .find_iter(s.text(text))
                        .map(move |m| Span::new(s.start + m.start(), s.start + m.end()))
                })
                .collect();
            out.sort();
            out
        };
        let (mut source_spans, mut target_spans, mut links) = (Vec::new(), Vec::new(), Vec::new());
        for (source, target) in &self.pairs {
            let s = source_spans.len()..source_spans.len() + usize::from(source.is_some());
            let t = target_spans.len()..target_spans.len() + usize::from(target.is_some());
            source_spans.extend(source);
            target_spans.extend(target);
            links.push(Link {
                source: s,
                target: t,
            });
        }
        let source_doc = Document::from_blocks(text, &source_spans, verbatim(&source_spans));
        let target_doc = Document::from_blocks(text, &target_spans, verbatim(&target_spans));
        (source_doc, target_doc, links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, format: SegmentedFormat) -> Vec<(String, String)> {
        let side = |s: &Option<Span>| s.map_or(String::new(), |s| s.text(text).to_string());
        read(text, format, "fr")
            .unwrap()
            .pairs
            .iter()
            .map(|(s, t)| (side(s), side(t)))
            .collect()
    }

    #[test]
    fn xliff_1_2_and_2_0() {
        let v1 = r#"<xliff version="1.2"><file source-language="fr" target-language="en"><body>
<trans-unit id="1"><source>Le convoi est parti.</source><target>The convoy left.</target>
<alt-trans><source>x</source><target>y</target></alt-trans></trans-unit>
<trans-unit id="2"><source>Sans cible.</source></trans-unit>
</body></file></xliff>"#;
        assert_eq!(
            texts(v1, SegmentedFormat::Xliff),
            vec![
                ("Le convoi est parti.".into(), "The convoy left.".into()),
                ("Sans cible.".into(), String::new())
            ]
        );
        let v2 = r#"<xliff version="2.0" srcLang="fr" trgLang="en"><file id="f"><unit id="u"><segment>
<source>Deux <pc id="1">mots</pc>.</source><target>Two <pc id="1">words</pc>.</target></segment></unit></file></xliff>"#;
        assert_eq!(
            texts(v2, SegmentedFormat::Xliff),
            vec![(
                "Deux <pc id=\"1\">mots</pc>.".into(),
                "Two <pc id=\"1\">words</pc>.".into()
            )]
        );
    }

    #[test]
    fn tmx_picks_the_source_language_and_tsv_columns() {
        let tmx = r#"<tmx version="1.4"><body><tu><tuv xml:lang="en-GB"><seg>Hello.</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu></body></tmx>"#;
        assert_eq!(
            texts(tmx, SegmentedFormat::Tmx),
            vec![("Bonjour.".into(), "Hello.".into())]
        );
        assert_eq!(
            texts("Un.\tOne.\r\nDeux.\tTwo.\textra\n", SegmentedFormat::Tsv),
            vec![
                ("Un.".into(), "One.".into()),
                ("Deux.".into(), "Two.".into())
            ]
        );
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let error = read(
            "<xliff>\n<trans-unit><source>a</target>",
            SegmentedFormat::Xliff,
            "fr",
        )
        .unwrap_err();
        assert!(error.starts_with("line 2"), "{error}");
    }
}
