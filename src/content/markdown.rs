//! Markdown to HTML for one page.
//!
//! Shortcodes are first replaced by placeholder paragraphs, the text is
//! parsed by pulldown-cmark, and the event stream then passes through a
//! chain of small transforms before HTML is written:
//!
//! 1. placeholders become the shortcodes' HTML;
//! 2. raw HTML is escaped unless the site allows it;
//! 3. a soft line break between two CJK characters is dropped (browsers
//!    would show it as a space);
//! 4. headings get ids that keep CJK characters, unique within the page;
//! 5. footnotes get ids prefixed per page, so they never collide on the
//!    print page;
//! 6. links to `other.md` become links to that page's output;
//! 7. tables are wrapped in a box that scrolls on narrow screens.
//!
//! Emphasis markers that survive into text (`**` next to full-width
//! punctuation, which CommonMark cannot close) are reported as warnings at
//! their line.

use std::collections::HashMap;
use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::Page;

/// A heading of a page, for its table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// The id of the heading element.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A page rendered to HTML.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Byte offsets (in the page body) of emphasis markers left in the text.
    pub stray_emphasis: Vec<usize>,
    /// The first paragraph as plain text, for the meta description.
    pub first_paragraph: String,
}

/// How the page's links and raw HTML are treated.
pub struct Options_<'a> {
    /// Pass raw HTML through.
    pub allow_html: bool,
    /// The href of another page by slug (relative to this page).
    pub page_href: &'a dyn Fn(&str) -> String,
}

const PH_OPEN: char = '\u{E000}';
const PH_CLOSE: char = '\u{E001}';

/// Renders a page's body; `shortcode_html(i)` gives the HTML of the page's
/// i-th shortcode.
pub fn render(
    page: &Page,
    opts: &Options_,
    shortcode_html: &mut dyn FnMut(usize) -> String,
) -> Rendered {
    let body = page.body();
    let (text, offsets) = with_placeholders(page);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(&text, options).into_offset_iter();

    let mut out: Vec<Event> = Vec::new();
    let mut rendered = Rendered::default();
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut in_code = false;
    let mut in_first_para = None::<bool>;
    let mut events: Vec<(Event, std::ops::Range<usize>)> = parser.collect();
    // Merge adjacent text events so placeholders and CJK checks see whole runs.
    merge_texts(&mut events);

    let mut i = 0;
    while i < events.len() {
        let (ev, range) = events[i].clone();
        i += 1;
        match ev {
            Event::Start(Tag::Paragraph) => {
                if let Some((Event::Text(t), _)) = events.get(i)
                    && matches!(events.get(i + 1), Some((Event::End(TagEnd::Paragraph), _)))
                    && let Some(idx) = placeholder_index(t)
                {
                    out.push(Event::Html(shortcode_html(idx).into()));
                    i += 2;
                    continue;
                }
                if in_first_para.is_none() {
                    in_first_para = Some(true);
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                if in_first_para == Some(true) {
                    in_first_para = Some(false);
                }
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(t) => {
                if !in_code {
                    let mut from = 0;
                    while let Some(p) = t[from..].find("**").or_else(|| t[from..].find("__")) {
                        rendered
                            .stray_emphasis
                            .push(to_body(&offsets, range.start) + from + p);
                        from += p + 2;
                    }
                }
                if in_first_para == Some(true) {
                    rendered.first_paragraph.push_str(&t);
                }
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                out.push(Event::Text(t));
            }
            Event::Code(c) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&c);
                }
                out.push(Event::Code(c));
            }
            Event::Html(h) | Event::InlineHtml(h) if !opts.allow_html => {
                out.push(Event::Text(h));
            }
            Event::SoftBreak => {
                let prev = last_char(&out);
                let next = match events.get(i) {
                    Some((Event::Text(t), _)) => t.chars().next(),
                    _ => None,
                };
                if prev.is_some_and(is_cjk) && next.is_some_and(is_cjk) {
                    continue;
                }
                out.push(Event::SoftBreak);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, out.len(), String::new()));
                out.push(Event::Html(CowStr::Borrowed(""))); // replaced at the end tag
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, at, text)) = heading.take() {
                    let base = slugify(&text);
                    let n = heading_ids.entry(base.clone()).or_insert(0);
                    *n += 1;
                    let id = if *n == 1 { base } else { format!("{base}-{n}") };
                    let lvl = level as u8;
                    out[at] = Event::Html(format!("<h{lvl} id=\"{}\">", escape_attr(&id)).into());
                    out.push(Event::Html(format!("</h{lvl}>").into()));
                    rendered.headings.push(Heading {
                        level: lvl,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Start(Tag::CodeBlock(k)) => {
                in_code = true;
                out.push(Event::Start(Tag::CodeBlock(k)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::FootnoteReference(label) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(label.to_string()).or_insert(next);
                let id = slugify(&label);
                out.push(Event::Html(
                    format!("<sup class=\"footnote-ref\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(label.to_string()).or_insert(next);
                let id = slugify(&label);
                out.push(Event::Html(
                    format!("<div class=\"footnote\" id=\"fn-{id}\"><span class=\"footnote-label\"><a href=\"#fnref-{id}\">{n}</a></span>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html("</div>".into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(&dest_url, opts);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(a)) => {
                out.push(Event::Html("<div class=\"table-wrap\">".into()));
                out.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>".into()));
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    rendered.html = html;
    rendered.first_paragraph = rendered.first_paragraph.trim().to_string();
    rendered
}

/// The body with each shortcode replaced by a placeholder paragraph, and
/// checkpoints (offset in new text, offset in body) to map positions back.
fn with_placeholders(page: &Page) -> (String, Vec<(usize, usize)>) {
    let body = page.body();
    let mut text = String::with_capacity(body.len() + 64);
    let mut offsets = vec![(0, 0)];
    let mut last = 0;
    for (i, sc) in page.shortcodes.iter().enumerate() {
        text.push_str(&body[last..sc.span.start]);
        let _ = write!(text, "\n\n{PH_OPEN}{i}{PH_CLOSE}\n\n");
        last = sc.span.end;
        offsets.push((text.len(), last));
    }
    text.push_str(&body[last..]);
    (text, offsets)
}

fn to_body(offsets: &[(usize, usize)], at: usize) -> usize {
    let (new, old) = offsets
        .iter()
        .rev()
        .find(|(n, _)| *n <= at)
        .copied()
        .unwrap_or((0, 0));
    old + (at - new)
}

fn placeholder_index(t: &str) -> Option<usize> {
    t.trim()
        .strip_prefix(PH_OPEN)?
        .strip_suffix(PH_CLOSE)?
        .parse()
        .ok()
}

fn merge_texts(events: &mut Vec<(Event, std::ops::Range<usize>)>) {
    let mut merged: Vec<(Event, std::ops::Range<usize>)> = Vec::with_capacity(events.len());
    for (ev, r) in events.drain(..) {
        if let (Event::Text(t), Some((Event::Text(prev), pr))) = (&ev, merged.last_mut()) {
            let mut s = prev.to_string();
            s.push_str(t);
            *prev = s.into();
            pr.end = r.end;
            continue;
        }
        merged.push((ev, r));
    }
    *events = merged;
}

fn last_char(out: &[Event]) -> Option<char> {
    match out.last() {
        Some(Event::Text(t)) => t.chars().last(),
        _ => None,
    }
}

/// CJK ideographs, kana, hangul and full-width punctuation: no space
/// between them when a line is wrapped.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F |
        0x31A0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF |
        0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F |
        0x2018..=0x201F | 0x2014)
}

/// An id for a heading: letters and digits of any script kept (CJK too),
/// ASCII lower-cased, everything else turned into single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.extend(c.to_lowercase());
        } else {
            hyphen = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

fn rewrite_link(dest: &str, opts: &Options_) -> String {
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#') {
        return dest.to_string();
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    match path.strip_prefix("./").unwrap_or(path).strip_suffix(".md") {
        Some(slug) => {
            let mut href = (opts.page_href)(slug);
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(&slugify(a));
            }
            href
        }
        None => dest.to_string(),
    }
}

/// Escapes text for an HTML attribute or element.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Problems;
    use crate::lang::Lang;
    use std::path::Path;

    fn page(src: &str) -> Page {
        let mut p = Problems::default();
        let src = format!("---\ntitle: T\n---\n{src}");
        Page::load(Path::new("content/zh/t.md"), Lang::Zh, src.into(), &mut p).expect("loads")
    }

    fn html(src: &str, allow_html: bool) -> Rendered {
        let href = |s: &str| format!("../{s}/index.html");
        let opts = Options_ {
            allow_html,
            page_href: &href,
        };
        render(&page(src), &opts, &mut |i| {
            format!("<div class=\"sc\">{i}</div>")
        })
    }

    #[test]
    fn cjk_line_breaks_leave_no_space() {
        let r = html("职业教育前途广阔、\n大有可为。\nEnglish\nwords", false);
        assert!(
            r.html.contains("职业教育前途广阔、大有可为。"),
            "{}",
            r.html
        );
        assert!(r.html.contains("English\nwords"), "{}", r.html);
    }

    #[test]
    fn headings_get_unique_cjk_ids() {
        let r = html(
            "## （一）基础与条件\n\n## （一）基础与条件\n\n### Two Words",
            false,
        );
        assert!(r.html.contains("<h2 id=\"一-基础与条件\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"一-基础与条件-2\">"));
        assert!(r.html.contains("<h3 id=\"two-words\">"));
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn shortcodes_become_their_html_and_raw_html_is_escaped() {
        let r = html(
            "前文\n{{ indicator(id=\"x\") }}\n后文 <script>alert(1)</script>",
            false,
        );
        assert!(r.html.contains("<div class=\"sc\">0</div>"), "{}", r.html);
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        let allowed = html("<b>x</b>", true);
        assert!(allowed.html.contains("<b>x</b>"));
    }

    #[test]
    fn footnotes_links_tables_and_stray_emphasis() {
        let r = html(
            "见注[^a]和[附件](annex-1.md#任务)。\n\n[^a]: 注释。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n推进**“双高”计划**建设",
            false,
        );
        assert!(
            r.html.contains("id=\"fnref-a\"") && r.html.contains("id=\"fn-a\""),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("href=\"../annex-1/index.html#%E4%BB%BB%E5%8A%A1\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<div class=\"table-wrap\"><table>"),
            "{}",
            r.html
        );
        assert_eq!(r.stray_emphasis.len(), 2, "{:?}", r.stray_emphasis);
        let only = html(
            "前文\n\n{{ indicator(id=\"x\") }}\n\n推进**“双高”计划**建设",
            false,
        );
        let p = page("前文\n\n{{ indicator(id=\"x\") }}\n\n推进**“双高”计划**建设");
        let at = only.stray_emphasis[0];
        assert_eq!(&p.body()[at..at + 2], "**");
        assert_eq!(&p.body()[at - 6..at], "推进");
    }
}
