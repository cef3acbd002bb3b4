//! `planpress check` and `planpress build` on broken site folders.
//!
//! Every case starts from one small valid site (tests/fixtures/check-site),
//! builds it, breaks one thing, and then asserts what a user sees: exit code
//! 1, a message naming the right file and line in English and in Chinese,
//! advice in both languages, and the previous public/ left byte for byte as
//! it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_planpress");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check-site");

/// One change to the fixture site.
#[derive(Clone, Copy)]
enum Edit {
    /// In line `.1` (1-based) of file `.0`, replace `.2` by `.3`; the line
    /// must contain `.2`, so a changed fixture fails loudly here.
    Replace(&'static str, usize, &'static str, &'static str),
    /// Insert text (one or more lines) before line `.1` of file `.0`.
    Insert(&'static str, usize, &'static str),
    /// Delete line `.1` of file `.0`; it must contain `.2`.
    DeleteLine(&'static str, usize, &'static str),
    /// Delete a file.
    Remove(&'static str),
    /// Write a file with these bytes (creating folders).
    Write(&'static str, &'static [u8]),
    /// Replace every occurrence of a text in a file by raw bytes.
    Bytes(&'static str, &'static str, &'static [u8]),
    /// Turn a file into a symlink to a copy of it outside the site folder.
    LinkOutside(&'static str),
    /// Write a file of this many bytes of valid Markdown.
    Big(&'static str, usize),
    /// Give every line of a file CRLF line ends.
    Crlf(&'static str),
    /// Put a UTF-8 byte-order mark in front of a file.
    Bom(&'static str),
}

/// Where the message must point.
#[derive(Clone, Copy)]
enum At {
    /// `file:line:`.
    Line(&'static str, usize),
    /// The file, without a position (a problem with the whole file).
    File(&'static str),
}

/// A broken site: what is broken, how, and what the user must be told.
struct Case {
    name: &'static str,
    edits: &'static [Edit],
    at: At,
    /// A part of the English message (and help): pieces separated by " | "
    /// must appear in this order.
    en: &'static str,
    /// The same in Chinese.
    zh: &'static str,
}

use At::{File, Line};
use Edit::*;

const IND: &str = "data/indicators.yaml";
const TASKS: &str = "data/tasks.yaml";
const ED: &str = "data/progress/2023.yaml";
const SITE: &str = "site.yaml";
const ZH: &str = "content/zh/intro.md";
const EN: &str = "content/en/intro.md";

/// 示例规划 and 示例区人民政府 as a Chinese Windows editor saves them (GBK).
const GBK_TITLE: &[u8] = b"\xca\xbe\xc0\xfd\xb9\xe6\xbb\xae";
const GBK_ISSUER: &[u8] = b"\xca\xbe\xc0\xfd\xc7\xf8\xc8\xcb\xc3\xf1\xd5\xfe\xb8\xae";

const CASES: &[Case] = &[
    // --- YAML syntax ---
    Case {
        name: "unclosed quote in indicators",
        edits: &[Replace(IND, 13, r#"">20""#, r#"">20"#)],
        at: Line(IND, 13),
        en: r#"YAML syntax error: a quote `"` on this line is not closed"#,
        zh: r#"YAML 格式错误：此行的引号 `"` 没有闭合"#,
    },
    Case {
        name: "bad indentation in tasks",
        edits: &[Replace(TASKS, 10, "        text:", "          text:")],
        at: Line(TASKS, 10),
        en: "this line is indented differently from the lines around it",
        zh: "此行的缩进与上下文不一致",
    },
    Case {
        name: "unclosed brace in site.yaml",
        edits: &[Replace(SITE, 2, "Example Plan}", "Example Plan")],
        at: Line(SITE, 2),
        en: "`{` opened here is not closed",
        zh: "此处的`{`没有闭合",
    },
    Case {
        name: "tab indentation in a progress edition",
        edits: &[Replace(ED, 10, "  schools", "\tschools")],
        at: Line(ED, 10),
        en: "indented with a tab character",
        zh: "此行用 Tab 键缩进",
    },
    Case {
        name: "broken front matter of a page",
        edits: &[Replace(ZH, 2, "title: 一", "title: [一")],
        at: Line(ZH, 2),
        en: "`title` should be a text, not a list",
        zh: "`title` 的值类型不对：应为文字，而不是列表",
    },
    Case {
        name: "front matter never closed",
        edits: &[DeleteLine(ZH, 4, "---")],
        at: Line(ZH, 1),
        en: "the front matter that starts on this `---` line is never closed",
        zh: "没有以另一行 `---` 结束",
    },
    Case {
        name: "page without front matter",
        edits: &[DeleteLine(EN, 1, "---")],
        at: Line(EN, 1),
        en: "the page has no front matter",
        zh: "页面缺少开头的元数据",
    },
    // --- wrong types ---
    Case {
        name: "text where the target number belongs",
        edits: &[Replace(IND, 19, "target: 18", "target: eighteen")],
        at: Line(IND, 19),
        en: r#"the target is not a figure: "eighteen" is not a number"#,
        zh: "目标值“eighteen”不是有效数值",
    },
    Case {
        name: "text where a progress value belongs",
        edits: &[Replace(ED, 10, "schools: 15", "schools: fifteen")],
        at: Line(ED, 10),
        en: r#"`schools` should be a number, not the text "fifteen""#,
        zh: "`schools` 的值类型不对：应为数字",
    },
    Case {
        name: "a unit inside a progress value",
        edits: &[Replace(ED, 7, "value: 16.3", "value: 16.3万")],
        at: Line(ED, 7),
        en: "`value` of `students` should be a number",
        zh: "`students` 的 `value` 的值类型不对",
    },
    Case {
        name: "text where a box number belongs",
        edits: &[Replace(TASKS, 18, "box: 1", "box: one")],
        at: Line(TASKS, 18),
        en: r#"`box` should be a whole number, not the text "one""#,
        zh: "`box` 的值类型不对：应为整数",
    },
    Case {
        name: "text where a year belongs in site.yaml",
        edits: &[Replace(SITE, 7, "2020", "twenty")],
        at: Line(SITE, 7),
        en: "`baseline_year` of `plan` should be a whole number",
        zh: "`plan` 的 `baseline_year` 的值类型不对：应为整数",
    },
    Case {
        name: "text where the page order belongs",
        edits: &[Replace(EN, 3, "order: 1", "order: first")],
        at: Line(EN, 3),
        en: "`order` should be a whole number",
        zh: "`order` 的值类型不对：应为整数",
    },
    Case {
        name: "unknown task status",
        edits: &[Replace(ED, 13, "in_progress", "started")],
        at: Line(ED, 13),
        en: "`status` of `annex-1-01` cannot be `started`",
        zh: "`annex-1-01` 的 `status` 不能是 `started`",
    },
    Case {
        name: "a date that is not a date",
        edits: &[Replace(ED, 2, "2023-12-31", "2023-13-31")],
        at: Line(ED, 2),
        en: "`2023-13-31` is not a date",
        zh: "`2023-13-31` 不是有效日期",
    },
    Case {
        name: "site title as plain text",
        edits: &[Replace(
            SITE,
            2,
            "{zh: 示例规划, en: Example Plan}",
            "示例规划",
        )],
        at: Line(SITE, 2),
        en: "`title` should be a text in both languages",
        zh: "`title` 的值类型不对：应为中英双语文字",
    },
    // --- unknown keys ---
    Case {
        name: "typo targte in an indicator",
        edits: &[Replace(IND, 19, "target:", "targte:")],
        at: Line(IND, 19),
        en: "unknown key `targte` (did you mean `target`?)",
        zh: "未知的键 `targte`（是否应为 `target`？）",
    },
    Case {
        name: "typo in site.yaml",
        edits: &[Replace(SITE, 6, "theme:", "them:")],
        at: Line(SITE, 6),
        en: "unknown key `them` (did you mean `theme`?)",
        zh: "未知的键 `them`（是否应为 `theme`？）",
    },
    Case {
        name: "typo in a progress edition",
        edits: &[Replace(ED, 12, "tasks:", "taks:")],
        at: Line(ED, 12),
        en: "unknown key `taks` (did you mean `tasks`?)",
        zh: "未知的键 `taks`（是否应为 `tasks`？）",
    },
    Case {
        name: "typo in a task",
        edits: &[Replace(TASKS, 11, "unit:", "unti:")],
        at: Line(TASKS, 11),
        en: "unknown key `unti` (did you mean `unit`?)",
        zh: "未知的键 `unti`（是否应为 `unit`？）",
    },
    Case {
        name: "typo in a text's language",
        edits: &[Replace(IND, 16, "en: Vocational", "eng: Vocational")],
        at: Line(IND, 16),
        en: "unknown key `eng` (did you mean `en`?)",
        zh: "未知的键 `eng`（是否应为 `en`？）",
    },
    Case {
        name: "typo in front matter",
        edits: &[Replace(ZH, 3, "order:", "oder:")],
        at: Line(ZH, 3),
        en: "unknown key `oder` (did you mean `order`?)",
        zh: "未知的键 `oder`（是否应为 `order`？）",
    },
    // --- duplicates ---
    Case {
        name: "duplicate indicator id",
        edits: &[Replace(IND, 28, "dual-teachers", "schools")],
        at: Line(IND, 28),
        en: "the indicator id `schools` is used twice",
        zh: "指标编号 `schools` 重复",
    },
    Case {
        name: "duplicate category id",
        edits: &[Replace(IND, 5, "faculty", "scale")],
        at: Line(IND, 5),
        en: "the category id `scale` is used twice",
        zh: "分类编号 `scale` 重复",
    },
    Case {
        name: "duplicate task id",
        edits: &[Replace(TASKS, 9, "annex-1-02", "annex-1-01")],
        at: Line(TASKS, 9),
        en: "the id `annex-1-01` is used twice",
        zh: "编号 `annex-1-01` 重复",
    },
    Case {
        name: "duplicate key within an indicator",
        edits: &[Insert(IND, 20, "    target: 20\n")],
        at: Line(IND, 20),
        en: "the key `target` is written twice",
        zh: "键 `target` 写了两次",
    },
    Case {
        name: "duplicate progress value",
        edits: &[Insert(ED, 12, "  schools: 16\n")],
        at: Line(ED, 12),
        en: "`schools` has two values in this edition",
        zh: "`schools` 在本期中填写了两次",
    },
    Case {
        name: "duplicate task status",
        edits: &[Insert(ED, 15, "  annex-1-01: {status: completed}\n")],
        at: Line(ED, 15),
        en: "the task `annex-1-01` has two statuses",
        zh: "任务 `annex-1-01` 在本期中填写了两次",
    },
    Case {
        name: "edition file named after another year",
        edits: &[Write(
            "data/progress/2024.yaml",
            b"year: 2023\nas_of: 2024-12-31\n",
        )],
        at: Line("data/progress/2024.yaml", 1),
        en: "the file is named 2024 but says `year: 2023`",
        zh: "文件名为 2024，但其中写的是 `year: 2023`",
    },
    // --- references ---
    Case {
        name: "indicator in an unknown category",
        edits: &[Replace(IND, 15, "category: scale", "category: scael")],
        at: Line(IND, 15),
        en: "`scael` is not a category of this file",
        zh: "`scael` 不是本文件中定义的分类",
    },
    Case {
        name: "target above the baseline of a decrease indicator",
        edits: &[Replace(IND, 25, "target: 18", "target: 25")],
        at: Line(IND, 25),
        en: "the target of `student-teacher-ratio` contradicts its direction `decrease`",
        zh: "指标 `student-teacher-ratio` 的目标值与方向 `decrease` 矛盾",
    },
    Case {
        name: "ceiling target for an increase indicator",
        edits: &[Replace(IND, 13, r#"">20""#, r#""<20""#)],
        at: Line(IND, 13),
        en: "contradicts its direction `increase`",
        zh: "与方向 `increase` 矛盾",
    },
    Case {
        name: "indicator without a target",
        edits: &[Replace(IND, 33, "target: 60", r#"target: "/""#)],
        at: Line(IND, 33),
        en: "the indicator `dual-teachers` has no target",
        zh: "指标 `dual-teachers` 没有目标值",
    },
    Case {
        name: "progress value for an unknown indicator",
        edits: &[Replace(ED, 10, "schools:", "schols:")],
        at: Line(ED, 10),
        en: "`schols` is not an indicator of data/indicators.yaml | Did you mean `schools`?",
        zh: "`schols` 不是 data/indicators.yaml 中的指标 | 是否应为 `schools`？",
    },
    Case {
        name: "progress status for an unknown task",
        edits: &[Replace(ED, 14, "annex-1-02", "annex-2-02")],
        at: Line(ED, 14),
        en: "`annex-2-02` is not a task of data/tasks.yaml",
        zh: "`annex-2-02` 不是 data/tasks.yaml 中的任务",
    },
    Case {
        name: "progress edition for a year after the plan",
        edits: &[
            Remove(ED),
            Write(
                "data/progress/2099.yaml",
                b"year: 2099\nas_of: 2099-12-31\nvalues:\n  schools: 15\n",
            ),
        ],
        at: Line("data/progress/2099.yaml", 1),
        en: "the year 2099 is outside the plan's span",
        zh: "年份 2099 超出了规划期",
    },
    Case {
        name: "progress edition for a year before the plan",
        edits: &[
            Remove(ED),
            Write(
                "data/progress/2019.yaml",
                b"year: 2019\nas_of: 2019-12-31\nvalues:\n  schools: 15\n",
            ),
        ],
        at: Line("data/progress/2019.yaml", 1),
        en: "the year 2019 is outside the plan's span",
        zh: "年份 2019 超出了规划期",
    },
    Case {
        name: "box target in an unknown box",
        edits: &[Replace(TASKS, 18, "box: 1", "box: 3")],
        at: Line(TASKS, 18),
        en: "box 3 is not listed under `boxes:`",
        zh: "专栏 3 未在 `boxes:` 中列出",
    },
    Case {
        name: "box listed twice",
        edits: &[Insert(
            TASKS,
            16,
            "  - number: 1\n    page: intro\n    section: {zh: 二, en: Two}\n",
        )],
        at: Line(TASKS, 16),
        en: "box 1 is listed twice",
        zh: "专栏 1 重复列出",
    },
    Case {
        name: "box on an unknown page",
        edits: &[Replace(TASKS, 14, "page: intro", "page: intor")],
        at: Line(TASKS, 14),
        en: "box 1 is on the page `intor`, but there is no content/zh/intor.md",
        zh: "专栏 1 所在的页面 `intor` 不存在",
    },
    // --- one language missing ---
    Case {
        name: "indicator name without English",
        edits: &[Replace(IND, 10, ", en: Students enrolled", "")],
        at: Line(IND, 10),
        en: "`name` has no English text",
        zh: "`name` 缺少英文",
    },
    Case {
        name: "unit in one language only",
        edits: &[Replace(IND, 17, "{zh: 所, en: schools}", "{zh: 所}")],
        at: Line(IND, 17),
        en: "the unit of `schools` is given in one language only",
        zh: "指标 `schools` 的单位只填写了一种语言",
    },
    Case {
        name: "progress note without Chinese",
        edits: &[Replace(ED, 8, "zh: 含非全日制, ", "")],
        at: Line(ED, 8),
        en: "`note` has no Chinese text",
        zh: "`note` 缺少中文",
    },
    Case {
        name: "task text without English",
        edits: &[Replace(TASKS, 10, ", en: Build a training base", "")],
        at: Line(TASKS, 10),
        en: "`text` has no English text",
        zh: "`text` 缺少英文",
    },
    Case {
        name: "box section without English",
        edits: &[Replace(TASKS, 15, ", en: (1) Expand provision", "")],
        at: Line(TASKS, 15),
        en: "`section` has no English text",
        zh: "`section` 缺少英文",
    },
    Case {
        name: "Chinese page without its English counterpart",
        edits: &[Remove(EN)],
        at: File(ZH),
        en: "this page has no counterpart content/en/intro.md",
        zh: "此页面缺少对应的 content/en/intro.md",
    },
    Case {
        name: "English page without its Chinese counterpart",
        edits: &[Remove(ZH)],
        at: File(EN),
        en: "this page has no counterpart content/zh/intro.md",
        zh: "此页面缺少对应的 content/zh/intro.md",
    },
    Case {
        name: "empty page title",
        edits: &[Replace(EN, 2, "I. Overview", r#""""#)],
        at: Line(EN, 2),
        en: "the page title is empty",
        zh: "页面标题为空",
    },
    // --- shortcodes and links ---
    Case {
        name: "unknown indicator in a shortcode",
        edits: &[Replace(EN, 9, "students", "studnets")],
        at: Line(EN, 9),
        en: "unknown indicator `studnets` in `indicator`",
        zh: "`indicator` 中的指标 `studnets` 不存在",
    },
    Case {
        name: "shortcode not closed",
        edits: &[Replace(ZH, 9, ") }}", ") }")],
        at: Line(ZH, 9),
        en: "this shortcode is not closed with `}}` on the same line",
        zh: "此短代码未在同一行内以 `}}` 结束",
    },
    Case {
        name: "unquoted shortcode argument",
        edits: &[Replace(ZH, 23, r#"list="annex-1""#, "list=annex-1")],
        at: Line(ZH, 23),
        en: "`annex-1` must be in quotes",
        zh: "`annex-1` 需要加引号",
    },
    Case {
        name: "unknown shortcode",
        edits: &[Replace(ZH, 21, "indicator_table", "indicator_tabel")],
        at: Line(ZH, 21),
        en: "unknown shortcode `indicator_tabel`",
        zh: "未知的短代码 `indicator_tabel`",
    },
    Case {
        name: "unknown category in a shortcode",
        edits: &[Replace(ZH, 21, "faculty", "staff")],
        at: Line(ZH, 21),
        en: "unknown category `staff`",
        zh: "分类 `staff` 不存在",
    },
    Case {
        name: "unknown box in a shortcode",
        edits: &[Replace(EN, 15, "box=1", "box=7")],
        at: Line(EN, 15),
        en: "unknown box `7`",
        zh: "专栏 `7` 不存在",
    },
    Case {
        name: "unknown task list in a shortcode",
        edits: &[Replace(EN, 23, "annex-1", "annex-9")],
        at: Line(EN, 23),
        en: "unknown task list `annex-9`",
        zh: "任务清单 `annex-9` 不存在",
    },
    Case {
        name: "box never closed",
        edits: &[DeleteLine(ZH, 17, "{% end %}")],
        at: Line(ZH, 11),
        en: "this box is never closed",
        zh: "此专栏框没有结束",
    },
    Case {
        name: "link to a page that does not exist",
        edits: &[Replace(ZH, 7, "intro.md#", "intro2.md#")],
        at: Line(ZH, 7),
        en: "this link points to `intro2.md`, which does not exist in content/zh/",
        zh: "此链接指向的 `intro2.md` 在 content/zh/ 中不存在",
    },
    Case {
        name: "front matter naming an unknown indicator",
        edits: &[Insert(EN, 4, "indicators: [students, pupils]\n")],
        at: Line(EN, 4),
        en: "the front matter names an unknown indicator `pupils`",
        zh: "元数据中列出的指标 `pupils` 不存在",
    },
    // --- files ---
    Case {
        name: "site.yaml saved as GBK",
        edits: &[
            Bytes(SITE, "示例规划", GBK_TITLE),
            Bytes(SITE, "示例区人民政府", GBK_ISSUER),
        ],
        at: Line(SITE, 2),
        en: "this file is not UTF-8: it looks like GBK/GB18030 | iconv -f GB18030 -t UTF-8",
        zh: "此文件不是 UTF-8 编码：看起来是 GBK/GB18030 | 另存为",
    },
    Case {
        name: "a page saved as UTF-16",
        edits: &[Write(
            EN,
            b"\xff\xfe-\x00-\x00-\x00\n\x00t\x00i\x00t\x00l\x00e\x00",
        )],
        at: File(EN),
        en: "this file is saved as UTF-16, not UTF-8",
        zh: "此文件的编码是 UTF-16，而不是 UTF-8",
    },
    Case {
        name: "empty tasks file",
        edits: &[Write(TASKS, b"\n\n")],
        at: File(TASKS),
        en: "this file is empty",
        zh: "此文件为空",
    },
    Case {
        name: "empty page",
        edits: &[Write(ZH, b"")],
        at: File(ZH),
        en: "this file is empty",
        zh: "此文件为空",
    },
    Case {
        name: "missing indicators file",
        edits: &[Remove(IND)],
        at: File(IND),
        en: "data/indicators.yaml is missing",
        zh: "缺少 data/indicators.yaml",
    },
    Case {
        name: "folder without site.yaml",
        edits: &[Remove(SITE)],
        at: File(""),
        en: "this folder has no site.yaml, so it is not a planpress site folder",
        zh: "此文件夹中没有 site.yaml，不是 planpress 站点文件夹",
    },
    Case {
        name: "id that climbs out of the output folder",
        edits: &[Replace(IND, 8, "id: students", "id: ../../x")],
        at: Line(IND, 8),
        en: "`../../x` cannot be used as an id",
        zh: "`../../x` 不能用作编号",
    },
    Case {
        name: "task id with a slash",
        edits: &[Replace(TASKS, 6, "annex-1-01", "annex/1")],
        at: Line(TASKS, 6),
        en: "`annex/1` cannot be used as an id",
        zh: "`annex/1` 不能用作编号",
    },
    Case {
        name: "theme name that climbs out of themes/",
        edits: &[Replace(SITE, 6, "default", "../../etc")],
        at: Line(SITE, 6),
        en: "`../../etc` is not a theme folder name",
        zh: "`../../etc` 不是有效的主题文件夹名",
    },
    Case {
        name: "page file name that cannot be a page",
        edits: &[Write("content/zh/Intro Page.md", b"---\ntitle: x\n---\n")],
        at: File("content/zh/Intro Page.md"),
        en: "`Intro Page` cannot be a page name",
        zh: "`Intro Page` 不能用作页面文件名",
    },
    Case {
        name: "symlink to a data file outside the site folder",
        edits: &[LinkOutside(IND)],
        at: File(IND),
        en: "outside the site folder | Copy the file into the site folder",
        zh: "站点文件夹之外 | 请把文件复制到站点文件夹中",
    },
    Case {
        name: "symlinked page outside the site folder",
        edits: &[LinkOutside(EN)],
        at: File(EN),
        en: "outside the site folder",
        zh: "站点文件夹之外",
    },
    Case {
        name: "oversized page",
        edits: &[Big("content/zh/huge.md", 9 * 1024 * 1024)],
        at: File("content/zh/huge.md"),
        en: "this file is 9 MiB, more than the 8 MiB planpress accepts",
        zh: "此文件大小为 9 MiB，超过了 8 MiB 的上限",
    },
    Case {
        name: "mistake in a file with CRLF line ends",
        edits: &[Crlf(IND), Replace(IND, 19, "target:", "targte:")],
        at: Line(IND, 19),
        en: "unknown key `targte`",
        zh: "未知的键 `targte`",
    },
    Case {
        name: "mistake in a file with a byte-order mark",
        edits: &[Bom(ED), Replace(ED, 10, "schools:", "schols:")],
        at: Line(ED, 10),
        en: "`schols` is not an indicator",
        zh: "`schols` 不是 data/indicators.yaml 中的指标",
    },
];

/// Cases also run with `LANG=zh_CN.UTF-8` and no `--lang`, as a Chinese
/// desktop runs planpress: every message must then be in Chinese.
const LANG_ENV_SAMPLE: [&str; 8] = [
    "unclosed quote in indicators",
    "text where a progress value belongs",
    "typo targte in an indicator",
    "duplicate indicator id",
    "progress value for an unknown indicator",
    "Chinese page without its English counterpart",
    "unknown indicator in a shortcode",
    "site.yaml saved as GBK",
];

/// Applies one edit to the site at `root`.
fn apply(root: &Path, edit: Edit) {
    let lines_of = |file: &str| -> Vec<String> {
        let text = fs::read_to_string(root.join(file)).expect(file);
        text.split_inclusive('\n').map(str::to_string).collect()
    };
    let write = |file: &str, lines: &[String]| {
        fs::write(root.join(file), lines.concat()).expect(file);
    };
    match edit {
        Replace(file, line, old, new) => {
            let mut lines = lines_of(file);
            let l = &mut lines[line - 1];
            assert!(l.contains(old), "{file}:{line} is `{l}`, without `{old}`");
            *l = l.replacen(old, new, 1);
            write(file, &lines);
        }
        Insert(file, line, text) => {
            let mut lines = lines_of(file);
            lines.insert(line - 1, text.to_string());
            write(file, &lines);
        }
        DeleteLine(file, line, old) => {
            let mut lines = lines_of(file);
            assert!(lines[line - 1].contains(old), "{file}:{line}");
            lines.remove(line - 1);
            write(file, &lines);
        }
        Remove(file) => fs::remove_file(root.join(file)).expect(file),
        Write(file, bytes) => {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).expect(file);
        }
        Bytes(file, old, new) => {
            let bytes = fs::read(root.join(file)).expect(file);
            let mut out = Vec::new();
            let mut rest = &bytes[..];
            while let Some(i) = find(rest, old.as_bytes()) {
                out.extend_from_slice(&rest[..i]);
                out.extend_from_slice(new);
                rest = &rest[i + old.len()..];
            }
            out.extend_from_slice(rest);
            fs::write(root.join(file), out).expect(file);
        }
        LinkOutside(file) => {
            let outside = root
                .parent()
                .unwrap()
                .join(file.replace('/', "-") + ".outside");
            fs::rename(root.join(file), &outside).expect(file);
            std::os::unix::fs::symlink(&outside, root.join(file)).expect(file);
        }
        Big(file, size) => {
            let line = "职业教育规模稳步扩大。Vocational education keeps growing.\n";
            let mut text = String::from("---\ntitle: 大文件\n---\n");
            while text.len() < size {
                text.push_str(line);
            }
            fs::write(root.join(file), text).expect(file);
        }
        Crlf(file) => {
            let text = fs::read_to_string(root.join(file)).expect(file);
            fs::write(root.join(file), text.replace('\n', "\r\n")).expect(file);
        }
        Bom(file) => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(fs::read(root.join(file)).expect(file));
            fs::write(root.join(file), bytes).expect(file);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A fresh copy of the fixture site in a temp dir; it has no themes/ folder
/// and uses the default theme built into planpress. The site is
/// `<tmp>/site`, so files "outside" it can sit in `<tmp>`.
fn fresh_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(Path::new(FIXTURE), &site);
    (tmp, site)
}

/// Runs planpress with arguments and a LANG value; stdout and stderr together.
fn run(args: &[&str], site: &Path, lang_env: &str) -> (i32, String) {
    let out: Output = Command::new(BIN)
        .args(args)
        .arg("--site")
        .arg(site)
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .output()
        .expect("planpress runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "planpress panicked:\n{text}");
    (out.status.code().unwrap_or(-1), text)
}

/// The problems of miette's output, one string each: the "× file:line:col:
/// message" line, its snippet and its help, with whitespace and the frame
/// characters of wrapped lines removed, so that a message matches wherever
/// miette broke it.
fn problems(output: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in output.lines() {
        let t = line.trim_start();
        if t.starts_with('×') || t.starts_with('⚠') {
            out.push(String::new());
        }
        if let Some(last) = out.last_mut() {
            last.push_str(&squash(line));
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Whether `problem` holds the parts of `part` (separated by " | ") in order.
fn contains_in_order(problem: &str, part: &str) -> bool {
    let mut rest = problem;
    for piece in part.split(" | ") {
        match rest.find(&squash(piece)) {
            Some(i) => rest = &rest[i..],
            None => return false,
        }
    }
    true
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Whether `output` holds a problem that names `at` first and says `part`.
fn says(output: &str, at: At, part: &str) -> bool {
    let wanted = match at {
        Line(file, line) => format!("{file}:{line}:"),
        File(file) => file.to_string(),
    };
    problems(output).iter().any(|p| {
        p.strip_prefix('×')
            .is_some_and(|rest| rest.starts_with(&squash(&wanted)))
            && contains_in_order(p, part)
    })
}

/// Checks one case; returns what went wrong, if anything.
fn check_case(case: &Case) -> Result<(), String> {
    let (_tmp, site) = fresh_site();
    let (code, out) = run(&["build"], &site, "C");
    if code != 0 {
        return Err(format!("the unbroken site does not build:\n{out}"));
    }
    let before = common::snapshot(&site.join("public"));
    for edit in case.edits {
        apply(&site, *edit);
    }

    let (code, out) = run(&["build", "--lang", "en"], &site, "C");
    if code != 1 {
        return Err(format!("build exited {code}, not 1:\n{out}"));
    }
    if common::snapshot(&site.join("public")) != before {
        return Err("the failed build changed public/".into());
    }
    if !out.contains("the previous output is unchanged") || !says(&out, case.at, case.en) {
        return Err(format!(
            "build does not tell what is wrong and that public/ is unchanged:\n{out}"
        ));
    }

    for (lang, part) in [("en", case.en), ("zh", case.zh)] {
        let (code, out) = run(&["check", "--lang", lang], &site, "C");
        if code != 1 {
            return Err(format!("check --lang {lang} exited {code}, not 1:\n{out}"));
        }
        if !says(&out, case.at, part) {
            return Err(format!(
                "check --lang {lang}: no problem at {:?} saying `{part}`:\n{out}",
                match case.at {
                    Line(f, l) => format!("{f}:{l}"),
                    File(f) => f.to_string(),
                }
            ));
        }
        // Every problem says what to do, in the language asked for.
        let all = problems(&out);
        if all.iter().any(|p| !p.contains("help:")) {
            return Err(format!(
                "check --lang {lang}: a problem without advice:\n{out}"
            ));
        }
        if lang == "zh"
            && all
                .iter()
                .any(|p| !p.split("help:").nth(1).is_some_and(has_cjk))
        {
            return Err(format!("check --lang zh: advice not in Chinese:\n{out}"));
        }
    }
    if LANG_ENV_SAMPLE.contains(&case.name) {
        let (code, out) = run(&["check"], &site, "zh_CN.UTF-8");
        if code != 1 || !says(&out, case.at, case.zh) || !out.contains("个错误") {
            return Err(format!(
                "check with LANG=zh_CN.UTF-8 is not in Chinese:\n{out}"
            ));
        }
        let (code, out) = run(&["build"], &site, "zh_CN.UTF-8");
        if code != 1 || !says(&out, case.at, case.zh) || !out.contains("原有的输出文件夹保持不变")
        {
            return Err(format!(
                "build with LANG=zh_CN.UTF-8 is not in Chinese:\n{out}"
            ));
        }
    }
    Ok(())
}

#[test]
fn every_broken_site_is_reported_at_the_right_line_and_public_is_kept() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let failures: Vec<String> = std::thread::scope(|s| {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunks: Vec<&[Case]> = CASES.chunks(CASES.len().div_ceil(threads)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|c| check_case(c).err().map(|e| format!("## {}\n{e}", c.name)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_chinese_sample_names_real_cases() {
    for name in LANG_ENV_SAMPLE {
        assert!(CASES.iter().any(|c| c.name == name), "{name}");
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted_silently() {
    let (_tmp, clean) = fresh_site();
    let (code, out) = run(&["build"], &clean, "C");
    assert_eq!(code, 0, "{out}");
    let (_tmp2, site) = fresh_site();
    for edit in [
        Bom(SITE),
        Bom(ZH),
        Crlf(IND),
        Crlf(TASKS),
        Crlf(EN),
        Bom(ED),
        Crlf(ED),
    ] {
        apply(&site, edit);
    }
    assert!(
        fs::read(site.join(ED))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF")
    );
    let (code, out) = run(&["check"], &site, "C");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let (code, out) = run(&["build"], &site, "C");
    assert_eq!(code, 0, "{out}");
    // The same site in other bytes: the same output, byte for byte.
    assert!(
        common::snapshot(&site.join("public")) == common::snapshot(&clean.join("public")),
        "a BOM or CRLF changed the output"
    );
}

/// Every `.html` and `.svg` file of the output, as text.
fn markup_files(public: &Path) -> Vec<(PathBuf, String)> {
    common::snapshot(public)
        .into_iter()
        .map(|(p, b)| (PathBuf::from(p), b))
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html" || e == "svg"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("UTF-8 output")))
        .collect()
}

#[test]
fn raw_html_in_markdown_is_shown_as_text_unless_site_yaml_allows_it() {
    let (_tmp, site) = fresh_site();
    apply(&site, Insert(ZH, 8, "注意<script>alert(1)</script>。\n\n"));
    let (code, out) = run(&["build"], &site, "C");
    assert_eq!(code, 0, "{out}");
    let page = fs::read_to_string(site.join("public/zh/intro/index.html")).unwrap();
    assert!(
        page.contains("注意&lt;script&gt;alert(1)&lt;/script&gt;。"),
        "raw HTML is not shown as text"
    );
    for (path, text) in markup_files(&site.join("public")) {
        assert!(
            !text.contains("<script"),
            "{} runs a script",
            path.display()
        );
    }

    apply(&site, Insert(SITE, 10, "allow_html: true\n"));
    let (code, out) = run(&["build"], &site, "C");
    assert_eq!(code, 0, "{out}");
    let page = fs::read_to_string(site.join("public/zh/intro/index.html")).unwrap();
    assert!(
        page.contains("注意<script>alert(1)</script>。"),
        "allow_html is ignored"
    );
}

#[test]
fn names_holding_markup_are_escaped_in_pages_and_charts() {
    let (_tmp, site) = fresh_site();
    apply(
        &site,
        Replace(
            IND,
            10,
            "{zh: 在校生, en: Students enrolled}",
            r#"{zh: "在校生<script>alert(1)</script>&其他", en: "Students <script>alert(1)</script> & others"}"#,
        ),
    );
    apply(
        &site,
        Replace(
            SITE,
            2,
            "{zh: 示例规划, en: Example Plan}",
            r#"{zh: "示例规划<b>&</b>", en: "Example <b>Plan</b> & Co"}"#,
        ),
    );
    let (code, out) = run(&["build"], &site, "C");
    assert_eq!(code, 0, "{out}");
    let public = site.join("public");
    let files = markup_files(&public);
    for (path, text) in &files {
        assert!(
            !text.contains("<script"),
            "{} runs a script",
            path.display()
        );
        assert!(!text.contains("<b>"), "{} shows raw markup", path.display());
    }
    let read = |rel: &str| fs::read_to_string(public.join(rel)).expect(rel);
    for (rel, name) in [
        (
            "zh/indicators/students/index.html",
            "在校生&lt;script&gt;alert(1)&lt;/script&gt;&amp;其他",
        ),
        (
            "en/indicators/students/index.html",
            "Students &lt;script&gt;alert(1)&lt;/script&gt; &amp; others",
        ),
    ] {
        assert!(
            read(rel).contains(name),
            "{rel} does not show the escaped name"
        );
    }
    // The charts: every SVG that names the indicator names it escaped.
    let charts: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(p, t)| p.extension().is_some_and(|e| e == "svg") && t.contains("alert(1)"))
        .collect();
    assert!(!charts.is_empty(), "no chart names the indicator");
    for (path, text) in charts {
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{} does not escape the name",
            path.display()
        );
        let stray_amp = text.match_indices('&').any(|(i, _)| {
            !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                .iter()
                .any(|e| text[i..].starts_with(e))
        });
        assert!(!stray_amp, "{} holds a bare `&`", path.display());
    }
    assert!(read("en/index.html").contains("Example &lt;b&gt;Plan&lt;/b&gt; &amp; Co"));
}
