//! What every fuzz target shares: decoding the input as a site file would be
//! decoded, the small fixture site's data to check references against, and
//! the invariants that must hold whatever the input.

use std::collections::HashMap;
use std::path::Path;

use planpress::diag::Problems;
use planpress::model::Data;
use planpress::model::indicators::Indicators;
use planpress::model::tasks::Tasks;

/// The fixture site's data files, the context for editions and pages.
const INDICATORS: &str = include_str!("../../tests/fixtures/check-site/data/indicators.yaml");
const TASKS: &str = include_str!("../../tests/fixtures/check-site/data/tasks.yaml");

/// The input as planpress reads a file: BOM dropped, CRLF made LF, and
/// anything that is not UTF-8 refused (as `SiteFiles::read` does).
pub fn text_of(bytes: &[u8]) -> Option<String> {
    planpress::source::decode(bytes).ok()
}

/// The fixture site's indicators and tasks, loaded without a problem.
pub fn fixture_data() -> Data {
    let mut problems = Problems::default();
    let indicators = Indicators::load(Path::new("data/indicators.yaml"), INDICATORS, &mut problems);
    let tasks = Tasks::load(Path::new("data/tasks.yaml"), TASKS, &mut problems);
    assert_eq!(problems.items.len(), 0, "the fixture data has problems");
    Data {
        indicators,
        tasks,
        ..Data::default()
    }
}

/// The slugs of the fixture site's pages.
pub fn fixture_slugs() -> HashMap<&'static str, ()> {
    HashMap::from([("intro", ())])
}

/// Every problem that points into `text` points at a real place in it, and
/// all problems can be shown in both languages.
pub fn check_problems(problems: &mut Problems, file: &Path, text: &str) {
    for p in &problems.items {
        assert!(
            !p.message.en.is_empty() && !p.message.zh.is_empty(),
            "{p:?}"
        );
        assert!(!p.help.en.is_empty() && !p.help.zh.is_empty(), "{p:?}");
        let Some(pos) = p.pos else { continue };
        if p.file != file {
            continue;
        }
        assert!(pos.offset <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(pos.offset), "{p:?}");
        assert!(pos.offset + pos.len <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(pos.offset + pos.len), "{p:?}");
        let line = text[..pos.offset].matches('\n').count() + 1;
        assert_eq!(pos.line, line, "{p:?}");
        assert!(pos.col >= 1, "{p:?}");
    }
    problems.add_source(file, text.into());
    for lang in planpress::lang::Lang::ALL {
        let shown = problems.render(lang, false);
        assert!(shown.ends_with('\n'));
    }
}
