//! `planpress import`: a progress edition from a spreadsheet (being written).

use std::path::{Path, PathBuf};

use thiserror::Error;

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The edition file written.
    pub written: PathBuf,
    /// Rows matched to an indicator.
    pub matched: usize,
    /// Rows that matched no indicator: (row number, first cell).
    pub unmatched: Vec<(usize, String)>,
}

/// What can stop an import.
#[derive(Debug, Error)]
pub enum ImportError {
    /// Not written yet.
    #[error("import is not available yet")]
    Unavailable,
}

/// Imports `file` (CSV or XLSX) as the edition of `year` of the site at `site`.
pub fn import(site: &Path, file: &Path, year: i32, force: bool) -> Result<ImportReport, ImportError> {
    let _ = (site, file, year, force);
    Err(ImportError::Unavailable)
}
