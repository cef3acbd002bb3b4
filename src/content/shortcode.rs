//! Shortcodes: `{{ name(key="value", n=1) }}` for live data, and
//! `{% box(title="…") %}` … `{% end %}` around Markdown.
//!
//! They are found when a page is loaded (so a malformed or unknown one is an
//! error at its line) and replaced by HTML when the page is rendered.

use std::ops::Range;

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A quoted text.
    Str(String),
    /// A number.
    Num(f64),
    /// true or false.
    Bool(bool),
}

impl Arg {
    /// The argument as text (numbers print as written).
    pub fn as_text(&self) -> String {
        match self {
            Arg::Str(s) => s.clone(),
            Arg::Num(n) => format!("{n}"),
            Arg::Bool(b) => b.to_string(),
        }
    }
}

/// Which kind of shortcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{ … }}`: replaced by HTML.
    Inline,
    /// `{% name(…) %}`: opens a block.
    Open,
    /// `{% end %}`: closes the last block.
    Close,
}

/// One shortcode in a page.
#[derive(Debug, Clone)]
pub struct Shortcode {
    /// Its name.
    pub name: String,
    /// Its arguments, in order.
    pub args: Vec<(String, Arg)>,
    /// Byte range in the page body.
    pub span: Range<usize>,
    /// Inline, open or close.
    pub kind: Kind,
}

impl Shortcode {
    /// An argument by name.
    pub fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A syntax error in a shortcode: byte range and message (English, Chinese).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Where, in the body.
    pub span: Range<usize>,
    /// What is wrong, in English.
    pub en: String,
    /// What is wrong, in Chinese.
    pub zh: String,
}

/// Finds every shortcode in a Markdown body. Text inside code spans and
/// fenced code blocks is left alone, so documentation can show shortcodes.
pub fn find(body: &str) -> (Vec<Shortcode>, Vec<SyntaxError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut in_fence = false;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            let rest = body[i..].trim_start_matches(' ');
            if rest.starts_with("```") || rest.starts_with("~~~") {
                in_fence = !in_fence;
            }
        }
        if in_fence {
            line_start = bytes[i] == b'\n';
            i += 1;
            continue;
        }
        line_start = bytes[i] == b'\n';
        if bytes[i] == b'`' {
            let ticks = body[i..].bytes().take_while(|b| *b == b'`').count();
            let fence = &body[i..i + ticks];
            match body[i + ticks..].find(fence) {
                Some(end) => {
                    line_start = false;
                    i += ticks + end + ticks;
                    continue;
                }
                None => {
                    i += ticks;
                    continue;
                }
            }
        }
        let open = &body[i..];
        let close_tag = if open.starts_with("{{") {
            "}}"
        } else if open.starts_with("{%") {
            "%}"
        } else {
            // Nothing starts here: skip to the next byte that can matter. They
            // are ASCII, so the skip always lands on a character boundary.
            i += open.as_bytes()[1..]
                .iter()
                .position(|b| matches!(b, b'{' | b'`' | b'~' | b'\n'))
                .map_or(open.len(), |n| n + 1);
            continue;
        };
        let start = i;
        let line_end = body[start..].find('\n').map_or(body.len(), |n| start + n);
        let Some(rel_end) = body[start + 2..line_end].find(close_tag) else {
            errors.push(SyntaxError {
                span: start..line_end,
                en: format!("this shortcode is not closed with `{close_tag}` on the same line"),
                zh: format!("此短代码未在同一行内以 `{close_tag}` 结束"),
            });
            i = line_end;
            continue;
        };
        let end = start + 2 + rel_end + 2;
        let inner = body[start + 2..end - 2].trim();
        match parse_call(inner) {
            Ok((name, args)) => {
                let kind = match (close_tag, name.as_str()) {
                    ("}}", _) => Kind::Inline,
                    (_, "end") => Kind::Close,
                    _ => Kind::Open,
                };
                found.push(Shortcode {
                    name,
                    args,
                    span: start..end,
                    kind,
                });
            }
            Err((en, zh)) => errors.push(SyntaxError {
                span: start..end,
                en,
                zh,
            }),
        }
        i = end;
    }
    (found, errors)
}

type CallResult = Result<(String, Vec<(String, Arg)>), (String, String)>;

/// Parses `name(key="v", n=1)`; `end` needs no brackets.
fn parse_call(s: &str) -> CallResult {
    if s == "end" {
        return Ok(("end".into(), Vec::new()));
    }
    let bad = |en: &str, zh: &str| Err((en.to_string(), zh.to_string()));
    let Some(paren) = s.find('(') else {
        return bad(
            "a shortcode is written `name(key=\"value\")`: the brackets are missing",
            "短代码的写法是 `名称(key=\"value\")`：缺少括号",
        );
    };
    let name = s[..paren].trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return bad(
            "a shortcode name is letters, digits and underscores, e.g. `indicator`",
            "短代码名称只能包含字母、数字和下划线，例如 `indicator`",
        );
    }
    let Some(args_src) = s[paren + 1..].strip_suffix(')') else {
        return bad(
            "the shortcode's closing bracket `)` is missing",
            "短代码缺少右括号 `)`",
        );
    };
    let mut args = Vec::new();
    let mut rest = args_src.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            return bad(
                "each argument is written `key=value`",
                "每个参数的写法是 `key=value`",
            );
        };
        let key = rest[..eq].trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return bad(
                "an argument name is letters, digits and underscores",
                "参数名只能包含字母、数字和下划线",
            );
        }
        rest = rest[eq + 1..].trim_start();
        let (value, after) =
            if let Some(q) = rest.strip_prefix('"').or_else(|| rest.strip_prefix('“')) {
                let Some(end) = q.find(['"', '”']) else {
                    return bad("a quoted value is not closed", "引号没有闭合");
                };
                let close_len = q[end..].chars().next().map_or(1, char::len_utf8);
                (Arg::Str(q[..end].to_string()), &q[end + close_len..])
            } else {
                let end = rest.find(',').unwrap_or(rest.len());
                let raw = rest[..end].trim();
                let v = match raw {
                    "true" => Arg::Bool(true),
                    "false" => Arg::Bool(false),
                    _ => match raw.parse::<f64>() {
                        Ok(n) if n.is_finite() => Arg::Num(n),
                        _ => {
                            return Err((
                                format!("`{raw}` must be in quotes: `{key}=\"{raw}\"`"),
                                format!("`{raw}` 需要加引号：`{key}=\"{raw}\"`"),
                            ));
                        }
                    },
                };
                (v, &rest[end..])
            };
        args.push((key.to_string(), value));
        rest = after.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return bad("separate arguments with commas", "参数之间请用逗号分隔");
        }
    }
    Ok((name.to_string(), args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_blocks_and_skips_code() {
        let body = "a\n\n{{ indicator(id=\"x\") }}\n\n{% box(title=\"专栏1\") %}\n\n`{{ not(me=1) }}`\n\n{% end %}\n```\n{{ nor(me=1) }}\n```\n{{ t(box=2, b=true) }}";
        let (found, errors) = find(body);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = found.iter().map(|s| (s.name.as_str(), s.kind)).collect();
        assert_eq!(
            names,
            [
                ("indicator", Kind::Inline),
                ("box", Kind::Open),
                ("end", Kind::Close),
                ("t", Kind::Inline)
            ]
        );
        assert_eq!(found[0].arg("id"), Some(&Arg::Str("x".into())));
        assert_eq!(found[1].arg("title"), Some(&Arg::Str("专栏1".into())));
        assert_eq!(found[3].arg("box"), Some(&Arg::Num(2.0)));
        assert_eq!(&body[found[0].span.clone()], "{{ indicator(id=\"x\") }}");
    }

    #[test]
    fn shortcodes_in_tilde_fences_and_after_cjk_are_handled() {
        let body = "正文\n~~~\n{{ not(me=1) }}\n~~~\n永川{{ t(a=1) }}";
        let (found, errors) = find(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "t");
    }

    #[test]
    fn malformed_calls_are_errors() {
        for bad in [
            "{{ indicator(id=\"x\") }",
            "{{ indicator id=\"x\" }}",
            "{{ indicator(id=\"x) }}",
            "{{ indicator(id=x) }}",
            "{{ indicator(id=\"x\" n=1) }}",
            "{{ (id=\"x\") }}",
        ] {
            let (found, errors) = find(bad);
            assert!(found.is_empty() && errors.len() == 1, "{bad}: {found:?}");
        }
    }
}
