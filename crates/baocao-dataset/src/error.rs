//! Errors of reading a dataset: every one names a place and what was expected.
//!
//! A problem is a [`Diagnostic`], the workspace's one problem type, so a
//! mistake in the dataset is shown like one in `department.toml` or a
//! template: with the line and a caret under it.

use std::fmt;

pub use baocao_diagnostic::{Diagnostic, Span};

use crate::Location;

/// Every problem found in a dataset. Reading does not stop at the first
/// one, so a clerk can fix them all in one pass; the list is sorted by place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct DatasetError {
    /// The problems, sorted by file, line and column, each with the text of
    /// its line.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        baocao_diagnostic::Lines(&self.diagnostics).fmt(f)
    }
}

impl DatasetError {
    /// An error of these diagnostics (a caller's own: a dataset named in a
    /// setting that is not there).
    pub fn from_diagnostics(diagnostics: Vec<Diagnostic>) -> Self {
        DatasetError { diagnostics }
    }

    /// An error of one diagnostic.
    pub fn single(at: Option<Location>, message: impl Into<String>) -> Self {
        DatasetError {
            diagnostics: vec![diag(at, message)],
        }
    }
}

impl Location {
    /// The place as a diagnostic's span (the line's text is attached when
    /// the file is at hand).
    pub fn span(&self) -> Span {
        Span::at(&*self.file, self.line, self.column)
    }
}

/// An error at a place of the dataset, or of the whole input.
pub(crate) fn diag(at: Option<Location>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message).at_opt(at.as_ref().map(Location::span))
}
