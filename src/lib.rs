//! planpress: a static bilingual report-site generator for development plans.
//!
//! The pipeline reads top to bottom, in named and timed phases:
//! [`Site::load`] reads and validates a site folder into an immutable
//! [`Site`]; [`render::Renderer`] turns it into pages, charts and downloads;
//! [`output::Staging`] receives them in a staging folder and swaps it in
//! only when everything succeeded.

pub mod chart;
pub mod config;
pub mod content;
pub mod diag;
pub mod import;
pub mod lang;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod site;
pub mod source;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use thiserror::Error;

pub use diag::Problems;
pub use site::Site;

use render::{Counts, RenderError, Renderer, Timings};

/// What stops a build.
#[derive(Debug, Error)]
pub enum Error {
    /// The site folder has mistakes; each is a problem with file and line.
    #[error("the site folder has {} error(s)", .0.errors())]
    Site(Problems),
    /// Rendering failed (a template error).
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The output folder could not be written.
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The output folder; `<site>/public` when `None`.
    pub out: Option<PathBuf>,
    /// Replace an existing folder that planpress did not make.
    pub force: bool,
}

impl BuildOptions {
    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.site.join("public"))
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Files produced.
    pub counts: Counts,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Time per phase: load (read and validate) and views (templates parsed,
    /// per-language views built) as wall time, then the summed thread time of
    /// markdown, charts, templates and write.
    pub phases: Vec<(&'static str, Duration)>,
    /// Warnings (the build went ahead).
    pub warnings: Problems,
    /// Where the output is.
    pub out: PathBuf,
}

/// Builds a site: load → check → render → write, swapping the output in
/// only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let start = Instant::now();
    let site = Site::load(&opts.site).map_err(Error::Site)?;
    let load = start.elapsed();
    let renderer = Renderer::new(&site)?;
    let views = start.elapsed() - load;
    let out = opts.out_dir();
    let staging = output::Staging::begin(&opts.site, &out, opts.force)?;
    let timings = Timings::default();
    let (counts, md_warnings) = match renderer.write_all(&staging, &timings) {
        Ok(x) => x,
        Err(e) => {
            staging.abort();
            return Err(e.into());
        }
    };
    staging.commit()?;
    let mut warnings = site.warnings.clone();
    warnings.extend(md_warnings);
    Ok(BuildReport {
        counts,
        elapsed: start.elapsed(),
        phases: vec![
            ("load+validate", load),
            ("views", views),
            ("markdown", Timings::get(&timings.markdown)),
            ("charts", Timings::get(&timings.charts)),
            ("templates", Timings::get(&timings.templates)),
            ("write", Timings::get(&timings.write)),
        ],
        warnings,
        out,
    })
}

/// Checks a site folder without writing anything: data, pages, templates
/// and Markdown. Returns every problem found (errors and warnings).
pub fn check(site_dir: &Path) -> Problems {
    let site = match Site::load(site_dir) {
        Ok(s) => s,
        Err(problems) => return problems,
    };
    let mut problems = site.warnings.clone();
    let renderer = match Renderer::new(&site) {
        Ok(r) => r,
        Err(e) => {
            problems.push(render_problem(&e));
            return problems;
        }
    };
    match renderer.markdown_warnings() {
        Ok(warnings) => problems.extend(warnings),
        Err(e) => problems.push(render_problem(&e)),
    }
    problems
}

fn render_problem(e: &RenderError) -> diag::Problem {
    let (file, msg) = match e {
        RenderError::Template { name, message } => (name.clone(), message.clone()),
        other => ("templates".to_string(), other.to_string()),
    };
    diag::Problem::error(
        file,
        None,
        lang::Text {
            en: msg.clone(),
            zh: format!("模板错误：{msg}"),
        },
        text!(en: "Fix the template named above (or remove your override to use the theme's).", zh: "请修改上述模板（或删除自定义模板以使用主题自带的模板）。"),
    )
}
