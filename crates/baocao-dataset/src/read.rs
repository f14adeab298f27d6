//! Reading TOML into a [`Dataset`] (placeholder until the reader lands).

use std::path::Path;

use crate::{Dataset, DatasetError};

/// Reads a dataset from one TOML file or a folder of them.
pub fn read_path(path: &Path) -> Result<Dataset, DatasetError> {
    let _ = path;
    Err(DatasetError::single(None, "reader not written yet"))
}

/// Reads a dataset from one TOML text; `file` names it in errors.
pub fn read_str(text: &str, file: &str) -> Result<Dataset, DatasetError> {
    read_sources(&[(file, text)])
}

/// Reads a dataset merged from several named TOML texts.
pub fn read_sources(sources: &[(&str, &str)]) -> Result<Dataset, DatasetError> {
    let _ = sources;
    Err(DatasetError::single(None, "reader not written yet"))
}
