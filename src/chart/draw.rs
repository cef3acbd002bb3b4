//! What both charts share: a thin drawing surface over plotters' SVG backend,
//! text measuring and wrapping, the palette, and the post-processing that
//! turns plotters' output into an accessible, scalable SVG.
//!
//! The charts draw with plotters' primitives in pixel coordinates and do
//! their own layout: without the `ttf` feature plotters estimates every UTF-8
//! byte as 0.7 em (a Chinese character as 2.1 em), so nothing here relies on
//! its text measures. plotters cannot write `<title>`, `<desc>`, a dash
//! pattern or a text halo; those are added afterwards to elements drawn in
//! reserved sentinel colours (see [`finish`]).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::lang::Lang;

pub use super::indicator::indicator_chart;
pub use super::overview::overview_chart;

/// A word or phrase the chart writes itself, in both languages.
pub(super) struct Words {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Words {
    /// The phrase in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The font stacks, per language: the first family with the glyph wins, so
/// Chinese charts name CJK system fonts first (their Latin glyphs are fine),
/// English charts a Latin sans first, with CJK fonts for Chinese names.
fn font_family(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB',\
             'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"
        }
        Lang::En => {
            "'Helvetica Neue',Arial,'Noto Sans','Noto Sans CJK SC','Source Han Sans SC',\
             'PingFang SC','Microsoft YaHei',sans-serif"
        }
    }
}

// The palette: Paul Tol's colour-blind-safe schemes, chosen so that the
// colours that meet in one chart also differ in lightness (they read in
// greyscale); shapes, symbols and words carry every meaning as well.

/// Main text.
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (notes, ticks).
pub(super) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Axis lines.
pub(super) const AXIS: RGBColor = RGBColor(0x88, 0x88, 0x88);
/// Grid lines.
pub(super) const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
/// The page.
pub(super) const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Tol medium-contrast dark blue.
pub(super) const DARK_BLUE: RGBColor = RGBColor(0x00, 0x44, 0x88);
/// Tol medium-contrast light blue.
pub(super) const LIGHT_BLUE: RGBColor = RGBColor(0x66, 0x99, 0xCC);
/// A pale tint of the dark blue (the fill of a target not yet reached).
pub(super) const PALE_BLUE: RGBColor = RGBColor(0xE3, 0xEC, 0xF6);
/// Tol medium-contrast light yellow.
pub(super) const LIGHT_YELLOW: RGBColor = RGBColor(0xEE, 0xCC, 0x66);
/// Tol medium-contrast light red.
pub(super) const LIGHT_RED: RGBColor = RGBColor(0xEE, 0x99, 0xAA);
/// Tol medium-contrast dark red.
pub(super) const DARK_RED: RGBColor = RGBColor(0x99, 0x44, 0x55);

/// Sentinel stroke of a dashed line; [`finish`] gives it its real colour
/// and a `stroke-dasharray` (plotters writes no dash patterns, and its
/// dashed series writes one element per dash).
const DASH_SENTINEL: RGBColor = RGBColor(0x01, 0x02, 0x03);
const DASH_SENTINEL_ATTR: &str = "stroke=\"#010203\"";
const DASH_ATTRS: &str = "stroke=\"#444444\" stroke-dasharray=\"6 4\"";
/// Sentinel fill of text that gets a white halo, to stay legible where it
/// crosses a line.
const HALO_SENTINEL: RGBColor = RGBColor(0x01, 0x02, 0x04);
const HALO_SENTINEL_ATTR: &str = "fill=\"#010204\"";
const HALO_ATTRS: &str = "fill=\"#222222\" stroke=\"#FFFFFF\" stroke-width=\"3\" \
                          stroke-linejoin=\"round\" paint-order=\"stroke\"";

/// Text as the charts draw it: which colour, alignment and weight.
#[derive(Clone, Copy)]
pub(super) struct Font {
    /// Size in pixels (the SVG `font-size`).
    pub size: f64,
    pub color: &'static RGBColor,
    pub anchor: HPos,
    pub bold: bool,
    /// A white outline under the glyphs (see [`HALO_SENTINEL`]); the
    /// colour is then [`INK`].
    pub halo: bool,
}

impl Font {
    /// Left-aligned text of `size` in `color`.
    pub const fn new(size: f64, color: &'static RGBColor) -> Font {
        Font {
            size,
            color,
            anchor: HPos::Left,
            bold: false,
            halo: false,
        }
    }

    /// The same, centred on its x.
    pub const fn centre(self) -> Font {
        Font {
            anchor: HPos::Center,
            ..self
        }
    }

    /// The same, ending at its x.
    pub const fn right(self) -> Font {
        Font {
            anchor: HPos::Right,
            ..self
        }
    }

    /// The same, bold.
    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    /// The same, with a white halo (ink colour).
    pub const fn halo(self) -> Font {
        Font { halo: true, ..self }
    }

    /// The width of `s` in this font (see [`text_width`]); bold glyphs
    /// are wider.
    pub fn width(&self, s: &str) -> f64 {
        text_width(s, self.size) * if self.bold { 1.08 } else { 1.0 }
    }
}

/// A drawing surface: plotters' drawing area on an SVG string, in pixels.
///
/// Drawing into a `String` cannot fail (the backend's only errors are file
/// errors), so the methods return nothing.
pub(super) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
}

impl Canvas<'_> {
    /// A filled rectangle between two corners.
    pub fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: &RGBColor) {
        let (a, b) = ((x0.min(x1), y0.min(y1)), (x0.max(x1), y0.max(y1)));
        let _ = self.area.draw(&Rectangle::new([a, b], color.filled()));
    }

    /// A rectangle outline, one pixel wide.
    pub fn frame(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: &RGBColor) {
        let (a, b) = ((x0.min(x1), y0.min(y1)), (x0.max(x1), y0.max(y1)));
        let _ = self
            .area
            .draw(&Rectangle::new([a, b], color.stroke_width(1)));
    }

    /// A solid line through `points`.
    pub fn line(&self, points: &[(i32, i32)], color: &RGBColor, width: u32) {
        let _ = self.area.draw(&PathElement::new(
            points.to_vec(),
            color.stroke_width(width),
        ));
    }

    /// A dashed line through `points`: one element with `stroke-dasharray`.
    pub fn dashed(&self, points: &[(i32, i32)], width: u32) {
        let _ = self.area.draw(&PathElement::new(
            points.to_vec(),
            DASH_SENTINEL.stroke_width(width),
        ));
    }

    /// A filled polygon.
    pub fn polygon(&self, points: &[(i32, i32)], color: &RGBColor) {
        let _ = self
            .area
            .draw(&Polygon::new(points.to_vec(), color.filled()));
    }

    /// A filled circle.
    pub fn dot(&self, centre: (i32, i32), radius: u32, color: &RGBColor) {
        let _ = self.area.draw(&Circle::new(centre, radius, color.filled()));
    }

    /// One line of text whose vertical middle is at `y`.
    pub fn text(&self, s: &str, (x, y): (i32, i32), font: Font) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        let color: &RGBColor = if font.halo {
            &HALO_SENTINEL
        } else {
            font.color
        };
        let style = if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        // The SVG backend writes `size / 1.24` as the font size; `finish`
        // rounds away the float noise.
        let desc = FontDesc::new(FontFamily::SansSerif, font.size * 1.24, style);
        let text_style = TextStyle::from(desc)
            .color(color)
            .pos(Pos::new(font.anchor, VPos::Center));
        let _ = self.area.draw(&Text::new(s, (x, y), text_style));
    }
}

/// Draws a chart of `width` × `height` pixels with `paint`, and returns the
/// finished SVG (see [`finish`]).
pub(super) fn render(
    width: u32,
    height: u32,
    lang: Lang,
    kind: &str,
    title: &str,
    desc: &str,
    paint: impl FnOnce(&Canvas),
) -> String {
    let mut raw = String::with_capacity(8 * 1024);
    {
        let canvas = Canvas {
            area: SVGBackend::with_string(&mut raw, (width, height)).into_drawing_area(),
        };
        paint(&canvas);
        let _ = canvas.area.present();
    }
    finish(&raw, width, height, lang, kind, title, desc)
}

/// Turns plotters' SVG into the chart's final text:
///
/// - the root element gets `role="img"`, the `viewBox`, `width="100%"` (no
///   fixed height, so it scales with its aspect ratio), the font stack and a
///   class `chart chart-<kind>`;
/// - `<title>` and `<desc>` become its first children, XML-escaped;
/// - the default `opacity="1"` and per-text `font-family` are dropped, font
///   sizes are rounded to 0.1 px, and text is written on one line;
/// - dash and halo sentinels become their real attributes.
///
/// plotters itself escapes text content and attribute values, so what it
/// wrote cannot contain a `"` or `<` of the input: the attribute patterns
/// replaced here are its own.
fn finish(
    raw: &str,
    width: u32,
    height: u32,
    lang: Lang,
    kind: &str,
    title: &str,
    desc: &str,
) -> String {
    let mut out = String::with_capacity(raw.len() + title.len() + desc.len() + 512);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart chart-");
    out.push_str(kind);
    out.push_str("\" viewBox=\"0 0 ");
    out.push_str(&width.to_string());
    out.push(' ');
    out.push_str(&height.to_string());
    out.push_str("\" width=\"100%\" font-family=\"");
    out.push_str(font_family(lang));
    out.push_str("\">\n<title>");
    out.push_str(&escape(title));
    out.push_str("</title>\n<desc>");
    out.push_str(&escape(desc));
    out.push_str("</desc>\n");

    let mut lines = raw.lines();
    lines.next(); // plotters' root element, replaced above
    while let Some(line) = lines.next() {
        if line.starts_with("<text ") {
            // plotters writes `<text …>`, the content and `</text>` on three
            // lines; the whitespace would count as text.
            out.push_str(&attributes(line));
            out.push_str(lines.next().unwrap_or_default());
            out.push_str(lines.next().unwrap_or_default());
        } else {
            out.push_str(&attributes(line));
        }
        out.push('\n');
    }
    out
}

/// Rewrites the attributes of one element written by plotters.
fn attributes(line: &str) -> String {
    let line = line
        .replace(" opacity=\"1\"", "")
        .replace(" font-family=\"sans-serif\"", "")
        .replace(DASH_SENTINEL_ATTR, DASH_ATTRS)
        .replace(HALO_SENTINEL_ATTR, HALO_ATTRS);
    const KEY: &str = "font-size=\"";
    match line.find(KEY) {
        Some(i) => {
            let start = i + KEY.len();
            let end = line[start..].find('"').map_or(line.len(), |e| start + e);
            let size: f64 = line[start..end].parse().unwrap_or(12.0);
            let size = crate::model::figure::format_decimal(size, 1, false);
            let size = size.strip_suffix(".0").unwrap_or(&size);
            format!("{}{}{}", &line[..start], size, &line[end..])
        }
        None => line,
    }
}

/// Escapes text for XML content or attributes, dropping characters XML
/// cannot hold.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Text for one `<text>` line: line breaks and tabs become spaces, and
/// characters XML cannot hold are dropped (plotters escapes the rest).
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if xml_char(c) => Some(c),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Whether XML 1.0 allows `c` in a document (tab and line breaks aside).
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The estimated advance of `c` in em. CJK and full-width characters (and
/// the status symbols) are one em; Latin text about 0.55 em, with narrow
/// and wide letters told apart. The estimates err on the wide side.
fn char_em(c: char) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '['
        | ']' | 'f' | 't' | 'I' | '·' => 0.33,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        'A'..='Z' => 0.68,
        c if c.is_ascii() => 0.56,
        c if wide(c) => 1.0,
        _ => 0.62,
    }
}

/// East Asian wide and full-width characters, and the symbols that CJK fonts
/// draw one em wide.
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2026                // … (one em in CJK fonts)
        | 0x2190..=0x21FF       // arrows
        | 0x2460..=0x24FF       // enclosed numbers
        | 0x25A0..=0x27BF       // geometric shapes, dingbats (✔ ▲ ◆ ✖)
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The estimated width of `s` in pixels at font size `size`.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// Whether a line may break after `c` only together with the next
/// character (opening brackets) or not before it (closing punctuation).
fn no_break_before(c: char) -> bool {
    "，。、；：！？）》」』】〕…%％,.;:!?)]".contains(c)
}

/// Wraps `s` into at most `max_lines` lines no wider than `max_width`
/// pixels at `size`, breaking at spaces in Latin text and between any two
/// CJK characters; the last line is cut with "…" if the text is longer.
pub(super) fn wrap(s: &str, size: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let s = clean(s);
    if s.is_empty() || max_lines == 0 {
        return Vec::new();
    }
    // Break opportunities: before a word, before and after a CJK character.
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut lines: Vec<(usize, usize)> = Vec::new(); // byte ranges
    let mut start = 0; // byte index where the current line starts
    let mut last_break: Option<usize> = None; // byte index of a break in the line
    let mut width = 0.0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if at > start {
            let prev = chars[i - 1].1;
            let breakable = !no_break_before(c)
                && (prev == ' ' || (wide(c) && c != ' ') || (wide(prev) && c != ' '));
            if breakable {
                last_break = Some(at);
            }
        }
        let w = char_em(c) * size;
        if width + w > max_width && at > start && c != ' ' {
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => at,
            };
            lines.push((start, cut));
            start = cut;
            // Skip spaces at the start of the new line.
            while s[start..].starts_with(' ') {
                start += 1;
            }
            last_break = None;
            i = chars.partition_point(|(a, _)| *a < start);
            width = 0.0;
            continue;
        }
        width += w;
        i += 1;
    }
    if start < s.len() {
        lines.push((start, s.len()));
    }
    let mut out: Vec<String> = Vec::with_capacity(max_lines);
    for (n, (a, b)) in lines.iter().enumerate() {
        if n + 1 == max_lines && lines.len() > max_lines {
            out.push(truncate(&s[*a..], size, max_width, true));
            break;
        }
        out.push(s[*a..*b].trim_end().to_string());
    }
    out
}

/// `s` cut to `max_width` pixels at `size`, ending in "…" when cut (or
/// always, with `force`, for a text that goes on beyond the line).
pub(super) fn truncate(s: &str, size: f64, max_width: f64, force: bool) -> String {
    if !force && text_width(s, size) <= max_width {
        return s.to_string();
    }
    let room = max_width - text_width("…", size);
    let mut out = String::new();
    let mut width = 0.0;
    for c in s.chars() {
        width += char_em(c) * size;
        if width > room {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Rounds a pixel coordinate.
pub(super) fn px(x: f64) -> i32 {
    x.round() as i32
}

/// `v` limited to `lo..=hi`; unlike `f64::clamp` it never panics (`lo`
/// wins when `lo > hi`, and a NaN becomes `lo`).
pub(super) fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

#[cfg(test)]
pub(super) mod testing {
    //! A small XML well-formedness checker and text extraction for the
    //! chart tests.

    /// Checks that `s` is one well-formed XML element: tags nest and
    /// close, attributes are quoted and unique, entities are known, no
    /// stray `<` or `&`, no control characters.
    pub fn check_xml(s: &str) -> Result<(), String> {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = s.trim_start();
        let mut roots = 0;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('<') {
                let end = after.find('>').ok_or("unclosed tag")?;
                let tag = &after[..end];
                rest = &after[end + 1..];
                if let Some(name) = tag.strip_prefix('/') {
                    let open = stack.pop().ok_or(format!("stray </{name}>"))?;
                    if open != name.trim() {
                        return Err(format!("<{open}> closed by </{name}>"));
                    }
                    continue;
                }
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
                let name = &tag[..name_end];
                if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-') {
                    return Err(format!("bad tag name {name:?}"));
                }
                check_attributes(&tag[name_end..])?;
                if stack.is_empty() {
                    roots += 1;
                }
                if !self_closing {
                    stack.push(name);
                }
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = &rest[..end];
                if stack.is_empty() && !text.trim().is_empty() {
                    return Err(format!("text outside the root: {text:?}"));
                }
                check_text(text)?;
                rest = &rest[end..];
            }
        }
        if let Some(open) = stack.pop() {
            return Err(format!("<{open}> not closed"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    fn check_attributes(mut s: &str) -> Result<(), String> {
        let mut seen: Vec<&str> = Vec::new();
        loop {
            s = s.trim_start();
            if s.is_empty() {
                return Ok(());
            }
            let eq = s
                .find('=')
                .ok_or(format!("attribute without value: {s:?}"))?;
            let name = &s[..eq];
            if seen.contains(&name) {
                return Err(format!("duplicate attribute {name}"));
            }
            seen.push(name);
            let after = &s[eq + 1..];
            let quote = after.chars().next().ok_or("missing value")?;
            if quote != '"' && quote != '\'' {
                return Err(format!("unquoted attribute {name}"));
            }
            let close = after[1..].find(quote).ok_or("unclosed attribute")?;
            let value = &after[1..1 + close];
            if value.contains('<') {
                return Err(format!("'<' in attribute {name}"));
            }
            check_text(value)?;
            s = &after[close + 2..];
        }
    }

    fn check_text(s: &str) -> Result<(), String> {
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            let end = rest[i..].find(';').ok_or("bare &")?;
            let entity = &rest[i + 1..i + end];
            let ok = matches!(entity, "lt" | "gt" | "amp" | "quot" | "apos")
                || entity.strip_prefix('#').is_some_and(|n| {
                    n.strip_prefix('x').map_or_else(
                        || n.parse::<u32>().is_ok(),
                        |h| u32::from_str_radix(h, 16).is_ok(),
                    )
                });
            if !ok {
                return Err(format!("unknown entity &{entity};"));
            }
            rest = &rest[i + end..];
        }
        if s.chars()
            .any(|c| c < ' ' && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err("control character".into());
        }
        Ok(())
    }

    /// The contents of every `<name …>…</name>` element (no nesting).
    pub fn contents<'a>(s: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name}");
        let close = format!("</{name}>");
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find(&open) {
            let after = &rest[i + open.len()..];
            if !after.starts_with(['>', ' ']) {
                rest = after;
                continue;
            }
            let Some(gt) = after.find('>') else { break };
            let body = &after[gt + 1..];
            let Some(end) = body.find(&close) else { break };
            out.push(&body[..end]);
            rest = &body[end..];
        }
        out
    }

    /// Everything the chart writes as text, one string per `<text>`.
    pub fn texts(s: &str) -> Vec<&str> {
        contents(s, "text")
    }

    /// Checks what every chart must have: well-formed, `role="img"`, a
    /// viewBox, `<title>` and `<desc>` first with the escaped inputs.
    pub fn check_common(svg: &str, title: &str, desc: &str) {
        check_xml(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let root_end = svg.find('>').unwrap();
        let root = &svg[..root_end];
        assert!(root.starts_with("<svg "), "{root}");
        assert!(root.contains(" role=\"img\""), "{root}");
        assert!(root.contains(" viewBox=\"0 0 "), "{root}");
        assert!(!root.contains(" height="), "fixed height: {root}");
        let after = svg[root_end + 1..].trim_start();
        let expect = format!(
            "<title>{}</title>\n<desc>{}</desc>",
            super::escape(title),
            super::escape(desc)
        );
        assert!(after.starts_with(&expect), "{after}");
        assert_eq!(contents(svg, "title").len(), 1);
        assert_eq!(contents(svg, "desc").len(), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::testing::check_xml;
    use super::*;

    #[test]
    fn width_counts_cjk_as_one_em() {
        assert_eq!(text_width("目标值", 10.0), 30.0);
        let latin = text_width("target", 10.0);
        assert!(latin > 25.0 && latin < 40.0, "{latin}");
    }

    #[test]
    fn wrap_breaks_latin_at_spaces_and_cjk_anywhere() {
        let lines = wrap(
            "number of students in higher vocational education",
            12.0,
            150.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 12.0) <= 150.0, "{l}");
            assert!(!l.starts_with(' ') && !l.ends_with(' '), "{l:?}");
        }
        assert_eq!(
            lines.join(" "),
            "number of students in higher vocational education"
        );
        let lines = wrap("中等职业学校在校学生人数（含技工学校）", 12.0, 100.0, 3);
        assert_eq!(lines.concat(), "中等职业学校在校学生人数（含技工学校）");
        assert!(
            lines.iter().all(|l| text_width(l, 12.0) <= 100.0),
            "{lines:?}"
        );
        // Closing punctuation stays with the character before it.
        assert!(lines.iter().all(|l| !l.starts_with('）')), "{lines:?}");
    }

    #[test]
    fn wrap_truncates_the_last_line() {
        let long = "word ".repeat(60);
        let lines = wrap(&long, 12.0, 120.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(text_width(&lines[1], 12.0) <= 120.0);
        assert_eq!(wrap("短", 12.0, 120.0, 2), vec!["短".to_string()]);
        assert!(wrap("", 12.0, 120.0, 2).is_empty());
    }

    #[test]
    fn escape_handles_markup_and_control_characters() {
        assert_eq!(
            escape("<script>&\"'\u{1}"),
            "&lt;script&gt;&amp;&quot;&apos;"
        );
    }

    #[test]
    fn xml_checker_rejects_broken_documents() {
        assert!(check_xml("<svg a=\"1\"><text>a &amp; b</text></svg>").is_ok());
        assert!(check_xml("<svg><text>a & b</text></svg>").is_err());
        assert!(check_xml("<svg><text>a</svg>").is_err());
        assert!(check_xml("<svg a=1></svg>").is_err());
        assert!(check_xml("<svg></svg><svg></svg>").is_err());
        assert!(check_xml("<svg a=\"1\" a=\"2\"></svg>").is_err());
    }
}
