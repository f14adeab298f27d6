//! The text of the files diagnostics point into, so that every problem is
//! shown with its line, including those of layers that know only a place
//! (a consistency check knows the indicator's file, line and column) and
//! those of the built-in department, whose files are not on disk.

use std::collections::BTreeSet;

use baocao_config::{DataSource, Department};
use baocao_diagnostic::Diagnostic;

/// Gives each span without its line's text that text: from the
/// department's templates and built-in data when the file is one of them,
/// else from the file on disk. A file that cannot be read is left as it is
/// (the place is still named).
pub fn attach_sources(list: &mut [Diagnostic], dept: Option<&Department>) {
    let files: BTreeSet<String> = list
        .iter()
        .flat_map(|d| d.span.iter().chain(d.labels.iter().map(|l| &l.span)))
        .filter(|s| s.source_line.is_none() && s.line > 0)
        .map(|s| s.file.clone())
        .collect();
    for file in files {
        let known = dept.and_then(|d| {
            d.templates
                .iter()
                .find(|t| t.path == file)
                .map(|t| t.source.clone())
                .or_else(|| match &d.data {
                    DataSource::Builtin(files) => files
                        .iter()
                        .find(|(name, _)| *name == file)
                        .map(|(_, text)| text.clone()),
                    DataSource::Path(_) => None,
                })
        });
        if let Some(text) = known.or_else(|| std::fs::read_to_string(&file).ok()) {
            baocao_diagnostic::attach_source(list, &file, &text);
        }
    }
}
