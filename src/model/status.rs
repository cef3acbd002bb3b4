//! Progress toward target and status: the one place where they are computed.
//!
//! Two methods, chosen in `site.yaml` with `progress_method`:
//!
//! **linear** (default). Progress is the share of the way from baseline to
//! target: `(actual − baseline) / (target − baseline)`; for a decrease
//! indicator the same formula measures the way down. Without a baseline it
//! is `actual / target` (for a decrease indicator `target / actual`). The
//! expected share in year *y* is `(y − baseline year) / (target year −
//! baseline year)`. Status: *achieved* when the target is met (a floor counts
//! when reached); *on track* when progress ≥ the expected share; *off track*
//! otherwise; *no data* without a value.
//!
//! **cagr** (Statistics Canada and Open SDG). With the base value `b` in year
//! `t0` and the actual `a` in year `t`, observed growth is
//! `(a/b)^(1/(t−t0)) − 1` and required growth `(T/b)^(1/(T_year−t0)) − 1`.
//! Their ratio gives: *achieved* when the target is met; *on track* ≥ 0.95;
//! *acceleration needed* 0.60–0.95; *limited progress* 0–0.60; *moving away*
//! < 0. The base is the baseline, or the earliest reported value when the
//! plan gives no baseline. Zero values cannot grow geometrically, so a zero
//! base or actual is replaced by [`CAGR_ZERO_SUBSTITUTE`] (as Open SDG's
//! progress calculation does with a small positive value); fewer than two
//! data points (no base before the edition's year) give *no data*.

use serde::Serialize;

use crate::config::{PlanSpan, ProgressMethod};
use crate::lang::{Lang, Text};
use crate::model::figure::{Bound, TargetFigure};
use crate::text;

/// Thresholds of the CAGR method, in one place.
pub const CAGR_ON_TRACK: f64 = 0.95;
/// Below this ratio progress is limited rather than in need of acceleration.
pub const CAGR_ACCELERATION: f64 = 0.60;
/// The value that replaces a zero in the CAGR method.
pub const CAGR_ZERO_SUBSTITUTE: f64 = 0.001;

/// Whether a higher or lower value is better.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better (most indicators).
    #[default]
    Increase,
    /// Lower is better (the student–teacher ratio).
    Decrease,
}

/// The status of an indicator in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The target is met.
    Achieved,
    /// At or beyond the expected path (linear), or CAGR ratio ≥ 0.95.
    OnTrack,
    /// CAGR ratio 0.60–0.95.
    AccelerationNeeded,
    /// CAGR ratio 0–0.60.
    LimitedProgress,
    /// Behind the expected path (linear).
    OffTrack,
    /// CAGR ratio below 0: moving away from the target.
    MovingAway,
    /// No value for this edition.
    NoData,
}

impl Status {
    /// All statuses in the order they are listed.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AccelerationNeeded,
        Status::LimitedProgress,
        Status::OffTrack,
        Status::MovingAway,
        Status::NoData,
    ];

    /// The statuses a method can give, in order.
    pub fn of_method(method: ProgressMethod) -> &'static [Status] {
        match method {
            ProgressMethod::Linear => &[
                Status::Achieved,
                Status::OnTrack,
                Status::OffTrack,
                Status::NoData,
            ],
            ProgressMethod::Cagr => &[
                Status::Achieved,
                Status::OnTrack,
                Status::AccelerationNeeded,
                Status::LimitedProgress,
                Status::MovingAway,
                Status::NoData,
            ],
        }
    }

    /// The machine name used in CSS classes and downloads.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AccelerationNeeded => "acceleration_needed",
            Status::LimitedProgress => "limited_progress",
            Status::OffTrack => "off_track",
            Status::MovingAway => "moving_away",
            Status::NoData => "no_data",
        }
    }

    /// The name a reader sees.
    pub fn label(self) -> Text {
        match self {
            Status::Achieved => text!(en: "Achieved", zh: "已实现"),
            Status::OnTrack => text!(en: "On track", zh: "进度正常"),
            Status::AccelerationNeeded => text!(en: "Acceleration needed", zh: "需要加快"),
            Status::LimitedProgress => text!(en: "Limited progress", zh: "进展有限"),
            Status::OffTrack => text!(en: "Off track", zh: "进度滞后"),
            Status::MovingAway => text!(en: "Moving away", zh: "背离目标"),
            Status::NoData => text!(en: "No data", zh: "暂无数据"),
        }
    }

    /// A symbol shown beside the label, so status never relies on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "✔",
            Status::OnTrack => "▲",
            Status::AccelerationNeeded => "◆",
            Status::LimitedProgress => "◇",
            Status::OffTrack => "▼",
            Status::MovingAway => "✖",
            Status::NoData => "–",
        }
    }
}

/// What is known of an indicator for the computation.
#[derive(Debug, Clone, Copy)]
pub struct Inputs {
    /// Baseline value, if the plan gives one.
    pub baseline: Option<f64>,
    /// Baseline year.
    pub baseline_year: i32,
    /// The target.
    pub target: TargetFigure,
    /// Target year.
    pub target_year: i32,
    /// Higher or lower is better.
    pub direction: Direction,
}

/// The result for one indicator in one edition.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    /// Share of the way from baseline to target (1.0 = target); `None`
    /// without data or where it cannot be computed.
    pub progress: Option<f64>,
    /// The expected share at the edition's year on the straight path.
    pub expected: Option<f64>,
    /// The CAGR ratio, with the CAGR method.
    pub cagr_ratio: Option<f64>,
    /// The status.
    pub status: Status,
}

impl Assessment {
    /// No value: no data, never zero.
    pub const NO_DATA: Assessment = Assessment {
        progress: None,
        expected: None,
        cagr_ratio: None,
        status: Status::NoData,
    };
}

/// Whether a value meets the target.
pub fn meets_target(actual: f64, target: &TargetFigure, direction: Direction) -> bool {
    match (target.bound, direction) {
        (Bound::Ceiling, _) | (Bound::Exact, Direction::Decrease) => actual <= target.value.value,
        (Bound::Floor, _) | (Bound::Exact, Direction::Increase) => actual >= target.value.value,
    }
}

/// Share of the way from baseline to target (see the module documentation).
pub fn progress_share(inputs: &Inputs, actual: f64) -> Option<f64> {
    let t = inputs.target.value.value;
    match inputs.baseline {
        Some(b) if (t - b).abs() > f64::EPSILON => Some((actual - b) / (t - b)),
        Some(_) => Some(if meets_target(actual, &inputs.target, inputs.direction) {
            1.0
        } else {
            0.0
        }),
        None => match inputs.direction {
            Direction::Increase if t != 0.0 => Some(actual / t),
            Direction::Decrease if actual != 0.0 => Some(t / actual),
            _ => None,
        },
    }
}

/// The expected share of the way at `year` on the straight path: the share
/// of the plan period that has passed.
pub fn expected_share(span: PlanSpan, year: i32) -> f64 {
    let len = (span.target_year - span.baseline_year).max(1) as f64;
    ((year - span.baseline_year) as f64 / len).clamp(0.0, 1.0)
}

/// Assesses one value with the linear method.
pub fn assess_linear(inputs: &Inputs, actual: f64, year: i32) -> Assessment {
    let progress = progress_share(inputs, actual);
    let expected = expected_share(
        PlanSpan {
            baseline_year: inputs.baseline_year,
            target_year: inputs.target_year,
        },
        year,
    );
    let status = if meets_target(actual, &inputs.target, inputs.direction) {
        Status::Achieved
    } else {
        match progress {
            Some(p) if p + 1e-9 >= expected => Status::OnTrack,
            _ => Status::OffTrack,
        }
    };
    Assessment {
        progress,
        expected: Some(expected),
        cagr_ratio: None,
        status,
    }
}

/// Assesses one value with the CAGR method. `base` is the baseline value
/// and year, or the earliest reported value and its year.
pub fn assess_cagr(
    inputs: &Inputs,
    base: Option<(f64, i32)>,
    actual: f64,
    year: i32,
) -> Assessment {
    let progress = progress_share(inputs, actual);
    if meets_target(actual, &inputs.target, inputs.direction) {
        return Assessment {
            progress,
            expected: None,
            cagr_ratio: None,
            status: Status::Achieved,
        };
    }
    let Some((b, b_year)) = base.filter(|(_, y)| *y < year && *y < inputs.target_year) else {
        return Assessment {
            progress,
            ..Assessment::NO_DATA
        };
    };
    let nz = |x: f64| if x <= 0.0 { CAGR_ZERO_SUBSTITUTE } else { x };
    let (b, a, t) = (nz(b), nz(actual), nz(inputs.target.value.value));
    let observed = (a / b).powf(1.0 / (year - b_year) as f64) - 1.0;
    let required = (t / b).powf(1.0 / (inputs.target_year - b_year) as f64) - 1.0;
    let ratio = if required.abs() < 1e-12 {
        if observed.abs() < 1e-12 { 1.0 } else { -1.0 }
    } else {
        observed / required
    };
    let status = if ratio >= CAGR_ON_TRACK {
        Status::OnTrack
    } else if ratio >= CAGR_ACCELERATION {
        Status::AccelerationNeeded
    } else if ratio >= 0.0 {
        Status::LimitedProgress
    } else {
        Status::MovingAway
    };
    Assessment {
        progress,
        expected: None,
        cagr_ratio: Some(ratio),
        status,
    }
}

/// The method's description for the methodology page.
pub fn method_description(method: ProgressMethod, lang: Lang) -> Vec<String> {
    let on = CAGR_ON_TRACK;
    let acc = CAGR_ACCELERATION;
    let z = CAGR_ZERO_SUBSTITUTE;
    match (method, lang) {
        (ProgressMethod::Linear, Lang::En) => vec![
            "Progress toward target is the share of the way from the 2020 baseline to the 2025 target that the actual value has covered: (actual − baseline) ÷ (target − baseline). For an indicator where lower is better (the student–teacher ratio) the same formula measures the way down. Where the plan gives no baseline, progress is actual ÷ target (target ÷ actual where lower is better).".into(),
            "The expected share in an edition's year is the share of the plan period that has passed: (year − baseline year) ÷ (target year − baseline year); for example 40% in 2022.".into(),
            "Achieved: the actual value meets the target (a floor target such as “>20” counts when it is reached). On track: progress is at or beyond the expected share. Off track: progress is behind the expected share. No data: no value was reported for that year; it is never counted as zero.".into(),
        ],
        (ProgressMethod::Linear, Lang::Zh) => vec![
            "目标完成进度为实际值在“2020年基期值到2025年目标值”之间走过的比例：（实际值－基期值）÷（目标值－基期值）。对于数值越低越好的指标（如生师比），同一公式衡量下降的进度。规划未给出基期值的指标，完成进度为实际值÷目标值（越低越好的指标为目标值÷实际值）。".into(),
            "某一年的应达进度为规划期已过去的比例：（年份－基期年）÷（目标年－基期年），例如2022年为40%。".into(),
            "已实现：实际值达到目标（“>20”等下限目标达到即算实现）。进度正常：完成进度不低于应达进度。进度滞后：完成进度低于应达进度。暂无数据：当年未报告数值，不按零计算。".into(),
        ],
        (ProgressMethod::Cagr, Lang::En) => vec![
            "This site uses the compound annual growth rate (CAGR) ratio of Statistics Canada and Open SDG. Observed CAGR = (actual ÷ base)^(1 ÷ years since base) − 1; required CAGR = (target ÷ base)^(1 ÷ years from base to target year) − 1; the ratio is observed ÷ required.".into(),
            format!("Achieved: the target is met. On track: ratio ≥ {on:.2}. Acceleration needed: {acc:.2} ≤ ratio < {on:.2}. Limited progress: 0 ≤ ratio < {acc:.2}. Moving away: ratio < 0. No data: no value that year, or fewer than two data points (no base value before the year)."),
            format!("The base is the 2020 baseline, or the earliest reported value where the plan gives none. A value of zero cannot grow geometrically, so zero is replaced by {z} in the formula. Progress toward target (share of the way from baseline to target) is shown beside the status."),
        ],
        (ProgressMethod::Cagr, Lang::Zh) => vec![
            "本网站采用加拿大统计局和 Open SDG 使用的复合年均增长率（CAGR）比值法。实际年均增长率＝（实际值÷基数）^（1÷距基数年份的年数）－1；所需年均增长率＝（目标值÷基数）^（1÷基数年份至目标年的年数）－1；比值＝实际÷所需。".into(),
            format!("已实现：达到目标。进度正常：比值≥{on:.2}。需要加快：{acc:.2}≤比值<{on:.2}。进展有限：0≤比值<{acc:.2}。背离目标：比值<0。暂无数据：当年无数值，或数据点少于两个（该年份之前没有基数）。"),
            format!("基数为2020年基期值；规划未给出基期值的，取最早报告的数值。零值无法按几何增长计算，公式中以{z}代替零。状态旁同时列出目标完成进度（基期值到目标值之间走过的比例）。"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figure::{Bound, Number};

    fn inputs(baseline: Option<f64>, target: f64, bound: Bound, direction: Direction) -> Inputs {
        Inputs {
            baseline,
            baseline_year: 2020,
            target: TargetFigure {
                value: Number::new(target),
                upper: None,
                bound,
            },
            target_year: 2025,
            direction,
        }
    }

    #[test]
    fn linear_increase_on_and_off_track() {
        // Vocational students 14.4 → 20 (万人): 40% of the way is due in 2022.
        let i = inputs(Some(14.4), 20.0, Bound::Exact, Direction::Increase);
        // 2.24 of the 5.6 to go is due by 2022: 16.7 is ahead, 16.3 behind.
        let on = assess_linear(&i, 16.7, 2022);
        assert_eq!(on.status, Status::OnTrack);
        assert!((on.expected.unwrap() - 0.4).abs() < 1e-9);
        let off = assess_linear(&i, 16.3, 2022);
        assert_eq!(off.status, Status::OffTrack);
        assert!((off.progress.unwrap() - 1.9 / 5.6).abs() < 1e-9);
        assert_eq!(assess_linear(&i, 20.0, 2023).status, Status::Achieved);
        assert_eq!(
            assess_linear(&i, 21.0, 2023).progress.map(|p| p > 1.0),
            Some(true)
        );
    }

    #[test]
    fn linear_decrease_reads_the_way_down() {
        // Student–teacher ratio 22:1 → 18:1.
        let i = inputs(Some(22.0), 18.0, Bound::Exact, Direction::Decrease);
        let a = assess_linear(&i, 20.0, 2022);
        assert_eq!(a.progress, Some(0.5));
        assert_eq!(a.status, Status::OnTrack);
        assert_eq!(assess_linear(&i, 21.9, 2023).status, Status::OffTrack);
        assert_eq!(assess_linear(&i, 18.0, 2024).status, Status::Achieved);
        assert_eq!(assess_linear(&i, 23.0, 2022).progress, Some(-0.25));
    }

    #[test]
    fn floor_counts_when_reached_and_no_baseline_uses_target() {
        let i = inputs(None, 20.0, Bound::Floor, Direction::Increase);
        assert_eq!(assess_linear(&i, 20.0, 2022).status, Status::Achieved);
        let half = assess_linear(&i, 10.0, 2022);
        assert_eq!(half.progress, Some(0.5));
        assert_eq!(half.status, Status::OnTrack);
        assert_eq!(assess_linear(&i, 5.0, 2023).status, Status::OffTrack);
    }

    #[test]
    fn cagr_thresholds_and_edge_cases() {
        let i = inputs(Some(100.0), 200.0, Bound::Exact, Direction::Increase);
        let base = Some((100.0, 2020));
        // Required growth 14.87%/year; observed on the path is on track.
        let on = assess_cagr(&i, base, 100.0 * 1.1487f64.powi(2), 2022);
        assert_eq!(on.status, Status::OnTrack);
        let acc = assess_cagr(&i, base, 100.0 * 1.10f64.powi(2), 2022);
        assert_eq!(acc.status, Status::AccelerationNeeded);
        let lim = assess_cagr(&i, base, 100.0 * 1.03f64.powi(2), 2022);
        assert_eq!(lim.status, Status::LimitedProgress);
        assert_eq!(assess_cagr(&i, base, 90.0, 2022).status, Status::MovingAway);
        assert_eq!(assess_cagr(&i, base, 200.0, 2022).status, Status::Achieved);
        // No base before the year: too few data points.
        assert_eq!(assess_cagr(&i, None, 150.0, 2022).status, Status::NoData);
        assert_eq!(
            assess_cagr(&i, Some((150.0, 2022)), 150.0, 2022).status,
            Status::NoData
        );
        // A zero baseline is substituted, not divided by.
        let z = inputs(Some(0.0), 10.0, Bound::Exact, Direction::Increase);
        let a = assess_cagr(&z, Some((0.0, 2020)), 5.0, 2023);
        assert!(a.cagr_ratio.unwrap().is_finite());
        assert_eq!(a.status, Status::OnTrack);
    }

    #[test]
    fn decrease_under_cagr_is_read_the_right_way() {
        let i = inputs(Some(22.0), 18.0, Bound::Exact, Direction::Decrease);
        let a = assess_cagr(&i, Some((22.0, 2020)), 20.0, 2022);
        assert_eq!(a.status, Status::OnTrack);
        let away = assess_cagr(&i, Some((22.0, 2020)), 23.0, 2022);
        assert_eq!(away.status, Status::MovingAway);
    }
}
