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
pub mod baseline;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod exercise;
pub mod fix;
pub mod gates;
pub mod literal_scan;
pub mod literals;
pub mod pattern;
pub mod pattern_facts;
pub mod rules;
mod segmentation;
pub mod segmented;
pub mod serve;
pub mod span;

pub use diagnostic::{Category, Diagnostic, Related, Severity};
pub use document::{Block, BlockKind, Document, Format, Sentence, Word};
pub use linter::Linter;
pub use rules::{LoadOptions, RuleError, RuleMeta, RuleSet};
pub use span::{LineIndex, Position, Span};
pub mod input;
pub mod linter;
pub mod output;
pub mod word_vote;

use input::{Input, InputError};
use output::{FileReport, Printer, SourceFile};
use rayon::prelude::*;

/// How many files are checked in parallel before their reports are printed
/// in input order: enough to keep every core busy, few enough that memory
/// stays flat however large the corpus.
const BATCH: usize = 64;

/// One input read and checked.
struct Checked {
    text: String,
    diagnostics: Vec<Diagnostic>,
    /// A pre-segmented bilingual file, whose related places are in itself.
    segmented: bool,
}

fn check_one(input: &Input, linter: &Linter) -> Result<Checked, InputError> {
    let text = input.read()?;
    let (diagnostics, segmented) = match input.segmented() {
        Some(format) => (
            linter
                .check_segmented(&text, format)
                .map_err(|m| input.error(m))?,
            true,
        ),
        None => (linter.check(&text, input.format()), false),
    };
    Ok(Checked {
        text,
        diagnostics,
        segmented,
    })
}

/// Checks the inputs, in parallel batches, and hands each one's findings to
/// `printer` in input order (the caller calls `finish`). `review` sees each
/// file's findings first (path, text) and may drop some (a baseline). Inputs
/// that cannot be read go to `on_error` and the others are still checked.
/// Returns the highest severity found.
pub fn check_inputs(
    inputs: &[Input],
    linter: &Linter,
    printer: &mut dyn Printer,
    mut review: impl FnMut(&str, &str, &mut Vec<Diagnostic>),
    mut on_error: impl FnMut(&InputError),
) -> std::io::Result<Option<Severity>> {
    let mut worst = None;
    let mut print = |batch: &[Input], results: Vec<Result<Checked, InputError>>| {
        for (input, result) in batch.iter().zip(results) {
            let mut checked = match result {
                Ok(checked) => checked,
                Err(e) => {
                    on_error(&e);
                    continue;
                }
            };
            let path = input.display();
            review(&path, &checked.text, &mut checked.diagnostics);
            worst = worst.max(checked.diagnostics.iter().map(|d| d.severity).max());
            let source = checked.segmented.then_some(SourceFile {
                path: &path,
                text: &checked.text,
            });
            printer.file(&FileReport::new(
                &path,
                &checked.text,
                &checked.diagnostics,
                source,
            ))?;
        }
        Ok::<(), std::io::Error>(())
    };
    // Each batch is checked while the one before it is printed, so that
    // printing does not leave the cores idle.
    std::thread::scope(|scope| {
        let mut pending = None;
        for batch in inputs.chunks(BATCH) {
            let next = scope.spawn(move || {
                batch
                    .par_iter()
                    .map(|input| check_one(input, linter))
                    .collect::<Vec<_>>()
            });
            if let Some((batch, checking)) = pending.replace((batch, next)) {
                print(batch, join(checking))?;
            }
        }
        match pending {
            Some((batch, checking)) => print(batch, join(checking)),
            None => Ok(()),
        }
    })?;
    Ok(worst)
}

/// The result of a checking thread, whose panic (a bug) goes on unwinding.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Checks one translation against its source and hands the findings (in the
/// translation) to `printer`. Returns the highest severity found, or the
/// input that could not be read.
pub fn check_translation(
    source: &Input,
    target: &Input,
    linter: &Linter,
    printer: &mut dyn Printer,
    review: impl FnOnce(&str, &str, &mut Vec<Diagnostic>),
) -> std::io::Result<Result<Option<Severity>, InputError>> {
    let (source_text, target_text) = match (source.read(), target.read()) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
    };
    let mut diagnostics = linter.check_pair(
        (&source_text, source.format()),
        (&target_text, target.format()),
    );
    review(&target.display(), &target_text, &mut diagnostics);
    let source = SourceFile {
        path: &source.display(),
        text: &source_text,
    };
    printer.file(&FileReport::new(
        &target.display(),
        &target_text,
        &diagnostics,
        Some(source),
    ))?;
    Ok(Ok(diagnostics.iter().map(|d| d.severity).max()))
}
