//! Loading a site folder into an immutable, validated [`Site`].
//!
//! Everything the build needs is read here, once: settings, data, pages,
//! the theme's templates and strings, and the list of static files. Every
//! problem is collected; the site exists only when there is no error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::SiteConfig;
use crate::content::Page;
use crate::diag::{Problem, Problems};
use crate::lang::{Lang, Text};
use crate::model::Data;
use crate::model::editions::Edition;
use crate::model::indicators::Indicators;
use crate::model::tasks::Tasks;
use crate::source::{SiteFiles, list_files, parse_yaml};
use crate::text;

/// A template of the theme (or its override at the site root).
#[derive(Debug, Clone)]
pub struct Template {
    /// Its name, relative to `templates/` (`page.html`, `shortcodes/box.html`).
    pub name: String,
    /// The file it came from, relative to the site folder (for the built-in
    /// theme, the path it would have there).
    pub file: PathBuf,
    /// Its text.
    pub text: Arc<str>,
}

/// The theme, resolved: site-root files win over the theme's, one by one.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name.
    pub templates: Vec<Template>,
    /// Static files: (path in the output under `static/`, where it comes from).
    pub statics: Vec<(String, StaticFile)>,
    /// Interface strings by key.
    pub strings: HashMap<String, Text>,
}

/// Where a static file of the theme comes from.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// A file in the site folder (its path, joined to the site folder).
    File(PathBuf),
    /// A file of the default theme built into planpress.
    Builtin(&'static [u8]),
}

/// The default theme, compiled into planpress so that a site folder without
/// `themes/default` still builds: (path under the theme folder, contents).
/// A unit test checks that this list names every file of `themes/default`;
/// add a line here when adding a file to the theme.
const BUILTIN_THEME: &[(&str, &[u8])] = &[
    (
        "strings.yaml",
        include_bytes!("../themes/default/strings.yaml"),
    ),
    (
        "static/style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "templates/base.html",
        include_bytes!("../themes/default/templates/base.html"),
    ),
    (
        "templates/data.html",
        include_bytes!("../themes/default/templates/data.html"),
    ),
    (
        "templates/home.html",
        include_bytes!("../themes/default/templates/home.html"),
    ),
    (
        "templates/indicator.html",
        include_bytes!("../themes/default/templates/indicator.html"),
    ),
    (
        "templates/indicators.html",
        include_bytes!("../themes/default/templates/indicators.html"),
    ),
    (
        "templates/language.html",
        include_bytes!("../themes/default/templates/language.html"),
    ),
    (
        "templates/methodology.html",
        include_bytes!("../themes/default/templates/methodology.html"),
    ),
    (
        "templates/page.html",
        include_bytes!("../themes/default/templates/page.html"),
    ),
    (
        "templates/print.html",
        include_bytes!("../themes/default/templates/print.html"),
    ),
    (
        "templates/report.html",
        include_bytes!("../themes/default/templates/report.html"),
    ),
    (
        "templates/reports.html",
        include_bytes!("../themes/default/templates/reports.html"),
    ),
    (
        "templates/partials/chart_grid.html",
        include_bytes!("../themes/default/templates/partials/chart_grid.html"),
    ),
    (
        "templates/partials/headline.html",
        include_bytes!("../themes/default/templates/partials/headline.html"),
    ),
    (
        "templates/partials/indicator_table.html",
        include_bytes!("../themes/default/templates/partials/indicator_table.html"),
    ),
    (
        "templates/partials/status_counts.html",
        include_bytes!("../themes/default/templates/partials/status_counts.html"),
    ),
    (
        "templates/shortcodes/box_close.html",
        include_bytes!("../themes/default/templates/shortcodes/box_close.html"),
    ),
    (
        "templates/shortcodes/box_open.html",
        include_bytes!("../themes/default/templates/shortcodes/box_open.html"),
    ),
    (
        "templates/shortcodes/box_targets.html",
        include_bytes!("../themes/default/templates/shortcodes/box_targets.html"),
    ),
    (
        "templates/shortcodes/indicator.html",
        include_bytes!("../themes/default/templates/shortcodes/indicator.html"),
    ),
    (
        "templates/shortcodes/indicator_table.html",
        include_bytes!("../themes/default/templates/shortcodes/indicator_table.html"),
    ),
    (
        "templates/shortcodes/map_figure.html",
        include_bytes!("../themes/default/templates/shortcodes/map_figure.html"),
    ),
    (
        "templates/shortcodes/task_list.html",
        include_bytes!("../themes/default/templates/shortcodes/task_list.html"),
    ),
];

/// The name of the theme that is built in.
const BUILTIN_THEME_NAME: &str = "default";

/// A loaded, validated site. Nothing in it changes after loading.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Indicators, tasks, editions and assessments.
    pub data: Data,
    /// Pages per language, in reading order; the same slugs in both.
    pub pages: HashMap<Lang, Vec<Page>>,
    /// The theme.
    pub theme: Theme,
    /// Warnings found while loading (the site still builds).
    pub warnings: Problems,
}

impl Site {
    /// The pages of one language, in order.
    pub fn pages(&self, lang: Lang) -> &[Page] {
        self.pages.get(&lang).map_or(&[], Vec::as_slice)
    }

    /// The latest edition, if any.
    pub fn latest(&self) -> Option<&Edition> {
        self.data.editions.last()
    }

    /// An interface string of the theme.
    pub fn string<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        self.theme.strings.get(key).map_or(key, |t| t.get(lang))
    }

    /// Loads and checks a site folder. Returns the site (with its warnings)
    /// or every problem found.
    pub fn load(root: &Path) -> Result<Site, Problems> {
        let mut files = match SiteFiles::open(root) {
            Ok(f) => f,
            Err(p) => {
                let mut problems = Problems::default();
                problems.push(p);
                return Err(problems);
            }
        };
        let config_path = Path::new("site.yaml");
        if !files.exists(config_path) {
            let mut problems = Problems::default();
            problems.push(Problem::error(
                root,
                None,
                text!(en: "this folder has no site.yaml, so it is not a planpress site folder", zh: "此文件夹中没有 site.yaml，不是 planpress 站点文件夹"),
                text!(en: "Run planpress in the site folder, or give it with --site DIR. A site folder holds site.yaml, data/ and content/ (see README.md).", zh: "请在站点文件夹中运行 planpress，或用 --site 指定站点文件夹。站点文件夹包含 site.yaml、data/ 和 content/（见 README.md）。"),
            ));
            return Err(problems);
        }
        let mut problems = Problems::default();
        let config = files
            .read(config_path)
            .and_then(|t| SiteConfig::load(config_path, &t, &mut problems));
        let data = load_data(&mut files, config.as_ref(), &mut problems);
        let pages = load_pages(&mut files, &data, &mut problems);
        // A theme name that is not a plain folder name has been reported;
        // it is not looked up, so nothing outside themes/ is ever read.
        let theme = config
            .as_ref()
            .filter(|c| crate::model::is_safe_id(&c.theme))
            .map(|c| load_theme(&mut files, &c.theme, &mut problems))
            .unwrap_or_default();
        problems.extend(std::mem::take(&mut files.problems));
        let Some(config) = config else {
            return Err(problems);
        };
        if problems.errors() > 0 {
            return Err(problems);
        }
        let mut data = data;
        data.assess(config.plan, config.progress_method);
        Ok(Site {
            root: root.to_path_buf(),
            config,
            data,
            pages,
            theme,
            warnings: problems,
        })
    }
}

fn load_data(files: &mut SiteFiles, config: Option<&SiteConfig>, problems: &mut Problems) -> Data {
    let mut required = |files: &mut SiteFiles, rel: &str| -> Option<Arc<str>> {
        let path = Path::new(rel);
        if !files.exists(path) {
            problems.push(Problem::error(
                rel,
                None,
                text!(en: format!("{rel} is missing"), zh: format!("缺少 {rel}")),
                text!(en: "Every site folder has data/indicators.yaml and data/tasks.yaml (see README.md).", zh: "每个站点文件夹都需要 data/indicators.yaml 和 data/tasks.yaml（见 README.md）。"),
            ));
            return None;
        }
        files.read(path)
    };
    let ind_text = required(files, "data/indicators.yaml");
    let task_text = required(files, "data/tasks.yaml");
    let indicators = ind_text
        .map(|t| Indicators::load(Path::new("data/indicators.yaml"), &t, problems))
        .unwrap_or_default();
    let tasks = task_text
        .map(|t| Tasks::load(Path::new("data/tasks.yaml"), &t, problems))
        .unwrap_or_default();
    let span = config.map(|c| c.plan).unwrap_or_default();
    let mut editions: Vec<Edition> = Vec::new();
    for rel in list_files(files.root(), Path::new("data/progress"), "yaml") {
        let Some(text) = files.read(&rel) else {
            continue;
        };
        if let Some(e) = Edition::load(&rel, &text, span, &indicators, &tasks, problems) {
            if let Some(other) = editions.iter().find(|o| o.year == e.year) {
                problems.push(Problem::error(
                    &rel,
                    None,
                    text!(en: format!("a second edition for {} (the first is {})", e.year, other.file), zh: format!("{} 年已有一期数据（{}）", e.year, other.file)),
                    text!(en: "Keep one file per year.", zh: "每年只保留一个文件。"),
                ));
                continue;
            }
            editions.push(e);
        }
    }
    Data {
        indicators,
        tasks,
        editions,
        assessments: Vec::new(),
    }
}

/// A page file as read on a worker thread: its path, its text (or why it
/// could not be read), the page, and the problems of its front matter.
type LoadedPage = (PathBuf, Result<Arc<str>, Problem>, Option<Page>, Problems);

fn load_pages(
    files: &mut SiteFiles,
    data: &Data,
    problems: &mut Problems,
) -> HashMap<Lang, Vec<Page>> {
    let mut pages: HashMap<Lang, Vec<Page>> = HashMap::new();
    // Slugs of the page files present, loaded or not: a page that failed to
    // load has had its own problem reported, and must not also be reported
    // missing as another page's counterpart or link target.
    let mut present: HashMap<Lang, HashMap<String, ()>> = HashMap::new();
    for lang in Lang::ALL {
        let dir = PathBuf::from("content").join(lang.code());
        let rels = list_files(files.root(), &dir, "md");
        for rel in &rels {
            if let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) {
                present
                    .entry(lang)
                    .or_default()
                    .insert(stem.to_string(), ());
            }
        }
        // Reading and parsing pages is independent work: do it in parallel,
        // then gather the problems in file order so reports stay stable.
        let loaded: Vec<LoadedPage> = rels
            .into_par_iter()
            .map(|rel| {
                let mut own = Problems::default();
                let text = files.read_checked(&rel);
                let page = text
                    .as_ref()
                    .ok()
                    .and_then(|t| Page::load(&rel, lang, t.clone(), &mut own));
                (rel, text, page, own)
            })
            .collect();
        let mut list = Vec::new();
        for (rel, text, page, own) in loaded {
            match text {
                Ok(t) => files.problems.add_source(&rel, t),
                Err(p) => files.problems.push(p),
            }
            problems.extend(own);
            list.extend(page);
        }
        list.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
        pages.insert(lang, list);
    }
    let slugs = |lang: Lang| -> HashMap<&str, ()> {
        present
            .get(&lang)
            .map(|m| m.keys().map(|k| (k.as_str(), ())).collect())
            .unwrap_or_default()
    };
    for lang in Lang::ALL {
        let others = slugs(lang.other());
        let own = slugs(lang);
        for p in &pages[&lang] {
            if !others.contains_key(p.slug.as_str()) {
                let other = lang.other().code();
                problems.push(Problem::error(
                    &p.file,
                    None,
                    text!(en: format!("this page has no counterpart content/{other}/{}.md", p.slug), zh: format!("此页面缺少对应的 content/{other}/{}.md", p.slug)),
                    text!(en: "Every page exists in both languages under the same file name: add the translation.", zh: "每个页面都须以相同文件名提供两种语言：请补上译文。"),
                ));
            }
            p.validate(data, &own, problems);
        }
    }
    let (zh, en) = (slugs(Lang::Zh), slugs(Lang::En));
    data.tasks.check_pages(
        Path::new("data/tasks.yaml"),
        |slug| zh.contains_key(slug) || en.contains_key(slug),
        problems,
    );
    pages
}

#[derive(Deserialize)]
#[serde(transparent)]
struct Strings(HashMap<String, Text>);

fn load_theme(files: &mut SiteFiles, name: &str, problems: &mut Problems) -> Theme {
    let theme_dir = PathBuf::from("themes").join(name);
    // A site folder without its own copy of the default theme uses the one
    // built into planpress, so any folder anywhere builds.
    let builtin = !files.exists(&theme_dir) && name == BUILTIN_THEME_NAME;
    if !files.exists(&theme_dir) && !builtin {
        problems.push(Problem::error(
            "site.yaml",
            None,
            text!(en: format!("the theme folder themes/{name} does not exist"), zh: format!("主题文件夹 themes/{name} 不存在")),
            text!(en: "Write `theme: default` to use the theme built into planpress, or correct `theme:`.", zh: "请写 `theme: default` 以使用 planpress 内置的主题，或更正 `theme:`。"),
        ));
        return Theme::default();
    }
    let mut theme = Theme::default();
    // Theme files by name; the site root's templates/ and static/ override
    // the theme's, by name. Template sources are paths relative to the site.
    let mut templates: HashMap<String, StaticFile> = HashMap::new();
    let mut statics: HashMap<String, StaticFile> = HashMap::new();
    let mut bases = vec![PathBuf::new()];
    if builtin {
        for (path, bytes) in BUILTIN_THEME {
            if let Some(n) = path.strip_prefix("templates/") {
                templates.insert(n.to_string(), StaticFile::Builtin(bytes));
            } else if let Some(n) = path.strip_prefix("static/") {
                statics.insert(n.to_string(), StaticFile::Builtin(bytes));
            }
        }
    } else {
        bases.insert(0, theme_dir.clone());
    }
    for base in bases {
        for (dir, map) in [("templates", &mut templates), ("static", &mut statics)] {
            let abs = files.root().join(&base).join(dir);
            if !abs.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&abs)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() && !entry.path_is_symlink() {
                    continue;
                }
                let Ok(rel_site) = entry.path().strip_prefix(files.root()) else {
                    continue;
                };
                let Ok(rel_dir) = entry.path().strip_prefix(&abs) else {
                    continue;
                };
                let name = rel_dir.to_string_lossy().replace('\\', "/");
                if let Err(p) = files.check_inside(rel_site) {
                    problems.push(p);
                    continue;
                }
                map.insert(name, StaticFile::File(rel_site.to_path_buf()));
            }
        }
    }
    let mut names: Vec<_> = templates.into_iter().collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, source) in names {
        if !name.ends_with(".html") {
            continue;
        }
        match source {
            StaticFile::File(file) => {
                if let Some(text) = files.read(&file) {
                    theme.templates.push(Template { name, file, text });
                }
            }
            StaticFile::Builtin(bytes) => theme.templates.push(Template {
                file: theme_dir.join("templates").join(&name),
                name,
                text: String::from_utf8_lossy(bytes).into(),
            }),
        }
    }
    let mut statics: Vec<_> = statics.into_iter().collect();
    statics.sort_by(|a, b| a.0.cmp(&b.0));
    theme.statics = statics
        .into_iter()
        .map(|(n, source)| match source {
            StaticFile::File(p) => (n, StaticFile::File(files.root().join(p))),
            builtin => (n, builtin),
        })
        .collect();
    let strings_path = theme_dir.join("strings.yaml");
    let strings_text = if builtin {
        BUILTIN_THEME
            .iter()
            .find(|(p, _)| *p == "strings.yaml")
            .map(|(_, b)| String::from_utf8_lossy(b).into())
    } else if files.exists(&strings_path) {
        files.read(&strings_path)
    } else {
        None
    };
    if let Some(text) = strings_text {
        match parse_yaml::<Strings>(&strings_path, &text) {
            Ok(Strings(map)) => {
                let loc = crate::source::Locator::new(&text);
                let mut err = |pos, m, h| problems.push(Problem::error(&strings_path, pos, m, h));
                let mut keys: Vec<_> = map.iter().collect();
                keys.sort_by_key(|(k, _)| k.as_str());
                for (k, t) in keys {
                    crate::model::check_text(&mut err, &loc, loc.key(k, 0), k, t);
                }
                theme.strings = map;
            }
            Err(p) => problems.push(p),
        }
    }
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in theme must be the whole of themes/default, byte for byte:
    /// a file added to the theme but not to the list would be missing from
    /// sites that use the built-in copy.
    #[test]
    fn builtin_theme_is_the_whole_default_theme() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&dir).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILTIN_THEME.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(
            listed, on_disk,
            "BUILTIN_THEME in src/site.rs must list every file of themes/default"
        );
        for (p, bytes) in BUILTIN_THEME {
            assert_eq!(
                std::fs::read(dir.join(p)).ok().as_deref(),
                Some(*bytes),
                "{p}"
            );
        }
    }
}
