//! `data/tasks.yaml`: any bytes load without a panic, and every problem
//! points into the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use planpress::diag::Problems;
use planpress::model::tasks::Tasks;
use planpress_fuzz::{check_problems, text_of};

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = text_of(bytes) else { return };
    let file = Path::new("data/tasks.yaml");
    let mut problems = Problems::default();
    let tasks = Tasks::load(file, &text, &mut problems);
    tasks.check_pages(file, |slug| slug == "intro", &mut problems);
    for lang in planpress::lang::Lang::ALL {
        for t in &tasks.targets {
            let _ = t.display(lang);
        }
    }
    check_problems(&mut problems, file, &text);
});
