//! Machine-readable downloads in `public/data/`: every edition's values,
//! per edition and all together, as CSV (UTF-8 with a byte-order mark, so
//! Excel on Chinese Windows keeps the Chinese intact) and JSON.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::figure::{Bound, format_decimal};
use crate::model::status::Direction;
use crate::site::Site;

/// The columns of the progress downloads, in order, with their meaning.
const COLUMNS: &[(&str, &str, &str)] = &[
    ("edition", "Year of the progress edition", "进度报告年份"),
    (
        "as_of",
        "Date the edition's figures are as of (YYYY-MM-DD)",
        "本期数据截至日期（YYYY-MM-DD）",
    ),
    (
        "indicator_id",
        "Stable id of the indicator",
        "指标编号（固定不变）",
    ),
    (
        "category_id",
        "Id of the indicator's category",
        "所属分类编号",
    ),
    (
        "category_zh",
        "Category name in Chinese",
        "分类名称（中文）",
    ),
    (
        "category_en",
        "Category name in English",
        "分类名称（英文）",
    ),
    ("name_zh", "Indicator name in Chinese", "指标名称（中文）"),
    ("name_en", "Indicator name in English", "指标名称（英文）"),
    (
        "unit_zh",
        "Unit in Chinese, as the plan writes it (values are in this unit)",
        "单位（中文，与规划一致；数值均以此为单位）",
    ),
    ("unit_en", "Unit in English", "单位（英文）"),
    (
        "baseline",
        "Baseline value (empty where the plan gives none)",
        "基期值（规划未给出的为空）",
    ),
    ("baseline_year", "Year of the baseline", "基期年份"),
    ("target", "Target value", "目标值"),
    (
        "target_bound",
        "exact, floor (at least) or ceiling (at most)",
        "目标类型：exact 精确值、floor 不少于、ceiling 不高于",
    ),
    ("target_year", "Year of the target", "目标年份"),
    (
        "direction",
        "increase (higher is better) or decrease (lower is better)",
        "方向：increase 越高越好，decrease 越低越好",
    ),
    (
        "value",
        "Actual value in the edition (empty = no data, never zero)",
        "本期实际值（为空表示无数据，不等于零）",
    ),
    (
        "progress",
        "Progress toward target, as a share (1 = target reached), rounded to 4 decimals",
        "目标完成进度（比例，1 表示达到目标），保留4位小数",
    ),
    (
        "status",
        "achieved, on_track, off_track, acceleration_needed, limited_progress, moving_away or no_data",
        "状态：achieved 已实现、on_track 进度正常、off_track 进度滞后、acceleration_needed 需要加快、limited_progress 进展有限、moving_away 背离目标、no_data 暂无数据",
    ),
    (
        "note_zh",
        "Note on the value, in Chinese",
        "数值说明（中文）",
    ),
    (
        "note_en",
        "Note on the value, in English",
        "数值说明（英文）",
    ),
    (
        "source_zh",
        "Source of the value, in Chinese",
        "数据来源（中文）",
    ),
    (
        "source_en",
        "Source of the value, in English",
        "数据来源（英文）",
    ),
];

/// One row of the progress downloads.
#[derive(Debug, Serialize)]
struct Row<'a> {
    edition: i32,
    as_of: &'a str,
    indicator_id: &'a str,
    category_id: &'a str,
    category_zh: &'a str,
    category_en: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    unit_zh: &'a str,
    unit_en: &'a str,
    baseline: Option<f64>,
    baseline_year: i32,
    target: f64,
    target_bound: &'static str,
    target_year: i32,
    direction: &'static str,
    value: Option<f64>,
    progress: Option<f64>,
    status: &'static str,
    note_zh: &'a str,
    note_en: &'a str,
    source_zh: &'a str,
    source_en: &'a str,
}

/// The column descriptions for the data page.
pub fn columns(lang: Lang) -> Vec<(&'static str, &'static str)> {
    COLUMNS
        .iter()
        .map(|(name, en, zh)| (*name, if lang == Lang::Zh { *zh } else { *en }))
        .collect()
}

/// The download files of one edition: (kind, file name).
pub fn edition_files(year: i32) -> Vec<(&'static str, String)> {
    vec![
        ("CSV", format!("progress-{year}.csv")),
        ("JSON", format!("progress-{year}.json")),
    ]
}

/// The download files with a description, for the data page.
pub fn listing(site: &Site, lang: Lang) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let all = match lang {
        Lang::Zh => "全部年份".to_string(),
        Lang::En => "All editions".to_string(),
    };
    out.push(serde_json::json!({"label": all, "csv": "progress.csv", "json": "progress.json"}));
    for e in site.data.editions.iter().rev() {
        let label = match lang {
            Lang::Zh => format!("{}年", e.year),
            Lang::En => e.year.to_string(),
        };
        let f = edition_files(e.year);
        out.push(serde_json::json!({"label": label, "csv": f[0].1, "json": f[1].1}));
    }
    out
}

fn rows(site: &Site, edition: usize) -> Vec<Row<'_>> {
    let data = &site.data;
    let ed = &data.editions[edition];
    let span = site.config.plan;
    data.indicators
        .list
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let cat = &data.indicators.categories[ind.category];
            let v = ed.value_of(i);
            let a = data.assessments[edition][i];
            let note = v.and_then(|v| v.note.as_ref());
            let source = v.and_then(|v| v.source.as_ref());
            Row {
                edition: ed.year,
                as_of: &ed.as_of,
                indicator_id: &ind.id,
                category_id: &cat.id,
                category_zh: &cat.name.zh,
                category_en: &cat.name.en,
                name_zh: &ind.name.zh,
                name_en: &ind.name.en,
                unit_zh: &ind.unit.zh,
                unit_en: &ind.unit.en,
                baseline: ind.baseline.map(|b| b.value),
                baseline_year: span.baseline_year,
                target: ind.target.value.value,
                target_bound: match ind.target.bound {
                    Bound::Exact => "exact",
                    Bound::Floor => "floor",
                    Bound::Ceiling => "ceiling",
                },
                target_year: span.target_year,
                direction: match ind.direction {
                    Direction::Increase => "increase",
                    Direction::Decrease => "decrease",
                },
                value: v.map(|v| v.value.value),
                progress: a
                    .progress
                    .map(|p| format_decimal(p, 4, false).parse().unwrap_or(p)),
                status: a.status.key(),
                note_zh: note.map_or("", |t| &t.zh),
                note_en: note.map_or("", |t| &t.en),
                source_zh: source.map_or("", |t| &t.zh),
                source_en: source.map_or("", |t| &t.en),
            }
        })
        .collect()
}

fn csv_bytes(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.serialize(r).map_err(|e| e.to_string())?;
        }
        if rows.is_empty() {
            w.write_record(COLUMNS.iter().map(|c| c.0))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn json_bytes(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec_pretty(rows).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// Every download file: (path in the output, bytes).
pub fn files(site: &Site) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    for e in 0..site.data.editions.len() {
        let rows = rows(site, e);
        let year = site.data.editions[e].year;
        out.push((format!("data/progress-{year}.csv"), csv_bytes(&rows)?));
        out.push((format!("data/progress-{year}.json"), json_bytes(&rows)?));
        all.extend(rows);
    }
    out.push(("data/progress.csv".to_string(), csv_bytes(&all)?));
    out.push(("data/progress.json".to_string(), json_bytes(&all)?));
    Ok(out)
}
