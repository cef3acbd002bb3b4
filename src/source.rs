//! Reading the files of a site folder safely, and finding positions in them.
//!
//! Every input file passes through [`SiteFiles::read`]: it refuses symlinks
//! that leave the site folder, oversized files, empty files and text that is
//! not UTF-8 (with advice for GBK files from Chinese Windows editors), and it
//! accepts a UTF-8 byte-order mark and CRLF line ends silently.

// A `Problem` (~170 bytes) is the error of every reading function here: it
// is made once per mistake and then kept in a list, never passed up a deep
// call chain, so boxing it would cost an allocation and buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::{Pos, Problem, Problems};
use crate::text;

mod yaml_error;

/// Input files larger than this are refused: no plan needs more, and it
/// protects the build from a stray export or binary dropped in the folder.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The site folder, and the texts read from it so far (for snippets).
#[derive(Debug)]
pub struct SiteFiles {
    root: PathBuf,
    canonical_root: PathBuf,
    /// Problems met while reading, with the texts they point into.
    pub problems: Problems,
}

impl SiteFiles {
    /// Opens a site folder. Fails with a problem when it is not a folder.
    pub fn open(root: &Path) -> Result<SiteFiles, Problem> {
        let canonical_root = root.canonicalize().map_err(|e| {
            Problem::error(
                root,
                None,
                text!(en: format!("cannot open the site folder: {e}"), zh: format!("无法打开站点文件夹：{e}")),
                text!(en: "Check the path given with --site.", zh: "请检查 --site 指定的路径。"),
            )
        })?;
        Ok(SiteFiles {
            root: root.to_path_buf(),
            canonical_root,
            problems: Problems::default(),
        })
    }

    /// The site folder as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a file exists in the site folder.
    pub fn exists(&self, rel: &Path) -> bool {
        self.root.join(rel).exists()
    }

    /// Reads a text file of the site folder; `None` (with a problem recorded)
    /// when it cannot be used.
    pub fn read(&mut self, rel: &Path) -> Option<Arc<str>> {
        match self.read_checked(rel) {
            Ok(text) => {
                self.problems.add_source(rel, text.clone());
                Some(text)
            }
            Err(p) => {
                self.problems.push(p);
                None
            }
        }
    }

    /// Reads a text file of the site folder with every check of
    /// [`SiteFiles::read`], recording nothing (for parallel readers).
    pub fn read_checked(&self, rel: &Path) -> Result<Arc<str>, Problem> {
        let path = self.root.join(rel);
        let err = |en: String, zh: String, help_en: &str, help_zh: &str| {
            Problem::error(
                rel,
                None,
                text!(en: en, zh: zh),
                text!(en: help_en, zh: help_zh),
            )
        };
        self.check_inside(rel)?;
        let meta = std::fs::metadata(&path).map_err(|e| {
            err(
                format!("cannot read this file: {e}"),
                format!("无法读取此文件：{e}"),
                "Check that the file exists and can be read.",
                "请确认文件存在且可读。",
            )
        })?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(err(
                format!(
                    "this file is {} MiB, more than the {} MiB planpress accepts",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                format!(
                    "此文件大小为 {} MiB，超过了 {} MiB 的上限",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                "Split it into smaller files, or remove it if it does not belong in the site folder.",
                "请拆分为较小的文件；如果它不属于站点文件夹，请移走。",
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            err(
                format!("cannot read this file: {e}"),
                format!("无法读取此文件：{e}"),
                "Check that the file can be read.",
                "请确认文件可读。",
            )
        })?;
        let text = decode(&bytes).map_err(|(en, zh)| {
            let mut p = err(
                en,
                zh,
                "Save the file as UTF-8: in Notepad choose File > Save As > Encoding: UTF-8; in WPS or VS Code choose the UTF-8 encoding; or run `iconv -f GB18030 -t UTF-8 FILE > NEW`.",
                "请将文件另存为 UTF-8 编码：记事本中选择“文件 > 另存为 > 编码：UTF-8”；WPS 或 VS Code 中选择 UTF-8 编码；或运行 `iconv -f GB18030 -t UTF-8 原文件 > 新文件`。",
            );
            // Name the line of the first undecodable byte, so that editors
            // and terminals jump there; there is no text to show a snippet of.
            p.pos = first_bad_byte(&bytes);
            p
        })?;
        if text.trim().is_empty() {
            return Err(err(
                "this file is empty".into(),
                "此文件为空".into(),
                "Fill it in (see README.md for its format) or delete it.",
                "请按 README.md 中的格式填写，或删除此文件。",
            ));
        }
        Ok(text.into())
    }

    /// Refuses a path that is, or passes through, a symlink pointing outside
    /// the site folder: the build must only ever read the user's own folder.
    pub fn check_inside(&self, rel: &Path) -> Result<(), Problem> {
        let path = self.root.join(rel);
        match path.canonicalize() {
            Ok(real) if !real.starts_with(&self.canonical_root) => Err(Problem::error(
                rel,
                None,
                text!(
                    en: format!("this is a link to {}, outside the site folder", real.display()),
                    zh: format!("这是指向站点文件夹之外（{}）的链接", real.display())
                ),
                text!(
                    en: "Copy the file into the site folder instead of linking to it.",
                    zh: "请把文件复制到站点文件夹中，而不是使用链接。"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Decodes file bytes as UTF-8, dropping a byte-order mark and turning CRLF
/// line ends into LF. The error says, in both languages, what the bytes look
/// like instead.
pub fn decode(bytes: &[u8]) -> Result<String, (String, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                return Err((
                    "this file is saved as UTF-16, not UTF-8".into(),
                    "此文件的编码是 UTF-16，而不是 UTF-8".into(),
                ));
            }
            if looks_like_gbk(bytes) {
                Err((
                    format!(
                        "this file is not UTF-8: it looks like GBK/GB18030, the encoding of Chinese Windows editors (first bad byte on line {line})"
                    ),
                    format!(
                        "此文件不是 UTF-8 编码：看起来是 GBK/GB18030（中文 Windows 编辑器的默认编码），第一个无法识别的字节在第 {line} 行"
                    ),
                ))
            } else {
                Err((
                    format!("this file is not UTF-8 text (first bad byte on line {line})"),
                    format!("此文件不是 UTF-8 文本（第 {line} 行出现无法识别的字节）"),
                ))
            }
        }
    }
}

/// The line and column of the first byte that is not UTF-8, when the file
/// is not UTF-16 (whose "lines" mean nothing as bytes).
fn first_bad_byte(bytes: &[u8]) -> Option<Pos> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let at = std::str::from_utf8(bytes).err()?.valid_up_to();
    // Everything before `at` is valid UTF-8 by definition.
    let valid = std::str::from_utf8(&bytes[..at]).ok()?;
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    Some(Pos {
        line: valid.matches('\n').count() + 1,
        col: valid[line_start..].chars().count() + 1,
        offset: 0,
        len: 0,
    })
}

/// GBK text is mostly pairs of a lead byte 0x81–0xFE and a trail byte
/// 0x40–0xFE; UTF-8 never looks like that for long.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut high, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x80 {
            high += 1;
            if (0x81..=0xFE).contains(&b)
                && bytes
                    .get(i + 1)
                    .is_some_and(|t| (0x40..=0xFE).contains(t) && *t != 0x7F)
            {
                pairs += 1;
                high += 1;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    high > 0 && pairs * 2 * 10 >= high * 9
}

/// Parses a YAML text into `T`; a syntax or type error becomes a problem at
/// its line and column, with advice for the common cases.
pub fn parse_yaml<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Problem> {
    serde_yaml::from_str(text).map_err(|e| yaml_problem(file, text, &e))
}

/// Turns a YAML error into a problem at the line most likely at fault, in
/// words a site author understands, with advice (see [`yaml_error`]).
pub fn yaml_problem(file: &Path, text: &str, e: &serde_yaml::Error) -> Problem {
    let d = yaml_error::describe(text, e);
    Problem::error(
        file,
        d.pos,
        text!(en: d.en, zh: d.zh),
        text!(en: d.help_en, zh: d.help_zh),
    )
}

/// Finds the line of a YAML list item or map entry identifying something, so
/// that problems found after parsing can still point at the right place.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of each line's start, so that a search can begin at any
    /// line and a position needs no scan from the top of the file.
    lines: Vec<usize>,
    /// The first `id: <value>` line of each id, so that looking up every
    /// item of a long file stays linear.
    ids: HashMap<&'a str, usize>,
}

impl<'a> Locator<'a> {
    /// A locator over one file's text.
    pub fn new(text: &'a str) -> Self {
        let mut lines = vec![0];
        lines.extend(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|i| *i < text.len()),
        );
        let mut ids = HashMap::new();
        for (k, &start) in lines.iter().enumerate() {
            let end = lines.get(k + 1).copied().unwrap_or(text.len());
            let t = text[start..end].trim_start_matches([' ', '-', '\t']);
            if let Some(rest) = t.strip_prefix("id")
                && let Some(v) = rest.trim_start().strip_prefix(':')
            {
                ids.entry(unquote(v.trim())).or_insert(start);
            }
        }
        Locator { text, lines, ids }
    }

    /// The lines at or after byte `from`, with their start offsets.
    fn lines_from(&self, from: usize) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        let first = self.lines.partition_point(|s| *s < from);
        self.lines[first..]
            .iter()
            .enumerate()
            .map(move |(k, &start)| {
                let end = self
                    .lines
                    .get(first + k + 1)
                    .copied()
                    .unwrap_or(self.text.len());
                (start, &self.text[start..end])
            })
    }

    /// The position of a byte range, found through the line table.
    fn pos(&self, offset: usize, len: usize) -> Pos {
        let line = self.lines.partition_point(|s| *s <= offset).max(1);
        let line_start = self.lines[line - 1];
        let mut p = Pos::at(&self.text[line_start..], offset - line_start, len);
        p.line = line;
        p.offset = offset;
        p
    }

    /// The line `id: <id>` (or `- id: <id>`), marking the id.
    pub fn id(&self, id: &str) -> Option<Pos> {
        let start = *self.ids.get(id)?;
        self.key_with_value("id", id, start)
    }

    /// The first line at or after `from` whose key is `key` and whose value
    /// is `value`.
    pub fn key_with_value(&self, key: &str, value: &str, from: usize) -> Option<Pos> {
        for (start, line) in self.lines_from(from) {
            let t = line.trim_start_matches([' ', '-', '\t']);
            if let Some(rest) = t.strip_prefix(key)
                && let Some(v) = rest.trim_start().strip_prefix(':')
                && unquote(v.trim()) == value
            {
                let at = start + line.rfind(value).unwrap_or(line.len() - t.len());
                return Some(self.pos(at, value.len()));
            }
        }
        None
    }

    /// The line of `key:` within the item that starts at `item` (up to the
    /// next list item at the same or lower indentation).
    pub fn key_in_item(&self, item: Pos, key: &str) -> Option<Pos> {
        let item_line_start =
            self.lines[self.lines.partition_point(|s| *s <= item.offset).max(1) - 1];
        let item_indent = indent_of(&self.text[item_line_start..]);
        let mut offset = item_line_start;
        for (i, line) in self.text[item_line_start..]
            .split_inclusive('\n')
            .enumerate()
        {
            let start = offset;
            offset += line.len();
            let ind = indent_of(line);
            let t = line.trim_start_matches([' ', '\t']);
            if i > 0 && !t.trim().is_empty() && ind <= item_indent && t.starts_with('-') {
                break;
            }
            let t2 = t.trim_start_matches(['-', ' ']);
            if let Some(rest) = t2.strip_prefix(key)
                && rest.trim_start().starts_with(':')
            {
                let at = start + (line.len() - t2.len());
                return Some(self.pos(at, line.trim_end().len() - (at - start)));
            }
        }
        None
    }

    /// The line of a map key `key:` (any indentation, first match at or
    /// after `from`).
    pub fn key(&self, key: &str, from: usize) -> Option<Pos> {
        for (start, line) in self.lines_from(from) {
            let t = line.trim_start_matches([' ', '\t']);
            let t2 = t.trim_start_matches(['-', ' ']);
            let k = t2.split(':').next().unwrap_or("");
            if t2.contains(':') && unquote(k.trim()) == key {
                let at = start + (line.len() - t2.len());
                return Some(self.pos(at, k.len()));
            }
        }
        None
    }
}

/// Finds the lines of a list's items or a map's keys in file order: each
/// search starts just after the previous find, so the second of two equal
/// ids is found at its own line, not at the first one's.
pub struct Cursor<'l, 'a> {
    loc: &'l Locator<'a>,
    at: usize,
}

impl<'l, 'a> Cursor<'l, 'a> {
    /// A cursor starting at the key `section:` (`indicators:`), or at the
    /// top of the file when there is no such key.
    pub fn new(loc: &'l Locator<'a>, section: &str) -> Self {
        let at = loc.key(section, 0).map_or(0, |p| p.offset);
        Cursor { loc, at }
    }

    /// The next `id: <id>` line.
    pub fn id(&mut self, id: &str) -> Option<Pos> {
        let found = self.loc.key_with_value("id", id, self.at);
        self.advance(found).or_else(|| self.loc.id(id))
    }

    /// The next line whose key is `key`.
    pub fn key(&mut self, key: &str) -> Option<Pos> {
        let found = self.loc.key(key, self.at);
        self.advance(found).or_else(|| self.loc.key(key, 0))
    }

    fn advance(&mut self, found: Option<Pos>) -> Option<Pos> {
        if let Some(p) = found {
            self.at = p.offset + 1;
        }
        found
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn unquote(s: &str) -> &str {
    let s = s.split(" #").next().unwrap_or(s).trim();
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s)
}

/// Lists the files of a folder of the site (sorted, so builds are
/// reproducible), relative to the site folder.
pub fn list_files(root: &Path, rel_dir: &Path, ext: &str) -> Vec<PathBuf> {
    let dir = root.join(rel_dir);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap(),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn gbk_is_named() {
        // "永川区" in GBK.
        let gbk = b"title: \xD3\xC0\xB4\xA8\xC7\xF8\n";
        let (en, zh) = decode(gbk).unwrap_err();
        assert!(en.contains("GBK"), "{en}");
        assert!(zh.contains("GBK"), "{zh}");
        let at = first_bad_byte(b"a: 1\ntitle: \xD3\xC0\n").unwrap();
        assert_eq!((at.line, at.col), (2, 8));
    }

    #[test]
    fn locator_finds_ids_and_keys() {
        let text = "indicators:\n  - id: a\n    unit: x\n  - id: b\n    targte: 3\n";
        let loc = Locator::new(text);
        let b = loc.id("b").unwrap();
        assert_eq!(b.line, 4);
        assert_eq!(loc.key_in_item(b, "targte").unwrap().line, 5);
        assert!(loc.key_in_item(loc.id("a").unwrap(), "targte").is_none());
        assert_eq!(loc.key("targte", 0).unwrap().line, 5);
        let twice = "lists:\n  - id: a\n  - id: b\n  - id: a\n";
        let loc = Locator::new(twice);
        let mut cursor = Cursor::new(&loc, "lists");
        let lines: Vec<usize> = ["a", "b", "a"]
            .iter()
            .map(|id| cursor.id(id).unwrap().line)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn yaml_errors_point_at_the_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            target: f64,
        }
        let p = parse_yaml::<T>(Path::new("x.yaml"), "targte: 3\n").unwrap_err();
        assert_eq!(p.pos.unwrap().line, 1);
        assert!(p.message.en.contains("unknown key `targte`"));
        assert!(p.help.en.contains("target"), "{}", p.help.en);
    }
}
