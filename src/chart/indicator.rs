//! The indicator chart: the baseline and the target in their years, the
//! straight path between them (dashed), and each reported value.
//!
//! Layout, top to bottom: the indicator's name (at most two lines), a line
//! of notes in words (unit, "lower is better", "no 2020 baseline", "axis
//! does not start at zero"), the plot, the year axis and a legend.
//!
//! The value axis starts at zero, and baseline and target are bars. Where
//! a zero-based axis would hide the change — all values positive and their
//! spread less than a quarter of the largest, as in a 22 → 18 ratio — the
//! axis starts near the data, the note says so, and baseline and target
//! are markers instead of bars (a bar on a cut axis misstates its size).

use super::IndicatorChart;
use super::draw::{
    AXIS, Canvas, DARK_BLUE, DARK_RED, Font, GRID, INK, LIGHT_BLUE, MUTED, PALE_BLUE, PAPER, Words,
    clamp, px, render, truncate, wrap,
};
use crate::lang::Lang;
use crate::model::figure::{Bound, format_decimal};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 360;
const MARGIN: f64 = 12.0;

const BASELINE: Words = Words {
    en: "Baseline",
    zh: "基期值",
};
const TARGET: Words = Words {
    en: "Target",
    zh: "目标值",
};
const TARGET_FLOOR: Words = Words {
    en: "Target (at least)",
    zh: "目标值（不少于）",
};
const TARGET_CEILING: Words = Words {
    en: "Target (at most)",
    zh: "目标值（不超过）",
};
const ACTUAL: Words = Words {
    en: "Actual",
    zh: "实际值",
};
const EXPECTED_PATH: Words = Words {
    en: "Expected path",
    zh: "预期路径",
};
const LOWER_IS_BETTER: Words = Words {
    en: "Lower is better",
    zh: "数值越低越好",
};
const AXIS_NOT_ZERO: Words = Words {
    en: "Axis does not start at zero",
    zh: "纵轴不从零开始",
};

/// "Unit: …" in the chart's language.
fn unit_note(lang: Lang, unit: &str) -> String {
    match lang {
        Lang::Zh => format!("单位：{unit}"),
        Lang::En => format!("Unit: {unit}"),
    }
}

/// "No 2020 baseline" in the chart's language.
fn no_baseline_note(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("无{year}年基期值"),
        Lang::En => format!("No {year} baseline"),
    }
}

const TITLE_FONT: Font = Font::new(15.0, &INK).bold();
const NOTE_FONT: Font = Font::new(12.0, &MUTED);
const TICK_FONT: Font = Font::new(11.0, &MUTED);
const LABEL_FONT: Font = Font::new(11.5, &INK).centre().halo();
const LEGEND_FONT: Font = Font::new(11.5, &INK);

/// The value axis: its range, tick step, and the decimals of its labels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ValueAxis {
    min: f64,
    max: f64,
    step: f64,
    decimals: u8,
    from_zero: bool,
}

impl ValueAxis {
    /// The axis for `values`: from zero unless that hides the change.
    fn new(values: &[f64]) -> ValueAxis {
        let finite = || values.iter().copied().filter(|v| v.is_finite());
        let lo = finite().fold(f64::INFINITY, f64::min);
        let hi = finite().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let count = finite().count();
        let hides_change = count >= 2 && lo > 0.0 && hi > lo && hi - lo < 0.25 * hi;
        let (a, b) = if hides_change {
            let span = (hi - lo).max(hi * 0.04);
            ((lo - 0.6 * span).max(0.0), hi + 0.1 * span)
        } else {
            let (a, b) = (lo.min(0.0), hi.max(0.0));
            if b - a > 0.0 { (a, b) } else { (a, a + 1.0) }
        };
        let mut step = nice_step((b - a) / 4.0);
        if step < 1.0 && finite().all(|v| v.fract() == 0.0) {
            // Counts (schools, platforms) get whole-number ticks.
            step = 1.0;
        }
        let min = (a / step).floor() * step;
        let max = ((b / step).ceil() * step).max(min + step);
        ValueAxis {
            min,
            max,
            step,
            decimals: decimals_of(step),
            from_zero: min <= 0.0,
        }
    }

    /// The tick values, bottom up.
    fn ticks(&self) -> Vec<f64> {
        let first = (self.min / self.step).round() as i64;
        let last = (self.max / self.step).round() as i64;
        (first..=last).map(|k| k as f64 * self.step).collect()
    }

    /// A tick's label.
    fn label(&self, v: f64) -> String {
        format_decimal(v, self.decimals, true)
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw > 0.0 && raw.is_finite()) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let m = if n <= 1.0 + 1e-9 {
        1.0
    } else if n <= 2.0 + 1e-9 {
        2.0
    } else if n <= 2.5 + 1e-9 {
        2.5
    } else if n <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// The decimals that show multiples of `step` exactly.
fn decimals_of(step: f64) -> u8 {
    (0u8..=6)
        .find(|d| {
            let s = step * 10f64.powi(i32::from(*d));
            (s - s.round()).abs() < 1e-6 * s.abs().max(1.0)
        })
        .unwrap_or(6)
}

/// A rectangle in pixels: left, top, right, bottom.
type Bounds = (f64, f64, f64, f64);

fn overlaps(a: &Bounds, b: &Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The chart's geometry.
struct Frame {
    left: f64,
    right: f64,
    /// Top of the plot (labels may use the headroom below it).
    top: f64,
    /// The y of the axis' highest tick.
    data_top: f64,
    bottom: f64,
    first_year: i32,
    last_year: i32,
    pad_years: f64,
    axis: ValueAxis,
}

impl Frame {
    fn x(&self, year: i32) -> f64 {
        let span = f64::from(self.last_year - self.first_year) + 2.0 * self.pad_years;
        self.left
            + (f64::from(year - self.first_year) + self.pad_years) / span * (self.right - self.left)
    }

    fn year_step(&self) -> f64 {
        self.x(self.first_year + 1) - self.x(self.first_year)
    }

    fn y(&self, v: f64) -> f64 {
        let v = clamp(v, self.axis.min, self.axis.max);
        self.bottom
            - (v - self.axis.min) / (self.axis.max - self.axis.min) * (self.bottom - self.data_top)
    }
}

/// Draws one indicator chart.
pub fn indicator_chart(c: &IndicatorChart) -> String {
    render(
        WIDTH,
        HEIGHT,
        c.lang,
        "indicator",
        &c.title,
        &c.desc,
        |canvas| paint(canvas, c),
    )
}

fn paint(cv: &Canvas, c: &IndicatorChart) {
    let lang = c.lang;
    let width = f64::from(WIDTH);
    let height = f64::from(HEIGHT);

    // Values and the axis.
    let mut actuals: Vec<&super::Point> = c.actuals.iter().collect();
    actuals.sort_by_key(|p| p.year);
    let mut values: Vec<f64> = vec![c.target.value];
    values.extend(c.baseline.as_ref().map(|b| b.value));
    values.extend(actuals.iter().map(|p| p.value));
    let axis = ValueAxis::new(&values);
    let bars = axis.from_zero;

    // Header: the name and the notes.
    let mut cursor = 8.0;
    for line in wrap(&c.title, TITLE_FONT.size, width - 2.0 * MARGIN, 2) {
        cv.text(&line, (px(MARGIN), px(cursor + 10.0)), TITLE_FONT);
        cursor += 20.0;
    }
    cursor += 2.0;
    let mut notes: Vec<String> = Vec::new();
    if !c.unit.trim().is_empty() {
        notes.push(unit_note(lang, c.unit.trim()));
    }
    if c.decrease {
        notes.push(LOWER_IS_BETTER.get(lang).to_string());
    }
    if c.baseline.is_none() {
        notes.push(no_baseline_note(lang, c.start_year));
    }
    if !axis.from_zero {
        notes.push(AXIS_NOT_ZERO.get(lang).to_string());
    }
    let separator = match lang {
        Lang::Zh => "；",
        Lang::En => " · ",
    };
    for line in wrap(
        &notes.join(separator),
        NOTE_FONT.size,
        width - 2.0 * MARGIN,
        2,
    ) {
        cv.text(&line, (px(MARGIN), px(cursor + 8.0)), NOTE_FONT);
        cursor += 16.0;
    }

    // The plot's frame.
    let tick_width = axis
        .ticks()
        .iter()
        .map(|t| TICK_FONT.width(&axis.label(*t)))
        .fold(0.0, f64::max);
    let years = actuals.iter().map(|p| p.year);
    let first_year = years
        .clone()
        .chain([c.start_year, c.end_year])
        .min()
        .unwrap_or(c.start_year);
    let mut last_year = years
        .chain([c.start_year, c.end_year])
        .max()
        .unwrap_or(c.end_year);
    if last_year <= first_year {
        last_year = first_year + 1;
    }
    let top = cursor + 12.0;
    let bottom = height - 54.0;
    // Room above the highest tick for the labels over the marks: a value
    // at share `f` of the axis, whose label needs `above` pixels, needs a
    // headroom `h` with `(1 − f)·full + f·h ≥ above`.
    let full = bottom - top;
    let marker = if bars { 0.0 } else { 8.0 };
    let arrow = if matches!(c.bound, Bound::Floor | Bound::Ceiling) {
        18.0
    } else {
        0.0
    };
    let mut needs: Vec<(f64, f64)> = vec![(c.target.value, 21.0 + marker + arrow)];
    needs.extend(c.baseline.as_ref().map(|b| (b.value, 21.0 + marker)));
    needs.extend(actuals.iter().map(|p| (p.value, 24.0)));
    let headroom = needs
        .iter()
        .filter(|(v, _)| v.is_finite())
        .map(|(v, above)| {
            let f = (v - axis.min) / (axis.max - axis.min);
            if f > 0.0 {
                (above - full * (1.0 - f)) / f
            } else {
                0.0
            }
        })
        .fold(4.0, f64::max)
        .min(full / 2.0);
    let frame = Frame {
        left: MARGIN + tick_width + 8.0,
        right: width - MARGIN - 4.0,
        top,
        data_top: top + headroom,
        bottom,
        first_year,
        last_year,
        pad_years: 0.6,
        axis,
    };

    // Grid, value ticks and the axes.
    let (left, right) = (px(frame.left), px(frame.right));
    for t in axis.ticks() {
        let y = px(frame.y(t));
        if (t - axis.min).abs() > axis.step / 2.0 {
            let color = if t == 0.0 { &AXIS } else { &GRID };
            cv.line(&[(left, y), (right, y)], color, 1);
        }
        cv.text(&axis.label(t), (px(frame.left - 6.0), y), TICK_FONT.right());
    }
    let bottom = px(frame.bottom);
    cv.line(&[(left, bottom), (right, bottom)], &AXIS, 1);
    for year in year_ticks(&frame, c.start_year, c.end_year) {
        cv.text(
            &year.to_string(),
            (px(frame.x(year)), bottom + 14),
            TICK_FONT.centre(),
        );
    }

    // Baseline and target.
    let half = clamp(frame.year_step() * 0.3, 6.0, 22.0);
    let zero_y = frame.y(0.0);
    let mut obstacles: Vec<Bounds> = Vec::new();
    // A label longer than this is cut (the figures are in `<desc>` too).
    let fit = |s: &str| truncate(s, LABEL_FONT.size, 280.0, false);
    let mut labels: Vec<(String, f64, f64)> = Vec::new(); // text, x, y
    if let Some(b) = &c.baseline {
        let x = frame.x(b.year);
        let y = frame.y(b.value);
        let top = if bars {
            // A zero baseline still shows a sliver.
            let (ya, yb) = (px(y.min(zero_y)), px(y.max(zero_y)));
            cv.rect(
                (px(x - half), ya.min(yb - 2)),
                (px(x + half), yb),
                &LIGHT_BLUE,
            );
            obstacles.push((x - half, y.min(zero_y), x + half, y.max(zero_y)));
            y.min(zero_y)
        } else {
            cv.rect((px(x) - 6, px(y) - 6), (px(x) + 6, px(y) + 6), &LIGHT_BLUE);
            obstacles.push((x - 6.0, y - 6.0, x + 6.0, y + 6.0));
            y - 6.0
        };
        labels.push((
            fit(&b.label),
            x,
            label_y(b.value, top, y, zero_y, bars, 0.0),
        ));
    }
    {
        let t = &c.target;
        let x = frame.x(t.year);
        let y = frame.y(t.value);
        let top = if bars {
            let (xa, xb) = (px(x - half), px(x + half));
            let (ya, yb) = (px(y.min(zero_y)), px(y.max(zero_y)));
            cv.rect((xa, ya), (xb, yb), &PALE_BLUE);
            cv.line(
                &[
                    (xa + 1, yb),
                    (xa + 1, ya + 1),
                    (xb - 1, ya + 1),
                    (xb - 1, yb),
                ],
                &DARK_BLUE,
                2,
            );
            obstacles.push((x - half, y.min(zero_y), x + half, y.max(zero_y)));
            y.min(zero_y)
        } else {
            diamond(cv, (px(x), px(y)), 8);
            obstacles.push((x - 8.0, y - 8.0, x + 8.0, y + 8.0));
            y - 8.0
        };
        let mut lift = 0.0;
        if t.value >= 0.0 || !bars {
            let (x, top) = (px(x), px(top));
            match c.bound {
                Bound::Floor => {
                    // An arrow up: the target is a floor.
                    cv.line(&[(x, top - 3), (x, top - 12)], &DARK_BLUE, 2);
                    cv.polygon(
                        &[(x - 5, top - 11), (x + 5, top - 11), (x, top - 19)],
                        &DARK_BLUE,
                    );
                    lift = 18.0;
                }
                Bound::Ceiling => {
                    // An arrow down: the target is a ceiling.
                    cv.line(&[(x, top - 19), (x, top - 10)], &DARK_BLUE, 2);
                    cv.polygon(
                        &[(x - 5, top - 11), (x + 5, top - 11), (x, top - 3)],
                        &DARK_BLUE,
                    );
                    lift = 18.0;
                }
                Bound::Exact => {}
            }
        }
        labels.push((
            fit(&t.label),
            x,
            label_y(t.value, top, y, zero_y, bars, lift),
        ));
    }

    // The expected path: one dashed line from baseline to target.
    if let Some(b) = &c.baseline {
        cv.dashed(
            &[
                (px(frame.x(b.year)), px(frame.y(b.value))),
                (px(frame.x(c.target.year)), px(frame.y(c.target.value))),
            ],
            2,
        );
    }

    // Reported values: a line from the baseline through each, and dots.
    if !actuals.is_empty() {
        let mut path: Vec<(i32, i32)> = Vec::new();
        if let Some(b) = c
            .baseline
            .as_ref()
            .filter(|b| actuals.iter().all(|a| a.year >= b.year))
        {
            path.push((px(frame.x(b.year)), px(frame.y(b.value))));
        }
        path.extend(
            actuals
                .iter()
                .map(|p| (px(frame.x(p.year)), px(frame.y(p.value)))),
        );
        if path.len() > 1 {
            cv.line(&path, &DARK_RED, 2);
        }
        for p in &actuals {
            let centre = (px(frame.x(p.year)), px(frame.y(p.value)));
            cv.dot(centre, 7, &PAPER);
            cv.dot(centre, 5, &DARK_RED);
            let (x, y) = (f64::from(centre.0), f64::from(centre.1));
            obstacles.push((x - 6.0, y - 6.0, x + 6.0, y + 6.0));
        }
    }

    // Labels: baseline and target first, then each reported value where it
    // does not cover another label or mark.
    let mut placed: Vec<Bounds> = Vec::new();
    let label_box = |text: &str, x: f64, y: f64| -> Bounds {
        let w = LABEL_FONT.width(text);
        let x = clamp(x, w / 2.0 + 2.0, width - w / 2.0 - 2.0);
        (x - w / 2.0 - 2.0, y - 8.0, x + w / 2.0 + 2.0, y + 8.0)
    };
    let y_min = frame.top + 6.0;
    let y_max = frame.bottom - 8.0;
    for (text, x, y) in labels {
        let bx = label_box(&text, x, clamp(y, y_min, y_max));
        draw_label(cv, &text, &bx);
        placed.push(bx);
    }
    for p in &actuals {
        let (x, y) = (frame.x(p.year), frame.y(p.value));
        let label = fit(&p.label);
        let candidates = [y - 15.0, y + 16.0, y - 31.0, y + 32.0];
        let free = candidates
            .iter()
            .map(|cy| label_box(&label, x, *cy))
            .find(|bx| {
                bx.1 >= y_min - 8.0
                    && bx.3 <= y_max + 8.0
                    && !placed.iter().chain(&obstacles).any(|o| overlaps(bx, o))
            });
        let bx = free.unwrap_or_else(|| label_box(&label, x, clamp(candidates[0], y_min, y_max)));
        draw_label(cv, &label, &bx);
        placed.push(bx);
    }

    // Legend, centred at the bottom.
    let mut items: Vec<(Swatch, &str)> = Vec::new();
    if c.baseline.is_some() {
        items.push((Swatch::Baseline, BASELINE.get(lang)));
    }
    let target_words = match c.bound {
        Bound::Floor => TARGET_FLOOR,
        Bound::Ceiling => TARGET_CEILING,
        Bound::Exact => TARGET,
    };
    items.push((Swatch::Target, target_words.get(lang)));
    if c.baseline.is_some() {
        items.push((Swatch::Path, EXPECTED_PATH.get(lang)));
    }
    if !actuals.is_empty() {
        items.push((Swatch::Actual, ACTUAL.get(lang)));
    }
    const SWATCH: f64 = 20.0;
    const GAP: f64 = 6.0;
    const BETWEEN: f64 = 20.0;
    let total: f64 = items
        .iter()
        .map(|(_, t)| SWATCH + GAP + LEGEND_FONT.width(t))
        .sum::<f64>()
        + BETWEEN * (items.len() as f64 - 1.0);
    let mut x = ((width - total) / 2.0).max(MARGIN);
    let y = px(height - 14.0);
    for (swatch, text) in items {
        let x0 = px(x);
        match swatch {
            Swatch::Baseline if bars => cv.rect((x0 + 3, y - 6), (x0 + 17, y + 6), &LIGHT_BLUE),
            Swatch::Baseline => cv.rect((x0 + 4, y - 6), (x0 + 16, y + 6), &LIGHT_BLUE),
            Swatch::Target if bars => {
                cv.rect((x0 + 3, y - 6), (x0 + 17, y + 6), &PALE_BLUE);
                cv.line(
                    &[
                        (x0 + 4, y + 6),
                        (x0 + 4, y - 5),
                        (x0 + 16, y - 5),
                        (x0 + 16, y + 6),
                    ],
                    &DARK_BLUE,
                    2,
                );
            }
            Swatch::Target => diamond(cv, (x0 + 10, y), 7),
            Swatch::Path => cv.dashed(&[(x0, y), (x0 + 20, y)], 2),
            Swatch::Actual => {
                cv.line(&[(x0, y), (x0 + 20, y)], &DARK_RED, 2);
                cv.dot((x0 + 10, y), 4, &DARK_RED);
            }
        }
        cv.text(text, (px(x + SWATCH + GAP), y), LEGEND_FONT);
        x += SWATCH + GAP + LEGEND_FONT.width(text) + BETWEEN;
    }
}

/// What a legend entry shows.
#[derive(Clone, Copy)]
enum Swatch {
    Baseline,
    Target,
    Path,
    Actual,
}

/// The target marker: a pale diamond with a dark edge.
fn diamond(cv: &Canvas, (x, y): (i32, i32), r: i32) {
    cv.polygon(
        &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        &DARK_BLUE,
    );
    let r = r - 3;
    cv.polygon(
        &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        &PALE_BLUE,
    );
}

/// Where the label of a bar or marker goes: above it, or below a bar that
/// goes down from zero.
fn label_y(value: f64, top: f64, y: f64, zero_y: f64, bars: bool, lift: f64) -> f64 {
    if bars && value < 0.0 {
        y.max(zero_y) + 11.0
    } else {
        top - 11.0 - lift
    }
}

fn draw_label(cv: &Canvas, text: &str, bx: &Bounds) {
    let x = (bx.0 + bx.2) / 2.0;
    let y = (bx.1 + bx.3) / 2.0;
    cv.text(text, (px(x), px(y)), LABEL_FONT);
}

/// The years that get a label: the first and the last, and every 1, 2, 5
/// or 10 years between as room allows.
fn year_ticks(frame: &Frame, start: i32, end: i32) -> Vec<i32> {
    const ROOM: f64 = 42.0;
    let step = frame.year_step();
    let every = [1, 2, 5, 10]
        .into_iter()
        .find(|k| step * f64::from(*k) >= ROOM)
        .unwrap_or(20);
    let mut wanted = vec![start, end, frame.first_year, frame.last_year];
    wanted.extend(
        (frame.first_year..=frame.last_year).filter(|y| (y - start).rem_euclid(every) == 0),
    );
    let mut chosen: Vec<i32> = Vec::new();
    for y in wanted {
        if !chosen.contains(&y)
            && chosen
                .iter()
                .all(|c| (frame.x(*c) - frame.x(y)).abs() >= ROOM)
        {
            chosen.push(y);
        }
    }
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::super::draw::testing::{check_common, texts};
    use super::super::draw::text_width;
    use super::super::{IndicatorChart, Point};
    use super::*;
    use std::time::Instant;

    fn point(year: i32, value: f64, label: &str) -> Point {
        Point {
            year,
            value,
            label: label.to_string(),
        }
    }

    fn students_zh() -> IndicatorChart {
        IndicatorChart {
            lang: Lang::Zh,
            title: "职业院校在校生人数".into(),
            unit: "万人".into(),
            baseline: Some(point(2020, 14.4, "14.4万人")),
            target: point(2025, 20.0, "20万人"),
            bound: Bound::Exact,
            decrease: false,
            actuals: vec![point(2022, 16.1, "16.1万人"), point(2023, 17.3, "17.3万人")],
            start_year: 2020,
            end_year: 2025,
            desc: "基期值2020年14.4万人，目标值2025年20万人。".into(),
        }
    }

    fn students_en() -> IndicatorChart {
        IndicatorChart {
            lang: Lang::En,
            title: "Students enrolled in vocational schools".into(),
            unit: "people".into(),
            baseline: Some(point(2020, 144_000.0, "144,000 people")),
            target: point(2025, 200_000.0, "200,000 people"),
            bound: Bound::Exact,
            decrease: false,
            actuals: vec![point(2022, 161_000.0, "161,000 people")],
            start_year: 2020,
            end_year: 2025,
            desc: "Baseline 144,000 people in 2020; target 200,000 people by 2025.".into(),
        }
    }

    fn ratio(lang: Lang) -> IndicatorChart {
        let (title, b, t) = match lang {
            Lang::Zh => ("生师比", "22:1", "18:1"),
            Lang::En => ("Student–teacher ratio", "22:1", "18:1"),
        };
        IndicatorChart {
            lang,
            title: title.into(),
            unit: String::new(),
            baseline: Some(point(2020, 22.0, b)),
            target: point(2025, 18.0, t),
            bound: Bound::Exact,
            decrease: true,
            actuals: vec![point(2022, 20.5, "20.5:1")],
            start_year: 2020,
            end_year: 2025,
            desc: "Ratio 22:1 in 2020, target 18:1.".into(),
        }
    }

    fn floor_no_baseline(lang: Lang) -> IndicatorChart {
        let (title, unit, label) = match lang {
            Lang::Zh => ("“双师型”教师占专业课教师比例", "%", "不少于60%"),
            Lang::En => (
                "Share of dual-qualified teachers among specialty teachers",
                "%",
                "at least 60%",
            ),
        };
        IndicatorChart {
            lang,
            title: title.into(),
            unit: unit.into(),
            baseline: None,
            target: point(2025, 60.0, label),
            bound: Bound::Floor,
            decrease: false,
            actuals: vec![],
            start_year: 2020,
            end_year: 2025,
            desc: "No baseline; target at least 60% by 2025.".into(),
        }
    }

    fn all_text(svg: &str) -> String {
        texts(svg).join("\n")
    }

    #[test]
    fn indicator_is_accessible_well_formed_svg() {
        for c in [
            students_zh(),
            students_en(),
            ratio(Lang::Zh),
            floor_no_baseline(Lang::En),
        ] {
            let svg = indicator_chart(&c);
            check_common(&svg, &c.title, &c.desc);
            assert!(svg.contains("viewBox=\"0 0 640 360\""));
            assert!(svg.contains("Noto Sans CJK SC"));
        }
    }

    #[test]
    fn indicator_zh_writes_chinese() {
        let text = all_text(&indicator_chart(&students_zh()));
        for word in [
            "职业院校在校生人数",
            "单位：万人",
            "基期值",
            "目标值",
            "实际值",
            "预期路径",
            "14.4万人",
            "20万人",
        ] {
            assert!(text.contains(word), "{word} missing in\n{text}");
        }
        assert!(
            !text.contains("Baseline") && !text.contains("Target"),
            "{text}"
        );
    }

    #[test]
    fn indicator_en_writes_english() {
        let text = all_text(&indicator_chart(&students_en()));
        for word in [
            "Baseline",
            "Target",
            "Actual",
            "Expected path",
            "Unit: people",
            "144,000 people",
            "200,000 people",
        ] {
            assert!(text.contains(word), "{word} missing in\n{text}");
        }
        assert!(
            !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }

    #[test]
    fn indicator_draws_each_actual_label() {
        let svg = indicator_chart(&students_zh());
        let text = all_text(&svg);
        assert!(
            text.contains("16.1万人") && text.contains("17.3万人"),
            "{text}"
        );
        // The dashed expected path is one element.
        assert_eq!(
            svg.matches("stroke-dasharray").count(),
            2,
            "path and its legend swatch"
        );
        assert!(svg.contains("<circle"), "actual dots");
        let c = IndicatorChart {
            actuals: vec![],
            ..students_zh()
        };
        let text = all_text(&indicator_chart(&c));
        assert!(
            !text.contains("实际值"),
            "no actuals, no legend entry: {text}"
        );
    }

    #[test]
    fn indicator_floor_target_reads_at_least() {
        let zh = indicator_chart(&floor_no_baseline(Lang::Zh));
        let text = all_text(&zh);
        assert!(
            text.contains("不少于60%") && text.contains("目标值（不少于）"),
            "{text}"
        );
        // The upward arrow head.
        assert!(zh.contains("<polygon"), "{zh}");
        let text = all_text(&indicator_chart(&floor_no_baseline(Lang::En)));
        assert!(
            text.contains("at least 60%") && text.contains("Target (at least)"),
            "{text}"
        );
    }

    #[test]
    fn indicator_without_baseline_says_so_and_draws_no_baseline() {
        let svg = indicator_chart(&floor_no_baseline(Lang::Zh));
        let text = all_text(&svg);
        assert!(text.contains("无2020年基期值"), "{text}");
        assert!(
            !texts(&svg).contains(&"基期值") && !text.contains("预期路径"),
            "{text}"
        );
        assert!(!svg.contains("#6699CC"), "a baseline bar was drawn:\n{svg}");
        assert!(
            !svg.contains("stroke-dasharray"),
            "no path without baseline"
        );
        let c = IndicatorChart {
            start_year: 2021,
            ..floor_no_baseline(Lang::En)
        };
        let text = all_text(&indicator_chart(&c));
        assert!(text.contains("No 2021 baseline"), "{text}");
        assert!(!text.contains("Baseline"), "{text}");
    }

    #[test]
    fn indicator_decrease_says_lower_is_better() {
        let text = all_text(&indicator_chart(&ratio(Lang::Zh)));
        assert!(text.contains("数值越低越好"), "{text}");
        let text = all_text(&indicator_chart(&ratio(Lang::En)));
        assert!(text.contains("Lower is better"), "{text}");
        let text = all_text(&indicator_chart(&students_en()));
        assert!(!text.contains("Lower is better"), "{text}");
    }

    #[test]
    fn indicator_axis_starts_near_data_when_zero_hides_change() {
        let svg = indicator_chart(&ratio(Lang::En));
        let text = all_text(&svg);
        assert!(text.contains("Axis does not start at zero"), "{text}");
        assert!(!texts(&svg).contains(&"0"), "a zero tick:\n{text}");
        let text = all_text(&indicator_chart(&ratio(Lang::Zh)));
        assert!(text.contains("纵轴不从零开始"), "{text}");
        // 14.4 → 20 shows well from zero.
        let svg = indicator_chart(&students_en());
        assert!(!all_text(&svg).contains("Axis does not"));
        assert!(texts(&svg).contains(&"0"));

        let axis = ValueAxis::new(&[22.0, 18.0, 20.5]);
        assert!(
            !axis.from_zero && axis.min > 0.0 && axis.min <= 18.0 && axis.max >= 22.0,
            "{axis:?}"
        );
        let axis = ValueAxis::new(&[95.0, 98.0]);
        assert!(!axis.from_zero, "{axis:?}");
        let axis = ValueAxis::new(&[14.4, 20.0]);
        assert!(axis.from_zero && axis.min == 0.0, "{axis:?}");
        let axis = ValueAxis::new(&[0.0, 0.0]);
        assert!(axis.from_zero && axis.max > 0.0, "{axis:?}");
        let axis = ValueAxis::new(&[-3.0, 5.0]);
        assert!(axis.min <= -3.0 && axis.max >= 5.0, "{axis:?}");
    }

    #[test]
    fn indicator_escapes_text() {
        let c = IndicatorChart {
            title: "<script>alert(1)</script> & co".into(),
            unit: "a&b".into(),
            target: point(2025, 5.0, "<b>5</b>"),
            desc: "x < y & \"z\"".into(),
            ..students_en()
        };
        let svg = indicator_chart(&c);
        check_common(&svg, &c.title, &c.desc);
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
            "{svg}"
        );
        assert!(svg.contains("&lt;b&gt;5&lt;/b&gt;"), "{svg}");
        assert!(!svg.contains("&amp;lt;"), "escaped twice: {svg}");
    }

    #[test]
    fn indicator_is_deterministic_and_fast() {
        let c = students_zh();
        assert_eq!(indicator_chart(&c), indicator_chart(&c));
        let start = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(indicator_chart(&c));
        }
        // Well under a millisecond each in release builds; generous here
        // for unoptimised test builds.
        let each = start.elapsed() / 200;
        eprintln!("one chart: {each:?}");
        assert!(each.as_millis() < 10, "{each:?}");
    }

    #[test]
    fn indicator_long_names_wrap_within_the_chart() {
        let c = IndicatorChart {
            title: "Number of national-level high-quality vocational schools and specialty groups built under the Double High-Level Plan".into(),
            ..students_en()
        };
        let svg = indicator_chart(&c);
        let title_lines: Vec<&str> = texts(&svg).into_iter().take(2).collect();
        assert!(
            title_lines[1].ends_with('…') || title_lines.concat().len() > 50,
            "{title_lines:?}"
        );
        for t in title_lines {
            assert!(text_width(t, 15.0) <= 616.0, "{t}");
        }
    }

    #[test]
    fn year_ticks_keep_room() {
        let c = IndicatorChart {
            end_year: 2035,
            target: point(2035, 30.0, "30"),
            ..students_en()
        };
        let svg = indicator_chart(&c);
        let t = texts(&svg);
        assert!(t.contains(&"2020") && t.contains(&"2035"), "{t:?}");
        assert!(!t.contains(&"2021"), "{t:?}");
    }
}
