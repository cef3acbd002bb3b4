//! SVG charts, drawn with plotters at build time.
//!
//! Charts take plain, already-formatted inputs (labels in the page's
//! language, values as numbers) so that they know nothing of the site's
//! data model, and return the SVG text. The same input always gives the
//! same bytes.

mod draw;
mod indicator;
mod overview;
#[cfg(test)]
mod samples;

pub use draw::{indicator_chart, overview_chart};

/// Everything one indicator chart shows, in one language.
#[derive(Debug, Clone)]
pub struct IndicatorChart {
    /// `zh` or `en`: chooses the words the chart writes itself.
    pub lang: crate::lang::Lang,
    /// The indicator's name (chart title).
    pub title: String,
    /// The unit as shown after values ("万人", "people", "%"); may be empty.
    pub unit: String,
    /// Baseline year and value (already scaled for the language, e.g. ×10,000
    /// for 万 in English), and its label ("14.4万人" / "144,000 people");
    /// `None` when the plan gives no baseline.
    pub baseline: Option<Point>,
    /// Target year and value, with its label ("at least 20%").
    pub target: Point,
    /// Whether the target is a floor ("at least"), a ceiling or exact.
    pub bound: crate::model::figure::Bound,
    /// Whether lower is better.
    pub decrease: bool,
    /// Reported values, oldest first.
    pub actuals: Vec<Point>,
    /// The first year of the plan (baseline year) for the x axis.
    pub start_year: i32,
    /// The target year.
    pub end_year: i32,
    /// The text alternative: the chart's figures in one sentence, for
    /// `<title>` and `<desc>`.
    pub desc: String,
}

/// A value in a year, with its formatted label.
#[derive(Debug, Clone)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value, scaled for the language.
    pub value: f64,
    /// The label as the reader sees it, with unit.
    pub label: String,
}

/// One bar of a category overview.
#[derive(Debug, Clone)]
pub struct OverviewRow {
    /// The indicator's name.
    pub name: String,
    /// Progress toward target, 1.0 = target; `None` = no data.
    pub progress: Option<f64>,
    /// The status key (`achieved`, `on_track`, …; see
    /// [`crate::model::status::Status::key`]).
    pub status: crate::model::status::Status,
    /// The status label in the chart's language.
    pub status_label: String,
}

/// A category overview: progress toward target of each indicator, in one
/// edition, one language.
#[derive(Debug, Clone)]
pub struct OverviewChart {
    /// `zh` or `en`.
    pub lang: crate::lang::Lang,
    /// Chart title (category name and edition year).
    pub title: String,
    /// The rows.
    pub rows: Vec<OverviewRow>,
    /// The expected share of the way at this edition (the straight path), if
    /// the linear method is in force; drawn as a reference line.
    pub expected: Option<f64>,
    /// The text alternative.
    pub desc: String,
}
