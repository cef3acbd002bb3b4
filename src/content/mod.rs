//! Markdown pages: front matter, shortcodes, links; loading and checking
//! here, turning them into HTML in [`markdown`].

pub mod markdown;
pub mod shortcode;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Pos, Problem, Problems};
use crate::lang::Lang;
use crate::model::{Data, is_safe_id};
use crate::source::parse_yaml;
use crate::text;
use shortcode::{Arg, Kind, Shortcode};

/// Slugs the generator uses for its own pages; a chapter cannot take them.
pub const RESERVED_SLUGS: [&str; 8] = [
    "indicators",
    "reports",
    "print",
    "methodology",
    "data",
    "charts",
    "static",
    "index",
];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
}

/// One Markdown page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The slug (file name without `.md`), shared by both languages.
    pub slug: String,
    /// The language.
    pub lang: Lang,
    /// The file, relative to the site folder.
    pub file: PathBuf,
    /// The whole file text (for positions).
    pub source: Arc<str>,
    /// Title.
    pub title: String,
    /// Place in the reading order.
    pub order: i64,
    /// One-sentence summary for the meta description.
    pub summary: Option<String>,
    /// Indicators the page discusses.
    pub indicators: Vec<String>,
    /// Categories the page discusses.
    pub categories: Vec<String>,
    /// Byte range of the Markdown body within `source`.
    pub body: Range<usize>,
    /// The shortcodes of the body, in order (spans relative to the body).
    pub shortcodes: Vec<Shortcode>,
    /// Internal `.md` links: (target slug, anchor, span in the body).
    pub links: Vec<(String, Option<String>, Range<usize>)>,
}

impl Page {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body.clone()]
    }

    /// The position of a byte range of the body, in the file.
    pub fn pos(&self, span: &Range<usize>) -> Pos {
        Pos::at(&self.source, self.body.start + span.start, span.len())
    }

    /// Loads a page from its text; problems go to `problems`.
    pub fn load(
        file: &Path,
        lang: Lang,
        source: Arc<str>,
        problems: &mut Problems,
    ) -> Option<Page> {
        let slug = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let err = |pos, en: String, zh: String, hen: &str, hzh: &str| {
            Problem::error(file, pos, text!(en: en, zh: zh), text!(en: hen, zh: hzh))
        };
        if !is_safe_id(&slug) || RESERVED_SLUGS.contains(&slug.as_str()) {
            problems.push(err(
                None,
                format!("`{slug}` cannot be a page name"),
                format!("`{slug}` 不能用作页面文件名"),
                "Name pages with lower-case ASCII letters, digits and hyphens (e.g. key-tasks.md), and not indicators, reports, print, methodology, data, charts, static or index: those are the site's own pages.",
                "页面文件名只能使用小写英文字母、数字和连字符（如 key-tasks.md），且不能是 indicators、reports、print、methodology、data、charts、static 或 index（这些是网站自带的页面）。",
            ));
            return None;
        }
        let (fm_text, fm_offset, body) = match split_front_matter(&source) {
            Some(x) => x,
            None if source.starts_with("---\n") => {
                problems.push(err(
                    Some(Pos::line(&source, 1)),
                    "the front matter that starts on this `---` line is never closed by another `---` line".into(),
                    "从这一行 `---` 开始的元数据（front matter）没有以另一行 `---` 结束".into(),
                    "Add a line `---` after the front matter (after `title: …` and `order: …`).",
                    "请在元数据（`title: …` 和 `order: …`）之后加一行 `---`。",
                ));
                return None;
            }
            None => {
                problems.push(err(
                    Some(Pos::line(&source, 1)),
                    "the page has no front matter".into(),
                    "页面缺少开头的元数据（front matter）".into(),
                    "Start the file with a `---` line, `title: …`, `order: …` and another `---` line.",
                    "请在文件开头写 `---`、`title: …`、`order: …`，再写一行 `---`。",
                ));
                return None;
            }
        };
        let fm: FrontMatter = match parse_yaml(file, fm_text) {
            Ok(f) => f,
            Err(mut p) => {
                if let Some(pos) = p.pos.as_mut() {
                    *pos = Pos::at(&source, fm_offset + pos.offset, pos.len);
                }
                problems.push(p);
                return None;
            }
        };
        if fm.title.trim().is_empty() {
            problems.push(err(
                Some(Pos::line(&source, 2)),
                "the page title is empty".into(),
                "页面标题为空".into(),
                "Write the page's title after `title:`.",
                "请在 `title:` 后填写页面标题。",
            ));
        }
        let body_text = &source[body.clone()];
        let (shortcodes, errors) = shortcode::find(body_text);
        for e in errors {
            problems.push(err(
                Some(Pos::at(&source, body.start + e.span.start, e.span.len())),
                format!("malformed shortcode: {}", e.en),
                format!("短代码格式错误：{}", e.zh),
                "Write shortcodes as `{{ indicator(id=\"vocational-students\") }}` on a line of their own.",
                "短代码的写法如 `{{ indicator(id=\"vocational-students\") }}`，单独占一行。",
            ));
        }
        let links = find_md_links(body_text);
        Some(Page {
            slug,
            lang,
            file: file.to_path_buf(),
            title: fm.title.trim().to_string(),
            order: fm.order.unwrap_or(i64::MAX),
            summary: fm.summary,
            indicators: fm.indicators,
            categories: fm.categories,
            shortcodes,
            links,
            body,
            source,
        })
    }

    /// Checks shortcodes, front-matter references and links against the data
    /// and the other pages.
    pub fn validate(&self, data: &Data, slugs: &HashMap<&str, ()>, problems: &mut Problems) {
        let err =
            |problems: &mut Problems, pos, en: String, zh: String, hen: String, hzh: String| {
                problems.push(Problem::error(
                    &self.file,
                    pos,
                    text!(en: en, zh: zh),
                    text!(en: hen, zh: hzh),
                ));
            };
        let mut depth = 0i32;
        for sc in &self.shortcodes {
            let pos = Some(self.pos(&sc.span));
            if let Err((en, zh, hen, hzh)) = check_shortcode(sc, data) {
                err(problems, pos, en, zh, hen, hzh);
            }
            match sc.kind {
                Kind::Open => depth += 1,
                Kind::Close => {
                    depth -= 1;
                    if depth < 0 {
                        err(
                            problems,
                            pos,
                            "`{% end %}` without an opening `{% box(…) %}`".into(),
                            "`{% end %}` 之前没有对应的 `{% box(…) %}`".into(),
                            "Remove this line, or add the `{% box(title=\"…\") %}` it closes."
                                .into(),
                            "请删除此行，或补上它所结束的 `{% box(title=\"…\") %}`。".into(),
                        );
                        depth = 0;
                    }
                }
                Kind::Inline => {}
            }
        }
        if depth > 0
            && let Some(open) = self.shortcodes.iter().rev().find(|s| s.kind == Kind::Open)
        {
            err(
                problems,
                Some(self.pos(&open.span)),
                "this box is never closed".into(),
                "此专栏框没有结束".into(),
                "Add a line `{% end %}` after the box's content.".into(),
                "请在专栏内容之后加一行 `{% end %}`。".into(),
            );
        }
        let fm_pos = |key: &str, value: &str| {
            let fm = &self.source[..self.body.start];
            fm.find(value)
                .or_else(|| fm.find(key))
                .map(|o| Pos::at(&self.source, o, value.len()))
        };
        for id in &self.indicators {
            if !data.indicators.knows(id) {
                err(
                    problems,
                    fm_pos("indicators", id),
                    format!("the front matter names an unknown indicator `{id}`"),
                    format!("元数据中列出的指标 `{id}` 不存在"),
                    "Use an id from data/indicators.yaml.".into(),
                    "请使用 data/indicators.yaml 中的指标编号。".into(),
                );
            }
        }
        for id in &self.categories {
            if !data.indicators.knows_category(id) {
                err(
                    problems,
                    fm_pos("categories", id),
                    format!("the front matter names an unknown category `{id}`"),
                    format!("元数据中列出的分类 `{id}` 不存在"),
                    "Use a category id from data/indicators.yaml.".into(),
                    "请使用 data/indicators.yaml 中的分类编号。".into(),
                );
            }
        }
        for (slug, _, span) in &self.links {
            if !slugs.contains_key(slug.as_str()) {
                err(problems, Some(self.pos(span)),
                    format!("this link points to `{slug}.md`, which does not exist in content/{}/", self.lang.code()),
                    format!("此链接指向的 `{slug}.md` 在 content/{}/ 中不存在", self.lang.code()),
                    "Link to another page by its file name, e.g. `[Annex 1](annex-1.md)`, and check the spelling.".into(),
                    "请用文件名链接到其他页面，例如 `[附件1](annex-1.md)`，并检查拼写。".into());
            }
        }
    }
}

type ShortcodeError = (String, String, String, String);

/// Checks one shortcode's name and arguments against the data.
fn check_shortcode(sc: &Shortcode, data: &Data) -> Result<(), ShortcodeError> {
    let s = |x: &str| x.to_string();
    let str_arg = |key: &str| -> Result<String, ShortcodeError> {
        match sc.arg(key) {
            Some(Arg::Str(v)) => Ok(v.clone()),
            Some(other) => Ok(other.as_text()),
            None => Err((
                format!("`{}` needs the argument `{key}`", sc.name),
                format!("`{}` 缺少参数 `{key}`", sc.name),
                format!("Write it as `{}({key}=\"…\")`.", sc.name),
                format!("请写成 `{}({key}=\"…\")`。", sc.name),
            )),
        }
    };
    let num_arg = |key: &str| -> Result<u32, ShortcodeError> {
        let v = str_arg(key)?;
        v.trim().parse::<u32>().map_err(|_| {
            (
                format!("`{key}` of `{}` must be a whole number, not `{v}`", sc.name),
                format!("`{}` 的参数 `{key}` 必须是整数，而不是 `{v}`", sc.name),
                format!("Write e.g. `{key}=1`."),
                format!("例如写成 `{key}=1`。"),
            )
        })
    };
    let unknown = |what_en: &str, what_zh: &str, v: &str, known: Vec<&str>| -> ShortcodeError {
        (
            format!("unknown {what_en} `{v}` in `{}`", sc.name),
            format!("`{}` 中的{what_zh} `{v}` 不存在", sc.name),
            format!("Use one of: {}.", known.join(", ")),
            format!("请使用以下之一：{}。", known.join("、")),
        )
    };
    match (sc.kind, sc.name.as_str()) {
        (Kind::Inline, "indicator") => {
            let id = str_arg("id")?;
            if !data.indicators.knows(&id) {
                let mut known: Vec<&str> =
                    data.indicators.list.iter().map(|i| i.id.as_str()).collect();
                known.sort_by_key(|k| crate::model::editions::edit_distance(k, &id));
                known.truncate(5);
                return Err(unknown("indicator", "指标", &id, known));
            }
        }
        (Kind::Inline, "indicator_table") => {
            if sc.arg("category").is_some() {
                let c = str_arg("category")?;
                if !data.indicators.knows_category(&c) {
                    let known = data
                        .indicators
                        .categories
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect();
                    return Err(unknown("category", "分类", &c, known));
                }
            }
        }
        (Kind::Inline, "box_targets") => {
            let n = num_arg("box")?;
            if !data.tasks.knows_box(n) {
                let known: Vec<String> = data
                    .tasks
                    .boxes
                    .iter()
                    .map(|b| b.number.to_string())
                    .collect();
                return Err(unknown(
                    "box",
                    "专栏",
                    &n.to_string(),
                    known.iter().map(String::as_str).collect(),
                ));
            }
        }
        (Kind::Inline, "task_list") => {
            let l = str_arg("list")?;
            if !data.tasks.knows_list(&l) {
                let known = data.tasks.lists.iter().map(|l| l.id.as_str()).collect();
                return Err(unknown("task list", "任务清单", &l, known));
            }
        }
        (Kind::Inline, "map_figure") => {
            num_arg("number")?;
            str_arg("caption")?;
        }
        (Kind::Open, "box") => {
            str_arg("title")?;
        }
        (Kind::Close, "end") => {}
        _ => {
            return Err((
                format!("unknown shortcode `{}`", sc.name),
                format!("未知的短代码 `{}`", sc.name),
                s(
                    "Known shortcodes: {{ indicator(id=…) }}, {{ indicator_table(category=…) }}, {{ box_targets(box=…) }}, {{ task_list(list=…) }}, {{ map_figure(number=…, caption=…) }}, {% box(title=…) %} … {% end %}.",
                ),
                s(
                    "可用的短代码：{{ indicator(id=…) }}、{{ indicator_table(category=…) }}、{{ box_targets(box=…) }}、{{ task_list(list=…) }}、{{ map_figure(number=…, caption=…) }}、{% box(title=…) %} … {% end %}。",
                ),
            ));
        }
    }
    Ok(())
}

/// Splits `---\n…\n---\n` front matter from the body: (front matter text,
/// its offset, body range).
fn split_front_matter(source: &str) -> Option<(&str, usize, Range<usize>)> {
    let rest = source.strip_prefix("---\n")?;
    let fm_start = 4;
    let mut offset = fm_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let fm = &source[fm_start..offset];
            return Some((fm, fm_start, offset + line.len()..source.len()));
        }
        offset += line.len();
    }
    None
}

/// Finds `](slug.md)` and `](slug.md#anchor)` links to other pages.
fn find_md_links(body: &str) -> Vec<(String, Option<String>, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("](") {
        let start = from + i + 2;
        let Some(len) = body[start..].find(')') else {
            break;
        };
        let target = body[start..start + len].trim();
        from = start + len;
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (target, None),
        };
        if let Some(slug) = path.strip_prefix("./").unwrap_or(path).strip_suffix(".md") {
            out.push((slug.to_string(), anchor, start..start + len));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_links() {
        let src = "---\ntitle: 一、发展环境\norder: 3\n---\n见[附件1](annex-1.md)和[外部](https://example.org)及[二](requirements.md#目标)。\n";
        let (fm, off, body) = split_front_matter(src).unwrap();
        assert_eq!(off, 4);
        assert!(fm.contains("order: 3"));
        let links = find_md_links(&src[body]);
        let slugs: Vec<_> = links
            .iter()
            .map(|(s, a, _)| (s.as_str(), a.as_deref()))
            .collect();
        assert_eq!(slugs, [("annex-1", None), ("requirements", Some("目标"))]);
    }
}
