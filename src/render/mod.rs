//! Rendering a [`Site`] into pages, charts and downloads.
//!
//! Templates are parsed once. Views of the data are built once per language
//! (and per edition), and every page gets a small context that refers to
//! them. Independent pages and charts are rendered in parallel and handed to
//! the output as soon as they are ready.

mod downloads;
mod links;
mod pages;
pub mod views;

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::{Context, Tera, Value};
use thiserror::Error;

use crate::content::markdown::{self, Rendered};
use crate::content::shortcode::Kind;
use crate::diag::{Problem, Problems};
use crate::lang::Lang;
use crate::output::{OutputError, Staging};
use crate::site::{Site, StaticFile};
use crate::text;
use views::Snapshot;

pub use links::Links;

/// What can stop rendering.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template could not be parsed or rendered.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// Tera's message, with line and column.
        message: String,
    },
    /// Writing the output failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// JSON or CSV could not be written.
    #[error("writing the downloads: {0}")]
    Downloads(String),
}

fn tera_err(name: &str, e: tera::Error) -> RenderError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!("\n  {s}"));
        source = s.source();
    }
    RenderError::Template {
        name: name.to_string(),
        message,
    }
}

/// Time spent in each phase, summed over threads for the parallel ones.
#[derive(Debug, Default)]
pub struct Timings {
    /// Markdown and shortcodes.
    pub markdown: AtomicU64,
    /// Charts.
    pub charts: AtomicU64,
    /// Templates.
    pub templates: AtomicU64,
    /// Writing files.
    pub write: AtomicU64,
}

impl Timings {
    fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// A phase's total as a duration.
    pub fn get(counter: &AtomicU64) -> Duration {
        Duration::from_nanos(counter.load(Ordering::Relaxed))
    }
}

/// What a build produced.
#[derive(Debug, Default)]
pub struct Counts {
    /// HTML pages.
    pub pages: usize,
    /// SVG charts.
    pub charts: usize,
    /// Download files.
    pub downloads: usize,
    /// Static files copied.
    pub statics: usize,
}

/// The templates, and the per-language views every page refers to.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    langs: HashMap<Lang, LangViews>,
}

/// Per-language views, built once.
struct LangViews {
    /// Interface strings.
    strings: Value,
    /// Site title and the like.
    site: Value,
    /// The latest state of every indicator.
    latest: Snapshot,
    /// `latest` as a template value (shared, not copied, by every page).
    latest_value: Value,
    /// Each of `latest.indicators` as a template value, made once.
    indicator_values: Vec<Value>,
    /// The state as of each edition, oldest first.
    editions: Vec<Snapshot>,
}

impl<'a> Renderer<'a> {
    /// Parses the theme's templates and builds the per-language views.
    pub fn new(site: &'a Site) -> Result<Renderer<'a>, RenderError> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        // All at once: templates include and extend each other.
        tera.add_raw_templates(
            site.theme
                .templates
                .iter()
                .map(|t| (t.name.as_str(), &*t.text)),
        )
        .map_err(|e| tera_err("themes", e))?;
        for required in pages::TEMPLATES {
            if !tera.contains_template(required) {
                return Err(RenderError::Template {
                    name: (*required).to_string(),
                    message: "the theme has no such template".into(),
                });
            }
        }
        let langs = Lang::ALL
            .par_iter()
            .map(|&lang| {
                let strings: HashMap<&str, &str> = site
                    .theme
                    .strings
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.get(lang)))
                    .collect();
                let editions: Vec<Snapshot> = (0..site.data.editions.len())
                    .map(|e| views::snapshot(site, lang, Some(e)))
                    .collect();
                // The latest state is the newest edition's.
                let latest = match editions.last() {
                    Some(newest) => newest.clone(),
                    None => views::snapshot(site, lang, None),
                };
                let info = SiteInfo {
                    title: site.config.title.get(lang),
                    issuer: site.config.issuer.as_ref().map(|t| t.get(lang)),
                    document_number: site.config.document_number.as_ref().map(|t| t.get(lang)),
                    illustrative: site.config.illustrative,
                    baseline_year: site.config.plan.baseline_year,
                    target_year: site.config.plan.target_year,
                    method: match site.config.progress_method {
                        crate::config::ProgressMethod::Linear => "linear",
                        crate::config::ProgressMethod::Cagr => "cagr",
                    },
                };
                (
                    lang,
                    LangViews {
                        strings: Value::from_serializable(&strings),
                        site: Value::from_serializable(&info),
                        latest_value: Value::from_serializable(&latest),
                        indicator_values: latest
                            .indicators
                            .iter()
                            .map(Value::from_serializable)
                            .collect(),
                        latest,
                        editions,
                    },
                )
            })
            .collect();
        Ok(Renderer { site, tera, langs })
    }

    fn render(&self, name: &str, ctx: &Context, timings: &Timings) -> Result<String, RenderError> {
        let start = Instant::now();
        let out = self.tera.render(name, ctx).map_err(|e| tera_err(name, e));
        Timings::add(&timings.templates, start);
        out
    }

    /// Renders one page's Markdown and shortcodes.
    fn chapter_markdown(
        &self,
        page: &crate::content::Page,
        links: &Links,
        timings: &Timings,
    ) -> Result<Rendered, RenderError> {
        let start = Instant::now();
        let href = |slug: &str| links.page(slug);
        let opts = markdown::Options_ {
            allow_html: self.site.config.allow_html,
            page_href: &href,
        };
        // Shortcodes were checked at load; a failure here is a template
        // error, reported once for the page.
        let mut error = None;
        let html = markdown::render(
            page,
            &opts,
            &mut |i| match self.shortcode(page, i, page.lang) {
                Ok(h) => h,
                Err(e) => {
                    error.get_or_insert(e);
                    String::new()
                }
            },
        );
        Timings::add(&timings.markdown, start);
        match error {
            Some(e) => Err(e),
            None => Ok(html),
        }
    }

    /// Renders every page's Markdown, in parallel, for its warnings only
    /// (emphasis left in the text), as `planpress check` does.
    pub fn markdown_warnings(&self) -> Result<Problems, RenderError> {
        let timings = Timings::default();
        let mut warnings = Problems::default();
        for lang in Lang::ALL {
            let links = chapter_links(self.site, lang);
            let rendered: Result<Vec<Rendered>, RenderError> = self
                .site
                .pages(lang)
                .par_iter()
                .map(|page| self.chapter_markdown(page, &links, &timings))
                .collect();
            for (page, r) in self.site.pages(lang).iter().zip(&rendered?) {
                emphasis_warnings(page, r, &mut warnings);
            }
        }
        Ok(warnings)
    }

    /// The HTML of a page's i-th shortcode.
    fn shortcode(
        &self,
        page: &crate::content::Page,
        i: usize,
        lang: Lang,
    ) -> Result<String, RenderError> {
        let sc = &page.shortcodes[i];
        let views = &self.langs[&lang];
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert_value("t", views.strings.clone());
        ctx.insert_value("site", views.site.clone());
        ctx.insert("lang_root", "../");
        ctx.insert("ix", views::ix(self.site));
        let arg = |k: &str| sc.arg(k).map(|a| a.as_text()).unwrap_or_default();
        let name = match (sc.kind, sc.name.as_str()) {
            (Kind::Open, _) => {
                ctx.insert("title", &arg("title"));
                "shortcodes/box_open.html"
            }
            (Kind::Close, _) => "shortcodes/box_close.html",
            (_, "indicator") => {
                let index = self.site.data.indicators.by_id[&arg("id")];
                ctx.insert_value("ind", views.indicator_values[index].clone());
                "shortcodes/indicator.html"
            }
            (_, "indicator_table") => {
                let category = arg("category");
                ctx.insert_value("snap", views.latest_value.clone());
                ctx.insert("only", &category);
                ctx.insert(
                    "table_title",
                    self.site.data.indicators.table_title.get(lang),
                );
                "shortcodes/indicator_table.html"
            }
            (_, "box_targets") => {
                let n: u32 = arg("box").parse().unwrap_or(0);
                let targets: Vec<TargetRow> = self
                    .site
                    .data
                    .tasks
                    .targets_of(n)
                    .map(|t| TargetRow {
                        name: t.name.get(lang).to_string(),
                        target: t.display(lang),
                    })
                    .collect();
                ctx.insert("targets", &targets);
                ctx.insert("number", &n);
                "shortcodes/box_targets.html"
            }
            (_, "task_list") => {
                let list = self.site.data.tasks.list(&arg("list"));
                ctx.insert(
                    "list",
                    &list.map(|l| pages::task_list_view(self.site, l, lang)),
                );
                "shortcodes/task_list.html"
            }
            (_, "map_figure") => {
                ctx.insert("number", &arg("number"));
                ctx.insert("caption", &arg("caption"));
                "shortcodes/map_figure.html"
            }
            (_, other) => {
                return Err(RenderError::Template {
                    name: page.file.display().to_string(),
                    message: format!("unknown shortcode {other}"),
                });
            }
        };
        self.tera.render(name, &ctx).map_err(|e| tera_err(name, e))
    }

    /// Renders and writes everything.
    ///
    /// Chapters go last, a slice at a time: each is rendered, written as its
    /// own page and appended to its language's print page, so no build holds
    /// every chapter in memory at once.
    pub fn write_all(
        &self,
        staging: &Staging,
        timings: &Timings,
    ) -> Result<(Counts, Problems), RenderError> {
        let site = self.site;
        let charts = AtomicUsize::new(0);
        let write = |path: &str, bytes: &[u8]| -> Result<(), RenderError> {
            let start = Instant::now();
            staging.write(path, bytes)?;
            Timings::add(&timings.write, start);
            Ok(())
        };
        self.charts(timings, &|path, svg| {
            charts.fetch_add(1, Ordering::Relaxed);
            write(path, svg.as_bytes())
        })?;
        let jobs = pages::jobs(site);
        jobs.par_iter()
            .filter(|j| !matches!(j, pages::Job::Chapter(..) | pages::Job::Print(_)))
            .try_for_each(|job| {
                let (path, html) = self.page(job, None, timings)?;
                write(&path, html.as_bytes())
            })?;
        let mut warnings = Problems::default();
        for lang in Lang::ALL {
            self.chapters_and_print(lang, staging, timings, &mut warnings)?;
        }
        let downloads = downloads::files(site).map_err(RenderError::Downloads)?;
        for (path, bytes) in &downloads {
            write(path, bytes)?;
        }
        for (rel, from) in &site.theme.statics {
            let start = Instant::now();
            let rel = format!("static/{rel}");
            match from {
                StaticFile::File(path) => staging.copy(&rel, path)?,
                StaticFile::Builtin(bytes) => staging.write(&rel, bytes)?,
            }
            Timings::add(&timings.write, start);
        }
        Ok((
            Counts {
                pages: jobs.len(),
                charts: charts.into_inner(),
                downloads: downloads.len(),
                statics: site.theme.statics.len(),
            },
            warnings,
        ))
    }

    /// Renders and writes one language's chapters, and its print page
    /// around them.
    fn chapters_and_print(
        &self,
        lang: Lang,
        staging: &Staging,
        timings: &Timings,
        warnings: &mut Problems,
    ) -> Result<(), RenderError> {
        /// Chapters rendered at once: enough to keep both cores busy, few
        /// enough that memory stays flat however long the plan is.
        const SLICE: usize = 256;
        let site = self.site;
        let (print_path, print_html) = self.page(&pages::Job::Print(lang), None, timings)?;
        let mut pieces = print_html.split(pages::PART_MARKER);
        let mut print = staging.create(&print_path)?;
        let mut append = |bytes: &[u8]| -> Result<(), RenderError> {
            let start = Instant::now();
            let r = print
                .write_all(bytes)
                .map_err(|e| staging.io_error(&print_path, e));
            Timings::add(&timings.write, start);
            Ok(r?)
        };
        append(pieces.next().unwrap_or_default().as_bytes())?;
        let links = chapter_links(site, lang);
        let all = site.pages(lang);
        for (n, slice) in all.chunks(SLICE).enumerate() {
            let done: Vec<(Rendered, String)> = slice
                .par_iter()
                .enumerate()
                .map(|(k, page)| {
                    let rendered = self.chapter_markdown(page, &links, timings)?;
                    let job = pages::Job::Chapter(lang, n * SLICE + k);
                    let (path, html) = self.page(&job, Some(&rendered), timings)?;
                    let start = Instant::now();
                    staging.write(&path, html.as_bytes())?;
                    Timings::add(&timings.write, start);
                    let part = pages::print_part(&rendered.html, &page.slug);
                    Ok((rendered, part))
                })
                .collect::<Result<_, RenderError>>()?;
            for (page, (rendered, part)) in slice.iter().zip(done) {
                emphasis_warnings(page, &rendered, warnings);
                append(part.as_bytes())?;
                append(pieces.next().unwrap_or_default().as_bytes())?;
            }
        }
        for rest in pieces {
            append(rest.as_bytes())?;
        }
        let start = Instant::now();
        print
            .flush()
            .map_err(|e| staging.io_error(&print_path, e))?;
        Timings::add(&timings.write, start);
        Ok(())
    }

    /// Draws every chart: one per indicator and language, and one overview
    /// per category, edition and language.
    fn charts(
        &self,
        timings: &Timings,
        emit: &(dyn Fn(&str, &str) -> Result<(), RenderError> + Sync),
    ) -> Result<(), RenderError> {
        let site = self.site;
        let data = &site.data;
        let mut jobs = Vec::new();
        for lang in Lang::ALL {
            jobs.extend((0..data.indicators.list.len()).map(|i| ChartJob::Indicator(lang, i)));
            for e in 0..data.editions.len() {
                jobs.extend(
                    (0..data.indicators.categories.len()).map(|c| ChartJob::Overview(lang, e, c)),
                );
            }
        }
        jobs.into_par_iter().try_for_each(|job| {
            let start = Instant::now();
            let (path, svg) = match job {
                ChartJob::Indicator(lang, i) => (
                    format!("{}/charts/{}.svg", lang.code(), data.indicators.list[i].id),
                    crate::chart::indicator_chart(&views::indicator_chart_input(site, i, lang)),
                ),
                ChartJob::Overview(lang, e, c) => {
                    let snap = &self.langs[&lang].editions[e];
                    (
                        format!(
                            "{}/charts/{}/category-{}.svg",
                            lang.code(),
                            data.editions[e].year,
                            data.indicators.categories[c].id
                        ),
                        crate::chart::overview_chart(&views::overview_chart_input(
                            site, snap, c, e, lang,
                        )),
                    )
                }
            };
            Timings::add(&timings.charts, start);
            emit(&path, &svg)
        })
    }
}

/// One chart of the output.
#[derive(Debug, Clone, Copy)]
enum ChartJob {
    /// An indicator's chart over all editions.
    Indicator(Lang, usize),
    /// A category's overview as of one edition: (language, edition, category).
    Overview(Lang, usize, usize),
}

/// Links as seen from a chapter page of one language.
fn chapter_links(site: &Site, lang: Lang) -> Links {
    Links::new(site, lang, &format!("{}/chapter/index.html", lang.code()))
}

/// Warns at every emphasis mark that Markdown left in a page's text.
fn emphasis_warnings(page: &crate::content::Page, rendered: &Rendered, warnings: &mut Problems) {
    for at in &rendered.stray_emphasis {
        warnings.add_source(&page.file, page.source.clone());
        warnings.push(Problem::warning(
            &page.file,
            Some(page.pos(&(*at..*at + 2))),
            text!(en: "these emphasis marks were not understood and will show as `**`", zh: "此处的加粗标记未能识别，页面上会显示为 `**`"),
            text!(en: "Markdown cannot close `**` right after full-width punctuation when a letter follows. Move the punctuation outside: `**…计划**。` or `**“双高”计划**建设` → `“**双高**”计划建设`.", zh: "全角标点紧挨 `**` 且后面接文字时，Markdown 无法识别加粗。请把标点移到星号外，例如 `**……计划**。`，或将 `**“双高”计划**建设` 改为 `“**双高**”计划建设`。"),
        ));
    }
}

#[derive(serde::Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    issuer: Option<&'a str>,
    document_number: Option<&'a str>,
    illustrative: bool,
    baseline_year: i32,
    target_year: i32,
    method: &'static str,
}

#[derive(serde::Serialize)]
struct TargetRow {
    name: String,
    target: String,
}
