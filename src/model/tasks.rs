//! `data/tasks.yaml`: the task lists (annexes), the boxes of the plan and
//! the quantified targets they state.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Pos, Problem, Problems};
use crate::lang::{Lang, Text};
use crate::model::figure::{Formatter, Parsed, TargetFigure, Unit, parse_figure};
use crate::model::{check_id, check_text};
use crate::source::{Cursor, Locator, parse_yaml};
use crate::text;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    lists: Vec<TaskList>,
    #[serde(default)]
    boxes: Vec<PlanBox>,
    #[serde(default)]
    targets: Vec<RawTarget>,
}

/// A task list of the plan (an annex).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskList {
    /// Stable id (`annex-1`).
    pub id: String,
    /// Title in both languages.
    pub title: Text,
    /// The heading of the unit column (lead unit, responsible unit).
    pub unit_heading: Text,
    /// The tasks, in order.
    pub tasks: Vec<Task>,
}

/// One task of a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable id (`annex-1-01`).
    pub id: String,
    /// What is to be done.
    pub text: Text,
    /// Who leads it.
    pub unit: Text,
}

/// A box (专栏) of the plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanBox {
    /// Its number (1–8).
    pub number: u32,
    /// The slug of the page that holds it.
    pub page: String,
    /// The section heading it belongs to.
    pub section: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    id: String,
    #[serde(rename = "box")]
    box_number: u32,
    name: Text,
    target: serde_yaml::Value,
    #[serde(default)]
    unit: Unit,
}

/// A quantified target stated in a box.
#[derive(Debug, Clone)]
pub struct BoxTarget {
    /// Stable id.
    pub id: String,
    /// The box it is stated in.
    pub box_number: u32,
    /// What is counted.
    pub name: Text,
    /// The target as a figure, or as the plan writes it ("4.5:5.5") when it
    /// is not a single number.
    pub target: TargetValue,
    /// Unit in both languages.
    pub unit: Unit,
}

/// A box target's value.
#[derive(Debug, Clone)]
pub enum TargetValue {
    /// A number, floor or range.
    Figure(TargetFigure),
    /// Text shown as written, such as a ratio "4.5:5.5".
    Verbatim(String),
}

impl BoxTarget {
    /// The target as a reader sees it.
    pub fn display(&self, lang: Lang) -> String {
        let f = Formatter {
            unit: &self.unit,
            display: Default::default(),
            lang,
        };
        match &self.target {
            TargetValue::Figure(t) => f.target(t),
            TargetValue::Verbatim(s) => s.clone(),
        }
    }
}

/// Everything in `data/tasks.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    /// Task lists in order.
    pub lists: Vec<TaskList>,
    /// Boxes in order.
    pub boxes: Vec<PlanBox>,
    /// Box targets in order.
    pub targets: Vec<BoxTarget>,
    /// Every task by id: (list index, task index).
    pub task_by_id: HashMap<String, (usize, usize)>,
    /// Whether the file was read and parsed. When it was not, its own
    /// problem has been reported and references to tasks, lists and boxes
    /// are not checked (they would all be reported again as unknown).
    pub loaded: bool,
    /// Where each box's `page:` is written, for [`Tasks::check_pages`].
    box_pages: Vec<Option<Pos>>,
}

impl Tasks {
    /// The task list with this id.
    pub fn list(&self, id: &str) -> Option<&TaskList> {
        self.lists.iter().find(|l| l.id == id)
    }

    /// The task with this id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.task_by_id
            .get(id)
            .map(|(l, t)| &self.lists[*l].tasks[*t])
    }

    /// Whether a reference to this task id is to be accepted without a
    /// further report.
    pub fn knows_task(&self, id: &str) -> bool {
        !self.loaded || self.task_by_id.contains_key(id)
    }

    /// Whether a reference to this task list is to be accepted without a
    /// further report.
    pub fn knows_list(&self, id: &str) -> bool {
        !self.loaded || self.list(id).is_some()
    }

    /// Whether a reference to this box number is to be accepted without a
    /// further report.
    pub fn knows_box(&self, number: u32) -> bool {
        !self.loaded || self.boxes.iter().any(|b| b.number == number)
    }

    /// Checks that every box names a page of the site (`has_page(slug)`).
    pub fn check_pages(
        &self,
        file: &Path,
        has_page: impl Fn(&str) -> bool,
        problems: &mut Problems,
    ) {
        for (b, pos) in self.boxes.iter().zip(&self.box_pages) {
            if !has_page(&b.page) {
                problems.push(Problem::error(
                    file,
                    *pos,
                    text!(en: format!("box {} is on the page `{}`, but there is no content/zh/{}.md or content/en/{}.md", b.number, b.page, b.page, b.page), zh: format!("专栏 {} 所在的页面 `{}` 不存在（没有 content/zh/{}.md 或 content/en/{}.md）", b.number, b.page, b.page, b.page)),
                    text!(en: "Write the file name (without .md) of the page that holds the box, e.g. `page: key-tasks`.", zh: "请填写专栏所在页面的文件名（不含 .md），例如 `page: key-tasks`。"),
                ));
            }
        }
    }

    /// The targets of one box.
    pub fn targets_of(&self, number: u32) -> impl Iterator<Item = &BoxTarget> {
        self.targets.iter().filter(move |t| t.box_number == number)
    }

    /// Loads and validates `data/tasks.yaml`.
    pub fn load(file: &Path, text: &str, problems: &mut Problems) -> Tasks {
        let raw: RawFile = match parse_yaml(file, text) {
            Ok(r) => r,
            Err(p) => {
                problems.push(p);
                return Tasks::default();
            }
        };
        let loc = Locator::new(text);
        let mut out = Tasks {
            loaded: true,
            ..Tasks::default()
        };
        let mut err = |pos: Option<Pos>, m: Text, h: Text| {
            problems.push(Problem::error(file, pos, m, h));
        };
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut dup = |err: &mut dyn FnMut(Option<Pos>, Text, Text), id: &str, pos| {
            if seen.insert(id.to_string(), ()).is_some() {
                err(
                    pos,
                    text!(en: format!("the id `{id}` is used twice"), zh: format!("编号 `{id}` 重复")),
                    text!(en: "Give each list, task and target its own id.", zh: "每个清单、任务和目标的编号必须唯一。"),
                );
            }
        };
        let mut cursor = Cursor::new(&loc, "lists");
        for (li, list) in raw.lists.iter().enumerate() {
            let pos = cursor.id(&list.id);
            check_id(&mut err, pos, &list.id);
            dup(&mut err, &list.id, pos);
            check_text(&mut err, &loc, pos, "title", &list.title);
            check_text(&mut err, &loc, pos, "unit_heading", &list.unit_heading);
            for (ti, task) in list.tasks.iter().enumerate() {
                let pos = cursor.id(&task.id);
                check_id(&mut err, pos, &task.id);
                dup(&mut err, &task.id, pos);
                check_text(&mut err, &loc, pos, "text", &task.text);
                check_text(&mut err, &loc, pos, "unit", &task.unit);
                out.task_by_id.entry(task.id.clone()).or_insert((li, ti));
            }
        }
        let mut cursor = Cursor::new(&loc, "boxes");
        let mut numbers = HashSet::new();
        for b in &raw.boxes {
            let pos = cursor.key("number");
            check_text(&mut err, &loc, pos, "section", &b.section);
            if !numbers.insert(b.number) {
                err(
                    pos,
                    text!(en: format!("box {} is listed twice", b.number), zh: format!("专栏 {} 重复列出", b.number)),
                    text!(en: "List each box once under `boxes:`.", zh: "每个专栏在 `boxes:` 中只列一次。"),
                );
            }
            out.box_pages
                .push(pos.and_then(|p| loc.key_in_item(p, "page")).or(pos));
        }
        let mut cursor = Cursor::new(&loc, "targets");
        for t in raw.targets {
            let pos = cursor.id(&t.id);
            check_id(&mut err, pos, &t.id);
            dup(&mut err, &t.id, pos);
            check_text(&mut err, &loc, pos, "name", &t.name);
            if !raw.boxes.iter().any(|b| b.number == t.box_number) {
                err(
                    pos.and_then(|p| loc.key_in_item(p, "box")).or(pos),
                    text!(en: format!("box {} is not listed under `boxes:`", t.box_number), zh: format!("专栏 {} 未在 `boxes:` 中列出", t.box_number)),
                    text!(en: "Add the box under `boxes:` or correct the number.", zh: "请在 `boxes:` 中补上该专栏，或更正编号。"),
                );
            }
            let target = match parse_figure(&t.target) {
                Ok(Parsed::Some(f)) => TargetValue::Figure(f),
                _ => match &t.target {
                    serde_yaml::Value::String(s) if !s.trim().is_empty() => {
                        TargetValue::Verbatim(s.trim().to_string())
                    }
                    _ => {
                        err(
                            pos.and_then(|p| loc.key_in_item(p, "target")).or(pos),
                            text!(en: format!("the target `{}` has no value", t.id), zh: format!("目标 `{}` 没有数值", t.id)),
                            text!(en: "Write the number the plan gives, e.g. `target: 20` or `target: \">=60\"`.", zh: "请填写规划给出的数值，如 `target: 20` 或 `target: \">=60\"`。"),
                        );
                        continue;
                    }
                },
            };
            out.targets.push(BoxTarget {
                id: t.id,
                box_number: t.box_number,
                name: t.name,
                target,
                unit: t.unit,
            });
        }
        out.lists = raw.lists;
        out.boxes = raw.boxes;
        out
    }
}
