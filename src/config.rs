//! `site.yaml`: the settings of a site.

use serde::Deserialize;

use crate::lang::{Lang, Text};

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
