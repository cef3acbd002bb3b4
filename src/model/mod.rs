//! The plan's data: indicators, tasks and boxes, progress editions, and the
//! progress and status computed from them.

pub mod editions;
pub mod figure;
pub mod indicators;
pub mod status;
pub mod tasks;

use crate::config::{PlanSpan, ProgressMethod};
use crate::diag::Pos;
use crate::lang::{Lang, Text};
use crate::source::Locator;
use crate::text;

use editions::Edition;
use indicators::Indicators;
use status::{Assessment, assess_cagr, assess_linear};
use tasks::Tasks;

/// The validated data of a site, with every assessment computed once.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Categories and indicators.
    pub indicators: Indicators,
    /// Task lists, boxes and box targets.
    pub tasks: Tasks,
    /// Progress editions, oldest first.
    pub editions: Vec<Edition>,
    /// `assessments[e][i]`: indicator `i` as of edition `e`.
    pub assessments: Vec<Vec<Assessment>>,
}

impl Data {
    /// Computes every indicator's assessment in every edition. An edition
    /// sees only its own and earlier editions, so adding a later edition
    /// never changes an earlier one.
    pub fn assess(&mut self, span: PlanSpan, method: ProgressMethod) {
        self.editions.sort_by_key(|e| e.year);
        self.assessments = (0..self.editions.len())
            .map(|e| {
                self.indicators
                    .list
                    .iter()
                    .enumerate()
                    .map(|(i, ind)| {
                        let Some(v) = self.editions[e].value_of(i) else {
                            return Assessment::NO_DATA;
                        };
                        let inputs = ind.inputs(span);
                        let year = self.editions[e].year;
                        match method {
                            ProgressMethod::Linear => assess_linear(&inputs, v.value.value, year),
                            ProgressMethod::Cagr => {
                                let base = ind
                                    .baseline
                                    .map(|b| (b.value, span.baseline_year))
                                    .or_else(|| self.first_value(i, e));
                                assess_cagr(&inputs, base, v.value.value, year)
                            }
                        }
                    })
                    .collect()
            })
            .collect();
    }

    /// The earliest reported value of an indicator up to edition `upto`.
    fn first_value(&self, indicator: usize, upto: usize) -> Option<(f64, i32)> {
        self.editions[..=upto]
            .iter()
            .find_map(|e| e.value_of(indicator).map(|v| (v.value.value, e.year)))
    }

    /// The values of an indicator in editions up to and including `upto`,
    /// as (year, value).
    pub fn series(&self, indicator: usize, upto: usize) -> Vec<(i32, f64)> {
        self.editions[..=upto.min(self.editions.len().saturating_sub(1))]
            .iter()
            .filter_map(|e| e.value_of(indicator).map(|v| (e.year, v.value.value)))
            .collect()
    }
}

/// Reports an id that cannot safely be a file name or URL part.
pub(crate) fn check_id(err: &mut impl FnMut(Option<Pos>, Text, Text), pos: Option<Pos>, id: &str) {
    if !is_safe_id(id) {
        err(
            pos,
            text!(en: format!("`{id}` cannot be used as an id"), zh: format!("`{id}` 不能用作编号")),
            text!(
                en: "Ids are lower-case ASCII letters, digits and hyphens, starting with a letter or digit (e.g. `vocational-students`): they become file names and web addresses.",
                zh: "编号只能由小写英文字母、数字和连字符组成，并以字母或数字开头（如 `vocational-students`）：编号会成为文件名和网址。"
            ),
        );
    }
}

/// Whether an id is safe as a file name and URL segment.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// Reports a text missing in one language, at the key's line within the item.
pub(crate) fn check_text(
    err: &mut impl FnMut(Option<Pos>, Text, Text),
    loc: &Locator,
    item: Option<Pos>,
    key: &str,
    text: &Text,
) {
    for lang in text.missing() {
        let pos = match item {
            Some(p) => loc.key_in_item(p, key).or(Some(p)),
            None => loc.key(key, 0),
        };
        let (en_l, zh_l) = match lang {
            Lang::Zh => ("Chinese", "中文"),
            Lang::En => ("English", "英文"),
        };
        err(
            pos,
            text!(en: format!("`{key}` has no {en_l} text"), zh: format!("`{key}` 缺少{zh_l}")),
            text!(
                en: format!("Every text a reader sees exists in both languages: write `{key}: {{zh: …, en: …}}`."),
                zh: format!("读者能看到的每段文字都须有中英两种语言：请写成 `{key}: {{zh: …, en: …}}`。")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_the_output_are_refused() {
        assert!(is_safe_id("vocational-students"));
        assert!(is_safe_id("annex-1-01"));
        for bad in ["../../x", "a/b", "A", "", "-x", "a b", "名称", "a.b"] {
            assert!(!is_safe_id(bad), "{bad}");
        }
    }
}
