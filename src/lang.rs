//! The two languages of a planpress site and text that exists in both.

use serde::{Deserialize, Serialize};

/// A language of the site. planpress sites are bilingual by design: every
/// visible text exists in Chinese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Chinese first (the plan's own language).
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The folder name and short code: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `lang` and `hreflang` attributes.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language of the pair.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Parses `zh`/`en` (and `zh-CN`, `zh_CN.UTF-8`, … by prefix).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A text in both languages, as written in YAML: `{zh: …, en: …}`.
///
/// Either side may be missing when loaded; `planpress check` reports it, and
/// the site is only built when both are present.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Chinese.
    #[serde(default)]
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// A text with the same words in both languages (numbers, codes).
    pub fn same(s: &str) -> Text {
        Text {
            zh: s.to_string(),
            en: s.to_string(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The languages in which this text is empty.
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| self.get(*l).trim().is_empty())
            .collect()
    }
}

/// Builds a [`Text`] from an English and a Chinese format string with the same
/// arguments, for messages that the program itself writes.
#[macro_export]
macro_rules! text {
    (en: $en:expr, zh: $zh:expr $(,)?) => {
        $crate::lang::Text {
            en: ($en).to_string(),
            zh: ($zh).to_string(),
        }
    };
}
