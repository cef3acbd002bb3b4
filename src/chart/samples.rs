//! Sample charts from the plan's own indicators, for looking at.
//!
//! `CHART_SAMPLES=/tmp/chart-samples cargo test --lib chart::samples -- --ignored`
//! writes one SVG per case into that folder.

use super::{IndicatorChart, OverviewChart, OverviewRow, Point, indicator_chart, overview_chart};
use crate::lang::Lang;
use crate::model::figure::Bound;
use crate::model::status::Status;

fn point(year: i32, value: f64, label: &str) -> Point {
    Point {
        year,
        value,
        label: label.to_string(),
    }
}

/// The sample indicator charts, by file name.
pub(super) fn indicators() -> Vec<(&'static str, IndicatorChart)> {
    vec![
        (
            "students-zh",
            IndicatorChart {
                lang: Lang::Zh,
                title: "职业院校在校生规模".into(),
                unit: "万人".into(),
                baseline: Some(point(2020, 14.4, "14.4万人")),
                target: point(2025, 20.0, "20万人"),
                bound: Bound::Exact,
                decrease: false,
                actuals: vec![point(2022, 16.3, "16.3万人"), point(2023, 17.1, "17.1万人")],
                start_year: 2020,
                end_year: 2025,
                desc: "2020年基期值14.4万人，2025年目标值20万人；2022年16.3万人，2023年17.1万人。"
                    .into(),
            },
        ),
        (
            "students-en",
            IndicatorChart {
                lang: Lang::En,
                title: "Enrolment of vocational schools".into(),
                unit: "people".into(),
                baseline: Some(point(2020, 144_000.0, "144,000 people")),
                target: point(2025, 200_000.0, "200,000 people"),
                bound: Bound::Exact,
                decrease: false,
                actuals: vec![
                    point(2022, 163_000.0, "163,000 people"),
                    point(2023, 171_000.0, "171,000 people"),
                ],
                start_year: 2020,
                end_year: 2025,
                desc: "Baseline 144,000 people in 2020, target 200,000 people by 2025; \
                       163,000 in 2022, 171,000 in 2023."
                    .into(),
            },
        ),
        (
            "ratio-zh",
            IndicatorChart {
                lang: Lang::Zh,
                title: "生师比".into(),
                unit: String::new(),
                baseline: Some(point(2020, 22.0, "22:1")),
                target: point(2025, 18.0, "18:1"),
                bound: Bound::Exact,
                decrease: true,
                actuals: vec![point(2022, 21.0, "21:1")],
                start_year: 2020,
                end_year: 2025,
                desc: "2020年基期值22:1，2025年目标值18:1，数值越低越好；2022年21:1。".into(),
            },
        ),
        (
            "ratio-en",
            IndicatorChart {
                lang: Lang::En,
                title: "Student–teacher ratio".into(),
                unit: String::new(),
                baseline: Some(point(2020, 22.0, "22:1")),
                target: point(2025, 18.0, "18:1"),
                bound: Bound::Exact,
                decrease: true,
                actuals: vec![point(2022, 21.0, "21:1")],
                start_year: 2020,
                end_year: 2025,
                desc: "Baseline 22:1 in 2020, target 18:1 by 2025, lower is better; 21:1 in 2022."
                    .into(),
            },
        ),
        (
            "ceiling-en",
            IndicatorChart {
                lang: Lang::En,
                title: "Student–teacher ratio".into(),
                unit: String::new(),
                baseline: Some(point(2020, 22.0, "22:1")),
                target: point(2025, 18.0, "at most 18:1"),
                bound: Bound::Ceiling,
                decrease: true,
                actuals: vec![point(2021, 21.6, "21.6:1"), point(2024, 17.5, "17.5:1")],
                start_year: 2020,
                end_year: 2025,
                desc: "Baseline 22:1 in 2020, target at most 18:1 by 2025.".into(),
            },
        ),
        (
            "no-baseline-zh",
            IndicatorChart {
                lang: Lang::Zh,
                title: "毕业生区域内就业创业率".into(),
                unit: "%".into(),
                baseline: None,
                target: point(2025, 20.0, "不少于20%"),
                bound: Bound::Floor,
                decrease: false,
                actuals: vec![point(2023, 17.5, "17.5%")],
                start_year: 2020,
                end_year: 2025,
                desc: "无2020年基期值；2025年目标值不少于20%；2023年17.5%。".into(),
            },
        ),
        (
            "no-baseline-en",
            IndicatorChart {
                lang: Lang::En,
                title: "Rate of graduates employed or self-employed within the region".into(),
                unit: "%".into(),
                baseline: None,
                target: point(2025, 20.0, "at least 20%"),
                bound: Bound::Floor,
                decrease: false,
                actuals: vec![],
                start_year: 2020,
                end_year: 2025,
                desc: "No 2020 baseline; target at least 20% by 2025.".into(),
            },
        ),
        (
            "floor-en",
            IndicatorChart {
                lang: Lang::En,
                title: "Training bases for highly skilled talent at municipal level and above \
                        (including skill master studios)"
                    .into(),
                unit: "people".into(),
                baseline: Some(point(2020, 6.0, "6 people")),
                target: point(2025, 30.0, "at least 30 people"),
                bound: Bound::Floor,
                decrease: false,
                actuals: vec![
                    point(2021, 9.0, "9 people"),
                    point(2022, 14.0, "14 people"),
                    point(2023, 19.0, "19 people"),
                    point(2024, 31.0, "31 people"),
                ],
                start_year: 2020,
                end_year: 2025,
                desc: "Baseline 6 in 2020, target at least 30 by 2025.".into(),
            },
        ),
        (
            "counts-zh-2035",
            IndicatorChart {
                lang: Lang::Zh,
                title: "国家“双高”计划学校".into(),
                unit: "所".into(),
                baseline: Some(point(2020, 0.0, "0所")),
                target: point(2035, 1.0, "1所"),
                bound: Bound::Exact,
                decrease: false,
                actuals: vec![point(2022, 0.0, "0所"), point(2024, 1.0, "1所")],
                start_year: 2020,
                end_year: 2035,
                desc: "2020年0所，2035年目标1所。".into(),
            },
        ),
    ]
}

fn row(name: &str, progress: Option<f64>, status: Status, lang: Lang) -> OverviewRow {
    OverviewRow {
        name: name.into(),
        progress,
        status,
        status_label: status.label().get(lang).to_string(),
    }
}

/// The sample overviews, by file name.
pub(super) fn overviews() -> Vec<(&'static str, OverviewChart)> {
    let zh = Lang::Zh;
    let en = Lang::En;
    vec![
        (
            "overview-zh",
            OverviewChart {
                lang: zh,
                title: "社会贡献（2023年）".into(),
                rows: vec![
                    row("毕业生区域内就业创业率", Some(0.875), Status::OnTrack, zh),
                    row("高层次科研创新平台", Some(1.8), Status::Achieved, zh),
                    row(
                        "市级及以上高技能人才培训基地（含技能大师工作室）",
                        Some(0.333),
                        Status::OffTrack,
                        zh,
                    ),
                    row("科技成果转化项目", None, Status::NoData, zh),
                    row("技术服务产值年增长率", Some(1.0), Status::Achieved, zh),
                    row("社区学院、市民学院", Some(-0.2), Status::OffTrack, zh),
                    row("老年教育示范校（基地）", Some(0.0), Status::OffTrack, zh),
                ],
                expected: Some(0.6),
                desc: "社会贡献类7项指标2023年进展。".into(),
            },
        ),
        (
            "overview-en",
            OverviewChart {
                lang: en,
                title: "Social Contribution (2023)".into(),
                rows: vec![
                    row(
                        "Rate of graduates employed or self-employed within the region",
                        Some(0.875),
                        Status::OnTrack,
                        en,
                    ),
                    row(
                        "High-level research and innovation platforms",
                        Some(1.8),
                        Status::Achieved,
                        en,
                    ),
                    row(
                        "Training bases for highly skilled talent at municipal level and above \
                         (including skill master studios)",
                        Some(0.333),
                        Status::OffTrack,
                        en,
                    ),
                    row(
                        "Projects for the transfer of scientific and technological achievements",
                        None,
                        Status::NoData,
                        en,
                    ),
                    row(
                        "Annual growth rate of the output value of technical services",
                        Some(1.0),
                        Status::Achieved,
                        en,
                    ),
                    row(
                        "Community colleges and citizens' colleges",
                        Some(-0.2),
                        Status::OffTrack,
                        en,
                    ),
                    row(
                        "Demonstration schools (bases) for education of older people",
                        Some(0.0),
                        Status::OffTrack,
                        en,
                    ),
                ],
                expected: Some(0.6),
                desc: "Progress of the seven indicators of social contribution in 2023.".into(),
            },
        ),
        (
            "overview-cagr-en",
            OverviewChart {
                lang: en,
                title: "Teaching Staff (2024)".into(),
                rows: vec![
                    row(
                        "Student–teacher ratio",
                        Some(0.5),
                        Status::AccelerationNeeded,
                        en,
                    ),
                    row(
                        "Share of dual-qualified teachers among full-time teachers",
                        Some(1.12),
                        Status::Achieved,
                        en,
                    ),
                    row(
                        "Teaching and research innovation teams at municipal level and above",
                        Some(0.95),
                        Status::OnTrack,
                        en,
                    ),
                    row(
                        "Skill masters at municipal level and above",
                        Some(0.2),
                        Status::LimitedProgress,
                        en,
                    ),
                    row(
                        "Top innovative talent at municipal level and above, such as Chongqing Talents",
                        Some(-0.6),
                        Status::MovingAway,
                        en,
                    ),
                    row(
                        "Share of teachers holding doctoral degrees",
                        None,
                        Status::NoData,
                        en,
                    ),
                ],
                expected: None,
                desc: "Teaching staff, 2024, CAGR method.".into(),
            },
        ),
    ]
}

#[test]
fn samples_are_well_formed() {
    for (name, c) in indicators() {
        let svg = indicator_chart(&c);
        super::draw::testing::check_xml(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for (name, c) in overviews() {
        let svg = overview_chart(&c);
        super::draw::testing::check_xml(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
#[ignore = "writes files; set CHART_SAMPLES to a folder"]
fn write_samples() {
    let Ok(dir) = std::env::var("CHART_SAMPLES") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, c) in indicators() {
        std::fs::write(dir.join(format!("{name}.svg")), indicator_chart(&c)).unwrap();
    }
    for (name, c) in overviews() {
        std::fs::write(dir.join(format!("{name}.svg")), overview_chart(&c)).unwrap();
    }
}
