//! `site.yaml`: the settings of a site.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Pos, Problem, Problems};
use crate::lang::{Lang, Text};
use crate::model::{check_text, is_safe_id};
use crate::source::{Locator, parse_yaml};
use crate::text;

/// The settings of a site, as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The plan's title.
    pub title: Text,
    /// Who issues the plan (shown on the cover and in the footer).
    #[serde(default)]
    pub issuer: Option<Text>,
    /// The document number of the plan, if it has one.
    #[serde(default)]
    pub document_number: Option<Text>,
    /// The languages of the site; planpress sites are always `[zh, en]`.
    #[serde(default = "default_languages")]
    pub languages: Vec<Lang>,
    /// The language the root page lists first.
    #[serde(default = "default_language")]
    pub default_language: Lang,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Where the site will be published; only used for the sitemap-style
    /// canonical links, never for internal links (those are relative).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The span of the plan.
    #[serde(default)]
    pub plan: PlanSpan,
    /// How progress toward targets is measured.
    #[serde(default)]
    pub progress_method: ProgressMethod,
    /// How internal links are written.
    #[serde(default)]
    pub links: LinkStyle,
    /// Whether raw HTML in Markdown is passed through (otherwise shown as text).
    #[serde(default)]
    pub allow_html: bool,
    /// Marks every page "illustrative data": for examples with invented figures.
    #[serde(default)]
    pub illustrative: bool,
}

impl SiteConfig {
    /// Parses and checks the text of `site.yaml`; every problem goes to
    /// `problems`. `None` when the text cannot be read as settings at all.
    pub fn load(file: &Path, text: &str, problems: &mut Problems) -> Option<SiteConfig> {
        let c: SiteConfig = parse_yaml(file, text).map_err(|p| problems.push(p)).ok()?;
        let loc = Locator::new(text);
        let mut err =
            |pos: Option<Pos>, m: Text, h: Text| problems.push(Problem::error(file, pos, m, h));
        check_text(&mut err, &loc, None, "title", &c.title);
        for (key, t) in [
            ("issuer", &c.issuer),
            ("document_number", &c.document_number),
        ] {
            if let Some(t) = t {
                check_text(&mut err, &loc, None, key, t);
            }
        }
        let mut langs = c.languages.clone();
        langs.sort();
        if langs != Lang::ALL.to_vec() {
            err(
                loc.key("languages", 0),
                text!(en: "a planpress site has exactly the languages zh and en", zh: "planpress 站点的语言固定为 zh 和 en"),
                text!(en: "Write `languages: [zh, en]`.", zh: "请写成 `languages: [zh, en]`。"),
            );
        }
        if c.plan.target_year <= c.plan.baseline_year {
            err(
                loc.key("plan", 0),
                text!(en: "the target year must come after the baseline year", zh: "目标年份必须晚于基期年份"),
                text!(en: "Write e.g. `plan: {baseline_year: 2020, target_year: 2025}`.", zh: "例如写成 `plan: {baseline_year: 2020, target_year: 2025}`。"),
            );
        }
        if !is_safe_id(&c.theme) {
            err(
                loc.key("theme", 0),
                text!(en: format!("`{}` is not a theme folder name", c.theme), zh: format!("`{}` 不是有效的主题文件夹名", c.theme)),
                text!(en: "Name a folder under themes/, e.g. `theme: default`.", zh: "请填写 themes/ 下的文件夹名，例如 `theme: default`。"),
            );
        }
        Some(c)
    }
}

/// The baseline and target years of the plan.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpan {
    /// The year of the baseline values (2020 for a 14th Five-Year Plan).
    pub baseline_year: i32,
    /// The year of the targets (2025).
    pub target_year: i32,
}

impl Default for PlanSpan {
    fn default() -> Self {
        PlanSpan {
            baseline_year: 2020,
            target_year: 2025,
        }
    }
}

/// The method that turns values into progress and status; see
/// [`crate::model::status`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProgressMethod {
    /// Share of the way from baseline to target, against the straight path.
    #[default]
    Linear,
    /// Ratio of observed to required compound annual growth (Open SDG).
    Cagr,
}

/// How internal links name their target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStyle {
    /// `…/index.html`: works opened from disk as well as served.
    #[default]
    File,
    /// `…/`: tidier addresses, for sites that are only ever served.
    Folder,
}

fn default_languages() -> Vec<Lang> {
    Lang::ALL.to_vec()
}

fn default_language() -> Lang {
    Lang::Zh
}

fn default_theme() -> String {
    "default".to_string()
}
