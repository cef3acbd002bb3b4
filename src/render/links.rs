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
    style: LinkStyle,
}

impl Links {
    /// Links from the output file `from` (e.g. `zh/indicators/index.html`).
    pub fn new(site: &Site, lang: Lang, from: &str) -> Links {
        let depth = from.matches('/').count();
        let root = "../".repeat(depth);
        Links {
            lang_root: format!("{root}{}/", lang.code()),
            root,
            style: site.config.links,
        }
    }

    /// A link to an output page given by its path from the output root
    /// (`zh/indicators/index.html`).
    pub fn to(&self, path: &str) -> String {
        let path = match self.style {
            LinkStyle::File => path,
            LinkStyle::Folder => path.strip_suffix("index.html").unwrap_or(path),
        };
        let href = format!("{}{path}", self.root);
        if href.is_empty() {
            "./".to_string()
        } else {
            href
        }
    }

    /// A link to a chapter page by slug, in the same language.
    pub fn page(&self, slug: &str) -> String {
        let path = format!("{slug}/index.html");
        let path = match self.style {
            LinkStyle::File => path.as_str(),
            LinkStyle::Folder => path.strip_suffix("index.html").unwrap_or(&path),
        };
        format!("{}{path}", self.lang_root)
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
