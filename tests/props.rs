//! Property tests over the entry points the fuzz targets cover (see
//! fuzz/README.md): the YAML loaders and Markdown with shortcodes. They run
//! with the ordinary test suite, on generated near-valid files: the fixture
//! site's files with one line replaced, inserted or cut, and Markdown built
//! from the pieces authors use.

use std::collections::HashMap;
use std::path::Path;

use planpress::config::{PlanSpan, SiteConfig};
use planpress::content::Page;
use planpress::content::markdown::{Options_, render};
use planpress::diag::Problems;
use planpress::lang::Lang;
use planpress::model::Data;
use planpress::model::editions::Edition;
use planpress::model::indicators::Indicators;
use planpress::model::tasks::Tasks;
use proptest::prelude::*;

const SITE: &str = include_str!("fixtures/check-site/site.yaml");
const INDICATORS: &str = include_str!("fixtures/check-site/data/indicators.yaml");
const TASKS: &str = include_str!("fixtures/check-site/data/tasks.yaml");
const EDITION: &str = include_str!("fixtures/check-site/data/progress/2023.yaml");
const PAGE: &str = include_str!("fixtures/check-site/content/zh/intro.md");

fn fixture_data() -> Data {
    let mut problems = Problems::default();
    let indicators = Indicators::load(Path::new("i.yaml"), INDICATORS, &mut problems);
    let tasks = Tasks::load(Path::new("t.yaml"), TASKS, &mut problems);
    assert!(problems.items.is_empty());
    Data {
        indicators,
        tasks,
        ..Data::default()
    }
}

/// Every problem in `file` points at a real place of `text`, says what is
/// wrong and what to do in both languages, and all can be shown.
fn assert_problems_sound(problems: &mut Problems, file: &Path, text: &str) {
    for p in &problems.items {
        assert!(
            !p.message.en.is_empty() && !p.message.zh.is_empty(),
            "{p:?}"
        );
        assert!(!p.help.en.is_empty() && !p.help.zh.is_empty(), "{p:?}");
        if p.file != file {
            continue;
        }
        let Some(pos) = p.pos else { continue };
        assert!(pos.offset + pos.len <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(pos.offset), "{p:?}");
        assert!(text.is_char_boundary(pos.offset + pos.len), "{p:?}");
        assert_eq!(
            pos.line,
            text[..pos.offset].matches('\n').count() + 1,
            "{p:?}"
        );
    }
    problems.add_source(file, text.into());
    for lang in Lang::ALL {
        problems.render(lang, false);
    }
}

/// Pieces of text that YAML and Markdown authors type, mistakes included.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  - id: x".to_string()),
        Just("    target: \">20".to_string()),
        Just("    targte: 18".to_string()),
        Just("\tvalue: 1".to_string()),
        Just("{zh: 名称, en: Name".to_string()),
        Just("[a, b".to_string()),
        Just("key: value: more".to_string()),
        Just("- - -".to_string()),
        Just("---".to_string()),
        Just("&a [*a, *a]".to_string()),
        Just("note: {zh: 备注}".to_string()),
        Just("year: 2099".to_string()),
        Just("schools: fifteen".to_string()),
        Just("  schools: 16".to_string()),
        Just("status: done".to_string()),
        Just("{{ indicator(id=\"students\") }}".to_string()),
        Just("{{ indicator(id=\"x\") }".to_string()),
        Just("{% box(title=\"专栏\") %}".to_string()),
        Just("{% end %}".to_string()),
        Just("推进**“双高”计划**建设".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("[链接](missing.md#x)".to_string()),
        Just("[^1]: 注".to_string()),
        Just("```".to_string()),
        Just("| a | b |\n|---|---|".to_string()),
        "\\PC{0,20}",
        "[ -~]{0,30}",
    ]
}

/// A fixture file with one line replaced, a line inserted, or cut short.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let lines = base.lines().count();
    (0..3u8, 0..=lines, fragment(), 0..=base.len()).prop_map(move |(how, at, frag, cut)| {
        let mut l: Vec<String> = base.lines().map(str::to_string).collect();
        match how {
            0 if at < l.len() => l[at] = frag,
            1 => l.insert(at.min(l.len()), frag),
            _ => {
                let mut cut = cut;
                while !base.is_char_boundary(cut) {
                    cut -= 1;
                }
                return base[..cut].to_string();
            }
        }
        l.join("\n") + "\n"
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn indicators_never_panic_and_point_into_the_text(text in mutated(INDICATORS)) {
        let file = Path::new("data/indicators.yaml");
        let mut problems = Problems::default();
        let ind = Indicators::load(file, &text, &mut problems);
        for i in &ind.list {
            prop_assert!(planpress::model::is_safe_id(&i.id));
        }
        assert_problems_sound(&mut problems, file, &text);
    }

    #[test]
    fn tasks_never_panic_and_point_into_the_text(text in mutated(TASKS)) {
        let file = Path::new("data/tasks.yaml");
        let mut problems = Problems::default();
        let tasks = Tasks::load(file, &text, &mut problems);
        tasks.check_pages(file, |s| s == "intro", &mut problems);
        assert_problems_sound(&mut problems, file, &text);
    }

    #[test]
    fn editions_never_panic_and_point_into_the_text(text in mutated(EDITION)) {
        let data = fixture_data();
        let file = Path::new("data/progress/2023.yaml");
        let mut problems = Problems::default();
        let e = Edition::load(file, &text, PlanSpan::default(), &data.indicators, &data.tasks, &mut problems);
        // An edition is produced exactly when it has no error.
        prop_assert_eq!(e.is_some(), problems.errors() == 0);
        assert_problems_sound(&mut problems, file, &text);
    }

    #[test]
    fn site_yaml_never_panics_and_points_into_the_text(text in mutated(SITE)) {
        let file = Path::new("site.yaml");
        let mut problems = Problems::default();
        let _ = SiteConfig::load(file, &text, &mut problems);
        assert_problems_sound(&mut problems, file, &text);
    }

    #[test]
    fn pages_never_panic_and_never_pass_raw_html(
        text in prop_oneof![
            mutated(PAGE),
            proptest::collection::vec(fragment(), 0..12)
                .prop_map(|parts| format!("---\ntitle: 标题\n---\n{}", parts.join("\n"))),
        ],
        allow_html in any::<bool>(),
    ) {
        let data = fixture_data();
        let file = Path::new("content/zh/intro.md");
        let mut problems = Problems::default();
        if let Some(page) = Page::load(file, Lang::Zh, text.as_str().into(), &mut problems) {
            page.validate(&data, &HashMap::from([("intro", ())]), &mut problems);
            let href = |s: &str| format!("../{s}/index.html");
            let opts = Options_ { allow_html, page_href: &href };
            let n = page.shortcodes.len();
            let r = render(&page, &opts, &mut |i| {
                assert!(i < n);
                format!("<div class=\"sc\">{i}</div>")
            });
            if !allow_html {
                prop_assert!(!r.html.contains("<script"), "{}", r.html);
            }
            for &at in &r.stray_emphasis {
                prop_assert!(page.body().is_char_boundary(at));
            }
        }
        assert_problems_sound(&mut problems, file, &text);
    }

    /// A misspelt key anywhere in the indicators is reported at its own line.
    #[test]
    fn a_misspelt_key_is_reported_at_its_line(
        item in 0..4usize,
        key in "[a-z]{3,8}_x",
    ) {
        // The first line of each indicator: `  - id: …`.
        let starts: Vec<usize> = INDICATORS
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("  - id:") && !l.contains("scale") && !l.contains("faculty"))
            .map(|(i, _)| i)
            .collect();
        let at = starts[item] + 2;
        let mut lines: Vec<&str> = INDICATORS.lines().collect();
        let bad = format!("    {key}: 1");
        lines.insert(at, &bad);
        let text = lines.join("\n");
        let mut problems = Problems::default();
        Indicators::load(Path::new("i.yaml"), &text, &mut problems);
        prop_assert_eq!(problems.items.len(), 1);
        let p = &problems.items[0];
        prop_assert_eq!(p.pos.map(|p| p.line), Some(at + 1));
        let unknown = format!("unknown key `{key}`");
        prop_assert!(p.message.en.contains(&unknown), "{}", p.message.en);
    }

    /// Generated valid indicators load without a problem and keep their
    /// figures.
    #[test]
    fn valid_indicators_load_as_written(
        rows in proptest::collection::vec(("[a-z][a-z0-9-]{0,12}", 0u32..100_000, 1u32..1000, any::<bool>()), 1..8),
    ) {
        let mut text = String::from("table_title: {zh: 指标, en: Indicators}\ncategories:\n  - id: c\n    name: {zh: 类, en: Category}\nindicators:\n");
        let mut ids = std::collections::HashSet::new();
        let mut expected = Vec::new();
        for (i, (id, base, step, decrease)) in rows.iter().enumerate() {
            let id = format!("{id}-{i}");
            if !ids.insert(id.clone()) { continue; }
            let (target, dir) = if *decrease { (base.saturating_sub(*step), "decrease") } else { (base + step, "increase") };
            text.push_str(&format!(
                "  - id: {id}\n    category: c\n    name: {{zh: 名{i}, en: Name {i}}}\n    unit: {{zh: 个, en: items}}\n    baseline: {base}\n    target: {target}\n    direction: {dir}\n"
            ));
            expected.push((id, f64::from(*base), f64::from(target)));
        }
        let mut problems = Problems::default();
        let ind = Indicators::load(Path::new("i.yaml"), &text, &mut problems);
        prop_assert!(problems.items.is_empty(), "{:?}", problems.items);
        let got: Vec<(String, f64, f64)> = ind.list.iter()
            .map(|i| (i.id.clone(), i.baseline.map_or(f64::NAN, |b| b.value), i.target.value.value))
            .collect();
        prop_assert_eq!(got, expected);
    }
}
