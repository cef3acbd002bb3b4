//! `data/progress/2023.yaml`, against the fixture site's indicators and
//! tasks: any bytes load without a panic, every problem points into the
//! text, and a loaded edition assesses without a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planpress::config::{PlanSpan, ProgressMethod};
use planpress::diag::Problems;
use planpress::model::Data;
use planpress::model::editions::Edition;
use planpress_fuzz::{check_problems, fixture_data, text_of};

static DATA: OnceLock<Data> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = text_of(bytes) else { return };
    let data = DATA.get_or_init(fixture_data);
    let file = Path::new("data/progress/2023.yaml");
    let span = PlanSpan::default();
    let mut problems = Problems::default();
    let edition = Edition::load(
        file,
        &text,
        span,
        &data.indicators,
        &data.tasks,
        &mut problems,
    );
    check_problems(&mut problems, file, &text);
    if let Some(e) = edition {
        let mut data = data.clone();
        data.editions = vec![e];
        for method in [ProgressMethod::Linear, ProgressMethod::Cagr] {
            data.assess(span, method);
        }
    }
});
