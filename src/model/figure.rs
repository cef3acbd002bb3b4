//! Figures as the plan writes them ("/", ">20", "22:1", "3-4") and as a
//! reader wants them printed (one rounding rule, thousands separators in
//! English, 万 kept in Chinese).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A number with the count of decimals it was written with, so that 12.8
/// prints as "12.8" and 15 as "15" wherever it appears.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Decimals as written (at most 6).
    pub decimals: u8,
}

impl Number {
    /// A number written with as many decimals as its shortest form needs.
    pub fn new(value: f64) -> Number {
        let s = format!("{value}");
        let decimals = s.split_once('.').map_or(0, |(_, d)| d.len().min(6) as u8);
        Number { value, decimals }
    }
}

/// How a target is to be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Reach the value (more is fine for an increase indicator).
    Exact,
    /// At least the value (">20", "不少于20").
    Floor,
    /// At most the value ("<18").
    Ceiling,
}

/// A target figure: a value and how it is to be met, or a range ("3-4").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TargetFigure {
    /// The value to reach (the lower end of a range).
    pub value: Number,
    /// The upper end of a range, if the plan gives one.
    pub upper: Option<Number>,
    /// Exact, floor or ceiling.
    pub bound: Bound,
}

/// What a figure in YAML said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Parsed {
    /// "/" or nothing: the plan gives no figure.
    None,
    /// A figure.
    Some(TargetFigure),
}

/// Reads a figure from a YAML value: a number, or text such as "/", ">20",
/// "≥20", "不少于20", "<18", "22:1" or "3-4". The error says what was found.
pub fn parse_figure(v: &serde_yaml::Value) -> Result<Parsed, String> {
    match v {
        serde_yaml::Value::Null => Ok(Parsed::None),
        serde_yaml::Value::Number(n) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .map(|f| {
                Parsed::Some(TargetFigure {
                    value: Number::new(f),
                    upper: None,
                    bound: Bound::Exact,
                })
            })
            .ok_or_else(|| format!("{n} is not a usable number")),
        serde_yaml::Value::String(s) => parse_figure_text(s),
        other => Err(format!(
            "expected a number or a text like \">20\", found {other:?}"
        )),
    }
}

/// Reads a figure from text; see [`parse_figure`].
pub fn parse_figure_text(s: &str) -> Result<Parsed, String> {
    let t = s.trim();
    if t.is_empty() || t == "/" || t == "／" || t == "-" || t == "—" {
        return Ok(Parsed::None);
    }
    let (bound, rest) = [
        (">=", Bound::Floor),
        ("≥", Bound::Floor),
        ("＞", Bound::Floor),
        (">", Bound::Floor),
        ("不少于", Bound::Floor),
        ("不低于", Bound::Floor),
        ("至少", Bound::Floor),
        ("<=", Bound::Ceiling),
        ("≤", Bound::Ceiling),
        ("＜", Bound::Ceiling),
        ("<", Bound::Ceiling),
        ("不超过", Bound::Ceiling),
        ("不高于", Bound::Ceiling),
    ]
    .iter()
    .find_map(|(p, b)| t.strip_prefix(p).map(|r| (*b, r.trim())))
    .unwrap_or((Bound::Exact, t));
    let rest = rest
        .trim_end_matches("以上")
        .trim_end_matches('%')
        .trim_end_matches(":1")
        .trim_end_matches("：1")
        .trim();
    let num = |x: &str| -> Result<Number, String> {
        let clean: String = x.chars().filter(|c| *c != ',' && *c != '，').collect();
        clean
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| Number {
                value: f,
                decimals: clean
                    .trim()
                    .split_once('.')
                    .map_or(0, |(_, d)| d.len().min(6) as u8),
            })
            .ok_or_else(|| format!("\"{s}\" is not a number"))
    };
    if let Some((a, b)) = rest
        .split_once(['-', '–', '~', '～'])
        .filter(|(a, _)| !a.is_empty())
    {
        let (lo, hi) = (num(a)?, num(b)?);
        if hi.value < lo.value {
            return Err(format!("the range \"{s}\" goes downwards"));
        }
        return Ok(Parsed::Some(TargetFigure {
            value: lo,
            upper: Some(hi),
            bound: Bound::Floor,
        }));
    }
    let value = num(rest)?;
    Ok(Parsed::Some(TargetFigure {
        value,
        upper: None,
        bound,
    }))
}

/// Rounds half away from zero, the way a report reader expects (88.25 →
/// 88.3), unlike `format!`, which rounds half to even.
pub fn round_half_up(x: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(decimals as i32);
    // The nudge absorbs binary representation error: 88.25 is stored as
    // 88.2499999…, which must still round up.
    let scaled = x * f;
    let nudged = scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0);
    nudged.round() / f
}

/// Prints a number with a fixed count of decimals, rounding half away from
/// zero; with thousands separators when `group` is set.
pub fn format_decimal(x: f64, decimals: u8, group: bool) -> String {
    let r = round_half_up(x, decimals);
    let s = format!("{:.*}", decimals as usize, r.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    if r < 0.0 && (r * 10f64.powi(decimals as i32)).round() != 0.0 {
        out.push('-');
    }
    if group && int.len() > 3 {
        let first = int.len() % 3;
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (i + 3 - first) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The unit of an indicator or target, in both languages. `en_factor`
/// converts a 万-unit figure for English readers (14.4 万人 → 144,000 people).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Chinese unit, as the plan writes it (所, 个, 万人, %).
    #[serde(default)]
    pub zh: String,
    /// English unit (schools, people, %).
    #[serde(default)]
    pub en: String,
    /// Multiply by this for the English figure (10000 for 万).
    #[serde(default)]
    pub en_factor: Option<f64>,
    /// The English unit for exactly one ("school" beside "schools").
    #[serde(default)]
    pub en_one: Option<String>,
}

/// How an indicator's figures are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A plain number with its unit.
    #[default]
    Number,
    /// A ratio to one: 22 shows as "22:1".
    Ratio,
}

/// Formats figures of one unit for one language.
#[derive(Debug, Clone, Copy)]
pub struct Formatter<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// Plain or ratio.
    pub display: Display,
    /// The language.
    pub lang: Lang,
}

impl Formatter<'_> {
    /// The number alone, in this language's convention (no unit).
    pub fn number(&self, n: Number) -> String {
        let (value, decimals) = self.scaled(n);
        let s = format_decimal(value, decimals, self.lang == Lang::En);
        match self.display {
            Display::Ratio => format!("{s}:1"),
            Display::Number => s,
        }
    }

    /// The number with its unit: "16.3万人", "163,000 people", "60%", "22:1".
    pub fn with_unit(&self, n: Number) -> String {
        let num = self.number(n);
        let unit = match (&self.unit.en_one, self.lang) {
            (Some(one), Lang::En) if self.scaled(n).0 == 1.0 => one.as_str(),
            _ => self.unit_label(),
        };
        if unit.is_empty() || self.display == Display::Ratio {
            num
        } else if unit == "%" || self.lang == Lang::Zh {
            format!("{num}{unit}")
        } else {
            format!("{num} {unit}")
        }
    }

    /// The unit in this language ("" when the plan gives none).
    pub fn unit_label(&self) -> &str {
        match self.lang {
            Lang::Zh => &self.unit.zh,
            Lang::En => &self.unit.en,
        }
    }

    /// The value in this language's scale (×10,000 for 万 in English), and
    /// the decimals left to show.
    pub fn scaled(&self, n: Number) -> (f64, u8) {
        match (self.lang, self.unit.en_factor) {
            (Lang::En, Some(f)) if f > 0.0 => {
                let shift = f.log10().round().max(0.0) as u8;
                (n.value * f, n.decimals.saturating_sub(shift))
            }
            _ => (n.value, n.decimals),
        }
    }

    /// A target with its bound in words: "at least 20", "≥20".
    pub fn target(&self, t: &TargetFigure) -> String {
        let v = self.with_unit(t.value);
        if let Some(up) = t.upper {
            return match self.lang {
                Lang::Zh => format!("{}—{}", self.number(t.value), self.with_unit(up)),
                Lang::En => format!("{}–{}", self.number(t.value), self.with_unit(up)),
            };
        }
        match (t.bound, self.lang) {
            (Bound::Exact, _) => v,
            (Bound::Floor, Lang::Zh) => format!("不少于{v}"),
            (Bound::Floor, Lang::En) => format!("at least {v}"),
            (Bound::Ceiling, Lang::Zh) => format!("不高于{v}"),
            (Bound::Ceiling, Lang::En) => format!("at most {v}"),
        }
    }

    /// A target as the plan's table writes it: ">20", "1", "18:1".
    pub fn target_short(&self, t: &TargetFigure) -> String {
        let v = self.number(t.value);
        if let Some(up) = t.upper {
            return format!("{v}–{}", self.number(up));
        }
        match t.bound {
            Bound::Exact => v,
            Bound::Floor => format!(">{v}"),
            Bound::Ceiling => format!("<{v}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> TargetFigure {
        match parse_figure_text(s).unwrap() {
            Parsed::Some(t) => t,
            Parsed::None => panic!("no figure in {s}"),
        }
    }

    #[test]
    fn plan_notation_is_understood() {
        assert_eq!(parse_figure_text("/").unwrap(), Parsed::None);
        assert_eq!(fig(">20").bound, Bound::Floor);
        assert_eq!(fig(">20").value.value, 20.0);
        assert_eq!(fig("不少于 60").value.value, 60.0);
        assert_eq!(fig("<18").bound, Bound::Ceiling);
        assert_eq!(fig("22:1").value.value, 22.0);
        assert_eq!(fig("12.8").value.decimals, 1);
        let r = fig("3-4");
        assert_eq!((r.value.value, r.upper.unwrap().value), (3.0, 4.0));
        assert!(parse_figure_text("abc").is_err());
        assert!(parse_figure_text("4-3").is_err());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(format_decimal(88.25, 1, false), "88.3");
        assert_eq!(format_decimal(0.125, 2, false), "0.13");
        assert_eq!(format_decimal(-2.5, 0, false), "-3");
        assert_eq!(format_decimal(1234567.0, 0, true), "1,234,567");
        assert_eq!(format_decimal(123.0, 0, true), "123");
        assert_eq!(format_decimal(-0.04, 1, false), "0.0");
    }

    #[test]
    fn wan_units_read_naturally_in_both_languages() {
        let unit = Unit {
            zh: "万人".into(),
            en: "people".into(),
            en_factor: Some(10000.0),
            en_one: None,
        };
        let n = Number::new(14.4);
        let f = |lang| Formatter {
            unit: &unit,
            display: Display::Number,
            lang,
        };
        assert_eq!(f(Lang::Zh).with_unit(n), "14.4万人");
        assert_eq!(f(Lang::En).with_unit(n), "144,000 people");
        let pct = Unit {
            zh: "%".into(),
            en: "%".into(),
            en_factor: None,
            en_one: None,
        };
        let p = Formatter {
            unit: &pct,
            display: Display::Number,
            lang: Lang::En,
        };
        assert_eq!(p.target(&fig(">20")), "at least 20%");
        let ratio = Formatter {
            unit: &Unit::default(),
            display: Display::Ratio,
            lang: Lang::Zh,
        };
        assert_eq!(ratio.with_unit(Number::new(22.0)), "22:1");
    }
}
