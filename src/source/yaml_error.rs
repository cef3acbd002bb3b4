//! YAML errors told in words a site author understands, in both languages,
//! at the line where the mistake most likely is.
//!
//! The YAML library reports where it *noticed* a problem, which for an
//! unclosed quote or bracket can be many lines after the mistake; and its
//! messages speak of Rust types (`expected u32`, `struct Text`). This module
//! turns both into what a person editing the file needs: the line to look
//! at, what is wrong there, and what to write instead.

use crate::diag::Pos;

/// A YAML error, described.
pub(super) struct Described {
    /// Where to look.
    pub pos: Option<Pos>,
    /// What is wrong, English.
    pub en: String,
    /// What is wrong, Chinese.
    pub zh: String,
    /// What to do, English.
    pub help_en: String,
    /// What to do, Chinese.
    pub help_zh: String,
}

/// The parts of the library's message: the path of the value
/// (`indicators[1].name`), the message proper, and the context that libyaml
/// gives for syntax errors (`while parsing a flow mapping`, line, column).
struct Raw {
    path: Option<String>,
    msg: String,
    context: Option<(String, usize, usize)>,
}

fn split_raw(raw: &str) -> Raw {
    // libyaml: "PROBLEM at line L column C, CONTEXT at line L2 column C2";
    // serde:   "PATH: MESSAGE at line L column C".
    let (head, context) = match raw.split_once(", while ") {
        Some((h, c)) => {
            let (what, at) = strip_at(c);
            (
                h,
                at.map(|(l, col)| (format!("while {what}"), l, col))
                    .or(Some((format!("while {what}"), 0, 0))),
            )
        }
        None => (raw, None),
    };
    let (head, _) = strip_at(head);
    let (path, msg) = match head.split_once(": ") {
        Some((p, m)) if !p.is_empty() && !p.contains(' ') => (Some(p.to_string()), m.to_string()),
        _ => (None, head.to_string()),
    };
    Raw {
        path,
        msg,
        context: context.filter(|(_, l, _)| *l > 0),
    }
}

/// Splits " at line L column C" off the end of a message.
fn strip_at(s: &str) -> (&str, Option<(usize, usize)>) {
    let Some(i) = s.rfind(" at line ") else {
        return (s, None);
    };
    let rest = &s[i + " at line ".len()..];
    let mut parts = rest.split(" column ");
    let line = parts.next().and_then(|l| l.trim().parse().ok());
    let col = parts
        .next()
        .and_then(|c| c.split([',', ' ']).next())
        .and_then(|c| c.trim().parse().ok());
    match (line, col) {
        (Some(l), Some(c)) => (&s[..i], Some((l, c))),
        _ => (s, None),
    }
}

/// Describes a YAML error of `text`.
pub(super) fn describe(text: &str, e: &serde_yaml::Error) -> Described {
    let mark = e.location().map(|l| {
        let p = Pos::at(text, l.index(), 1);
        if p.line == l.line() {
            p
        } else {
            Pos::line_col(text, l.line(), l.column())
        }
    });
    let raw = split_raw(&e.to_string());
    let msg = raw.msg.as_str();
    let key = key_phrase(raw.path.as_deref());
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return invalid(mark, &key, found, expected);
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return invalid(mark, &key, found, expected);
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, allowed) = split_choice(rest);
        let hint = did_you_mean(&field, &allowed);
        return Described {
            pos: mark,
            en: format!("unknown key `{field}`{}", hint.0),
            zh: format!("未知的键 `{field}`{}", hint.1),
            help_en: format!(
                "Check the spelling of the key. Keys allowed here: {}.",
                allowed.join(", ")
            ),
            help_zh: format!("请检查键名的拼写。此处可用的键：{}。", allowed.join("、")),
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, allowed) = split_choice(rest);
        let hint = did_you_mean(&value, &allowed);
        return Described {
            pos: mark,
            en: format!("{} cannot be `{value}`{}", key.0, hint.0),
            zh: format!("{}不能是 `{value}`{}", key.1, hint.1),
            help_en: format!("Write one of: {}.", allowed.join(", ")),
            help_zh: format!("请填写以下之一：{}。", allowed.join("、")),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let field = rest.trim_matches('`');
        return Described {
            pos: mark,
            en: format!("the key `{field}` is missing here"),
            zh: format!("此处缺少必填的键 `{field}`"),
            help_en: format!("Add `{field}: …` to this entry (see README.md for the format)."),
            help_zh: format!("请在此项中补上 `{field}: …`（格式见 README.md）。"),
        };
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        let field = rest.trim_matches('`');
        return Described {
            pos: mark.map(|p| second_key(text, p, field).unwrap_or(p)),
            en: format!("the key `{field}` is written twice (duplicate)"),
            zh: format!("键 `{field}` 写了两次（键重复）"),
            help_en: "Keep one of the two lines and delete the other.".into(),
            help_zh: "请保留其中一行，删除另一行。".into(),
        };
    }
    if msg.contains("more than one document") {
        return Described {
            pos: text
                .lines()
                .position(|l| l.trim_end() == "---")
                .map(|i| Pos::line(text, i + 1))
                .or(mark),
            en: "this file holds more than one YAML document: a line `---` splits it".into(),
            zh: "此文件包含多个 YAML 文档：有一行 `---` 把它分开了".into(),
            help_en: "Delete the `---` line (or merge the two parts).".into(),
            help_zh: "请删除这一行 `---`（或把前后两部分合并）。".into(),
        };
    }
    if raw.path.is_some() || msg.starts_with("EOF") || msg.contains("limit exceeded") {
        return other(mark, msg);
    }
    syntax(text, mark, &raw)
}

/// Any message this module does not know: kept as the library wrote it.
fn other(pos: Option<Pos>, msg: &str) -> Described {
    Described {
        pos,
        en: format!("YAML error: {msg}"),
        zh: format!("YAML 格式错误（{msg}）"),
        help_en: "Compare this entry with the format in README.md.".into(),
        help_zh: "请对照 README.md 中的格式检查此项。".into(),
    }
}

/// A value of the wrong kind.
fn invalid(pos: Option<Pos>, key: &(String, String), found: &str, expected: &str) -> Described {
    let (found_en, found_zh) = found_phrase(found);
    let (exp_en, exp_zh, help_en, help_zh) = expected_phrase(expected);
    Described {
        pos,
        en: format!("{} should be {exp_en}, not {found_en}", key.0),
        zh: format!("{}的值类型不对：应为{exp_zh}，而不是{found_zh}", key.1),
        help_en: help_en.to_string(),
        help_zh: help_zh.to_string(),
    }
}

/// "`name`", "`value` of `students`" from a path such as
/// `values.students.value`; ("this value", "此值") without a path.
fn key_phrase(path: Option<&str>) -> (String, String) {
    let Some(path) = path else {
        return ("this value".into(), "此值".into());
    };
    let segs: Vec<&str> = path.split('.').collect();
    let strip = |s: &str| -> String { s.split('[').next().unwrap_or(s).to_string() };
    let last = strip(segs[segs.len() - 1]);
    // The parent is named where the key alone says little (the `value` of
    // `students`) or names a part of a setting (the `baseline_year` of
    // `plan`), but not for an item of a list, nor for an id under `values:`
    // or `tasks:`, which says enough by itself.
    const GENERIC: [&str; 12] = [
        "value",
        "note",
        "source",
        "zh",
        "en",
        "en_factor",
        "status",
        "unit",
        "name",
        "label",
        "text",
        "title",
    ];
    const ID_MAPS: [&str; 2] = ["values", "tasks"];
    let parent = match segs.len().checked_sub(2).map(|i| segs[i]) {
        Some(p) if p.ends_with(']') => None,
        Some(p) if GENERIC.contains(&last.as_str()) => Some(strip(p)),
        Some(p) if segs.len() == 2 && !ID_MAPS.contains(&p) => Some(strip(p)),
        _ => None,
    };
    match parent {
        Some(p) => (format!("`{last}` of `{p}`"), format!("`{p}` 的 `{last}` ")),
        None => (format!("`{last}`"), format!("`{last}` ")),
    }
}

/// "`a`, expected one of `b`, `c`" → ("a", ["b", "c"]).
fn split_choice(rest: &str) -> (String, Vec<String>) {
    let (name, tail) = rest.split_once(", ").unwrap_or((rest, ""));
    let allowed = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (name.trim_matches('`').to_string(), allowed)
}

fn did_you_mean(word: &str, allowed: &[String]) -> (String, String) {
    let best = allowed
        .iter()
        .map(|a| (crate::model::editions::edit_distance(word, a), a))
        .filter(|(d, a)| *d <= 2.max(a.chars().count() / 3))
        .min();
    match best {
        Some((_, a)) => (
            format!(" (did you mean `{a}`?)"),
            format!("（是否应为 `{a}`？）"),
        ),
        None => (String::new(), String::new()),
    }
}

/// What the library says it found, in words.
fn found_phrase(found: &str) -> (String, String) {
    if let Some(s) = found.strip_prefix("string ") {
        return (format!("the text {s}"), format!("文字 {s}"));
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(prefix) {
            let n = n.trim_matches('`');
            return (format!("the number {n}"), format!("数字 {n}"));
        }
    }
    if let Some(b) = found.strip_prefix("boolean ") {
        let b = b.trim_matches('`');
        return (format!("`{b}`"), format!("`{b}`"));
    }
    match found {
        "sequence" => ("a list".into(), "列表".into()),
        "map" => (
            "a group of `key: value` lines".into(),
            "一组“键: 值”".into(),
        ),
        "unit value" => ("an empty value".into(), "空值".into()),
        other => (other.to_string(), other.to_string()),
    }
}

/// What the key expects, in words, and advice: (en, zh, help en, help zh).
fn expected_phrase(expected: &str) -> (&str, &str, &'static str, &'static str) {
    const NUMBER_HELP: (&str, &str) = (
        "Write a number without quotes, units or words, e.g. `15` or `16.3`; put any explanation in a note.",
        "请填写不带引号、单位或文字的数字，例如 `15` 或 `16.3`；说明文字请写在备注（note）中。",
    );
    const TEXT2_HELP: (&str, &str) = (
        "Write it in both languages: `{zh: 中文, en: English}`.",
        "请用中英两种语言填写：`{zh: 中文, en: English}`。",
    );
    let (en, zh, help) = match expected {
        "struct Text" => (
            "a text in both languages, `{zh: …, en: …}`",
            "中英双语文字 `{zh: …, en: …}`",
            TEXT2_HELP,
        ),
        "struct Unit" => (
            "a unit in both languages, `{zh: …, en: …}`",
            "中英双语单位 `{zh: …, en: …}`",
            TEXT2_HELP,
        ),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" => {
            ("a whole number", "整数", NUMBER_HELP)
        }
        "f32" | "f64" | "a number" => ("a number", "数字", NUMBER_HELP),
        "a string" => (
            "a text",
            "文字",
            (
                "Write a text; put it in quotes if it starts with a bracket or holds `: ` or ` #`.",
                "请填写文字；如果以括号开头，或含有“: ”或“ #”，请加引号。",
            ),
        ),
        "a boolean" => (
            "`true` or `false`",
            "`true` 或 `false`",
            ("Write `true` or `false`.", "请填写 `true` 或 `false`。"),
        ),
        "a sequence" => (
            "a list",
            "列表",
            (
                "Write a list: `[a, b]`, or one line per item starting with `- `.",
                "请写成列表：`[a, b]`，或每项一行、以 `- ` 开头。",
            ),
        ),
        "a map of ids to entries" => (
            "a group of `id: value` lines",
            "一组“编号: 值”",
            (
                "Write one line per id, indented under this key: `  students: 16.3`.",
                "请在此键下缩进，每个编号一行：`  students: 16.3`。",
            ),
        ),
        e if e.starts_with("struct ") || e.starts_with("a map") => (
            "a group of `key: value` lines",
            "一组“键: 值”",
            (
                "Write the keys this entry takes, indented under it (see README.md for the format).",
                "请在此项下缩进填写它的各个键（格式见 README.md）。",
            ),
        ),
        e => (
            e,
            e,
            (
                "Write the value in the form this key takes (see README.md for the format).",
                "请按此键要求的形式填写（格式见 README.md）。",
            ),
        ),
    };
    (en, zh, help.0, help.1)
}

/// The second `key:` of the mapping that starts at `at` (where the library
/// reports a duplicate key).
fn second_key(text: &str, at: Pos, key: &str) -> Option<Pos> {
    let start = text[..at.offset].rfind('\n').map_or(0, |i| i + 1);
    let first_line = &text[start..];
    let indent = first_line.len() - first_line.trim_start_matches([' ', '-']).len();
    let mut seen = 0;
    let mut offset = start;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_start_matches([' ', '-']);
        let ind = line.len() - body.len();
        if i > 0 && !body.trim().is_empty() && !body.starts_with('#') && ind < indent {
            break;
        }
        if (i == 0 || ind == indent)
            && let Some(rest) = body.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            seen += 1;
            if seen == 2 {
                return Some(Pos::at(text, line_start + ind, key.len()));
            }
        }
    }
    None
}

/// A syntax error: find the line most likely at fault and say what is
/// wrong with it.
fn syntax(text: &str, mark: Option<Pos>, raw: &Raw) -> Described {
    const GENERIC: (&str, &str) = (
        "Check this line: indent with spaces (not tabs), put a space after each colon, close every quote and bracket, and quote texts that hold `: ` or ` #`.",
        "请检查此行：用空格缩进（不要用 Tab），冒号后加空格，引号和括号要成对，含有“: ”或“ #”的文字要加引号。",
    );
    const QUOTE: (&str, &str) = (
        "Add the closing `\"` where the text ends, on this line.",
        "请在这段文字的结尾（同一行）补上右引号 `\"`。",
    );
    const BRACKET: (&str, &str) = (
        "Close it on the same line: `{zh: …, en: …}` or `[a, b]`.",
        "请在同一行内闭合：`{zh: …, en: …}` 或 `[a, b]`。",
    );
    const TAB: (&str, &str) = (
        "Replace the tab at the start of this line with spaces (two per level), lined up with the lines around it.",
        "请把行首的 Tab 换成空格（每级两个空格），与上下行对齐。",
    );
    let problem = raw.msg.as_str();
    let d = |pos, en: String, zh: String, help: (&str, &str)| Described {
        pos,
        en: format!("YAML syntax error: {en}"),
        zh: format!("YAML 格式错误：{zh}"),
        help_en: help.0.into(),
        help_zh: help.1.into(),
    };
    // libyaml names the opening quote or bracket in its context.
    if let Some((what, line, col)) = &raw.context {
        let opened = Pos::line_col(text, *line, *col);
        let opener = if what.contains("quoted scalar") {
            Some(("a quote", "引号", QUOTE))
        } else if what.contains("flow mapping") {
            Some(("`{`", "`{`", BRACKET))
        } else if what.contains("flow sequence") {
            Some(("`[`", "`[`", BRACKET))
        } else {
            None
        };
        if let Some((en, zh, help)) = opener {
            return d(
                Some(opened),
                format!(
                    "{en} opened here is not closed (noticed at line {})",
                    mark.map_or(*line, |m| m.line)
                ),
                format!(
                    "此处的{zh}没有闭合（在第 {} 行发现）",
                    mark.map_or(*line, |m| m.line)
                ),
                help,
            );
        }
    }
    if let Some(m) = mark {
        let line_text = text[..].lines().nth(m.line - 1).unwrap_or("");
        let lead = &line_text[..line_text.len() - line_text.trim_start().len()];
        if problem.contains("tab") || lead.contains('\t') {
            let tab = line_text.find('\t').unwrap_or(0);
            let start = Pos::line_col(text, m.line, 1).offset;
            return d(
                Some(Pos::at(text, start + tab, 1)),
                "this line is indented with a tab character; YAML only accepts spaces".into(),
                "此行用 Tab 键缩进；YAML 只能用空格缩进".into(),
                TAB,
            );
        }
    }
    // A quote left open runs on silently until the next quote, so the
    // library notices much later: point at the first line whose double
    // quotes do not pair up.
    if let Some(m) = mark
        && let Some(line) = first_unpaired_quote(text, m.line)
    {
        return d(
            Some(Pos::line(text, line)),
            format!(
                "a quote `\"` on this line is not closed (noticed at line {})",
                m.line
            ),
            format!("此行的引号 `\"` 没有闭合（在第 {} 行发现）", m.line),
            QUOTE,
        );
    }
    let (en, zh) = match problem {
        "mapping values are not allowed in this context" => (
            "a `key: value` cannot stand here: this line is indented differently from the lines around it, or a text holding `: ` is not in quotes",
            "此处不能出现“键: 值”：此行的缩进与上下文不一致，或含有“: ”的文字没有加引号",
        ),
        "did not find expected key" => (
            "a key was expected here: check the indentation of this line against the lines above",
            "此处应为键名：请对照上面几行检查此行的缩进",
        ),
        "did not find expected '-' indicator" => (
            "a list item `- ` was expected here: check the indentation of this line",
            "此处应为以 `- ` 开头的列表项：请检查此行的缩进",
        ),
        "block sequence entries are not allowed in this context" => (
            "a list item `- ` cannot start here: check the indentation, and that the key above ends with a colon",
            "此处不能开始列表项 `- `：请检查缩进，以及上一行的键后是否有冒号",
        ),
        "found character that cannot start any token" => (
            "this character cannot start a value: put the text in quotes",
            "此字符不能作为值的开头：请给这段文字加上引号",
        ),
        "found unexpected end of stream" => (
            "the file ends inside a quote or bracket",
            "文件在引号或括号内就结束了",
        ),
        "did not find expected node content" => ("a value was expected here", "此处缺少值"),
        "did not find expected comment or line break" => (
            "unexpected text after a closing quote or bracket",
            "引号或括号结束后还有多余的文字",
        ),
        "found unknown escape character" => (
            "a backslash `\\` in a double-quoted text starts an unknown escape: write `\\\\` or use single quotes",
            "双引号文字中的反斜杠 `\\` 无法识别：请写成 `\\\\`，或改用单引号",
        ),
        _ => ("", ""),
    };
    if en.is_empty() {
        d(mark, problem.to_string(), problem.to_string(), GENERIC)
    } else {
        d(mark, format!("{en} ({problem})"), zh.to_string(), GENERIC)
    }
}

/// The first line up to `upto` (1-based) with an odd number of double quotes
/// outside comments and single-quoted texts.
fn first_unpaired_quote(text: &str, upto: usize) -> Option<usize> {
    for (i, line) in text.lines().enumerate().take(upto) {
        let mut quotes = 0;
        let mut in_double = false;
        let mut in_single = false;
        let mut prev = ' ';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_double => {
                    chars.next();
                    prev = 'x';
                    continue;
                }
                '"' if !in_single => {
                    quotes += 1;
                    in_double = !in_double;
                }
                // A single quote opens a text only where a value starts.
                '\'' if !in_double
                    && (in_single || matches!(prev, ' ' | '[' | '{' | ',' | ':')) =>
                {
                    in_single = !in_single;
                }
                '#' if !in_double && !in_single && prev == ' ' => break,
                _ => {}
            }
            prev = c;
        }
        if quotes % 2 == 1 {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe_str<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Described {
        let e = serde_yaml::from_str::<T>(text).unwrap_err();
        describe(text, &e)
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        target: u32,
        #[serde(default)]
        note: String,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct File {
        items: Vec<Item>,
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_was_opened() {
        let text = "items:\n  - id: \"a\n    target: 1\n  - id: \"b\", target: 2\n  - id: c\n    target: 3\n";
        let d = describe_str::<File>(text);
        assert_eq!(d.pos.unwrap().line, 2, "{}", d.en);
        assert!(d.en.contains("quote"), "{}", d.en);
        assert!(d.zh.contains("引号"), "{}", d.zh);
    }

    #[test]
    fn an_unclosed_brace_is_found_where_it_was_opened() {
        let text = "items: {a: 1\nother: 2\n";
        let d = describe_str::<serde_yaml::Value>(text);
        assert_eq!(d.pos.unwrap().line, 1, "{}", d.en);
        assert!(d.en.contains('{') && d.zh.contains("没有闭合"), "{}", d.en);
    }

    #[test]
    fn tabs_are_named() {
        let d = describe_str::<File>("items:\n\t- id: a\n");
        assert_eq!(d.pos.unwrap().line, 2);
        assert!(d.en.contains("tab") && d.zh.contains("Tab"), "{}", d.en);
    }

    #[test]
    fn types_are_told_in_words() {
        let d = describe_str::<File>("items:\n  - id: a\n    target: twenty\n");
        assert_eq!(d.pos.unwrap().line, 3);
        assert_eq!(
            d.en,
            "`target` should be a whole number, not the text \"twenty\""
        );
        assert!(d.zh.contains("应为整数"), "{}", d.zh);
        assert!(!d.en.contains("u32"));
    }

    #[test]
    fn unknown_keys_suggest_the_right_one() {
        let d = describe_str::<File>("items:\n  - id: a\n    targte: 2\n");
        assert_eq!(d.pos.unwrap().line, 3);
        assert!(d.en.contains("did you mean `target`?"), "{}", d.en);
        assert!(d.help_en.contains("id, target, note"), "{}", d.help_en);
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let d =
            describe_str::<File>("items:\n  - id: a\n    target: 1\n    note: x\n    target: 2\n");
        assert_eq!(d.pos.unwrap().line, 5, "{}", d.en);
        assert!(d.zh.contains("键重复"));
    }
}
