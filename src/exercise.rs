//! Every entry point run on one input, with the promises each makes: the
//! fuzz target (`fuzz/`) and the property and regression tests share it.

use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::fix;
use crate::linter::Linter;
use crate::segmented::SegmentedFormat;
use crate::span::LineIndex;

/// What separates source and translation in an input used as a pair.
const PAIR_SEPARATOR: &str = "|||";

/// The first finding whose span is outside `text`, off a character
/// boundary, or whose line and column are not those of its byte offset.
pub fn unsound(text: &str, found: &[Diagnostic]) -> Option<String> {
    let index = LineIndex::new(text);
    found.iter().find_map(|d| {
        let span = d.span;
        if span.start > span.end || span.end > text.len() {
            return Some(format!("{d:?}: outside the text ({} bytes)", text.len()));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Some(format!("{d:?}: not on character boundaries"));
        }
        let position = index.position(span.start);
        let before = &text[..span.start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // A byte-order mark is not a column.
        let bom = usize::from(line_start == 0 && text.starts_with('\u{feff}') && span.start > 0);
        let line = before.matches('\n').count() + 1;
        let column = text[line_start..span.start].chars().count() + 1 - bom;
        (position.line != line || position.column != column).then(|| {
            format!(
                "{d:?}: at {}:{}, expected {line}:{column}",
                position.line, position.column
            )
        })
    })
}

/// Checks `text` as plain text and as Markdown, alone and together (as a
/// corpus run does), fixes it, checks the pair it makes when split at
/// `|||`, and reads it as XLIFF, TMX and TSV; the error says which promise
/// was broken. Panics are for the caller (the fuzzer) to catch.
pub fn run(linter: &Linter, text: &str) -> Result<(), String> {
    let formats = [Format::Plain, Format::Markdown];
    let together = linter.check_many(&formats.map(|format| (text, format)));
    for (format, found_together) in formats.into_iter().zip(together) {
        let found = linter.check(text, format);
        if found != found_together {
            return Err(format!(
                "{format:?}: checked beside another document, other findings than alone \
                 ({} against {})",
                found_together.len(),
                found.len()
            ));
        }
        if let Some(problem) = unsound(text, &found) {
            return Err(format!("{format:?}: {problem}"));
        }
        let fixed = fix::fix(text, |t| linter.check(t, format));
        let again = linter.check(&fixed, format);
        if let Some(problem) = unsound(&fixed, &again) {
            return Err(format!("{format:?}, fixed: {problem}"));
        }
        if fix::apply(&fixed, &again).is_some() {
            return Err(format!("{format:?}: the fixed text still has fixes"));
        }
    }
    if let Some((source, target)) = text.split_once(PAIR_SEPARATOR) {
        let found = linter.check_pair((source, Format::Plain), (target, Format::Plain));
        if let Some(problem) = unsound(target, &found) {
            return Err(format!("pair: {problem}"));
        }
    }
    for format in [
        SegmentedFormat::Xliff,
        SegmentedFormat::Tmx,
        SegmentedFormat::Tsv,
    ] {
        // Malformed files are errors, which is fine; findings must be sound.
        if let Ok(found) = linter.check_segmented(text, format)
            && let Some(problem) = unsound(text, &found)
        {
            return Err(format!("{format:?}: {problem}"));
        }
    }
    Ok(())
}
