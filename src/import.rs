//! `planpress import`: a progress edition from a spreadsheet.
//!
//! Office staff keep the year's figures in Excel. This reads the first
//! worksheet of an `.xlsx` workbook, or a `.csv` file, of rows
//! `(indicator id or Chinese name, value[, note, source])` and writes
//! `data/progress/<year>.yaml`:
//!
//! - A header row (指标/indicator, 数值/value, 说明/note, 来源/source, in any
//!   order, other columns ignored) is recognised and decides the columns;
//!   without one the columns are taken in that order.
//! - The first cell matches an indicator by id or by its Chinese name, after
//!   trimming spaces (full-width ones too); the plan's table style with the
//!   unit in brackets, `职业院校在校生规模（万人）`, matches when the unit is the
//!   indicator's.
//! - Values are numbers, or texts such as `1,234`, `92.5%` (for % indicators;
//!   a cell formatted as a percentage in Excel counts the same) or `20:1`
//!   (for ratio indicators). A row with an empty or unreadable value is
//!   skipped and listed, so the indicator stays "no data", never zero.
//! - A note or source is written in one language in a sheet; planpress needs
//!   both. The text goes into both `zh` and `en` (so the site still builds)
//!   and the report lists every such text, with the language it is written
//!   in, for translation.
//! - An existing edition is replaced only with `--force`; its title, note,
//!   publication date, `as_of`, task statuses and other figures are kept,
//!   and only `values` is replaced.
//! - The file is checked with the same loader as the build before it is
//!   written, and written atomically (temporary file, then rename).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use thiserror::Error;

use crate::config::SiteConfig;
use crate::diag::{Problem, Problems};
use crate::lang::{Lang, Text};
use crate::model::editions::{Edition, edit_distance};
use crate::model::figure::Display;
use crate::model::indicators::Indicators;
use crate::model::tasks::Tasks;
use crate::source::{MAX_FILE_BYTES, SiteFiles, decode, parse_yaml};
use crate::text;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The spreadsheet: `.csv` or `.xlsx`.
    pub file: PathBuf,
    /// The year of the edition.
    pub year: i32,
    /// The date the figures are as of (YYYY-MM-DD); by default the
    /// replaced edition's, else 31 December of the year.
    pub as_of: Option<String>,
    /// Replace an existing edition of that year.
    pub force: bool,
}

/// A row whose first cell names no indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: usize,
    /// The first cell, as written.
    pub cell: String,
    /// Why it matched nothing, with a suggestion where there is one.
    pub reason: Text,
}

/// A row that named an indicator but gave no usable value.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The row number (1-based).
    pub row: usize,
    /// The indicator's id.
    pub indicator: String,
    /// Why it was skipped.
    pub reason: Text,
}

/// A note or source written in one language only.
#[derive(Debug, Clone, PartialEq)]
pub struct Untranslated {
    /// The row number (1-based).
    pub row: usize,
    /// The indicator's id.
    pub indicator: String,
    /// `note` or `source`.
    pub field: &'static str,
    /// The language the text is written in; the other field holds a copy.
    pub written_in: Lang,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The edition file written.
    pub written: PathBuf,
    /// Values written.
    pub matched: usize,
    /// The header row, if the sheet has one.
    pub header: Option<usize>,
    /// Header cells of columns that were not read.
    pub ignored_columns: Vec<String>,
    /// Rows that matched no indicator.
    pub unmatched: Vec<Unmatched>,
    /// Rows of an indicator without a usable value.
    pub skipped: Vec<Skipped>,
    /// Notes and sources that need a translation.
    pub untranslated: Vec<Untranslated>,
    /// Parts of the replaced edition that were kept (`title`, `tasks`, …).
    pub kept: Vec<String>,
    /// Indicators that had a value in the replaced edition and have none now.
    pub dropped: Vec<String>,
}

/// What can stop an import. Nothing is written when one occurs.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The site folder's settings, indicators or tasks have errors.
    #[error("the site folder has {} error(s)", .0.errors())]
    Site(Problems),
    /// The year is outside the plan.
    #[error("the year {year} is outside the plan ({from}–{to})")]
    YearOutsidePlan {
        /// The year asked for.
        year: i32,
        /// The plan's baseline year.
        from: i32,
        /// The plan's target year.
        to: i32,
    },
    /// `--as-of` is not a date.
    #[error("`{0}` is not a date")]
    BadDate(String),
    /// The edition exists and `--force` was not given.
    #[error("{} exists already", .0.display())]
    Exists(PathBuf),
    /// Neither `.csv` nor `.xlsx`.
    #[error("{} is not a .csv or .xlsx file", .0.display())]
    Unsupported(PathBuf),
    /// The spreadsheet could not be read.
    #[error("cannot read {}: {source}", file.display())]
    Read {
        /// The spreadsheet.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The spreadsheet is larger than any plan's figures.
    #[error("{} is {} MiB, more than the {} MiB planpress accepts", file.display(), bytes / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge {
        /// The spreadsheet.
        file: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// A CSV file that is not UTF-8 (usually GBK from Chinese Excel).
    #[error("{}: {en}", file.display())]
    Encoding {
        /// The spreadsheet.
        file: PathBuf,
        /// What the bytes look like, in English.
        en: String,
        /// The same in Chinese.
        zh: String,
    },
    /// The CSV text is malformed.
    #[error("{}: {source}", file.display())]
    Csv {
        /// The spreadsheet.
        file: PathBuf,
        /// The parser's error.
        source: csv::Error,
    },
    /// The workbook could not be opened or read.
    #[error("{}: {message}", file.display())]
    Xlsx {
        /// The spreadsheet.
        file: PathBuf,
        /// The reader's error.
        message: String,
    },
    /// No rows at all.
    #[error("{} has no rows", .0.display())]
    EmptySheet(PathBuf),
    /// Two rows give the same indicator.
    #[error("rows {first} and {second} both give a value for `{id}`")]
    Duplicate {
        /// The indicator.
        id: String,
        /// The first row.
        first: usize,
        /// The second row.
        second: usize,
    },
    /// No row gave a usable value.
    #[error("no row gives a value for an indicator")]
    NoValues {
        /// Rows that matched no indicator.
        unmatched: Vec<Unmatched>,
        /// Rows without a usable value.
        skipped: Vec<Skipped>,
    },
    /// The edition written would not load (for example a kept task status
    /// naming a task that no longer exists).
    #[error("the edition would not load: {} error(s)", .0.errors())]
    Invalid(Problems),
    /// The edition file could not be written.
    #[error("cannot write {}: {source}", file.display())]
    Write {
        /// The edition file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl ImportError {
    /// The message and what to do, in one language, ready to print.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let (msg, help) = match self {
            ImportError::Site(p) | ImportError::Invalid(p) => {
                let mut out = p.render(lang, color);
                out.push_str(match lang {
                    Lang::Zh => "未导入：没有写入任何文件。\n",
                    Lang::En => "nothing was imported; no file was written.\n",
                });
                return out;
            }
            ImportError::NoValues { unmatched, skipped } => {
                let mut out = String::new();
                let (m, h) = self.describe();
                let _ = writeln!(out, "{}", error_line(lang, &m));
                list_rows(&mut out, lang, unmatched, skipped);
                let _ = writeln!(out, "{}", h.get(lang));
                return out;
            }
            other => other.describe(),
        };
        format!("{}\n{}\n", error_line(lang, &msg), help.get(lang))
    }

    /// What went wrong and what to do, in both languages.
    fn describe(&self) -> (Text, Text) {
        match self {
            ImportError::Site(_) | ImportError::Invalid(_) => (
                text!(en: self.to_string(), zh: "站点文件夹有错误"),
                text!(en: "Run `planpress check` and fix the errors it lists.", zh: "请运行 `planpress check` 并改正其列出的错误。"),
            ),
            ImportError::YearOutsidePlan { year, from, to } => (
                text!(en: self.to_string(), zh: format!("年份 {year} 不在规划期（{from}—{to}年）内")),
                text!(en: "Give the year the figures are for, e.g. `--year 2023`.", zh: "请用 --year 指定数据所属年份，例如 `--year 2023`。"),
            ),
            ImportError::BadDate(d) => (
                text!(en: self.to_string(), zh: format!("`{d}` 不是有效日期")),
                text!(en: "Write the date as YYYY-MM-DD, e.g. `--as-of 2023-12-31`.", zh: "日期格式为 YYYY-MM-DD，例如 `--as-of 2023-12-31`。"),
            ),
            ImportError::Exists(f) => (
                text!(en: self.to_string(), zh: format!("{} 已存在", f.display())),
                text!(
                    en: "planpress never replaces an edition unless asked: add --force to replace its values (its title, note, dates, task statuses and other figures are kept).",
                    zh: "planpress 不会擅自覆盖已有的年度数据：如需替换其中的数值，请加上 --force（标题、说明、日期、任务状态和其他数据会保留）。"
                ),
            ),
            ImportError::Unsupported(f) => (
                text!(en: self.to_string(), zh: format!("{} 不是 .csv 或 .xlsx 文件", f.display())),
                text!(
                    en: "In Excel or WPS choose File > Save As and save it as “Excel Workbook (*.xlsx)” or “CSV UTF-8 (*.csv)”, then import that file.",
                    zh: "请在 Excel 或 WPS 中选择“文件 > 另存为”，保存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）（*.csv）”，再导入该文件。"
                ),
            ),
            ImportError::Read { file, source } => (
                text!(en: self.to_string(), zh: format!("无法读取 {}：{source}", file.display())),
                text!(en: "Check the path, and close the file in Excel if it is open.", zh: "请检查路径；如果文件正在 Excel 中打开，请先关闭。"),
            ),
            ImportError::TooLarge { file, bytes } => (
                text!(en: self.to_string(), zh: format!("{} 大小为 {} MiB，超过了 {} MiB 的上限", file.display(), bytes / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024))),
                text!(en: "Import a sheet holding only the year's indicator figures.", zh: "请只导入包含当年指标数值的表格。"),
            ),
            ImportError::Encoding { file, en, zh } => (
                text!(en: format!("{}: {en}", file.display()), zh: format!("{}：{zh}", file.display())),
                text!(
                    en: "Save the sheet again as UTF-8: in Excel choose File > Save As > “CSV UTF-8 (Comma delimited) (*.csv)”; in WPS choose the UTF-8 encoding when saving as CSV. Or import the .xlsx workbook itself, which has no encoding problem.",
                    zh: "请将表格重新保存为 UTF-8 编码：Excel 中选择“文件 > 另存为 > CSV UTF-8（逗号分隔）（*.csv）”；WPS 中另存为 CSV 时选择 UTF-8 编码。也可以直接导入 .xlsx 工作簿，它没有编码问题。"
                ),
            ),
            ImportError::Csv { file, source } => (
                text!(en: self.to_string(), zh: format!("{}：CSV 格式错误（{source}）", file.display())),
                text!(en: "Open the file in Excel and save it again as “CSV UTF-8 (*.csv)”.", zh: "请在 Excel 中打开该文件，重新另存为“CSV UTF-8（*.csv）”。"),
            ),
            ImportError::Xlsx { file, message } => (
                text!(en: self.to_string(), zh: format!("无法读取工作簿 {}（{message}）", file.display())),
                text!(
                    en: "Open it in Excel or WPS and save it again as “Excel Workbook (*.xlsx)”, without a password.",
                    zh: "请在 Excel 或 WPS 中打开，重新另存为“Excel 工作簿（*.xlsx）”，不要设置密码。"
                ),
            ),
            ImportError::EmptySheet(f) => (
                text!(en: self.to_string(), zh: format!("{} 中没有任何数据行", f.display())),
                text!(
                    en: "Put the figures on the first worksheet: one row per indicator, with the indicator's id or Chinese name in the first column and the value in the second.",
                    zh: "请把数据放在第一个工作表中：每个指标一行，第一列为指标编号或中文名称，第二列为数值。"
                ),
            ),
            ImportError::Duplicate { id, first, second } => (
                text!(en: self.to_string(), zh: format!("第 {first} 行和第 {second} 行都填写了 `{id}` 的数值")),
                text!(en: "Keep one row per indicator and delete the other.", zh: "每个指标只保留一行，请删除多余的一行。"),
            ),
            ImportError::NoValues { .. } => (
                text!(en: self.to_string(), zh: "没有任何一行给出了指标的数值"),
                text!(
                    en: "The first column must hold an indicator's id or its Chinese name as data/indicators.yaml writes it, and the second its value. Nothing was written.",
                    zh: "第一列应为 data/indicators.yaml 中的指标编号或中文名称，第二列为数值。未写入任何文件。"
                ),
            ),
            ImportError::Write { file, source } => (
                text!(en: self.to_string(), zh: format!("无法写入 {}：{source}", file.display())),
                text!(en: "Check that the site folder can be written to.", zh: "请确认站点文件夹可以写入。"),
            ),
        }
    }
}

fn error_line(lang: Lang, message: &Text) -> String {
    match lang {
        Lang::Zh => format!("错误：{}", message.zh),
        Lang::En => format!("error: {}", message.en),
    }
}

impl ImportReport {
    /// What was written, in one language.
    pub fn summary(&self, lang: Lang) -> String {
        let file = self.written.display();
        let n = self.matched;
        let mut out = match (lang, self.header) {
            (Lang::Zh, Some(h)) => format!("已写入 {file}：{n} 个数值（第 {h} 行为表头）"),
            (Lang::Zh, None) => format!("已写入 {file}：{n} 个数值"),
            (Lang::En, Some(h)) => format!("wrote {file}: {n} value(s) (row {h} is the header)"),
            (Lang::En, None) => format!("wrote {file}: {n} value(s)"),
        };
        if !self.kept.is_empty() {
            out.push_str(&match lang {
                Lang::Zh => format!("\n保留了原有文件中的：{}", self.kept.join("、")),
                Lang::En => format!("\nkept from the replaced edition: {}", self.kept.join(", ")),
            });
        }
        out.push('\n');
        out
    }

    /// Everything the user should look at: unmatched and skipped rows,
    /// texts to translate, ignored columns and values no longer reported.
    /// Empty when there is nothing.
    pub fn warnings(&self, lang: Lang) -> String {
        let mut out = String::new();
        list_rows(&mut out, lang, &self.unmatched, &self.skipped);
        if !self.untranslated.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh =>
                        "以下说明和来源只有一种语言，已暂时把同一段文字同时填入 zh 和 en，请在文件中补上译文：",
                    Lang::En =>
                        "these notes and sources are in one language only; the same text is in both `zh` and `en` for now, so write the translation into the file:",
                }
            );
            for u in &self.untranslated {
                let line = match (lang, u.written_in) {
                    (Lang::Zh, Lang::Zh) => format!(
                        "  第 {} 行 `{}` 的 {}：中文，请翻译 en",
                        u.row, u.indicator, u.field
                    ),
                    (Lang::Zh, Lang::En) => format!(
                        "  第 {} 行 `{}` 的 {}：英文，请翻译 zh",
                        u.row, u.indicator, u.field
                    ),
                    (Lang::En, Lang::Zh) => format!(
                        "  row {} `{}` {}: Chinese; translate `en`",
                        u.row, u.indicator, u.field
                    ),
                    (Lang::En, Lang::En) => format!(
                        "  row {} `{}` {}: English; translate `zh`",
                        u.row, u.indicator, u.field
                    ),
                };
                let _ = writeln!(out, "{line}");
            }
        }
        if !self.ignored_columns.is_empty() {
            let cols = self.ignored_columns.join(", ");
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh => format!("未读取的列：{cols}"),
                    Lang::En => format!("columns not read: {cols}"),
                }
            );
        }
        if !self.dropped.is_empty() {
            let ids = self.dropped.join(", ");
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh =>
                        format!("原有文件中有数值、本次表格中没有的指标（现为暂无数据）：{ids}"),
                    Lang::En => format!(
                        "had a value in the replaced edition and have none now (no data): {ids}"
                    ),
                }
            );
        }
        out
    }
}

fn list_rows(out: &mut String, lang: Lang, unmatched: &[Unmatched], skipped: &[Skipped]) {
    if !unmatched.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => "以下各行未能对应到任何指标，未导入：",
                Lang::En => "rows that match no indicator (not imported):",
            }
        );
        for u in unmatched {
            let _ = match lang {
                Lang::Zh => writeln!(out, "  第 {} 行 `{}`：{}", u.row, u.cell, u.reason.zh),
                Lang::En => writeln!(out, "  row {} `{}`: {}", u.row, u.cell, u.reason.en),
            };
        }
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => "以下各行没有可用的数值，已跳过（该指标本期为暂无数据）：",
                Lang::En =>
                    "rows skipped for want of a usable value (the indicator stays “no data”):",
            }
        );
        for s in skipped {
            let _ = match lang {
                Lang::Zh => writeln!(out, "  第 {} 行 `{}`：{}", s.row, s.indicator, s.reason.zh),
                Lang::En => writeln!(out, "  row {} `{}`: {}", s.row, s.indicator, s.reason.en),
            };
        }
    }
}

/// One cell as read from the sheet.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    /// A number; `percent` when Excel formats it as a percentage (the
    /// number is then already multiplied by 100).
    Number {
        value: f64,
        percent: bool,
    },
    Text(String),
    /// Something that is not a value: a date, a boolean, a formula error.
    Other(Text),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => clean(t).is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for matching and for notes.
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number { value, .. } => format!("{value}"),
            Cell::Text(t) => clean(t).to_string(),
            Cell::Other(t) => t.en.clone(),
        }
    }
}

/// One row of the sheet with its row number as Excel shows it.
#[derive(Debug)]
struct Row {
    number: usize,
    cells: Vec<Cell>,
}

/// Imports a spreadsheet as the progress edition of a year; see the module
/// documentation.
pub fn import(opts: &ImportOptions) -> Result<ImportReport, ImportError> {
    let (config, indicators, tasks) = load_plan(&opts.site).map_err(ImportError::Site)?;
    let span = config.plan;
    if opts.year < span.baseline_year || opts.year > span.target_year {
        return Err(ImportError::YearOutsidePlan {
            year: opts.year,
            from: span.baseline_year,
            to: span.target_year,
        });
    }
    if let Some(d) = &opts.as_of
        && !valid_date(d)
    {
        return Err(ImportError::BadDate(d.clone()));
    }
    let rel = PathBuf::from("data/progress").join(format!("{}.yaml", opts.year));
    let target = opts.site.join(&rel);
    let existing = target.exists();
    if existing && !opts.force {
        return Err(ImportError::Exists(target));
    }
    let rows = read_sheet(&opts.file)?;
    if rows.iter().all(|r| r.cells.iter().all(Cell::is_empty)) {
        return Err(ImportError::EmptySheet(opts.file.clone()));
    }
    let mut report = ImportReport::default();
    let values = read_values(&rows, &indicators, &mut report)?;
    if values.is_empty() {
        return Err(ImportError::NoValues {
            unmatched: report.unmatched,
            skipped: report.skipped,
        });
    }
    report.matched = values.len();
    // An edition being replaced keeps everything but its values.
    let old = if existing {
        std::fs::read(&target)
            .ok()
            .and_then(|b| decode(&b).ok())
            .and_then(|t| serde_yaml::from_str::<serde_yaml::Mapping>(&t).ok())
    } else {
        None
    };
    let file_name = opts
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let text = edition_yaml(
        opts,
        &file_name,
        &values,
        &indicators,
        old.as_ref(),
        &mut report,
    );
    let mut problems = Problems::default();
    problems.add_source(&rel, text.clone().into());
    if Edition::load(&rel, &text, span, &indicators, &tasks, &mut problems).is_none()
        || problems.errors() > 0
    {
        return Err(ImportError::Invalid(problems));
    }
    write_atomically(&target, text.as_bytes()).map_err(|source| ImportError::Write {
        file: target.clone(),
        source,
    })?;
    report.written = target;
    Ok(report)
}

/// Reads what matching and checking need: settings, indicators and tasks.
/// Editions are not read, so a broken edition can still be replaced.
fn load_plan(site: &Path) -> Result<(SiteConfig, Indicators, Tasks), Problems> {
    let mut problems = Problems::default();
    let mut files = SiteFiles::open(site).map_err(|p| {
        problems.push(p);
        problems.clone()
    })?;
    for rel in ["site.yaml", "data/indicators.yaml", "data/tasks.yaml"] {
        if !files.exists(Path::new(rel)) {
            problems.push(Problem::error(
                site,
                None,
                text!(en: format!("this folder has no {rel}, so it is not a planpress site folder"), zh: format!("此文件夹中没有 {rel}，不是 planpress 站点文件夹")),
                text!(en: "Give the site folder with --site DIR (it holds site.yaml, data/ and content/).", zh: "请用 --site 指定站点文件夹（其中包含 site.yaml、data/ 和 content/）。"),
            ));
            return Err(problems);
        }
    }
    let config = files.read(Path::new("site.yaml")).and_then(|t| {
        parse_yaml::<SiteConfig>(Path::new("site.yaml"), &t)
            .map_err(|p| problems.push(p))
            .ok()
    });
    let indicators = files
        .read(Path::new("data/indicators.yaml"))
        .map(|t| Indicators::load(Path::new("data/indicators.yaml"), &t, &mut problems))
        .unwrap_or_default();
    let tasks = files
        .read(Path::new("data/tasks.yaml"))
        .map(|t| Tasks::load(Path::new("data/tasks.yaml"), &t, &mut problems))
        .unwrap_or_default();
    problems.extend(std::mem::take(&mut files.problems));
    match config {
        Some(c) if problems.errors() == 0 => Ok((c, indicators, tasks)),
        _ => Err(problems),
    }
}

fn read_sheet(file: &Path) -> Result<Vec<Row>, ImportError> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext != "csv" && ext != "xlsx" {
        return Err(ImportError::Unsupported(file.to_path_buf()));
    }
    let read_err = |source| ImportError::Read {
        file: file.to_path_buf(),
        source,
    };
    let bytes = std::fs::metadata(file).map_err(read_err)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_path_buf(),
            bytes,
        });
    }
    if ext == "csv" {
        let raw = std::fs::read(file).map_err(read_err)?;
        read_csv(file, &raw)
    } else {
        read_xlsx(file)
    }
}

fn read_csv(file: &Path, raw: &[u8]) -> Result<Vec<Row>, ImportError> {
    let text = decode(raw).map_err(|(en, zh)| ImportError::Encoding {
        file: file.to_path_buf(),
        en,
        zh,
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|source| ImportError::Csv {
            file: file.to_path_buf(),
            source,
        })?;
        // The line where the record starts: Excel's row number for every
        // sheet without line breaks inside cells.
        let number = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let cells = record
            .iter()
            .map(|c| {
                if clean(c).is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

fn read_xlsx(file: &Path) -> Result<Vec<Row>, ImportError> {
    let xlsx_err = |e: calamine::XlsxError| ImportError::Xlsx {
        file: file.to_path_buf(),
        message: e.to_string(),
    };
    let mut book: Xlsx<_> = calamine::open_workbook(file).map_err(xlsx_err)?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(ImportError::EmptySheet(file.to_path_buf()));
    };
    let range = book.worksheet_range(&sheet).map_err(xlsx_err)?;
    // Excel stores 92.5% as 0.925 and shows it through the cell's number
    // format; read the formats so the figure is the one the user sees.
    let styles = book.worksheet_style(&sheet).map_err(xlsx_err)?;
    let Some((row0, col0)) = range.start() else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let r = row0 + i as u32;
        let cells = cells
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let percent = styles
                    .get((r, col0 + j as u32))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| is_percent_format(&f.format_code));
                xlsx_cell(d, percent)
            })
            .collect();
        rows.push(Row {
            number: r as usize + 1,
            cells,
        });
    }
    Ok(rows)
}

/// Whether an Excel number format shows the value as a percentage: a `%`
/// outside quoted text and escapes (`0.0%`, `0%`, but not `"%"0`).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn xlsx_cell(d: &Data, percent: bool) -> Cell {
    let number = |v: f64| Cell::Number {
        value: tidy(if percent { v * 100.0 } else { v }),
        percent,
    };
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Other(
            text!(en: format!("the cell holds {}", if *b { "TRUE" } else { "FALSE" }), zh: format!("单元格的内容是 {}", if *b { "TRUE" } else { "FALSE" })),
        ),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Other(text!(
            en: "the cell holds a date or time, not a number (format the cell as Number in Excel)",
            zh: "单元格的内容是日期或时间，不是数值（请在 Excel 中把单元格格式设为“数值”）"
        )),
        Data::Error(e) => Cell::Other(text!(
            en: format!("the cell shows the error {e}"),
            zh: format!("单元格显示错误 {e}")
        )),
    }
}

/// Rounds away binary noise (16.299999999999997 → 16.3, 0.925 × 100 →
/// 92.5) by keeping 12 significant digits; Excel itself shows 15.
fn tidy(v: f64) -> f64 {
    format!("{v:.11e}").parse().unwrap_or(v)
}

/// Trims spaces, full-width spaces and no-break spaces.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
    })
}

/// A name for comparison: without any spaces.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}')
        .collect()
}

/// The columns of the sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Columns {
    indicator: usize,
    value: usize,
    note: Option<usize>,
    source: Option<usize>,
}

const POSITIONAL: Columns = Columns {
    indicator: 0,
    value: 1,
    note: Some(2),
    source: Some(3),
};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Heading {
    Indicator,
    Value,
    Note,
    Source,
}

/// What a header cell names, if it names a column planpress reads.
fn heading(cell: &str) -> Option<Heading> {
    let mut s = squeeze(cell).to_lowercase();
    // "数值（万人）", "value (%)": the bracket does not change the column.
    if let Some(i) = s.find(['（', '(']) {
        s.truncate(i);
    }
    let s = s.as_str();
    // A year as the value column's heading: "2023", "2023年".
    let year = s.strip_suffix('年').unwrap_or(s);
    if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Heading::Value);
    }
    let any = |words: &[&str]| words.contains(&s);
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if any(&[
        "指标",
        "指标名称",
        "指标编号",
        "编号",
        "名称",
        "项目",
        "id",
        "name",
        "indicator",
    ]) || has(&["indicator"])
    {
        Some(Heading::Indicator)
    } else if any(&["值", "数据", "value", "values", "actual"])
        || has(&["数值", "实际值", "完成值", "本期值", "value"])
    {
        Some(Heading::Value)
    } else if has(&["说明", "备注", "note", "remark", "comment"]) {
        Some(Heading::Note)
    } else if has(&["来源", "source"]) {
        Some(Heading::Source)
    } else {
        None
    }
}

/// The columns a header row names, if the row is a header: it names an
/// indicator column and a value column.
fn header_columns(row: &Row) -> Option<(Columns, Vec<String>)> {
    let mut cols: HashMap<usize, Heading> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, c) in row.cells.iter().enumerate() {
        let Cell::Text(t) = c else { continue };
        match heading(t) {
            Some(h) if !cols.values().any(|x| *x == h) => {
                cols.insert(i, h);
            }
            _ if !clean(t).is_empty() => ignored.push(clean(t).to_string()),
            _ => {}
        }
    }
    let find = |h: Heading| cols.iter().find(|(_, x)| **x == h).map(|(i, _)| *i);
    Some((
        Columns {
            indicator: find(Heading::Indicator)?,
            value: find(Heading::Value)?,
            note: find(Heading::Note),
            source: find(Heading::Source),
        },
        ignored,
    ))
}

/// One value read from the sheet.
#[derive(Debug, Clone, PartialEq)]
struct Imported {
    indicator: usize,
    value: f64,
    note: Option<String>,
    source: Option<String>,
}

/// Reads the rows into values by indicator index, recording unmatched and
/// skipped rows and texts to translate in the report.
fn read_values(
    rows: &[Row],
    indicators: &Indicators,
    report: &mut ImportReport,
) -> Result<Vec<Imported>, ImportError> {
    let non_empty: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.cells.iter().all(Cell::is_empty))
        .collect();
    // The header is the first non-empty row, or a later one above every
    // data row when a title sits on top of the sheet.
    let mut columns = POSITIONAL;
    let mut start = 0;
    for (i, row) in non_empty.iter().enumerate() {
        let first = row.cells.iter().find(|c| !c.is_empty()).map(Cell::text);
        if first.is_some_and(|f| match_indicator(&f, indicators).is_ok()) {
            break;
        }
        if let Some((cols, ignored)) = header_columns(row) {
            columns = cols;
            report.header = Some(row.number);
            report.ignored_columns = ignored;
            for above in &non_empty[..i] {
                report.unmatched.push(Unmatched {
                    row: above.number,
                    cell: above
                        .cells
                        .iter()
                        .find(|c| !c.is_empty())
                        .map(Cell::text)
                        .unwrap_or_default(),
                    reason: text!(en: "above the header row; not read", zh: "位于表头之上，未读取"),
                });
            }
            start = i + 1;
            break;
        }
    }
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut values = Vec::new();
    for row in &non_empty[start..] {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&Cell::Empty);
        let name = cell(Some(columns.indicator)).text();
        if name.is_empty() {
            report.unmatched.push(Unmatched {
                row: row.number,
                cell: String::new(),
                reason: text!(en: "the indicator cell is empty", zh: "指标单元格为空"),
            });
            continue;
        }
        let ind = match match_indicator(&name, indicators) {
            Ok(i) => i,
            Err(reason) => {
                report.unmatched.push(Unmatched {
                    row: row.number,
                    cell: name,
                    reason,
                });
                continue;
            }
        };
        let id = indicators.list[ind].id.clone();
        if let Some(first) = seen.insert(ind, row.number) {
            return Err(ImportError::Duplicate {
                id,
                first,
                second: row.number,
            });
        }
        let value = match parse_value(cell(Some(columns.value)), &indicators.list[ind]) {
            Ok(v) => v,
            Err(reason) => {
                report.skipped.push(Skipped {
                    row: row.number,
                    indicator: id,
                    reason,
                });
                continue;
            }
        };
        let mut words = |col: Option<usize>, field: &'static str| {
            let t = cell(col).text();
            if t.is_empty() {
                return None;
            }
            report.untranslated.push(Untranslated {
                row: row.number,
                indicator: id.clone(),
                field,
                written_in: if has_cjk(&t) { Lang::Zh } else { Lang::En },
            });
            Some(t)
        };
        let note = words(columns.note, "note");
        let source = words(columns.source, "source");
        values.push(Imported {
            indicator: ind,
            value,
            note,
            source,
        });
    }
    // The plan's order, so editions of different years read alike.
    values.sort_by_key(|v| v.indicator);
    Ok(values)
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
    })
}

/// The indicator a first cell names, or why it names none.
fn match_indicator(cell: &str, indicators: &Indicators) -> Result<usize, Text> {
    let trimmed = clean(cell);
    if let Some(&i) = indicators.by_id.get(&trimmed.to_ascii_lowercase()) {
        return Ok(i);
    }
    let key = squeeze(trimmed);
    if let Some(i) = indicators
        .list
        .iter()
        .position(|ind| squeeze(&ind.name.zh) == key)
    {
        return Ok(i);
    }
    // The plan's table writes the unit after the name: 在校生规模（万人）.
    if let Some(body) = key.strip_suffix('）').or_else(|| key.strip_suffix(')'))
        && let Some(open) = body.rfind(['（', '('])
    {
        let (name, unit) = (
            &body[..open],
            &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..],
        );
        if let Some(i) = indicators
            .list
            .iter()
            .position(|ind| squeeze(&ind.name.zh) == name)
        {
            let ind = &indicators.list[i];
            if unit == squeeze(&ind.unit.zh) || unit.eq_ignore_ascii_case(&squeeze(&ind.unit.en)) {
                return Ok(i);
            }
            return Err(text!(
                en: format!("the unit in brackets ({unit}) is not the unit of `{}` ({})", ind.id, ind.unit.zh),
                zh: format!("括号中的单位（{unit}）与指标 `{}` 的单位（{}）不一致", ind.id, ind.unit.zh)
            ));
        }
    }
    let best = indicators
        .list
        .iter()
        .map(|ind| {
            let d = edit_distance(&key, &squeeze(&ind.name.zh))
                .min(edit_distance(&key.to_ascii_lowercase(), &ind.id));
            (d, ind)
        })
        .min_by_key(|(d, _)| *d)
        .filter(|(d, ind)| {
            *d <= 3
                .max(ind.name.zh.chars().count() / 4)
                .min(key.chars().count() / 2)
        });
    Err(match best {
        Some((_, ind)) => text!(
            en: format!("matches no indicator id or Chinese name; did you mean {} (`{}`)?", ind.name.zh, ind.id),
            zh: format!("不是任何指标的编号或中文名称；是否应为“{}”（`{}`）？", ind.name.zh, ind.id)
        ),
        None => text!(
            en: "matches no indicator id or Chinese name of data/indicators.yaml",
            zh: "不是 data/indicators.yaml 中任何指标的编号或中文名称"
        ),
    })
}

/// A value cell as a number in the indicator's unit, or why it is not one.
fn parse_value(cell: &Cell, ind: &crate::model::indicators::Indicator) -> Result<f64, Text> {
    let (value, percent) = match cell {
        Cell::Empty => {
            return Err(text!(en: "no value (empty cell)", zh: "数值为空"));
        }
        Cell::Other(why) => return Err(why.clone()),
        Cell::Number { value, percent } => (*value, *percent),
        Cell::Text(t) if clean(t).is_empty() => {
            return Err(text!(en: "no value (empty cell)", zh: "数值为空"));
        }
        Cell::Text(t) => parse_number(t, ind.display == Display::Ratio).ok_or_else(|| {
            text!(
                en: format!("`{}` is not a number", clean(t)),
                zh: format!("“{}”不是数值", clean(t))
            )
        })?,
    };
    if percent && ind.unit.zh.trim() != "%" {
        return Err(text!(
            en: format!("the value is a percentage, but `{}` counts {}", ind.id, if ind.unit.zh.is_empty() { "a ratio" } else { &ind.unit.zh }),
            zh: format!("数值是百分比，但指标 `{}` 的单位是“{}”", ind.id, if ind.unit.zh.is_empty() { "比值" } else { &ind.unit.zh })
        ));
    }
    if !value.is_finite() {
        return Err(text!(en: "the value is not a finite number", zh: "数值无效"));
    }
    Ok(value)
}

/// Reads a number written as text: full-width digits, thousands
/// separators (groups of three), a trailing `%` (returned as a flag) and,
/// for ratios, a trailing `:1`.
fn parse_number(s: &str, ratio: bool) -> Option<(f64, bool)> {
    let mut t: String = clean(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '％' => '%',
            '：' => ':',
            '＋' => '+',
            other => other,
        })
        .collect();
    let percent = t.ends_with('%');
    if percent {
        t.pop();
    }
    if ratio && let Some(x) = t.strip_suffix(":1") {
        t = x.to_string();
    }
    if t.contains(',') {
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = int.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = digits.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok || frac.contains(',') {
            return None;
        }
        t = t.replace(',', "");
    }
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| (v, percent))
}

/// A YYYY-MM-DD date that exists.
fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, day] = parts.as_slice() else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
        return false;
    }
    let (Ok(y), Ok(m), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), day.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The edition's YAML text. Keys of a replaced edition other than `values`
/// (and `as_of` when `--as-of` is given) are kept.
fn edition_yaml(
    opts: &ImportOptions,
    file_name: &str,
    values: &[Imported],
    indicators: &Indicators,
    old: Option<&serde_yaml::Mapping>,
    report: &mut ImportReport,
) -> String {
    use serde_yaml::{Mapping, Value};
    let key = |k: &str| Value::String(k.to_string());
    let mut doc = Mapping::new();
    doc.insert(key("year"), Value::Number(i64::from(opts.year).into()));
    let old_as_of = old.and_then(|o| o.get("as_of")).and_then(Value::as_str);
    let as_of = match (&opts.as_of, old_as_of) {
        (Some(d), _) => d.clone(),
        (None, Some(d)) => {
            report.kept.push("as_of".into());
            d.to_string()
        }
        (None, None) => format!("{}-12-31", opts.year),
    };
    doc.insert(key("as_of"), Value::String(as_of));
    let kept_keys = ["published", "title", "note"];
    for k in kept_keys {
        if let Some(v) = old.and_then(|o| o.get(k)) {
            doc.insert(key(k), v.clone());
            report.kept.push(k.into());
        }
    }
    let both = |s: &str| {
        let mut m = Mapping::new();
        m.insert(key("zh"), Value::String(s.to_string()));
        m.insert(key("en"), Value::String(s.to_string()));
        Value::Mapping(m)
    };
    let mut vals = Mapping::new();
    for v in values {
        let mut m = Mapping::new();
        let number = if v.value.fract() == 0.0 && v.value.abs() < 1e15 {
            Value::Number((v.value as i64).into())
        } else {
            Value::Number(v.value.into())
        };
        m.insert(key("value"), number);
        if let Some(n) = &v.note {
            m.insert(key("note"), both(n));
        }
        if let Some(s) = &v.source {
            m.insert(key("source"), both(s));
        }
        vals.insert(key(&indicators.list[v.indicator].id), Value::Mapping(m));
    }
    if let Some(Value::Mapping(old_values)) = old.and_then(|o| o.get("values")) {
        report.dropped = old_values
            .keys()
            .filter_map(Value::as_str)
            .filter(|id| !vals.contains_key(*id))
            .map(str::to_string)
            .collect();
    }
    doc.insert(key("values"), Value::Mapping(vals));
    for k in ["tasks", "facts"] {
        if let Some(v) = old.and_then(|o| o.get(k)) {
            doc.insert(key(k), v.clone());
            report.kept.push(k.into());
        }
    }
    let body = serde_yaml::to_string(&doc).unwrap_or_default();
    format!(
        "# Progress edition {year}, written by `planpress import` from {file_name}.\n\
         # {year}年进度数据，由 `planpress import` 根据 {file_name} 生成。\n{body}",
        year = opts.year
    )
}

/// Writes a file so that readers see the old or the new contents, never
/// half of the new: a temporary file beside it, then a rename.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_office_staff_type_them() {
        assert_eq!(parse_number("1,234", false), Some((1234.0, false)));
        assert_eq!(
            parse_number(" 1,234,567.5 ", false),
            Some((1_234_567.5, false))
        );
        assert_eq!(parse_number("９２．５％", false), Some((92.5, true)));
        assert_eq!(parse_number("-3", false), Some((-3.0, false)));
        assert_eq!(parse_number("20:1", true), Some((20.0, false)));
        // A decimal comma or a ratio where none is expected is not guessed at.
        assert_eq!(parse_number("16,3", false), None);
        assert_eq!(parse_number("20:1", false), None);
        assert_eq!(parse_number("约20", false), None);
        assert_eq!(parse_number("", false), None);
    }

    #[test]
    fn percent_formats_and_dates() {
        assert!(is_percent_format("0.0%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("\"%\"0"));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("General"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2023-12-1"));
        assert!(!valid_date("2023/12/31"));
    }

    #[test]
    fn header_cells() {
        assert_eq!(heading("指标名称"), Some(Heading::Indicator));
        assert_eq!(heading("Indicator ID"), Some(Heading::Indicator));
        assert_eq!(heading("2023年数值（万人）"), Some(Heading::Value));
        assert_eq!(heading("Value"), Some(Heading::Value));
        assert_eq!(heading("2023年"), Some(Heading::Value));
        assert_eq!(heading("备注"), Some(Heading::Note));
        assert_eq!(heading("数据来源"), Some(Heading::Source));
        assert_eq!(heading("单位"), None);
        assert_eq!(tidy(0.875 * 100.0), 87.5);
        assert_eq!(tidy(16.299999999999997), 16.3);
    }
}
