//! `data/indicators.yaml`: the categories and indicators of the plan.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::config::PlanSpan;
use crate::diag::{Pos, Problem, Problems};
use crate::lang::Text;
use crate::model::figure::{Bound, Display, Number, Parsed, TargetFigure, Unit, parse_figure};
use crate::model::status::{Direction, Inputs};
use crate::model::{check_id, check_text, is_safe_id};
use crate::source::{Cursor, Locator, parse_yaml};
use crate::text;

/// The indicators file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    table_title: Text,
    categories: Vec<RawCategory>,
    indicators: Vec<RawIndicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    category: String,
    #[serde(default)]
    row: Option<u32>,
    #[serde(default)]
    row_label: Option<Text>,
    name: Text,
    #[serde(default)]
    unit: Unit,
    #[serde(default)]
    baseline: serde_yaml::Value,
    target: serde_yaml::Value,
    #[serde(default)]
    direction: Direction,
    #[serde(default)]
    display: Display,
    #[serde(default)]
    note: Option<Text>,
}

/// A category of indicators (a block of the plan's table).
#[derive(Debug, Clone)]
pub struct Category {
    /// Stable id.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
}

/// One indicator of the plan.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Stable id, safe as a file name.
    pub id: String,
    /// Index into [`Indicators::categories`].
    pub category: usize,
    /// The row of the plan's table; indicators sharing a row show as one.
    pub row: u32,
    /// The row's label, when the row holds several indicators.
    pub row_label: Option<Text>,
    /// Name in both languages.
    pub name: Text,
    /// Unit in both languages.
    pub unit: Unit,
    /// The baseline value, if the plan gives one.
    pub baseline: Option<Number>,
    /// The target.
    pub target: TargetFigure,
    /// Higher or lower is better.
    pub direction: Direction,
    /// Plain number or ratio.
    pub display: Display,
    /// An optional note.
    pub note: Option<Text>,
}

impl Indicator {
    /// What the progress computation needs.
    pub fn inputs(&self, span: PlanSpan) -> Inputs {
        Inputs {
            baseline: self.baseline.map(|b| b.value),
            baseline_year: span.baseline_year,
            target: self.target,
            target_year: span.target_year,
            direction: self.direction,
        }
    }
}

/// All categories and indicators, in the plan's order.
#[derive(Debug, Clone, Default)]
pub struct Indicators {
    /// The title of the plan's indicator table.
    pub table_title: Text,
    /// Categories in order.
    pub categories: Vec<Category>,
    /// Indicators in table order.
    pub list: Vec<Indicator>,
    /// Index of each indicator by id.
    pub by_id: HashMap<String, usize>,
    /// Index of each category by id.
    pub category_by_id: HashMap<String, usize>,
    /// Whether the file was read and parsed. When it was not, its own
    /// problem has been reported and references to indicators are not
    /// checked (they would all be reported again as unknown).
    pub loaded: bool,
    /// Ids of indicators left out because of an error already reported:
    /// references to them are not reported a second time.
    pub rejected: HashSet<String>,
}

impl Indicators {
    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|i| &self.list[*i])
    }

    /// Whether a reference to this indicator id is to be accepted without a
    /// further report: it exists, or its own problem was reported already.
    pub fn knows(&self, id: &str) -> bool {
        !self.loaded || self.by_id.contains_key(id) || self.rejected.contains(id)
    }

    /// Whether a reference to this category id is to be accepted without a
    /// further report.
    pub fn knows_category(&self, id: &str) -> bool {
        !self.loaded || self.category_by_id.contains_key(id)
    }

    /// The rows of one category: indicators grouped by row number, in order.
    pub fn rows_of(&self, category: usize) -> Vec<Vec<usize>> {
        let mut rows: Vec<Vec<usize>> = Vec::new();
        for (i, ind) in self.list.iter().enumerate() {
            if ind.category != category {
                continue;
            }
            match rows.last_mut() {
                Some(last) if self.list[last[0]].row == ind.row => last.push(i),
                _ => rows.push(vec![i]),
            }
        }
        rows
    }

    /// Loads and validates `data/indicators.yaml`; problems go to `problems`.
    pub fn load(file: &Path, text: &str, problems: &mut Problems) -> Indicators {
        let raw: RawFile = match parse_yaml(file, text) {
            Ok(r) => r,
            Err(p) => {
                problems.push(p);
                return Indicators::default();
            }
        };
        let loc = Locator::new(text);
        let mut out = Indicators {
            table_title: raw.table_title,
            loaded: true,
            ..Indicators::default()
        };
        let mut err = |pos: Option<Pos>, m: Text, h: Text| {
            problems.push(Problem::error(file, pos, m, h));
        };
        if out.table_title.missing().len() == 2 {
            err(
                loc.key("table_title", 0).or(Some(Pos::line(text, 1))),
                text!(en: "the indicator table has no title", zh: "指标表缺少标题"),
                text!(en: "Add `table_title: {zh: …, en: …}` at the top of the file.", zh: "请在文件开头加上 `table_title: {zh: …, en: …}`。"),
            );
        } else {
            check_text(&mut err, &loc, None, "table_title", &out.table_title);
        }
        let mut cursor = Cursor::new(&loc, "categories");
        for c in raw.categories {
            let pos = cursor.id(&c.id);
            check_id(&mut err, pos, &c.id);
            check_text(&mut err, &loc, pos, "name", &c.name);
            // An id that is no safe file name never reaches the site, even
            // one that is not built: nothing may write a path made from it.
            if !is_safe_id(&c.id) {
                continue;
            }
            if out.category_by_id.contains_key(&c.id) {
                err(
                    pos,
                    text!(en: format!("the category id `{}` is used twice", c.id), zh: format!("分类编号 `{}` 重复", c.id)),
                    text!(en: "Give each category its own id.", zh: "每个分类的编号必须唯一。"),
                );
                continue;
            }
            out.category_by_id
                .insert(c.id.clone(), out.categories.len());
            out.categories.push(Category {
                id: c.id,
                name: c.name,
            });
        }
        let mut last_row = 0;
        let mut cursor = Cursor::new(&loc, "indicators");
        for r in raw.indicators {
            let pos = cursor.id(&r.id);
            let at = |key: &str| pos.and_then(|p| loc.key_in_item(p, key)).or(pos);
            check_id(&mut err, pos, &r.id);
            check_text(&mut err, &loc, pos, "name", &r.name);
            if !is_safe_id(&r.id) {
                out.rejected.insert(r.id);
                continue;
            }
            if let Some(l) = &r.row_label {
                check_text(&mut err, &loc, pos, "row_label", l);
            }
            if r.unit.zh.trim().is_empty() != r.unit.en.trim().is_empty() {
                err(
                    at("unit"),
                    text!(en: format!("the unit of `{}` is given in one language only", r.id), zh: format!("指标 `{}` 的单位只填写了一种语言", r.id)),
                    text!(en: "Write the unit in both languages: `unit: {zh: 所, en: schools}`.", zh: "请用两种语言填写单位：`unit: {zh: 所, en: schools}`。"),
                );
            }
            if out.by_id.contains_key(&r.id) {
                err(
                    pos,
                    text!(en: format!("the indicator id `{}` is used twice", r.id), zh: format!("指标编号 `{}` 重复", r.id)),
                    text!(en: "Give each indicator its own id; a row with two figures is two indicators with different ids and the same `row`.", zh: "每个指标的编号必须唯一；含两个数值的行是两个编号不同、`row` 相同的指标。"),
                );
                continue;
            }
            let Some(&category) = out.category_by_id.get(&r.category) else {
                let known: Vec<&str> = out.categories.iter().map(|c| c.id.as_str()).collect();
                err(
                    at("category"),
                    text!(en: format!("`{}` is not a category of this file", r.category), zh: format!("`{}` 不是本文件中定义的分类", r.category)),
                    text!(en: format!("Use one of: {}.", known.join(", ")), zh: format!("请使用以下分类之一：{}。", known.join("、"))),
                );
                out.rejected.insert(r.id);
                continue;
            };
            let baseline = match parse_figure(&r.baseline) {
                Ok(Parsed::None) => None,
                Ok(Parsed::Some(f)) if f.bound == Bound::Exact && f.upper.is_none() => {
                    Some(f.value)
                }
                Ok(Parsed::Some(_)) => {
                    err(
                        at("baseline"),
                        text!(en: "a baseline is a single value, not a range or a bound", zh: "基期值应为单个数值，不能是范围或上下限"),
                        text!(en: "Write the 2020 value as the plan gives it, or \"/\" when it gives none.", zh: "请按规划填写2020年数值；规划未给出时填写 \"/\"。"),
                    );
                    None
                }
                Err(e) => {
                    err(
                        at("baseline"),
                        text!(en: format!("the baseline is not a figure: {e}"), zh: format!("基期值“{}”不是有效数值", figure_text(&r.baseline))),
                        text!(en: "Write a number (12.8), or \"/\" when the plan gives none.", zh: "请填写数字（如 12.8），规划未给出时填写 \"/\"。"),
                    );
                    None
                }
            };
            let target = match parse_figure(&r.target) {
                Ok(Parsed::Some(t)) => t,
                Ok(Parsed::None) => {
                    err(
                        at("target"),
                        text!(en: format!("the indicator `{}` has no target", r.id), zh: format!("指标 `{}` 没有目标值", r.id)),
                        text!(en: "Every indicator needs a 2025 target: a number, or \">20\" for a floor.", zh: "每个指标都需要2025年目标值：数字，或表示下限的 \">20\"。"),
                    );
                    out.rejected.insert(r.id);
                    continue;
                }
                Err(e) => {
                    err(
                        at("target"),
                        text!(en: format!("the target is not a figure: {e}"), zh: format!("目标值“{}”不是有效数值", figure_text(&r.target))),
                        text!(en: "Write a number (20), \">20\" for a floor or \"<18\" for a ceiling.", zh: "请填写数字（20）、下限 \">20\" 或上限 \"<18\"。"),
                    );
                    out.rejected.insert(r.id);
                    continue;
                }
            };
            let contradiction = match r.direction {
                Direction::Increase => {
                    target.bound == Bound::Ceiling
                        || baseline.is_some_and(|b| target.value.value < b.value)
                }
                Direction::Decrease => {
                    target.bound == Bound::Floor
                        || baseline.is_some_and(|b| target.value.value > b.value)
                }
            };
            if contradiction {
                let dir = match r.direction {
                    Direction::Increase => "increase",
                    Direction::Decrease => "decrease",
                };
                err(
                    at("target"),
                    text!(en: format!("the target of `{}` contradicts its direction `{dir}`", r.id), zh: format!("指标 `{}` 的目标值与方向 `{dir}` 矛盾", r.id)),
                    text!(en: "For an indicator that should fall, write `direction: decrease` and a target below the baseline (\"<18\" for a ceiling); for one that should rise, a target above it (\">20\" for a floor).", zh: "应下降的指标请写 `direction: decrease`，目标值低于基期值（上限写 \"<18\"）；应上升的指标目标值应高于基期值（下限写 \">20\"）。"),
                );
            }
            let row = r.row.unwrap_or(last_row + 1);
            if row < last_row {
                err(
                    at("row"),
                    text!(en: format!("row {row} comes after row {last_row}"), zh: format!("第 {row} 行出现在第 {last_row} 行之后")),
                    text!(en: "List indicators in the order of the plan's table.", zh: "请按规划指标表的顺序排列指标。"),
                );
            }
            last_row = row;
            out.by_id.insert(r.id.clone(), out.list.len());
            out.list.push(Indicator {
                id: r.id,
                category,
                row,
                row_label: r.row_label,
                name: r.name,
                unit: r.unit,
                baseline,
                target,
                direction: r.direction,
                display: r.display,
                note: r.note,
            });
        }
        out
    }
}

/// A figure as the author wrote it, for quoting in a message.
fn figure_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: an indicator whose id is no safe file name was
    /// reported but still listed, so it could have reached a file path.
    #[test]
    fn unsafe_ids_are_reported_and_left_out() {
        let text = "table_title: {zh: 表, en: Table}\ncategories:\n  - id: c\n    name: {zh: 类, en: C}\n  - id: ../c\n    name: {zh: 类, en: C}\nindicators:\n  - id: ok\n    category: c\n    name: {zh: 甲, en: A}\n    target: 1\n  - id: vo:ca/ted\n    category: c\n    name: {zh: 乙, en: B}\n    target: 1\n";
        let mut problems = Problems::default();
        let ind = Indicators::load(Path::new("i.yaml"), text, &mut problems);
        let ids: Vec<&str> = ind.list.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["ok"]);
        assert_eq!(ind.categories.len(), 1);
        let lines: Vec<usize> = problems
            .items
            .iter()
            .filter_map(|p| p.pos)
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, [5, 12]);
        assert!(
            ind.knows("vo:ca/ted"),
            "a reference to it is not reported again"
        );
    }
}
