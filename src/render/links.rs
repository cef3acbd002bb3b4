//! Relative links between output files, so the site works at a domain root,
//! under any sub-path and from disk.

use crate::config::LinkStyle;
use crate::lang::Lang;
use crate::site::Site;

/// Links as seen from one output file.
#[derive(Debug, Clone)]
pub struct Links {
    /// `../` once per folder between the page and the output root.
    pub root: String,
    /// The prefix to the page's language folder.
    pub lang_root: String,
    /// The folders of the page, from the output root.
    dirs: Vec<String>,
    style: LinkStyle,
}

impl Links {
    /// Links from the output file `from` (e.g. `zh/indicators/index.html`).
    pub fn new(site: &Site, lang: Lang, from: &str) -> Links {
        let mut dirs: Vec<String> = from.split('/').map(str::to_string).collect();
        dirs.pop();
        let root = "../".repeat(dirs.len());
        let lang_root = if dirs.first().map(String::as_str) == Some(lang.code()) {
            "../".repeat(dirs.len() - 1)
        } else {
            format!("{root}{}/", lang.code())
        };
        Links {
            lang_root,
            root,
            dirs,
            style: site.config.links,
        }
    }

    /// The shortest relative link to an output page given by its path from
    /// the output root (`zh/indicators/index.html`).
    pub fn to(&self, path: &str) -> String {
        let path = match self.style {
            LinkStyle::File => path,
            LinkStyle::Folder => path.strip_suffix("index.html").unwrap_or(path),
        };
        let parts: Vec<&str> = path.split('/').collect();
        let common = self
            .dirs
            .iter()
            .zip(&parts[..parts.len() - 1])
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        let href = format!(
            "{}{}",
            "../".repeat(self.dirs.len() - common),
            parts[common..].join("/")
        );
        if href.is_empty() {
            "./".to_string()
        } else {
            href
        }
    }

    /// A link to a chapter page by slug, in the same language.
    pub fn page(&self, slug: &str) -> String {
        match self.style {
            LinkStyle::File => format!("{}{slug}/index.html", self.lang_root),
            LinkStyle::Folder => format!("{}{slug}/", self.lang_root),
        }
    }
}

/// The output path of a page in another language: `zh/x/index.html` →
/// `en/x/index.html`.
pub fn counterpart(path: &str, lang: Lang) -> String {
    match path.split_once('/') {
        Some((_, rest)) => format!("{}/{rest}", lang.other().code()),
        None => path.to_string(),
    }
}
