//! Problems found in a site folder, and how they are shown to people.
//!
//! Loading and checking never stop at the first mistake: every problem is
//! collected as a [`Problem`] with its file, position, message and advice in
//! both languages, and the command line prints them all through miette.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::lang::{Lang, Text};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The site cannot be built.
    Error,
    /// The site builds, but something probably reads wrong.
    Warning,
}

/// Where in a file a problem is: 1-based line and column, and a byte span
/// for the snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes of the marked text (at least 1 when shown).
    pub len: usize,
}

impl Pos {
    /// The position of a byte offset in a text.
    pub fn at(text: &str, offset: usize, len: usize) -> Pos {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let len = len.min(line_end - offset);
        Pos {
            line,
            col,
            offset,
            len: floor_char_boundary(&text[offset..], len),
        }
    }

    /// The position of a 1-based line and column in a text.
    pub fn line_col(text: &str, line: usize, col: usize) -> Pos {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let within: usize = l
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return Pos::at(text, offset + within, 1);
            }
            offset += l.len();
        }
        Pos::at(text, text.len(), 0)
    }

    /// The whole of a 1-based line, marked.
    pub fn line(text: &str, line: usize) -> Pos {
        let start = Pos::line_col(text, line, 1);
        let rest = &text[start.offset..];
        let len = rest.find('\n').unwrap_or(rest.len());
        let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        Pos::at(text, start.offset + indent.min(len), len - indent.min(len))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One mistake or doubt about a site folder.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site folder.
    pub file: PathBuf,
    /// Where in the file; `None` for a problem with the whole file.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: Text,
    /// What to do about it.
    pub help: Text,
}

impl Problem {
    /// An error at a position of a file.
    pub fn error(file: impl Into<PathBuf>, pos: Option<Pos>, message: Text, help: Text) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message,
            help,
        }
    }

    /// A warning at a position of a file.
    pub fn warning(file: impl Into<PathBuf>, pos: Option<Pos>, message: Text, help: Text) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, pos, message, help)
        }
    }

    /// `file:line:col`, as editors and terminals link it.
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.col),
            None => self.file.display().to_string(),
        }
    }
}

/// All problems of one check, with the texts of the files they point into so
/// that they can be shown with a snippet.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    /// The problems, in the order they were found.
    pub items: Vec<Problem>,
    sources: HashMap<PathBuf, Arc<str>>,
}

impl Problems {
    /// Remembers a file's text so its problems can show the offending line.
    pub fn add_source(&mut self, file: &Path, text: Arc<str>) {
        self.sources.insert(file.to_path_buf(), text);
    }

    /// Adds one problem.
    pub fn push(&mut self, p: Problem) {
        self.items.push(p);
    }

    /// Adds several problems and the sources they point into.
    pub fn extend(&mut self, other: Problems) {
        self.items.extend(other.items);
        self.sources.extend(other.sources);
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    /// Shows every problem with its snippet, then a count, in one language.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        let mut out = String::new();
        for p in &self.items {
            let shown = Shown {
                problem: p,
                lang,
                source: self.sources.get(&p.file).map(|text| {
                    NamedSource::new(p.location(), text.to_string()).with_language("yaml")
                }),
            };
            if handler.render_report(&mut out, &shown).is_err() {
                out.push_str(&shown.to_string());
            }
            out.push('\n');
        }
        out.push_str(&self.summary(lang));
        out.push('\n');
        out
    }

    /// "2 errors, 1 warning" in one language.
    pub fn summary(&self, lang: Lang) -> String {
        let (e, w) = (self.errors(), self.warnings());
        match lang {
            Lang::En => format!(
                "{e} error{}, {w} warning{}",
                if e == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("{e} 个错误，{w} 个警告"),
        }
    }
}

/// A problem as miette sees it, in one language.
struct Shown<'a> {
    problem: &'a Problem,
    lang: Lang,
    source: Option<NamedSource<String>>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.problem.location(),
            self.problem.message.get(self.lang)
        )
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.problem.help.get(self.lang);
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.problem.pos?;
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let pos = self.problem.pos?;
        self.source.as_ref()?;
        let label = match self.lang {
            Lang::En => "here",
            Lang::Zh => "此处",
        };
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label.to_string()),
            SourceSpan::new(pos.offset.into(), pos.len.max(1)),
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a: 1\n名称: 永川\n";
        let p = Pos::at(text, text.find('永').unwrap(), 6);
        assert_eq!((p.line, p.col, p.len), (2, 5, 6));
        assert_eq!(Pos::line_col(text, 2, 5).offset, p.offset);
        assert_eq!(Pos::line(text, 2).len, "名称: 永川".len());
    }

    #[test]
    fn render_names_file_line_and_help_in_either_language() {
        let mut problems = Problems::default();
        let text: Arc<str> = "id: a\ntarget: x\n".into();
        problems.add_source(Path::new("data/indicators.yaml"), text.clone());
        problems.push(Problem::error(
            "data/indicators.yaml",
            Some(Pos::line(&text, 2)),
            crate::text!(en: "target is not a number", zh: "目标值不是数字"),
            crate::text!(en: "write a number", zh: "请填写数字"),
        ));
        let en = problems.render(Lang::En, false);
        assert!(en.contains("data/indicators.yaml:2:1"), "{en}");
        assert!(
            en.contains("target: x") && en.contains("write a number"),
            "{en}"
        );
        assert!(en.contains("1 error, 0 warnings"), "{en}");
        let zh = problems.render(Lang::Zh, false);
        assert!(
            zh.contains("目标值不是数字") && zh.contains("1 个错误"),
            "{zh}"
        );
    }
}
