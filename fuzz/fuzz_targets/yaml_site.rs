//! `site.yaml`: any bytes load without a panic, and every problem points
//! into the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use planpress::config::SiteConfig;
use planpress::diag::Problems;
use planpress_fuzz::{check_problems, text_of};

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = text_of(bytes) else { return };
    let file = Path::new("site.yaml");
    let mut problems = Problems::default();
    let _ = SiteConfig::load(file, &text, &mut problems);
    check_problems(&mut problems, file, &text);
});
