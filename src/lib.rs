//! mtlint: a checker for machine-translated news.
//!
//! The engine is usable without the command line:
//!
//! ```
//! use mtlint::{RuleSet, Format};
//! let rules = RuleSet::builtin().unwrap();
//! let findings = rules.check("The accord . It was signed.\n", Format::Plain);
//! assert_eq!(findings[0].category.as_str(), "typography");
//! ```

pub mod align;
pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod rules;
pub mod segmented;
pub mod span;

pub use diagnostic::{Category, Diagnostic, Related, Severity};
pub use document::{Block, BlockKind, Document, Format, Sentence, Word};
pub use linter::Linter;
pub use rules::{LoadOptions, RuleError, RuleMeta, RuleSet};
pub use span::{LineIndex, Position, Span};
pub mod input;
pub mod linter;
pub mod output;

use input::{Input, InputError};
use output::{FileReport, Printer, SourceFile};

/// Checks each input in turn and hands its findings to `printer` (the caller
/// calls `finish`). Inputs that cannot be read go to `on_error` and the
/// others are still checked. Returns the highest severity found.
pub fn check_inputs(
    inputs: &[Input],
    linter: &Linter,
    printer: &mut dyn Printer,
    mut on_error: impl FnMut(&InputError),
) -> std::io::Result<Option<Severity>> {
    let mut worst = None;
    for input in inputs {
        let text = match input.read() {
            Ok(text) => text,
            Err(e) => {
                on_error(&e);
                continue;
            }
        };
        let path = input.display();
        let (diagnostics, source) = match input.segmented() {
            Some(format) => match linter.check_segmented(&text, format) {
                Ok(found) => (
                    found,
                    Some(SourceFile {
                        path: &path,
                        text: &text,
                    }),
                ),
                Err(message) => {
                    on_error(&input.error(message));
                    continue;
                }
            },
            None => (linter.check(&text, input.format()), None),
        };
        worst = worst.max(diagnostics.iter().map(|d| d.severity).max());
        printer.file(&FileReport {
            path: &path,
            text: &text,
            diagnostics: &diagnostics,
            source,
        })?;
    }
    Ok(worst)
}

/// Checks one translation against its source and hands the findings (in the
/// translation) to `printer`. Returns the highest severity found, or the
/// input that could not be read.
pub fn check_translation(
    source: &Input,
    target: &Input,
    linter: &Linter,
    printer: &mut dyn Printer,
) -> std::io::Result<Result<Option<Severity>, InputError>> {
    let (source_text, target_text) = match (source.read(), target.read()) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
    };
    let diagnostics = linter.check_pair(
        (&source_text, source.format()),
        (&target_text, target.format()),
    );
    printer.file(&FileReport {
        path: &target.display(),
        text: &target_text,
        diagnostics: &diagnostics,
        source: Some(SourceFile {
            path: &source.display(),
            text: &source_text,
        }),
    })?;
    Ok(Ok(diagnostics.iter().map(|d| d.severity).max()))
}
