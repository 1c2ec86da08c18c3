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

/// How many files are checked together, one check at a time over all of
/// them (`Linter::check_many`), at most: 32 took a 2,000-article corpus 12%
/// less time than one by one; 64 gained a few percent more but held more
/// memory (40 MB against 33 to 35 on 20,000 articles).
const GROUP_FILES: usize = 32;
/// How much text a group holds at most, so that large files are not all
/// held at once.
const GROUP_BYTES: usize = 512 * 1024;
/// How many groups each core has in a batch of files checked in parallel
/// before their reports are printed in input order: enough to keep every
/// core busy, few enough that memory stays flat however large the corpus.
const GROUPS_PER_CORE: usize = 2;

/// One input read and checked.
struct Checked {
    text: String,
    diagnostics: Vec<Diagnostic>,
    /// A pre-segmented bilingual file, whose related places are in itself.
    segmented: bool,
}

/// Reads and checks consecutive inputs, those of plain text together, at
/// most `GROUP_BYTES` of them at a time.
fn check_group(inputs: &[Input], linter: &Linter) -> Vec<Result<Checked, InputError>> {
    let mut checked = Vec::with_capacity(inputs.len());
    let mut rest = inputs;
    while !rest.is_empty() {
        let (mut read, mut bytes) = (Vec::new(), 0);
        while let Some((input, tail)) = rest.split_first() {
            if bytes >= GROUP_BYTES {
                break;
            }
            let text = input.read();
            bytes += text.as_ref().map_or(0, String::len);
            read.push((input, text));
            rest = tail;
        }
        checked.extend(check_read(read, linter));
    }
    checked
}

/// Checks inputs already read.
fn check_read<'a>(
    read: Vec<(&'a Input, Result<String, InputError>)>,
    linter: &'a Linter,
) -> impl Iterator<Item = Result<Checked, InputError>> + 'a {
    let plain: Vec<(&str, document::Format)> = read
        .iter()
        .filter(|(input, _)| input.segmented().is_none())
        .filter_map(|(input, text)| Some((text.as_deref().ok()?, input.format())))
        .collect();
    let mut found = linter.check_many(&plain).into_iter();
    read.into_iter().map(move |(input, text)| {
        let text = text?;
        let (diagnostics, segmented) = match input.segmented() {
            Some(format) => (
                linter
                    .check_segmented(&text, format)
                    .map_err(|m| input.error(m))?,
                true,
            ),
            None => (found.next().expect("findings for each plain text"), false),
        };
        Ok(Checked {
            text,
            diagnostics,
            segmented,
        })
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
        let batch_size = GROUP_FILES * GROUPS_PER_CORE * rayon::current_num_threads();
        for batch in inputs.chunks(batch_size) {
            let next = scope.spawn(move || {
                batch
                    .par_chunks(GROUP_FILES)
                    .flat_map_iter(|group| check_group(group, linter))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Files checked in groups get what each gets checked alone, in input
    /// order: with unreadable and pre-segmented files among them, texts in
    /// several languages, and a file large enough to end its group.
    #[test]
    fn groups_find_what_files_alone_find() {
        let dir = std::env::temp_dir().join(format!("mtlint-groups-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let english = "It is about securing the area , said the minister .\n\n\
                       ► Read also : the the convoy left.\n\n";
        let spanish = "El ministro dijo que se trata de asegurar la zona con los \
                       soldados que llegaron el lunes , según la prensa.\n";
        let xliff = "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\">\
                     <source>Le convoi transportait 40 tonnes de vivres.</source>\n\
                     <target>The convoy carried 60 tonnes of food.</target></trans-unit>\n\
                     </body></file></xliff>\n";
        let large = english.repeat(GROUP_BYTES / english.len() + 1);
        let files: [(&str, &[u8]); 7] = [
            ("a.txt", english.as_bytes()),
            ("b.txt", b"Caf\xe9 , invalid UTF-8.\n"),
            ("c.xlf", xliff.as_bytes()),
            ("d.txt", spanish.as_bytes()),
            ("e.txt", large.as_bytes()),
            ("f.txt", english.as_bytes()),
            ("g.md", b"# Title\n\n# Title\n\nThe accord .\n"),
        ];
        let inputs: Vec<Input> = files
            .iter()
            .map(|(name, bytes)| {
                std::fs::write(dir.join(name), bytes).unwrap();
                Input::File(dir.join(name))
            })
            .collect();
        let linter = Linter::load(&LoadOptions {
            source: "fr".to_string(),
            ..Default::default()
        })
        .unwrap();
        let alone = |input: &Input| {
            let text = input.read()?;
            let diagnostics = match input.segmented() {
                Some(format) => linter.check_segmented(&text, format).unwrap(),
                None => linter.check(&text, input.format()),
            };
            Ok::<_, InputError>((text, diagnostics))
        };
        let grouped = check_group(&inputs, &linter);
        assert_eq!(grouped.len(), inputs.len());
        let mut found = 0;
        for (input, checked) in inputs.iter().zip(grouped) {
            let checked = checked.map(|c| (c.text, c.diagnostics));
            found += checked.as_ref().map_or(0, |(_, d)| d.len());
            assert_eq!(checked, alone(input), "{}", input.display());
        }
        assert!(found > 10, "{found} findings");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
