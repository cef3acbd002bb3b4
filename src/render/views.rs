//! Per-language views of the data: every figure formatted once, in the
//! reader's language, ready for templates, charts and downloads.
//!
//! Views are built once per language (and per edition for the frozen report
//! pages) and shared by reference: no page gets a copy of the whole site.

use serde::Serialize;

use crate::chart::{IndicatorChart, OverviewChart, OverviewRow, Point};
use crate::config::ProgressMethod;
use crate::lang::Lang;
use crate::model::editions::{Edition, TaskStatus};
use crate::model::figure::{Display, Formatter, Number, format_decimal};
use crate::model::indicators::Indicator;
use crate::model::status::{Assessment, Direction, Status};
use crate::site::Site;

/// A status as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// Machine name (CSS class).
    pub key: &'static str,
    /// Label in the page's language.
    pub label: String,
    /// Symbol shown beside the label.
    pub symbol: &'static str,
}

impl StatusView {
    /// The view of a status in one language.
    pub fn new(s: Status, lang: Lang) -> Self {
        StatusView {
            key: s.key(),
            label: s.label().get(lang).to_string(),
            symbol: s.symbol(),
        }
    }
}

/// One reported value of an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct ValueView {
    /// The edition's year.
    pub year: i32,
    /// The value with its unit.
    pub value: String,
    /// Status in that edition.
    pub status: StatusView,
    /// Progress toward target, "34%".
    pub progress: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Source.
    pub source: Option<String>,
}

/// An indicator, formatted for one language as of one edition.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit label ("" when none).
    pub unit: String,
    /// Category id.
    pub category: String,
    /// Category name.
    pub category_name: String,
    /// Baseline as the plan's table writes it ("14.4", "/").
    pub baseline: String,
    /// Baseline with unit, or the words for "no baseline".
    pub baseline_full: String,
    /// Target as the plan's table writes it (">20").
    pub target: String,
    /// Target in words with unit ("at least 20%").
    pub target_full: String,
    /// "Lower is better" for a decrease indicator.
    pub direction_note: Option<String>,
    /// The value in the edition, with unit.
    pub value: Option<String>,
    /// The edition's year.
    pub year: Option<i32>,
    /// Note and source of the value.
    pub value_note: Option<String>,
    /// Source of the value.
    pub value_source: Option<String>,
    /// Status in the edition.
    pub status: StatusView,
    /// Progress toward target, "34%".
    pub progress: Option<String>,
    /// Width of the progress bar, 0–100.
    pub bar: f64,
    /// Progress beyond the target.
    pub beyond: bool,
    /// The expected share by the edition's year, "40%".
    pub expected: Option<String>,
    /// Change since the previous edition with a value ("+1.9万人").
    pub change: Option<String>,
    /// The status in the previous edition, when it differs.
    pub previous_status: Option<StatusView>,
    /// Every value up to the edition, oldest first.
    pub history: Vec<ValueView>,
    /// Page, relative to the language folder.
    pub href: String,
    /// Chart file, relative to the language folder.
    pub chart: String,
    /// The chart's text alternative.
    pub chart_alt: String,
    /// The indicator's own note.
    pub note: Option<String>,
}

/// A row of the plan's table: one or two indicators.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row's label.
    pub label: String,
    /// Unit(s), "所/个".
    pub unit: String,
    /// Baseline(s) as the plan writes them.
    pub baseline: String,
    /// Target(s) as the plan writes them.
    pub target: String,
    /// Indexes into the edition's indicator views.
    pub indicators: Vec<usize>,
}

/// A category with its rows.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Rows of the plan's table.
    pub rows: Vec<RowView>,
    /// The overview chart, relative to the language folder, if any.
    pub chart: Option<String>,
    /// The overview chart's text alternative.
    pub chart_alt: String,
    /// Counts by status.
    pub counts: Vec<CountView>,
    /// The category's indicators, as indexes into the snapshot's list.
    pub members: Vec<usize>,
}

/// A count of indicators or tasks by status.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// The status.
    pub status: StatusView,
    /// How many.
    pub count: usize,
}

/// Everything about the indicators as of one edition (or none), in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// The edition's year, if there is one.
    pub year: Option<i32>,
    /// Indicators in table order.
    pub indicators: Vec<IndicatorView>,
    /// Categories with their rows.
    pub categories: Vec<CategoryView>,
    /// Counts by status over all indicators.
    pub counts: Vec<CountView>,
}

/// Words the views write themselves.
fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            no_baseline: "无基期值",
            lower_better: "数值越低越好",
            sep: "；",
        },
        Lang::En => Words {
            no_baseline: "no baseline",
            lower_better: "lower is better",
            sep: "; ",
        },
    }
}

struct Words {
    no_baseline: &'static str,
    lower_better: &'static str,
    sep: &'static str,
}

/// Formats figures of one indicator in one language.
pub fn formatter(ind: &Indicator, lang: Lang) -> Formatter<'_> {
    Formatter {
        unit: &ind.unit,
        display: ind.display,
        lang,
    }
}

/// A percentage for readers, "33.9%": one decimal, rounded half away from
/// zero, as the charts write it.
pub fn percent(share: f64) -> String {
    format!("{}%", format_decimal(share * 100.0, 1, false))
}

/// The suffix of page links: `index.html` (works from disk) or nothing.
pub fn ix(site: &Site) -> &'static str {
    match site.config.links {
        crate::config::LinkStyle::File => "index.html",
        crate::config::LinkStyle::Folder => "",
    }
}

/// Builds the snapshot of all indicators as of edition `edition` (`None`:
/// no edition yet) in one language. `chart_dir` names the folder of that
/// edition's overview charts.
pub fn snapshot(site: &Site, lang: Lang, edition: Option<usize>) -> Snapshot {
    let data = &site.data;
    let w = words(lang);
    let ix = ix(site);
    let mut indicators = Vec::with_capacity(data.indicators.list.len());
    for (i, ind) in data.indicators.list.iter().enumerate() {
        let f = formatter(ind, lang);
        let assessment = edition.map_or(Assessment::NO_DATA, |e| data.assessments[e][i]);
        let history: Vec<ValueView> = edition
            .map(|e| {
                data.editions[..=e]
                    .iter()
                    .enumerate()
                    .filter_map(|(ei, ed)| {
                        ed.value_of(i).map(|v| {
                            let a = data.assessments[ei][i];
                            ValueView {
                                year: ed.year,
                                value: f.with_unit(v.value),
                                status: StatusView::new(a.status, lang),
                                progress: a.progress.map(percent),
                                note: v.note.as_ref().map(|t| t.get(lang).to_string()),
                                source: v.source.as_ref().map(|t| t.get(lang).to_string()),
                            }
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let current = edition.and_then(|e| data.editions[e].value_of(i));
        let previous = edition.and_then(|e| {
            (0..e)
                .rev()
                .find_map(|pe| data.editions[pe].value_of(i).map(|v| (pe, v)))
        });
        let change = match (current, previous) {
            (Some(c), Some((_, p))) => Some(signed_change(&f, c.value, p.value)),
            _ => None,
        };
        let previous_status = match (edition, previous) {
            (Some(e), Some((pe, _)))
                if data.assessments[pe][i].status != data.assessments[e][i].status =>
            {
                Some(StatusView::new(data.assessments[pe][i].status, lang))
            }
            _ => None,
        };
        let p = assessment.progress;
        indicators.push(IndicatorView {
            id: ind.id.clone(),
            name: ind.name.get(lang).to_string(),
            unit: f.unit_label().to_string(),
            category: data.indicators.categories[ind.category].id.clone(),
            category_name: data.indicators.categories[ind.category]
                .name
                .get(lang)
                .to_string(),
            baseline: ind.baseline.map_or("/".to_string(), |b| f.number(b)),
            baseline_full: ind
                .baseline
                .map_or(w.no_baseline.to_string(), |b| f.with_unit(b)),
            target: f.target_short(&ind.target),
            target_full: f.target(&ind.target),
            direction_note: (ind.direction == Direction::Decrease)
                .then(|| w.lower_better.to_string()),
            value: current.map(|v| f.with_unit(v.value)),
            year: edition.map(|e| data.editions[e].year),
            value_note: current
                .and_then(|v| v.note.as_ref())
                .map(|t| t.get(lang).to_string()),
            value_source: current
                .and_then(|v| v.source.as_ref())
                .map(|t| t.get(lang).to_string()),
            status: StatusView::new(assessment.status, lang),
            progress: p.map(percent),
            bar: p.map_or(0.0, |p| (p * 100.0).clamp(0.0, 100.0)),
            beyond: p.is_some_and(|p| p > 1.0),
            expected: assessment.expected.map(percent),
            change,
            previous_status,
            history,
            href: format!("indicators/{}/{ix}", ind.id),
            chart: format!("charts/{}.svg", ind.id),
            // As of the snapshot's edition: a frozen page describes only what was known then.
            chart_alt: indicator_desc(site, ind, i, lang, edition.unwrap_or(usize::MAX)),
            note: ind.note.as_ref().map(|t| t.get(lang).to_string()),
        });
    }
    let categories = data
        .indicators
        .categories
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let rows = data
                .indicators
                .rows_of(ci)
                .into_iter()
                .map(|members| row_view(site, &members, &indicators, lang))
                .collect();
            let member_ix: Vec<usize> = indicators
                .iter()
                .enumerate()
                .filter(|(_, v)| v.category == c.id)
                .map(|(i, _)| i)
                .collect();
            let members: Vec<&IndicatorView> = member_ix.iter().map(|&i| &indicators[i]).collect();
            let year = edition.map(|e| data.editions[e].year);
            CategoryView {
                id: c.id.clone(),
                name: c.name.get(lang).to_string(),
                rows,
                chart: year.map(|y| format!("charts/{y}/category-{}.svg", c.id)),
                chart_alt: overview_desc(c.name.get(lang), year, &members, lang),
                counts: counts(
                    site.config.progress_method,
                    members.iter().map(|v| v.status.key),
                    lang,
                ),
                members: member_ix,
            }
        })
        .collect();
    let counts = counts(
        site.config.progress_method,
        indicators.iter().map(|v| v.status.key),
        lang,
    );
    Snapshot {
        year: edition.map(|e| data.editions[e].year),
        indicators,
        categories,
        counts,
    }
}

fn row_view(site: &Site, members: &[usize], views: &[IndicatorView], lang: Lang) -> RowView {
    let list = &site.data.indicators.list;
    let first = &list[members[0]];
    let join = |f: &dyn Fn(&IndicatorView) -> String| -> String {
        let parts: Vec<String> = members.iter().map(|i| f(&views[*i])).collect();
        if parts.iter().all(|p| *p == parts[0]) {
            parts[0].clone()
        } else {
            parts.join("/")
        }
    };
    let label = match (&first.row_label, members.len()) {
        (Some(l), _) => l.get(lang).to_string(),
        (None, 1) => first.name.get(lang).to_string(),
        (None, _) => members
            .iter()
            .map(|i| list[*i].name.get(lang))
            .collect::<Vec<_>>()
            .join(" / "),
    };
    let units: Vec<&str> = members.iter().map(|i| views[*i].unit.as_str()).collect();
    let unit = if units.iter().all(|u| *u == units[0]) {
        units[0].to_string()
    } else {
        units.join("/")
    };
    RowView {
        label,
        unit: if first.display == Display::Ratio {
            ":".to_string()
        } else {
            unit
        },
        baseline: join(&|v| v.baseline.clone()),
        target: join(&|v| v.target.clone()),
        indicators: members.to_vec(),
    }
}

fn counts<'a>(
    method: ProgressMethod,
    keys: impl Iterator<Item = &'a str>,
    lang: Lang,
) -> Vec<CountView> {
    let keys: Vec<&str> = keys.collect();
    Status::of_method(method)
        .iter()
        .map(|s| CountView {
            status: StatusView::new(*s, lang),
            count: keys.iter().filter(|k| **k == s.key()).count(),
        })
        .collect()
}

/// Task status counts of an edition.
pub fn task_counts(edition: &Edition, lang: Lang) -> Vec<(String, &'static str, usize)> {
    TaskStatus::ALL
        .iter()
        .map(|s| {
            (
                s.label().get(lang).to_string(),
                s.key(),
                edition.tasks.iter().filter(|t| t.status == *s).count(),
            )
        })
        .collect()
}

fn signed_change(f: &Formatter, now: Number, before: Number) -> String {
    let decimals = now.decimals.max(before.decimals);
    let diff = Number {
        value: now.value - before.value,
        decimals,
    };
    let s = f.with_unit(Number {
        value: diff.value.abs(),
        decimals,
    });
    if diff.value > 0.0 {
        format!("+{s}")
    } else if diff.value < 0.0 {
        format!("−{s}")
    } else {
        format!("±{s}")
    }
}

/// The sentence that states an indicator's figures, for chart `<desc>` and
/// `alt`: baseline, target and values up to edition `upto`.
pub fn indicator_desc(
    site: &Site,
    ind: &Indicator,
    index: usize,
    lang: Lang,
    upto: usize,
) -> String {
    let f = formatter(ind, lang);
    let span = site.config.plan;
    let w = words(lang);
    let mut s = String::new();
    let name = ind.name.get(lang);
    match lang {
        Lang::Zh => {
            s.push_str(name);
            s.push('：');
            match ind.baseline {
                Some(b) => s.push_str(&format!("{}年{}", span.baseline_year, f.with_unit(b))),
                None => s.push_str(&format!("{}年无基期值", span.baseline_year)),
            }
            s.push_str(&format!(
                " → {}年目标{}",
                span.target_year,
                f.target(&ind.target)
            ));
        }
        Lang::En => {
            s.push_str(name);
            s.push_str(": ");
            match ind.baseline {
                Some(b) => s.push_str(&format!("{} ({})", f.with_unit(b), span.baseline_year)),
                None => s.push_str(&format!("no {} baseline", span.baseline_year)),
            }
            s.push_str(&format!(
                " → {} ({} target)",
                f.target(&ind.target),
                span.target_year
            ));
        }
    }
    let last = upto.min(site.data.editions.len().saturating_sub(1));
    if !site.data.editions.is_empty() {
        for (year, v) in site.data.series(index, last) {
            let n = Number::new(v);
            match lang {
                Lang::Zh => s.push_str(&format!("{}{year}年实际{}", w.sep, f.with_unit(n))),
                Lang::En => s.push_str(&format!("{}{year} actual: {}", w.sep, f.with_unit(n))),
            }
        }
    }
    if ind.direction == Direction::Decrease {
        s.push_str(w.sep);
        s.push_str(w.lower_better);
    }
    s.push_str(match lang {
        Lang::Zh => "。",
        Lang::En => ".",
    });
    s
}

fn overview_desc(
    category: &str,
    year: Option<i32>,
    members: &[&IndicatorView],
    lang: Lang,
) -> String {
    let mut parts = Vec::new();
    for v in members {
        let p = v.progress.clone().unwrap_or_default();
        parts.push(match lang {
            Lang::Zh => format!(
                "{} {}{}",
                v.name,
                v.status.label,
                if p.is_empty() {
                    String::new()
                } else {
                    format!("（完成进度{p}）")
                }
            ),
            Lang::En => format!(
                "{}: {}{}",
                v.name,
                v.status.label,
                if p.is_empty() {
                    String::new()
                } else {
                    format!(" ({p} of the way)")
                }
            ),
        });
    }
    match (lang, year) {
        (Lang::Zh, Some(y)) => format!(
            "{category}：{y}年各指标目标完成进度。{}。",
            parts.join("；")
        ),
        (Lang::Zh, None) => format!("{category}：暂无数据。"),
        (Lang::En, Some(y)) => format!(
            "{category}: progress toward target of each indicator in {y}. {}.",
            parts.join("; ")
        ),
        (Lang::En, None) => format!("{category}: no data yet."),
    }
}

/// The inputs of one indicator's chart in one language (all editions).
pub fn indicator_chart_input(site: &Site, index: usize, lang: Lang) -> IndicatorChart {
    let ind = &site.data.indicators.list[index];
    let f = formatter(ind, lang);
    let span = site.config.plan;
    let point = |year: i32, n: Number, label: String| {
        let (value, _) = f.scaled(n);
        Point { year, value, label }
    };
    let actuals = if site.data.editions.is_empty() {
        Vec::new()
    } else {
        site.data
            .series(index, usize::MAX)
            .into_iter()
            .map(|(y, v)| point(y, Number::new(v), f.with_unit(Number::new(v))))
            .collect()
    };
    IndicatorChart {
        lang,
        title: ind.name.get(lang).to_string(),
        unit: f.unit_label().to_string(),
        baseline: ind
            .baseline
            .map(|b| point(span.baseline_year, b, f.with_unit(b))),
        target: point(span.target_year, ind.target.value, f.target(&ind.target)),
        bound: ind.target.bound,
        decrease: ind.direction == Direction::Decrease,
        actuals,
        start_year: span.baseline_year,
        end_year: span.target_year,
        desc: indicator_desc(site, ind, index, lang, usize::MAX),
    }
}

/// The inputs of one category overview chart as of one edition.
pub fn overview_chart_input(
    site: &Site,
    snap: &Snapshot,
    category: usize,
    edition: usize,
    lang: Lang,
) -> OverviewChart {
    let data = &site.data;
    let cat = &snap.categories[category];
    let rows = data
        .indicators
        .list
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.category == category)
        .map(|(i, ind)| {
            let a = data.assessments[edition][i];
            OverviewRow {
                name: ind.name.get(lang).to_string(),
                progress: a.progress,
                status: a.status,
                status_label: a.status.label().get(lang).to_string(),
            }
        })
        .collect();
    let year = data.editions[edition].year;
    let expected = match site.config.progress_method {
        ProgressMethod::Linear => {
            Some(crate::model::status::expected_share(site.config.plan, year))
        }
        ProgressMethod::Cagr => None,
    };
    OverviewChart {
        lang,
        title: match lang {
            Lang::Zh => format!("{}：{year}年目标完成进度", cat.name),
            Lang::En => format!("{}: progress toward target, {year}", cat.name),
        },
        rows,
        expected,
        desc: cat.chart_alt.clone(),
    }
}
