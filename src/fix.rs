//! Safe fixes: `--fix` writes them, `--diff` shows them as a unified diff.
//! Only rules marked `fixable` in their rule file are applied, each
//! replacing its span by its suggestion.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Fix passes before giving up: a fix can reveal another (the the the).
const MAX_PASSES: usize = 8;

/// Widens an emptied whole line to its line break, so that removing a
/// furniture line or a repeated heading does not leave a blank line behind.
fn deletion(text: &str, span: Span) -> Span {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let whole_line = text[line_start..span.start].trim().is_empty()
        && text[span.end..line_end].trim().is_empty();
    if !whole_line {
        return span;
    }
    // The line and its break, and one blank line around it when there is
    // one: after it, or before it at the end of the text.
    let mut end = (line_end + 1).min(text.len());
    let mut start = line_start;
    if text[end..].starts_with('\n') && (line_start == 0 || text[..line_start].ends_with("\n\n")) {
        end += 1;
    } else if end == text.len() && text[..line_start].ends_with("\n\n") {
        start -= 1;
    }
    Span::new(start, end)
}

/// The text with the fixable suggestions of `found` applied, or `None` when
/// there is nothing to fix. Fixes overlapping an earlier one wait for the
/// next pass.
pub fn apply(text: &str, found: &[Diagnostic]) -> Option<String> {
    let mut edits: Vec<(Span, &str)> = found
        .iter()
        .filter(|d| d.fixable)
        .filter_map(|d| {
            let replacement = d.suggestion.as_deref()?;
            let span = if replacement.is_empty() {
                deletion(text, d.span)
            } else {
                d.span
            };
            (text[span.start..span.end] != *replacement).then_some((span, replacement))
        })
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    if at == 0 && out.is_empty() {
        return None;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Applies fixes and checks again until nothing is left to fix.
pub fn fix(text: &str, check: impl Fn(&str) -> Vec<Diagnostic>) -> String {
    let mut current = text.to_string();
    for _ in 0..MAX_PASSES {
        match apply(&current, &check(&current)) {
            Some(next) if next != current => current = next,
            _ => break,
        }
    }
    current
}

/// A unified diff of a file before and after its fixes.
pub fn diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

/// Replaces `path` by `fixed` through a temporary file and a rename, unless
/// the file no longer holds `read` (changed since it was checked).
pub fn write(path: &Path, read: &str, fixed: &str) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("cannot read again: {e}"))?;
    if now != read.as_bytes() {
        return Err("changed since it was read; not fixed".to_string());
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.mtlint-{}", std::process::id()));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(fixed.as_bytes())?;
            file.sync_all()?;
            if let Ok(metadata) = std::fs::metadata(path) {
                std::fs::set_permissions(&temporary, metadata.permissions())?;
            }
            std::fs::rename(&temporary, path)
        })
        .map_err(|e| format!("cannot write: {e}"));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn edit(start: usize, end: usize, to: &str) -> Diagnostic {
        Diagnostic {
            rule: "r".into(),
            category: Category::Typography,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            suggestion: Some(to.into()),
            fixable: true,
            related: Vec::new(),
        }
    }

    #[test]
    fn replacements_and_whole_line_deletions() {
        let text = "Title\n\nThe accord .\n\n► Read also: more\n\nEnd.\n";
        let dot = text.find(" .").unwrap();
        let link = text.find('►').unwrap();
        let fixed = apply(
            text,
            &[
                edit(dot, dot + 1, ""),
                edit(link, link + "► Read also: more".len(), ""),
            ],
        )
        .unwrap();
        assert_eq!(fixed, "Title\n\nThe accord.\n\nEnd.\n");
        assert_eq!(apply(text, &[]), None);
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let fixed = apply("abcdef", &[edit(0, 3, "X"), edit(2, 4, "Y")]).unwrap();
        assert_eq!(fixed, "Xdef");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let path = std::env::temp_dir().join(format!("mtlint-fix-{}.txt", std::process::id()));
        std::fs::write(&path, "edited by someone else").unwrap();
        assert!(
            write(&path, "what was read", "fixed")
                .unwrap_err()
                .contains("changed since")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited by someone else"
        );
        write(&path, "edited by someone else", "fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        std::fs::remove_file(&path).unwrap();
    }
}
