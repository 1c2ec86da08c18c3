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

pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod rules;
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
use output::{FileReport, Printer};

/// Checks each input in turn and hands its findings to `printer`. Inputs that
/// cannot be read go to `on_error` and the others are still checked. Returns
/// the highest severity found.
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
        let diagnostics = linter.check(&text, input.format());
        worst = worst.max(diagnostics.iter().map(|d| d.severity).max());
        printer.file(&FileReport {
            path: &input.display(),
            text: &text,
            diagnostics: &diagnostics,
        })?;
    }
    printer.finish()?;
    Ok(worst)
}
