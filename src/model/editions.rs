//! `data/progress/<year>.yaml`: progress editions.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::config::PlanSpan;
use crate::diag::{Pos, Problem, Problems};
use crate::lang::Text;
use crate::model::figure::{Number, Unit};
use crate::model::indicators::Indicators;
use crate::model::tasks::Tasks;
use crate::model::{check_id, check_text};
use crate::source::{Cursor, Locator, parse_yaml};
use crate::text;

/// Map entries in file order, duplicates kept, so that a key written twice
/// is reported instead of silently replaced.
#[derive(Debug)]
struct Entries<T>(Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of ids to entries")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    year: i32,
    as_of: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    values: Entries<RawValue>,
    #[serde(default)]
    tasks: Entries<RawTaskStatus>,
    #[serde(default)]
    facts: Vec<Fact>,
}

/// A value as written: `id: 16.3` or `id: {value: 16.3, note, source}`.
#[derive(Debug)]
enum RawValue {
    Plain(f64),
    Full(FullValue),
}

// Written by hand rather than `#[serde(untagged)]`: an untagged enum buffers
// the value and loses its position, so a word where a number belongs would
// be reported at the top of `values:` with "did not match any variant".
impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Plain(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Plain(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<RawValue, A::Error> {
                FullValue::deserialize(MapAccessDeserializer::new(m)).map(RawValue::Full)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FullValue {
    value: f64,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    source: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaskStatus {
    status: TaskStatus,
    #[serde(default)]
    note: Option<Text>,
}

/// The status of a task in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started yet.
    NotStarted,
    /// Under way.
    InProgress,
    /// Done.
    Completed,
    /// Behind schedule.
    Behind,
}

impl TaskStatus {
    /// All task statuses, in display order.
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::Completed,
        TaskStatus::InProgress,
        TaskStatus::Behind,
        TaskStatus::NotStarted,
    ];

    /// The machine name.
    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Completed => "completed",
            TaskStatus::Behind => "behind",
        }
    }

    /// The name a reader sees.
    pub fn label(self) -> Text {
        match self {
            TaskStatus::NotStarted => text!(en: "Not started", zh: "未启动"),
            TaskStatus::InProgress => text!(en: "In progress", zh: "推进中"),
            TaskStatus::Completed => text!(en: "Completed", zh: "已完成"),
            TaskStatus::Behind => text!(en: "Behind schedule", zh: "滞后"),
        }
    }
}

/// A figure of an edition that is not an indicator (staff numbers, funding).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Stable id.
    pub id: String,
    /// What it counts.
    pub label: Text,
    /// The value.
    pub value: f64,
    /// Unit in both languages.
    #[serde(default)]
    pub unit: Unit,
    /// An optional note.
    #[serde(default)]
    pub note: Option<Text>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<Text>,
}

/// One reported value of an indicator.
#[derive(Debug, Clone)]
pub struct Value {
    /// Index of the indicator.
    pub indicator: usize,
    /// The value.
    pub value: Number,
    /// An optional note.
    pub note: Option<Text>,
    /// Where the figure comes from.
    pub source: Option<Text>,
}

/// One task status of an edition.
#[derive(Debug, Clone)]
pub struct TaskReport {
    /// The task's id.
    pub task: String,
    /// Its status.
    pub status: TaskStatus,
    /// An optional note.
    pub note: Option<Text>,
}

/// A progress edition: what was known of the plan as of one year.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The year of the edition.
    pub year: i32,
    /// The date the figures are as of (YYYY-MM-DD).
    pub as_of: String,
    /// The date of publication.
    pub published: Option<String>,
    /// An optional title.
    pub title: Option<Text>,
    /// An optional note.
    pub note: Option<Text>,
    /// Values in file order.
    pub values: Vec<Value>,
    /// Task statuses in file order.
    pub tasks: Vec<TaskReport>,
    /// Other figures.
    pub facts: Vec<Fact>,
    /// The file it came from, relative to the site folder.
    pub file: String,
    /// `values` by indicator index: lookups without a scan.
    by_indicator: Vec<Option<usize>>,
}

impl Edition {
    /// The value of one indicator, if reported.
    pub fn value_of(&self, indicator: usize) -> Option<&Value> {
        self.by_indicator
            .get(indicator)
            .copied()
            .flatten()
            .map(|v| &self.values[v])
    }

    /// Loads and validates one edition file.
    pub fn load(
        file: &Path,
        text: &str,
        span: PlanSpan,
        indicators: &Indicators,
        tasks: &Tasks,
        problems: &mut Problems,
    ) -> Option<Edition> {
        let raw: RawEdition = match parse_yaml(file, text) {
            Ok(r) => r,
            Err(p) => {
                problems.push(p);
                return None;
            }
        };
        let loc = Locator::new(text);
        let mut ok = true;
        let mut err = |pos: Option<Pos>, m: Text, h: Text| {
            ok = false;
            problems.push(Problem::error(file, pos, m, h));
        };
        let year_pos = loc.key("year", 0);
        if raw.year < span.baseline_year || raw.year > span.target_year + 10 {
            err(
                year_pos,
                text!(en: format!("the year {} is outside the plan's span ({}–{})", raw.year, span.baseline_year, span.target_year), zh: format!("年份 {} 超出了规划期（{}—{}年）", raw.year, span.baseline_year, span.target_year)),
                text!(en: "Write the year of the report, e.g. `year: 2023`.", zh: "请填写报告年份，例如 `year: 2023`。"),
            );
        }
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != raw.year.to_string() {
            err(
                year_pos,
                text!(en: format!("the file is named {stem} but says `year: {}`", raw.year), zh: format!("文件名为 {stem}，但其中写的是 `year: {}`", raw.year)),
                text!(en: "Name each edition file after its year: data/progress/2023.yaml holds `year: 2023`.", zh: "每期文件以年份命名：data/progress/2023.yaml 中应写 `year: 2023`。"),
            );
        }
        for (key, date) in [
            ("as_of", Some(&raw.as_of)),
            ("published", raw.published.as_ref()),
        ] {
            if let Some(d) = date
                && !valid_date(d)
            {
                err(
                    loc.key(key, 0),
                    text!(en: format!("`{d}` is not a date"), zh: format!("`{d}` 不是有效日期")),
                    text!(en: "Write dates as YYYY-MM-DD, e.g. 2023-12-31.", zh: "日期格式为 YYYY-MM-DD，例如 2023-12-31。"),
                );
            }
        }
        if let Some(t) = &raw.title {
            check_text(&mut err, &loc, None, "title", t);
        }
        if let Some(t) = &raw.note {
            check_text(&mut err, &loc, None, "note", t);
        }
        let mut cursor = Cursor::new(&loc, "values");
        let mut seen = HashSet::new();
        let mut values = Vec::new();
        for (id, v) in raw.values.0 {
            let pos = cursor.key(&id);
            if !seen.insert(id.clone()) {
                err(
                    pos,
                    text!(en: format!("`{id}` has two values in this edition"), zh: format!("`{id}` 在本期中填写了两次")),
                    text!(en: "Keep one value per indicator and delete the other line.", zh: "每个指标只保留一个数值，请删除多余的一条。"),
                );
                continue;
            }
            let Some(&indicator) = indicators.by_id.get(&id) else {
                if !indicators.knows(&id) {
                    err(
                        pos,
                        text!(en: format!("`{id}` is not an indicator of data/indicators.yaml"), zh: format!("`{id}` 不是 data/indicators.yaml 中的指标")),
                        text!(en: suggest(&id, indicators.by_id.keys()), zh: suggest_zh(&id, indicators.by_id.keys())),
                    );
                }
                continue;
            };
            let (value, note, source) = match v {
                RawValue::Plain(x) => (x, None, None),
                RawValue::Full(f) => (f.value, f.note, f.source),
            };
            if !value.is_finite() {
                err(
                    pos,
                    text!(en: format!("the value of `{id}` is not a number"), zh: format!("`{id}` 的数值无效")),
                    text!(en: "Write a plain number.", zh: "请填写数字。"),
                );
                continue;
            }
            for (k, t) in [("note", &note), ("source", &source)] {
                if let Some(t) = t {
                    check_text(&mut err, &loc, pos, k, t);
                }
            }
            values.push(Value {
                indicator,
                value: Number::new(value),
                note,
                source,
            });
        }
        let mut cursor = Cursor::new(&loc, "tasks");
        let mut seen = HashSet::new();
        let mut reports = Vec::new();
        for (id, t) in raw.tasks.0 {
            let pos = cursor.key(&id);
            if !seen.insert(id.clone()) {
                err(
                    pos,
                    text!(en: format!("the task `{id}` has two statuses in this edition"), zh: format!("任务 `{id}` 在本期中填写了两次")),
                    text!(en: "Keep one status per task.", zh: "每个任务只保留一个状态。"),
                );
                continue;
            }
            if tasks.task(&id).is_none() {
                if tasks.knows_task(&id) {
                    continue;
                }
                err(
                    pos,
                    text!(en: format!("`{id}` is not a task of data/tasks.yaml"), zh: format!("`{id}` 不是 data/tasks.yaml 中的任务")),
                    text!(en: suggest(&id, tasks.task_by_id.keys()), zh: suggest_zh(&id, tasks.task_by_id.keys())),
                );
                continue;
            }
            if let Some(n) = &t.note {
                check_text(&mut err, &loc, pos, "note", n);
            }
            reports.push(TaskReport {
                task: id,
                status: t.status,
                note: t.note,
            });
        }
        let mut cursor = Cursor::new(&loc, "facts");
        let mut fact_ids = HashSet::new();
        for f in &raw.facts {
            let pos = cursor.id(&f.id);
            if !fact_ids.insert(f.id.as_str()) {
                err(
                    pos,
                    text!(en: format!("the fact id `{}` is used twice", f.id), zh: format!("数据项编号 `{}` 重复", f.id)),
                    text!(en: "Give each fact its own id.", zh: "每个数据项的编号必须唯一。"),
                );
            }
            check_id(&mut err, pos, &f.id);
            check_text(&mut err, &loc, pos, "label", &f.label);
            for (k, t) in [("note", &f.note), ("source", &f.source)] {
                if let Some(t) = t {
                    check_text(&mut err, &loc, pos, k, t);
                }
            }
            if f.unit.zh.trim().is_empty() != f.unit.en.trim().is_empty() {
                err(
                    pos.and_then(|p| loc.key_in_item(p, "unit")).or(pos),
                    text!(en: format!("the unit of `{}` is given in one language only", f.id), zh: format!("数据项 `{}` 的单位只填写了一种语言", f.id)),
                    text!(en: "Write the unit in both languages: `unit: {zh: 人, en: people}`.", zh: "请用两种语言填写单位：`unit: {zh: 人, en: people}`。"),
                );
            }
        }
        let mut by_indicator = vec![None; indicators.list.len()];
        for (k, v) in values.iter().enumerate() {
            by_indicator[v.indicator] = Some(k);
        }
        ok.then(|| Edition {
            by_indicator,
            year: raw.year,
            as_of: raw.as_of,
            published: raw.published,
            title: raw.title,
            note: raw.note,
            values,
            tasks: reports,
            facts: raw.facts,
            file: file.to_string_lossy().replace('\\', "/"),
        })
    }
}

fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, len| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 3
        && num(parts[0], 4)
        && num(parts[1], 2)
        && num(parts[2], 2)
        && matches!(parts[1].parse::<u8>(), Ok(1..=12))
        && matches!(parts[2].parse::<u8>(), Ok(1..=31))
}

/// The closest known id, for "did you mean".
fn closest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    known
        .map(|k| (edit_distance(id, k), k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn suggest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    match closest(id, known) {
        Some(k) => {
            format!("Did you mean `{k}`? Use an id exactly as it is written in the data file.")
        }
        None => "Use an id exactly as it is written in the data file.".to_string(),
    }
}

fn suggest_zh<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    match closest(id, known) {
        Some(k) => format!("是否应为 `{k}`？请使用数据文件中写明的编号。"),
        None => "请使用数据文件中写明的编号。".to_string(),
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_distances() {
        assert!(valid_date("2023-12-31"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("31/12/2023"));
        assert_eq!(edit_distance("vocatinal", "vocational"), 1);
    }
}
