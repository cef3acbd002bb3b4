//! `data/indicators.yaml`: any bytes load without a panic, and every problem
//! points into the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use planpress::diag::Problems;
use planpress::model::indicators::Indicators;
use planpress_fuzz::{check_problems, text_of};

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = text_of(bytes) else { return };
    let file = Path::new("data/indicators.yaml");
    let mut problems = Problems::default();
    let indicators = Indicators::load(file, &text, &mut problems);
    for i in &indicators.list {
        assert!(planpress::model::is_safe_id(&i.id), "{}", i.id);
        assert!(i.category < indicators.categories.len());
    }
    check_problems(&mut problems, file, &text);
});
