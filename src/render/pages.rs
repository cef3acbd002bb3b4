//! The pages of the output layout and the context each template gets.

use serde::Serialize;
use tera::Context;

use crate::content::markdown::Rendered;
use crate::lang::Lang;
use crate::model::editions::TaskStatus;
use crate::model::status::{Status, method_description};
use crate::model::tasks::TaskList;
use crate::render::downloads;
use crate::render::links::{Links, counterpart};
use crate::render::views::{self, StatusView};
use crate::render::{RenderError, Renderer, Timings};
use crate::site::Site;

/// Templates every theme must have.
pub const TEMPLATES: &[&str] = &[
    "language.html",
    "home.html",
    "page.html",
    "indicators.html",
    "indicator.html",
    "reports.html",
    "report.html",
    "methodology.html",
    "data.html",
    "print.html",
    "shortcodes/indicator.html",
    "shortcodes/indicator_table.html",
    "shortcodes/box_targets.html",
    "shortcodes/task_list.html",
    "shortcodes/map_figure.html",
    "shortcodes/box_open.html",
    "shortcodes/box_close.html",
];

/// One page of the output.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// `index.html`: the language choice.
    Root,
    /// `<lang>/index.html`.
    Home(Lang),
    /// `<lang>/<slug>/index.html`.
    Chapter(Lang, usize),
    /// `<lang>/indicators/index.html`.
    Indicators(Lang),
    /// `<lang>/indicators/<id>/index.html`.
    Indicator(Lang, usize),
    /// `<lang>/reports/index.html`.
    Reports(Lang),
    /// `<lang>/reports/<year>/index.html`.
    Report(Lang, usize),
    /// `<lang>/methodology/index.html`.
    Methodology(Lang),
    /// `<lang>/data/index.html`.
    Data(Lang),
    /// `<lang>/print/index.html`.
    Print(Lang),
}

/// Every page of a site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Root];
    for lang in Lang::ALL {
        jobs.extend([
            Job::Home(lang),
            Job::Indicators(lang),
            Job::Reports(lang),
            Job::Methodology(lang),
            Job::Data(lang),
            Job::Print(lang),
        ]);
        jobs.extend((0..site.pages(lang).len()).map(|i| Job::Chapter(lang, i)));
        jobs.extend((0..site.data.indicators.list.len()).map(|i| Job::Indicator(lang, i)));
        jobs.extend((0..site.data.editions.len()).map(|e| Job::Report(lang, e)));
    }
    jobs
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The text.
    pub title: String,
    /// The relative href.
    pub href: String,
}

impl Link {
    /// The breadcrumb of the page itself: text without a link.
    fn current(title: String) -> Link {
        Link {
            title,
            href: String::new(),
        }
    }
}

#[derive(Serialize)]
struct NavItem {
    label: String,
    href: String,
    current: bool,
}

/// A task list as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct TaskListView {
    id: String,
    title: String,
    unit_heading: String,
    tasks: Vec<TaskView>,
}

#[derive(Debug, Clone, Serialize)]
struct TaskView {
    number: usize,
    id: String,
    text: String,
    unit: String,
    status: Option<TaskStatusView>,
}

#[derive(Debug, Clone, Serialize)]
struct TaskStatusView {
    key: &'static str,
    label: String,
    note: Option<String>,
}

/// A task list with each task's status in the latest edition.
pub fn task_list_view(site: &Site, list: &TaskList, lang: Lang) -> TaskListView {
    let latest = site.latest();
    TaskListView {
        id: list.id.clone(),
        title: list.title.get(lang).to_string(),
        unit_heading: list.unit_heading.get(lang).to_string(),
        tasks: list
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| TaskView {
                number: i + 1,
                id: t.id.clone(),
                text: t.text.get(lang).to_string(),
                unit: t.unit.get(lang).to_string(),
                status: latest
                    .and_then(|e| e.tasks.iter().find(|r| r.task == t.id))
                    .map(|r| TaskStatusView {
                        key: r.status.key(),
                        label: r.status.label().get(lang).to_string(),
                        note: r.note.as_ref().map(|n| n.get(lang).to_string()),
                    }),
            })
            .collect(),
    }
}

impl Renderer<'_> {
    /// Renders one page: its output path and HTML.
    pub(super) fn page(
        &self,
        job: &Job,
        chapter: Option<&Rendered>,
        timings: &Timings,
    ) -> Result<(String, String), RenderError> {
        let site = self.site;
        let ix = views::ix(site);
        let (path, template, ctx) = match *job {
            Job::Root => {
                let mut ctx = Context::new();
                let langs: Vec<_> = [
                    site.config.default_language,
                    site.config.default_language.other(),
                ]
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "code": l.code(),
                        "html_lang": l.html_lang(),
                        "title": site.config.title.get(*l),
                        "issuer": site.config.issuer.as_ref().map(|t| t.get(*l)),
                        "enter": site.string("enter", *l),
                        "href": format!("{}/{ix}", l.code()),
                    })
                })
                .collect();
                ctx.insert("languages", &langs);
                ctx.insert("ix", ix);
                ctx.insert("root", "");
                ctx.insert("illustrative", &site.config.illustrative);
                ctx.insert_value("t_zh", self.langs[&Lang::Zh].strings.clone());
                ctx.insert_value("t_en", self.langs[&Lang::En].strings.clone());
                ("index.html".to_string(), "language.html", ctx)
            }
            Job::Home(lang) => {
                let path = format!("{}/index.html", lang.code());
                let mut ctx = self.base(
                    lang,
                    &path,
                    site.config.title.get(lang),
                    None,
                    "home",
                    Vec::new(),
                );
                let links = Links::new(site, lang, &path);
                let toc: Vec<Link> = site
                    .pages(lang)
                    .iter()
                    .map(|p| Link {
                        title: p.title.clone(),
                        href: links.page(&p.slug),
                    })
                    .collect();
                ctx.insert("chapters", &toc);
                ctx.insert_value("snap", self.langs[&lang].latest_value.clone());
                if let Some(e) = site.latest() {
                    ctx.insert(
                        "edition",
                        &self.edition_info(lang, site.data.editions.len() - 1, &links),
                    );
                    ctx.insert("tasks", &views::task_counts(e, lang));
                }
                (path, "home.html", ctx)
            }
            Job::Chapter(lang, i) => {
                let page = &site.pages(lang)[i];
                let path = format!("{}/{}/index.html", lang.code(), page.slug);
                let Some(rendered) = chapter else {
                    return Err(RenderError::Template {
                        name: "page.html".into(),
                        message: format!(
                            "{} was rendered without its Markdown",
                            page.file.display()
                        ),
                    });
                };
                let description = page
                    .summary
                    .clone()
                    .unwrap_or_else(|| truncate(&rendered.first_paragraph, 150));
                let links = Links::new(site, lang, &path);
                let crumbs = vec![Link::current(page.title.clone())];
                let mut ctx = self.base(
                    lang,
                    &path,
                    &page.title,
                    Some(&description),
                    "chapters",
                    crumbs,
                );
                let neighbour = |j: Option<usize>| {
                    j.and_then(|j| site.pages(lang).get(j)).map(|p| Link {
                        title: p.title.clone(),
                        href: links.page(&p.slug),
                    })
                };
                ctx.insert("prev", &neighbour(i.checked_sub(1)));
                ctx.insert("next", &neighbour(Some(i + 1)));
                ctx.insert("content", &rendered.html);
                ctx.insert("headings", &rendered.headings);
                ctx.insert("slug", &page.slug);
                // A short site needs no more than prev/next to find its way;
                // the full contents list stays off long sites' every page.
                if site.pages(lang).len() <= 40 {
                    let toc: Vec<Link> = site
                        .pages(lang)
                        .iter()
                        .map(|p| Link {
                            title: p.title.clone(),
                            href: links.page(&p.slug),
                        })
                        .collect();
                    ctx.insert("chapters", &toc);
                } else {
                    ctx.insert("chapters", &None::<()>);
                }
                ctx.insert("current_index", &i);
                (path, "page.html", ctx)
            }
            Job::Indicators(lang) => {
                let path = format!("{}/indicators/index.html", lang.code());
                let title = site.string("indicators_title", lang).to_string();
                let crumbs = vec![Link::current(title.clone())];
                let mut ctx = self.base(lang, &path, &title, None, "indicators", crumbs);
                ctx.insert_value("snap", self.langs[&lang].latest_value.clone());
                ctx.insert("table_title", site.data.indicators.table_title.get(lang));
                (path, "indicators.html", ctx)
            }
            Job::Indicator(lang, i) => {
                let views = &self.langs[&lang];
                let ind = &views.latest.indicators[i];
                let path = format!("{}/indicators/{}/index.html", lang.code(), ind.id);
                let links = Links::new(site, lang, &path);
                let crumbs = vec![
                    Link {
                        title: site.string("indicators_title", lang).to_string(),
                        href: links.to(&format!("{}/indicators/index.html", lang.code())),
                    },
                    Link::current(ind.name.clone()),
                ];
                let mut ctx = self.base(
                    lang,
                    &path,
                    &ind.name,
                    Some(&ind.chart_alt),
                    "indicators",
                    crumbs,
                );
                ctx.insert_value("ind", views.indicator_values[i].clone());
                let model = &site.data.indicators.list[i];
                let mates: Vec<Link> = site
                    .data
                    .indicators
                    .list
                    .iter()
                    .filter(|o| o.row == model.row && o.id != model.id)
                    .map(|o| Link {
                        title: o.name.get(lang).to_string(),
                        href: links.to(&format!("{}/indicators/{}/index.html", lang.code(), o.id)),
                    })
                    .collect();
                ctx.insert("row_mates", &mates);
                let editions: Vec<Link> = site
                    .data
                    .editions
                    .iter()
                    .map(|e| Link {
                        title: e.year.to_string(),
                        href: links.to(&format!("{}/reports/{}/index.html", lang.code(), e.year)),
                    })
                    .collect();
                ctx.insert("editions", &editions);
                (path, "indicator.html", ctx)
            }
            Job::Reports(lang) => {
                let path = format!("{}/reports/index.html", lang.code());
                let title = site.string("reports_title", lang).to_string();
                let links = Links::new(site, lang, &path);
                let crumbs = vec![Link::current(title.clone())];
                let mut ctx = self.base(lang, &path, &title, None, "reports", crumbs);
                let list: Vec<_> = (0..site.data.editions.len())
                    .rev()
                    .map(|e| self.edition_info(lang, e, &links))
                    .collect();
                ctx.insert("editions", &list);
                (path, "reports.html", ctx)
            }
            Job::Report(lang, e) => {
                let edition = &site.data.editions[e];
                let path = format!("{}/reports/{}/index.html", lang.code(), edition.year);
                let links = Links::new(site, lang, &path);
                let info = self.edition_info(lang, e, &links);
                let crumbs = vec![
                    Link {
                        title: site.string("reports_title", lang).to_string(),
                        href: links.to(&format!("{}/reports/index.html", lang.code())),
                    },
                    Link::current(info.title.clone()),
                ];
                let mut ctx = self.base(lang, &path, &info.title, None, "reports", crumbs);
                let snap = &self.langs[&lang].editions[e];
                ctx.insert("snap", snap);
                ctx.insert("edition", &info);
                ctx.insert(
                    "previous",
                    &e.checked_sub(1).map(|p| self.edition_info(lang, p, &links)),
                );
                let changed: Vec<usize> = snap
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.change.is_some() || v.previous_status.is_some())
                    .map(|(i, _)| i)
                    .collect();
                ctx.insert("changed", &changed);
                let newly: Vec<usize> = snap
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| {
                        v.value.is_some()
                            && v.change.is_none()
                            && e > 0
                            && snap_first_value(site, *i, e)
                    })
                    .map(|(i, _)| i)
                    .collect();
                ctx.insert("newly_reported", &newly);
                ctx.insert("tasks", &self.tasks_by_status(lang, e));
                // An edition that reports no task says so, instead of four zeros.
                let task_counts = if edition.tasks.is_empty() {
                    Vec::new()
                } else {
                    views::task_counts(edition, lang)
                };
                ctx.insert("task_counts", &task_counts);
                let facts: Vec<_> = edition
                    .facts
                    .iter()
                    .map(|f| {
                        let fmt = crate::model::figure::Formatter {
                            unit: &f.unit,
                            display: Default::default(),
                            lang,
                        };
                        serde_json::json!({
                            "label": f.label.get(lang),
                            "value": fmt.with_unit(crate::model::figure::Number::new(f.value)),
                            "note": f.note.as_ref().map(|t| t.get(lang)),
                            "source": f.source.as_ref().map(|t| t.get(lang)),
                        })
                    })
                    .collect();
                ctx.insert("facts", &facts);
                (path, "report.html", ctx)
            }
            Job::Methodology(lang) => {
                let path = format!("{}/methodology/index.html", lang.code());
                let title = site.string("methodology_title", lang).to_string();
                let crumbs = vec![Link::current(title.clone())];
                let mut ctx = self.base(lang, &path, &title, None, "methodology", crumbs);
                ctx.insert(
                    "method",
                    &method_description(site.config.progress_method, lang),
                );
                let statuses: Vec<StatusView> = Status::of_method(site.config.progress_method)
                    .iter()
                    .map(|s| StatusView::new(*s, lang))
                    .collect();
                ctx.insert("statuses", &statuses);
                let task_statuses: Vec<_> = TaskStatus::ALL
                    .iter()
                    .map(|s| serde_json::json!({"key": s.key(), "label": s.label().get(lang)}))
                    .collect();
                ctx.insert("task_statuses", &task_statuses);
                (path, "methodology.html", ctx)
            }
            Job::Data(lang) => {
                let path = format!("{}/data/index.html", lang.code());
                let title = site.string("data_title", lang).to_string();
                let crumbs = vec![Link::current(title.clone())];
                let mut ctx = self.base(lang, &path, &title, None, "data", crumbs);
                ctx.insert("files", &downloads::listing(site, lang));
                ctx.insert("columns", &downloads::columns(lang));
                (path, "data.html", ctx)
            }
            Job::Print(lang) => {
                let path = format!("{}/print/index.html", lang.code());
                let title = site.string("print_title", lang).to_string();
                let links = Links::new(site, lang, &path);
                let crumbs = vec![Link::current(title.clone())];
                let mut ctx = self.base(
                    lang,
                    &path,
                    site.config.title.get(lang),
                    None,
                    "print",
                    crumbs,
                );
                // Each part's content is a marker: the chapters are written
                // into the page as they are rendered (see Renderer::write_all).
                let parts: Vec<_> = site
                    .pages(lang)
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "slug": p.slug,
                            "title": p.title,
                            "content": PART_MARKER,
                        })
                    })
                    .collect();
                ctx.insert("parts", &parts);
                ctx.insert_value("snap", self.langs[&lang].latest_value.clone());
                ctx.insert("table_title", site.data.indicators.table_title.get(lang));
                let latest = site.data.editions.len().checked_sub(1);
                ctx.insert(
                    "edition",
                    &latest.map(|e| self.edition_info(lang, e, &links)),
                );
                ctx.insert(
                    "tasks",
                    &latest
                        .map(|e| self.tasks_by_status(lang, e))
                        .unwrap_or_default(),
                );
                ctx.insert(
                    "method",
                    &method_description(site.config.progress_method, lang),
                );
                ctx.insert("print_css", &print_css(site.config.title.get(lang)));
                (path, "print.html", ctx)
            }
        };
        let html = self.render(template, &ctx, timings)?;
        Ok((path, html))
    }

    /// The context every page shares.
    fn base(
        &self,
        lang: Lang,
        path: &str,
        title: &str,
        description: Option<&str>,
        section: &str,
        crumbs: Vec<Link>,
    ) -> Context {
        let site = self.site;
        let views = &self.langs[&lang];
        let links = Links::new(site, lang, path);
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("html_lang", lang.html_lang());
        ctx.insert("root", &links.root);
        ctx.insert("lang_root", &links.lang_root);
        ctx.insert("ix", views::ix(site));
        ctx.insert_value("t", views.strings.clone());
        ctx.insert_value("site", views.site.clone());
        ctx.insert("title", title);
        ctx.insert(
            "description",
            &description
                .map(str::to_string)
                .unwrap_or_else(|| site.config.title.get(lang).to_string()),
        );
        ctx.insert("section", section);
        ctx.insert("self_href", &links.to(path));
        let other = lang.other();
        ctx.insert(
            "alternate",
            &serde_json::json!({
                "code": other.code(),
                "html_lang": other.html_lang(),
                "label": site.string("other_language", lang),
                "href": links.to(&counterpart(path, lang)),
            }),
        );
        let home = links.to(&format!("{}/index.html", lang.code()));
        // Each section's label is the string `nav_<section>`; its page is
        // `<lang>/<section>/index.html`, the home page `<lang>/index.html`.
        let nav: Vec<NavItem> = [
            "home",
            "indicators",
            "reports",
            "methodology",
            "data",
            "print",
        ]
        .into_iter()
        .map(|key| {
            let to = match key {
                "home" => format!("{}/index.html", lang.code()),
                _ => format!("{}/{key}/index.html", lang.code()),
            };
            NavItem {
                label: site.string(&format!("nav_{key}"), lang).to_string(),
                href: links.to(&to),
                current: key == section,
            }
        })
        .collect();
        ctx.insert("nav", &nav);
        ctx.insert("home", &home);
        let mut all_crumbs = vec![Link {
            title: site.string("nav_home", lang).to_string(),
            href: home,
        }];
        all_crumbs.extend(crumbs);
        ctx.insert("crumbs", &all_crumbs);
        let latest = site.latest().map(|e| {
            serde_json::json!({
                "year": e.year,
                "as_of": e.as_of,
                "href": links.to(&format!("{}/reports/{}/index.html", lang.code(), e.year)),
            })
        });
        ctx.insert("latest", &latest);
        ctx
    }

    fn edition_info(&self, lang: Lang, e: usize, links: &Links) -> EditionInfo {
        let site = self.site;
        let ed = &site.data.editions[e];
        let title = ed
            .title
            .as_ref()
            .map(|t| t.get(lang).to_string())
            .unwrap_or_else(|| {
                site.string("edition_title", lang)
                    .replace("{year}", &ed.year.to_string())
            });
        EditionInfo {
            year: ed.year,
            title,
            as_of: ed.as_of.clone(),
            published: ed.published.clone(),
            note: ed.note.as_ref().map(|t| t.get(lang).to_string()),
            href: links.to(&format!("{}/reports/{}/index.html", lang.code(), ed.year)),
            counts: self.langs[&lang].editions[e].counts.clone(),
            downloads: downloads::edition_files(ed.year)
                .into_iter()
                .map(|(kind, file)| Link {
                    title: kind.to_string(),
                    href: format!("{}data/{file}", links.root),
                })
                .collect(),
            values: ed.values.len(),
        }
    }

    fn tasks_by_status(&self, lang: Lang, e: usize) -> Vec<TaskGroup> {
        let site = self.site;
        let ed = &site.data.editions[e];
        TaskStatus::ALL
            .iter()
            .map(|s| TaskGroup {
                key: s.key(),
                label: s.label().get(lang).to_string(),
                tasks: ed
                    .tasks
                    .iter()
                    .filter(|r| r.status == *s)
                    .filter_map(|r| {
                        site.data.tasks.task(&r.task).map(|t| {
                            serde_json::json!({
                                "id": t.id,
                                "text": t.text.get(lang),
                                "unit": t.unit.get(lang),
                                "note": r.note.as_ref().map(|n| n.get(lang)),
                            })
                        })
                    })
                    .collect(),
            })
            .filter(|g| !g.tasks.is_empty())
            .collect()
    }
}

fn snap_first_value(site: &Site, indicator: usize, e: usize) -> bool {
    site.data.editions[..e]
        .iter()
        .all(|ed| ed.value_of(indicator).is_none())
}

#[derive(Debug, Clone, Serialize)]
struct EditionInfo {
    year: i32,
    title: String,
    as_of: String,
    published: Option<String>,
    note: Option<String>,
    href: String,
    counts: Vec<views::CountView>,
    downloads: Vec<Link>,
    values: usize,
}

#[derive(Debug, Clone, Serialize)]
struct TaskGroup {
    key: &'static str,
    label: String,
    tasks: Vec<serde_json::Value>,
}

/// Stands in the print page where each chapter's content goes.
pub const PART_MARKER: &str = "<!--planpress:part-->";

/// A chapter's HTML made ready for the print page, in one pass: ids and
/// in-page links are prefixed with the slug, so chapters put together never
/// share an id, and headings go one level down (`h2` → `h3`), so they sit
/// under the chapter's title in the outline and the PDF's bookmarks.
pub fn print_part(html: &str, slug: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find(['<', ' ']) {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        if let Some(t) = tail.strip_prefix(" id=\"") {
            out.push_str(" id=\"");
            out.push_str(slug);
            out.push('-');
            rest = t;
        } else if let Some(t) = tail.strip_prefix(" href=\"#") {
            out.push_str(" href=\"#");
            out.push_str(slug);
            out.push('-');
            rest = t;
        } else if let Some(level) = heading_level(tail) {
            let close = tail.as_bytes()[1] == b'/';
            out.push_str(if close { "</h" } else { "<h" });
            out.push(char::from(b'0' + (level + 1).min(6)));
            rest = &tail[if close { 4 } else { 3 }..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The level of an `<hN` or `</hN` tag at the start of `s`.
fn heading_level(s: &str) -> Option<u8> {
    let b = s.as_bytes();
    let i = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(b'h'), Some(d @ b'1'..=b'6'), Some(b'>' | b' ')) => Some(d - b'0'),
        _ => None,
    }
}

/// The running head of the printed report: the title in the top margin of
/// every page but the cover, as a CSS string (escaped so no title can end
/// the string or the style element).
fn print_css(title: &str) -> String {
    let mut escaped = String::new();
    for c in title.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => escaped.push_str(&format!("\\{:x} ", c as u32)),
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    format!(
        "@page {{ @top-center {{ content: \"{escaped}\"; font-size: 9pt; color: #333; }} }} @page :first {{ @top-center {{ content: none; }} }}"
    )
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_parts_get_their_own_ids_and_headings_one_level_down() {
        let html = "<h2 id=\"一-概况\">（一）概况</h2>\n<p>见<sup id=\"fnref-a\"><a href=\"#fn-a\">1</a></sup><a href=\"../x/index.html\">x</a></p><h3 id=\"b\">B</h3><hr />";
        let part = print_part(html, "intro");
        assert_eq!(
            part,
            "<h3 id=\"intro-一-概况\">（一）概况</h3>\n<p>见<sup id=\"intro-fnref-a\"><a href=\"#intro-fn-a\">1</a></sup><a href=\"../x/index.html\">x</a></p><h4 id=\"intro-b\">B</h4><hr />"
        );
    }
}
