//! The category overview: one horizontal bar per indicator showing its
//! progress toward target in one edition (100% = target reached).
//!
//! Columns, left to right: the indicator's name (at most two lines, cut
//! with "…"; the full list is in `<desc>`), the bar from 0 to 150% (a short
//! stub left of zero when any progress is negative), the percentage and
//! the status with its symbol. A solid line marks the target (100%), a
//! dashed one the expected share of the way, when given. Progress beyond
//! 150% is capped with an arrow and the words "beyond target"; a row
//! without a value says "no data yet" instead of a bar.

use plotters::style::RGBColor;

use super::draw::{
    AXIS, Canvas, DARK_BLUE, DARK_RED, Font, GRID, INK, LIGHT_BLUE, LIGHT_RED, LIGHT_YELLOW, MUTED,
    PAPER, Words, clamp, px, render, wrap,
};
use super::{OverviewChart, OverviewRow};
use crate::model::figure::format_decimal;
use crate::model::status::Status;

const WIDTH: u32 = 640;
const HEADER: f64 = 44.0;
const ROW: f64 = 32.0;
const FOOTER: f64 = 8.0;
const MARGIN: f64 = 8.0;
/// The right end of the bar scale: 150%.
const CAP: f64 = 1.5;

const TARGET: Words = Words {
    en: "Target",
    zh: "目标",
};
const EXPECTED: Words = Words {
    en: "Expected",
    zh: "应达进度",
};
const BEYOND: Words = Words {
    en: "beyond target",
    zh: "超过目标",
};
const NO_DATA_YET: Words = Words {
    en: "No data yet",
    zh: "暂无数据",
};

const NAME_FONT: Font = Font::new(12.0, &INK);
const VALUE_FONT: Font = Font::new(12.0, &INK);
const TICK_FONT: Font = Font::new(11.0, &MUTED);
const NOTE_FONT: Font = Font::new(10.5, &INK);
/// The zebra band behind every other row.
const BAND: RGBColor = RGBColor(0xF4, 0xF5, 0xF7);

/// The fill of a status's bar: Paul Tol's medium-contrast scheme, whose
/// colours differ in lightness, so that the statuses of one method read
/// apart in greyscale (linear: dark blue, light blue, light yellow); the
/// symbol and label beside each bar carry the status too.
fn status_color(status: Status) -> &'static RGBColor {
    match status {
        Status::Achieved => &DARK_BLUE,
        Status::OnTrack => &LIGHT_BLUE,
        Status::AccelerationNeeded | Status::OffTrack => &LIGHT_YELLOW,
        Status::LimitedProgress => &LIGHT_RED,
        Status::MovingAway => &DARK_RED,
        Status::NoData => &AXIS,
    }
}

/// Whether white text reads on the status's bar.
fn dark(status: Status) -> bool {
    matches!(status, Status::Achieved | Status::MovingAway)
}

/// A share as a percentage with one decimal ("87.5%", "−4.0%").
fn percent(share: f64) -> String {
    let s = format_decimal(share * 100.0, 1, false);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}%"),
        None => format!("{s}%"),
    }
}

/// A share as a short percentage ("60%", "62.5%").
fn short_percent(share: f64) -> String {
    let s = percent(share);
    s.replace(".0%", "%")
}

/// The progress of a row, if it has a usable value.
fn progress(row: &OverviewRow) -> Option<f64> {
    row.progress.filter(|p| p.is_finite())
}

/// Draws one category overview.
pub fn overview_chart(c: &OverviewChart) -> String {
    let rows = c.rows.len().max(1);
    let height = (HEADER + ROW * rows as f64 + FOOTER) as u32;
    render(
        WIDTH,
        height,
        c.lang,
        "overview",
        &c.title,
        &c.desc,
        |canvas| paint(canvas, c, f64::from(height)),
    )
}

fn paint(cv: &Canvas, c: &OverviewChart, height: f64) {
    let lang = c.lang;
    let width = f64::from(WIDTH);

    // Columns.
    let values: Vec<Option<(String, String)>> = c
        .rows
        .iter()
        .map(|r| {
            progress(r).map(|p| {
                let status = format!("{} {}", r.status.symbol(), r.status_label.trim());
                (percent(p), status)
            })
        })
        .collect();
    let pct_w = values
        .iter()
        .flatten()
        .map(|(p, _)| VALUE_FONT.width(p))
        .fold(0.0, f64::max);
    let no_data = format!("{} {}", Status::NoData.symbol(), NO_DATA_YET.get(lang));
    let status_w = values
        .iter()
        .map(|v| VALUE_FONT.width(v.as_ref().map_or(&no_data, |(_, s)| s)))
        .fold(0.0, f64::max)
        .min(190.0);
    let right_w = if c.rows.is_empty() {
        0.0
    } else {
        pct_w + 8.0 + status_w
    };
    let negative = c.rows.iter().filter_map(progress).any(|p| p < 0.0);
    let neg_w = if negative { 30.0 } else { 0.0 };
    let name_natural = c
        .rows
        .iter()
        .map(|r| NAME_FONT.width(r.name.trim()))
        .fold(40.0, f64::max);
    let fixed = 2.0 * MARGIN + 12.0 + neg_w + 16.0 + 12.0 + right_w;
    let name_w = name_natural
        .min(200.0)
        .min((width - fixed - 180.0).max(120.0));
    let bar_w = width - fixed - name_w;
    let zero_x = MARGIN + name_w + 12.0 + neg_w;
    let unit = bar_w / CAP;
    let neg_limit = neg_w / unit;
    let x = |p: f64| zero_x + clamp(p, -neg_limit, CAP) * unit;
    let pct_right = zero_x + bar_w + 16.0 + 12.0 + pct_w;
    let status_x = pct_right + 8.0;

    let rows_top = HEADER;
    let rows_bottom = height - FOOTER;
    let (top, bottom) = (px(rows_top - 6.0), px(rows_bottom));

    // Zebra bands.
    for i in (1..c.rows.len()).step_by(2) {
        let y = rows_top + ROW * i as f64;
        cv.rect((0, px(y)), (WIDTH as i32, px(y + ROW)), &BAND);
    }

    // The scale: ticks at 0, 50%, 100% (the target) and 150%.
    for (share, color) in [(0.5, &GRID), (CAP, &GRID), (0.0, &AXIS)] {
        let xs = px(x(share));
        cv.line(&[(xs, top), (xs, bottom)], color, 1);
    }
    for share in [0.0, 0.5, CAP] {
        cv.text(
            &short_percent(share),
            (px(x(share)), 14),
            TICK_FONT.centre(),
        );
    }
    let target_label = format!("{} 100%", TARGET.get(lang));
    cv.text(
        &target_label,
        (px(x(1.0)), 14),
        Font::new(11.0, &INK).centre().bold(),
    );

    // Bars.
    for (i, row) in c.rows.iter().enumerate() {
        let cy = rows_top + ROW * i as f64 + ROW / 2.0;
        let lines = wrap(&row.name, NAME_FONT.size, name_w, 2);
        let first = cy - 7.0 * (lines.len() as f64 - 1.0);
        for (k, line) in lines.iter().enumerate() {
            cv.text(line, (px(MARGIN), px(first + 14.0 * k as f64)), NAME_FONT);
        }
        let Some(p) = progress(row) else {
            // In the status column, where every other row says its status,
            // so no reference line crosses it.
            let text = super::draw::truncate(&no_data, VALUE_FONT.size, status_w, false);
            cv.text(
                &text,
                (px(status_x), px(cy)),
                Font::new(VALUE_FONT.size, &MUTED),
            );
            continue;
        };
        let color = status_color(row.status);
        let (y0, y1) = (px(cy - 7.0), px(cy + 7.0));
        let (mut xa, mut xb) = (px(x(p.min(0.0))), px(x(p.max(0.0))));
        if xb - xa < 2 {
            // A value at zero still shows a sliver.
            if p < 0.0 {
                xa = xb - 2;
            } else {
                xb = xa + 2;
            }
        }
        cv.rect((xa, y0), (xb, y1), color);
        cv.frame((xa, y0), (xb, y1), &INK);
        let ycy = px(cy);
        if p > CAP {
            // Capped: an arrow past 150% and the words.
            cv.polygon(&[(xb, y0 - 2), (xb + 10, ycy), (xb, y1 + 2)], color);
            cv.line(&[(xb, y0 - 2), (xb + 10, ycy), (xb, y1 + 2)], &INK, 1);
            let ink = if dark(row.status) { &PAPER } else { &INK };
            cv.text(
                BEYOND.get(lang),
                (xb - 5, ycy),
                Font::new(NOTE_FONT.size, ink).right(),
            );
        } else if p < -neg_limit {
            cv.polygon(&[(xa, y0 - 2), (xa - 8, ycy), (xa, y1 + 2)], color);
            cv.line(&[(xa, y0 - 2), (xa - 8, ycy), (xa, y1 + 2)], &INK, 1);
        }
    }

    // The target line, and the expected share of the way.
    let tx = px(x(1.0));
    cv.line(&[(tx, top), (tx, bottom)], &INK, 2);
    if let Some(e) = c.expected.filter(|e| e.is_finite()) {
        let ex = px(x(e));
        cv.dashed(&[(ex, top), (ex, bottom)], 2);
        let label = format!("{} {}", EXPECTED.get(lang), short_percent(e));
        let w = TICK_FONT.width(&label);
        let lx = clamp(f64::from(ex), MARGIN + w / 2.0, width - MARGIN - w / 2.0);
        cv.text(&label, (px(lx), 30), Font::new(11.0, &INK).centre().halo());
    }

    // Percentages and statuses.
    for (i, value) in values.iter().enumerate() {
        let Some((pct, status)) = value else { continue };
        let cy = px(rows_top + ROW * i as f64 + ROW / 2.0);
        cv.text(pct, (px(pct_right), cy), VALUE_FONT.right());
        let status = super::draw::truncate(status, VALUE_FONT.size, status_w, false);
        cv.text(&status, (px(status_x), cy), VALUE_FONT);
    }

    if c.rows.is_empty() {
        let cy = px(rows_top + ROW / 2.0);
        cv.text(&no_data, (px(zero_x + 6.0), cy), Font::new(12.0, &MUTED));
    }
}

#[cfg(test)]
mod tests {
    use super::super::draw::testing::{check_common, texts};
    use super::super::draw::text_width;
    use super::*;
    use crate::lang::Lang;
    use std::time::Instant;

    fn row(name: &str, progress: Option<f64>, status: Status, lang: Lang) -> OverviewRow {
        OverviewRow {
            name: name.into(),
            progress,
            status,
            status_label: status.label().get(lang).to_string(),
        }
    }

    fn scale(lang: Lang) -> OverviewChart {
        let names: [&str; 5] = match lang {
            Lang::Zh => [
                "职业院校在校生人数",
                "高等职业院校在校生人数",
                "“双师型”教师占专业课教师比例",
                "国家级高水平专业群数量（含市级及以上双高计划建设专业群）",
                "生师比",
            ],
            Lang::En => [
                "Students enrolled in vocational schools",
                "Students in higher vocational colleges",
                "Share of dual-qualified teachers among specialty teachers",
                "Number of national and municipal high-level specialty groups built under the Double High-Level Plan, including those of the Double Excellence Plan in secondary schools",
                "Student–teacher ratio",
            ],
        };
        OverviewChart {
            lang,
            title: match lang {
                Lang::Zh => "办学规模（2023年）".into(),
                Lang::En => "Scale (2023)".into(),
            },
            rows: vec![
                row(names[0], Some(0.625), Status::OnTrack, lang),
                row(names[1], Some(1.8), Status::Achieved, lang),
                row(names[2], None, Status::NoData, lang),
                row(names[3], Some(0.3), Status::OffTrack, lang),
                row(names[4], Some(-0.25), Status::OffTrack, lang),
            ],
            expected: Some(0.6),
            desc: "Five indicators: …".into(),
        }
    }

    #[test]
    fn overview_is_accessible_well_formed_svg() {
        for lang in [Lang::Zh, Lang::En] {
            let c = scale(lang);
            let svg = overview_chart(&c);
            check_common(&svg, &c.title, &c.desc);
            assert!(svg.contains("viewBox=\"0 0 640 212\""), "{svg}");
        }
        let empty = OverviewChart {
            rows: vec![],
            expected: None,
            ..scale(Lang::En)
        };
        let svg = overview_chart(&empty);
        check_common(&svg, &empty.title, &empty.desc);
    }

    #[test]
    fn overview_labels_percent_and_status_with_symbol() {
        let svg = overview_chart(&scale(Lang::Zh));
        let t = texts(&svg);
        for want in [
            "62.5%",
            "180.0%",
            "30.0%",
            "−25.0%",
            "▲ 进度正常",
            "✔ 已实现",
            "▼ 进度滞后",
        ] {
            assert!(t.contains(&want), "{want} missing in {t:?}");
        }
        assert!(t.contains(&"– 暂无数据"), "{t:?}");
        assert!(t.contains(&"超过目标"), "{t:?}");
        assert!(t.contains(&"目标 100%"), "{t:?}");
        assert!(t.contains(&"应达进度 60%"), "{t:?}");
        let svg = overview_chart(&scale(Lang::En));
        let t = texts(&svg);
        for want in [
            "▲ On track",
            "– No data yet",
            "beyond target",
            "Target 100%",
            "Expected 60%",
        ] {
            assert!(t.contains(&want), "{want} missing in {t:?}");
        }
        assert!(
            !t.concat()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{t:?}"
        );
    }

    #[test]
    fn overview_rounds_half_away_from_zero() {
        let mut c = scale(Lang::En);
        c.rows[0].progress = Some(0.88250);
        c.rows[3].progress = Some(-0.00001);
        let t = texts(&overview_chart(&c)).join("|");
        assert!(t.contains("88.3%"), "{t}");
        assert!(t.contains("|0.0%|"), "{t}");
    }

    #[test]
    fn overview_draws_no_bar_without_data_and_one_per_value() {
        let c = OverviewChart {
            rows: vec![row("a", None, Status::NoData, Lang::En)],
            expected: None,
            ..scale(Lang::En)
        };
        let svg = overview_chart(&c);
        assert!(texts(&svg).contains(&"– No data yet"));
        assert!(!svg.contains("stroke-dasharray"), "no expected line");
        // Only the scale's lines, no bar.
        assert!(!svg.contains("<rect"), "{svg}");
        let svg = overview_chart(&scale(Lang::En));
        assert_eq!(svg.matches("stroke-dasharray").count(), 1);
        // Four bars, each filled and framed, and two zebra bands.
        assert_eq!(svg.matches("<rect").count(), 4 * 2 + 2, "{svg}");
    }

    #[test]
    fn overview_names_fit_their_column() {
        for lang in [Lang::Zh, Lang::En] {
            let svg = overview_chart(&scale(lang));
            let names: Vec<&str> = texts(&svg)
                .into_iter()
                .filter(|t| t.starts_with("Number of") || t.starts_with("国家级"))
                .collect();
            assert!(!names.is_empty(), "{svg}");
            assert!(
                names.iter().all(|n| text_width(n, 12.0) <= 200.0),
                "{names:?}"
            );
            let all = texts(&svg).join("\n");
            if lang == Lang::En {
                assert!(all.contains('…'), "the long name is cut: {all}");
            }
        }
    }

    #[test]
    fn overview_escapes_text() {
        let mut c = scale(Lang::En);
        c.title = "<script>&".into();
        c.rows[0].name = "<script>alert('x')</script> & more".into();
        c.rows[0].status_label = "a<b".into();
        let svg = overview_chart(&c);
        check_common(&svg, &c.title, &c.desc);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;&amp;"), "{svg}");
        assert!(svg.contains("a&lt;b"), "{svg}");
    }

    #[test]
    fn overview_is_deterministic_and_fast() {
        let c = scale(Lang::Zh);
        assert_eq!(overview_chart(&c), overview_chart(&c));
        let start = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(overview_chart(&c));
        }
        let each = start.elapsed() / 200;
        eprintln!("one chart: {each:?}");
        assert!(each.as_millis() < 10, "{each:?}");
    }

    #[test]
    fn percent_uses_a_minus_sign() {
        assert_eq!(percent(-0.125), "−12.5%");
        assert_eq!(percent(0.5), "50.0%");
        assert_eq!(short_percent(0.5), "50%");
        assert_eq!(short_percent(0.625), "62.5%");
    }
}
