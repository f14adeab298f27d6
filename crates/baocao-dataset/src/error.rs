//! Errors of reading a dataset: every one names a place and what was expected.

use std::fmt;

use crate::Location;

/// One problem in a dataset, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is; `None` only for problems of the whole input
    /// (an unreadable folder, no `[dataset]` table anywhere).
    pub at: Option<Location>,
    /// What is wrong and what was expected, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every problem found in a dataset. Reading does not stop at the first
/// one, so a clerk can fix them all in one pass; the list is sorted by place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct DatasetError {
    /// The problems, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, d) in self.diagnostics.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl DatasetError {
    /// An error of one diagnostic.
    pub fn single(at: Option<Location>, message: impl Into<String>) -> Self {
        DatasetError {
            diagnostics: vec![Diagnostic {
                at,
                message: message.into(),
            }],
        }
    }
}
