//! `planpress pdf`: the print pages as PDF through headless Chromium (being written).

use std::path::PathBuf;

use thiserror::Error;

/// What to print.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The output folder (default SITE/public).
    pub out: Option<PathBuf>,
    /// Languages to print.
    pub langs: Vec<crate::lang::Lang>,
    /// The browser to use; found on PATH when `None`.
    pub chrome: Option<PathBuf>,
}

/// What can stop printing.
#[derive(Debug, Error)]
pub enum PdfError {
    /// Not written yet.
    #[error("pdf is not available yet")]
    Unavailable,
}

/// Builds the site, then prints each language's print page to a PDF.
pub fn print_pdfs(opts: &PdfOptions) -> Result<Vec<PathBuf>, PdfError> {
    let _ = opts;
    Err(PdfError::Unavailable)
}
