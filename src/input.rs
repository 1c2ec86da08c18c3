//! Finding and reading the files to check.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::segmented::SegmentedFormat;

/// Bytes read for a NUL before a file is taken for text.
const BINARY_PROBE: usize = 8192;

/// Extensions checked when walking a directory.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Something to check: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The path as the user gave it (`-` for standard input).
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    pub fn format(&self) -> Format {
        match self {
            Input::Stdin => Format::Plain,
            Input::File(path) => Format::from_path(path),
        }
    }

    /// The bilingual format of a pre-segmented file (XLIFF, TMX, TSV).
    pub fn segmented(&self) -> Option<SegmentedFormat> {
        match self {
            Input::Stdin => None,
            Input::File(path) => SegmentedFormat::from_path(path),
        }
    }

    /// Reads the whole input as UTF-8.
    pub fn read(&self) -> Result<String, InputError> {
        let bytes = match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| self.error(format!("cannot read: {e}")))?;
                bytes
            }
            Input::File(path) => {
                std::fs::read(path).map_err(|e| self.error(format!("cannot read: {e}")))?
            }
        };
        // Like ripgrep: a NUL byte near the start means a binary file.
        if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
            return Err(InputError {
                notice: true,
                ..self.error("binary file (NUL byte), skipped".to_string())
            });
        }
        String::from_utf8(bytes).map_err(|e| {
            self.error(format!(
                "invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ))
        })
    }

    pub fn error(&self, message: String) -> InputError {
        InputError {
            path: self.display(),
            message,
            notice: false,
        }
    }
}

/// An input that cannot be checked; reported as `path: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
    /// Skipped on purpose (a binary file): worth a notice, not a failure.
    pub notice: bool,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Expands the command-line paths: `-` is standard input, a directory is
/// walked recursively (sorted, files with `extensions` only), a file is
/// taken whatever its extension. Missing paths become errors; the rest go on.
pub fn collect(paths: &[PathBuf], extensions: &[&str]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, extensions, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or directory".to_string(),
                notice: false,
            });
        }
    }
    (inputs, errors)
}

/// Files below `dir` with one of `extensions`, in name order, skipping what
/// `.gitignore`, `.ignore` and hidden-file rules exclude (the `ignore`
/// crate, as ripgrep does); symbolic-link loops are reported, not followed.
fn walk(dir: &Path, extensions: &[&str], inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let wanted = entry.file_type().is_some_and(|t| t.is_file())
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e));
                if wanted {
                    inputs.push(Input::File(path.to_path_buf()));
                }
            }
            Err(e) => errors.push(walk_error(dir, &e)),
        }
    }
}

/// A walk error naming the entry it is about once (`ignore`'s own message
/// repeats it), with the system's reason.
fn walk_error(dir: &Path, error: &ignore::Error) -> InputError {
    let (path, cause) = match error {
        ignore::Error::WithPath { path, err } => (path.as_path(), err.as_ref()),
        ignore::Error::WithDepth { err, .. } => return walk_error(dir, err),
        other => (dir, other),
    };
    // The walker's I/O errors name the path again: keep the system's reason.
    let message = match cause.io_error() {
        Some(io) => match io.raw_os_error() {
            Some(code) => format!("cannot read: {}", std::io::Error::from_raw_os_error(code)),
            None => format!("cannot read: {}", io.kind()),
        },
        None => format!("cannot walk: {}", one_line(&cause.to_string())),
    };
    InputError {
        path: path.display().to_string(),
        message,
        notice: false,
    }
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Translation pairs found below `dir`: `NAME.<source>.EXT` with every
/// `NAME.<code>.EXT` beside it. A source without translation, or a
/// translation without source, is an error.
pub fn pairs(
    dir: &Path,
    source: &str,
    extensions: &[&str],
) -> (Vec<(Input, Input)>, Vec<InputError>) {
    let (inputs, mut errors) = collect(&[dir.to_path_buf()], extensions);
    let split = |path: &Path| -> Option<(PathBuf, String, String)> {
        let name = path.file_name()?.to_str()?;
        let (rest, ext) = name.rsplit_once('.')?;
        let (stem, lang) = rest.rsplit_once('.')?;
        Some((
            path.with_file_name(format!("{stem}.{{}}.{ext}")),
            lang.to_string(),
            ext.to_string(),
        ))
    };
    let files: Vec<(PathBuf, PathBuf, String)> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(path) => split(path).map(|(key, lang, _)| (path.clone(), key, lang)),
            Input::Stdin => None,
        })
        .collect();
    let mut found = Vec::new();
    for (path, key, lang) in &files {
        let partners: Vec<&PathBuf> = files
            .iter()
            .filter(|(_, other_key, other_lang)| other_key == key && other_lang != lang)
            .map(|(p, _, _)| p)
            .collect();
        if lang == source {
            if partners.is_empty() {
                errors.push(
                    Input::File(path.clone())
                        .error("no translation beside this source".to_string()),
                );
            }
            found.extend(
                partners
                    .into_iter()
                    .map(|t| (Input::File(path.clone()), Input::File(t.clone()))),
            );
        } else if !files.iter().any(|(_, k, l)| k == key && l == source) {
            errors.push(
                Input::File(path.clone())
                    .error(format!("no source (.{source}.) beside this translation")),
            );
        }
    }
    (found, errors)
}
