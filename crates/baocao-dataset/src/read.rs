//! Reading TOML into a [`Dataset`].
//!
//! Each file is parsed with spans kept (`toml::de::DeTable`), numbers are
//! taken from the text as written, and every problem of every file is
//! collected before giving up, sorted by file, line and column.

mod chunks;
mod file;
mod merge;
mod number;
mod position;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::diag;
use crate::{Dataset, DatasetError, Diagnostic};
use merge::Completeness;
use position::Source;

/// Reads a dataset from one TOML file or a folder of them.
///
/// A folder's `*.toml` files (not those of its subfolders) are merged in
/// the order of their names. Files are named in errors as `path` joined with
/// the file name, e.g. `config/hanoi/data/hanoi.toml`.
pub fn read_path(path: &Path) -> Result<Dataset, DatasetError> {
    let mut diags = Vec::new();
    let mut completeness = Completeness::Complete;
    let mut texts: Vec<(String, String)> = Vec::new();
    for file in files_of(path, &mut diags) {
        let name = file.display().to_string();
        match std::fs::read(&file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => texts.push((name, text)),
                Err(error) => {
                    diags.push(not_utf8(&name, error.as_bytes(), error.utf8_error()));
                    completeness = Completeness::SomeFilesUnread;
                }
            },
            Err(error) => {
                diags.push(diag(None, format!("cannot read `{name}`: {error}")));
                completeness = Completeness::SomeFilesUnread;
            }
        }
    }
    if texts.is_empty() && diags.is_empty() {
        diags.push(diag(
            None,
            format!(
                "no dataset files in `{}`: expected .toml files",
                path.display()
            ),
        ));
    }
    if !diags.is_empty() {
        completeness = Completeness::SomeFilesUnread;
    }
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    read(&sources, completeness, diags)
}

/// Reads a dataset from one TOML text; `file` names it in errors.
pub fn read_str(text: &str, file: &str) -> Result<Dataset, DatasetError> {
    read_sources(&[(file, text)])
}

/// Reads a dataset merged from several named TOML texts, in the order given.
pub fn read_sources(sources: &[(&str, &str)]) -> Result<Dataset, DatasetError> {
    if sources.is_empty() {
        return Err(DatasetError::single(None, "no dataset files to read"));
    }
    read(sources, Completeness::Complete, Vec::new())
}

fn read(
    sources: &[(&str, &str)],
    mut completeness: Completeness,
    mut diags: Vec<Diagnostic>,
) -> Result<Dataset, DatasetError> {
    let sources: Vec<Source<'_>> = sources
        .iter()
        .map(|(name, text)| Source::new(name, text))
        .collect();
    let mut files = Vec::with_capacity(sources.len());
    for source in &sources {
        match file::read_file(source, &mut diags) {
            Some(parts) => files.push(parts),
            None => completeness = Completeness::SomeFilesUnread,
        }
    }
    let dataset = merge::merge(files, completeness, &mut diags);
    match dataset {
        Some(dataset) if diags.is_empty() => Ok(dataset),
        _ => {
            if diags.is_empty() {
                // Every path that drops a part records why; this is a guard
                // against a bug, not something input can cause.
                diags.push(diag(
                    None,
                    "internal error: the dataset could not be built; please report this".to_owned(),
                ));
            }
            // A whole-input problem of a single file is that file's.
            if let [only] = sources.as_slice() {
                for d in diags.iter_mut().filter(|d| d.span.is_none()) {
                    d.span = Some(crate::Span::file(&*only.file));
                }
            }
            Err(DatasetError {
                diagnostics: sorted(diags, &sources),
            })
        }
    }
}

/// Problems of the whole input first, then by file in reading order, line
/// and column; repeats removed.
fn sorted(mut diags: Vec<Diagnostic>, sources: &[Source<'_>]) -> Vec<Diagnostic> {
    let order: BTreeMap<&str, usize> = sources
        .iter()
        .enumerate()
        .rev()
        .map(|(n, s)| (&*s.file, n))
        .collect();
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.span.as_ref().map(|at| {
                let file = order.get(at.file.as_str()).copied().unwrap_or(usize::MAX);
                (file, at.line, at.column)
            })
        };
        key(a).cmp(&key(b))
    });
    for d in &mut diags {
        let source = d
            .span
            .as_ref()
            .and_then(|at| order.get(at.file.as_str()))
            .and_then(|&n| sources.get(n));
        if let Some(source) = source {
            attach_line(d, source);
        }
    }
    diags.dedup();
    diags
}

/// Attaches the text of its line to a problem of `source`, as
/// `baocao_diagnostic::attach_source` does, but given only the text from
/// the start of that line, found by the source's index of lines: that
/// function counts the lines from the top of the file for each problem,
/// which a file with thousands of problems makes quadratic.
fn attach_line(d: &mut Diagnostic, source: &Source<'_>) {
    let Some(line) = d.span.as_ref().map(|at| at.line) else {
        return;
    };
    let rest = match source.line_start(line) {
        Some(start) if d.labels.is_empty() => source.text.get(start..).unwrap_or_default(),
        // Labels may be on other lines: the whole text, the slow way.
        _ => {
            baocao_diagnostic::attach_source(std::slice::from_mut(d), &source.file, source.text);
            return;
        }
    };
    // As line 1 of the text that starts with it.
    if let Some(at) = d.span.as_mut() {
        at.line = 1;
    }
    baocao_diagnostic::attach_source(std::slice::from_mut(d), &source.file, rest);
    if let Some(at) = d.span.as_mut() {
        at.line = line;
    }
}

/// The files a path names: itself, or the `*.toml` files of a folder sorted
/// by name. Problems listing a folder are recorded.
fn files_of(path: &Path, diags: &mut Vec<Diagnostic>) -> Vec<std::path::PathBuf> {
    let shown = path.display();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            diags.push(diag(None, format!("cannot read `{shown}`: {error}")));
            return Vec::new();
        }
    };
    if !metadata.is_dir() {
        return vec![path.to_path_buf()];
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(error) => {
            diags.push(diag(
                None,
                format!("cannot read the folder `{shown}`: {error}"),
            ));
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                let is_toml = Path::new(&name).extension().is_some_and(|e| e == "toml");
                // Follows symbolic links, unlike `entry.file_type()`.
                let is_file = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
                if is_toml && is_file {
                    names.push(name);
                }
            }
            Err(error) => diags.push(diag(
                None,
                format!("cannot read the folder `{shown}`: {error}"),
            )),
        }
    }
    names.sort();
    names.into_iter().map(|name| path.join(name)).collect()
}

/// A file in another encoding (TCVN3, VNI, Windows-1258 are still met):
/// points at the first byte that is not UTF-8.
fn not_utf8(name: &str, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let valid = bytes
        .get(..error.valid_up_to())
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default();
    let at = Source::new(name, valid).location(valid.len());
    diag(
        Some(at),
        "this file is not UTF-8 text from here on: save it with the UTF-8 encoding".to_owned(),
    )
}
