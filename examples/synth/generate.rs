//! A synthetic planpress site of any size, for the build benchmark.
//!
//! Shared by the `synth` example (which writes one site) and the benchmark
//! in `benches/build.rs` (which writes several), so both measure the same
//! content. Everything is drawn from a small seeded generator: the same
//! [`Spec`] always gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The shape of a synthetic site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Chapter pages per language.
    pub pages: usize,
    /// Indicators (about ten to a category).
    pub indicators: usize,
    /// Progress editions, one a year from 2021.
    pub editions: usize,
    /// Seed of the generator.
    pub seed: u64,
}

/// The most editions a site can have: the plan runs 2020–2030 and an
/// edition may come up to ten years after the target year.
pub const MAX_EDITIONS: usize = 20;

/// Plan span of every synthetic site.
const BASELINE_YEAR: i32 = 2020;
const TARGET_YEAR: i32 = 2030;

/// Indicators per category, roughly.
const PER_CATEGORY: usize = 10;

/// Tasks in the one task list.
const TASKS: usize = 24;

/// Which generator the Markdown is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Planpress,
    Hugo,
}

/// The two languages, in the order files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

impl Lang {
    const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// SplitMix64: small, fast and good enough to vary text and figures.
struct Rng(u64);

impl Rng {
    /// A generator for one purpose, derived from the seed and a few keys so
    /// that pages and languages draw independently of one another.
    fn new(seed: u64, keys: &[u64]) -> Rng {
        let mut r = Rng(seed ^ 0x005E_ED0F_9A7E);
        for k in keys {
            r.0 ^= r.next().wrapping_add(*k);
        }
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A fraction in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Phrases of the plan's own register, for Chinese paragraphs.
const ZH_PHRASES: &[&str] = &[
    "深入推进产教融合",
    "全面改善办学条件",
    "提升基础办学能力",
    "加快建设西部职教基地",
    "推动职业教育高质量发展",
    "健全中高本硕贯通培养体系",
    "深化城校互动发展模式",
    "完善岗课赛证综合育人机制",
    "加强双师型教师队伍建设",
    "支持龙头企业共建产业学院",
    "打造一批高水平专业群",
    "服务成渝地区双城经济圈建设",
    "增强服务地方经济社会发展能力",
    "建设技能型社会",
    "推进职业院校治理体系现代化",
    "扩大优质职业教育资源供给",
    "探索产城职创融合发展路径",
    "提高人才培养质量",
    "建设一批实习实训基地",
    "强化政策供给和资金保障",
    "完善职业技能培训体系",
    "促进学生高质量就业创业",
    "营造尊重技能的社会氛围",
    "推动鲁班工坊走出国门",
    "构建共建共治共享的发展格局",
    "落实立德树人根本任务",
    "支持院校扩建和学生扩招",
    "建立健全质量评价机制",
    "加快数字校园建设",
    "深化校企合作",
    "提升城市能级",
    "服务乡村振兴",
    "打造工程师之城",
    "优化职业院校布局结构",
    "加大统筹力度",
    "形成职业教育发展合力",
    "彰显办学特色",
    "提高区域内就业创业比例",
    "建设国家级示范性职教集团",
    "推进双高计划和双优计划建设",
];

/// Openings of Chinese sentences.
const ZH_LEADS: &[&str] = &[
    "到2025年，",
    "“十四五”期间，",
    "围绕区域主导产业，",
    "坚持以人民为中心，",
    "按照“不同类型、同等重要”的定位，",
    "以“城校互动”为特色，",
    "",
    "",
    "",
];

/// What Chinese figures count.
const ZH_COUNTED: &[(&str, &str)] = &[
    ("所", "职业院校"),
    ("个", "实训基地"),
    ("个", "专业"),
    ("项", "合作项目"),
    ("人", "双师型教师"),
    ("个", "产业学院"),
];

/// Words for English paragraphs.
const EN_WORDS: &[&str] = &[
    "vocational",
    "education",
    "base",
    "industry",
    "integration",
    "schools",
    "colleges",
    "students",
    "teachers",
    "training",
    "quality",
    "development",
    "district",
    "region",
    "plan",
    "support",
    "policy",
    "programmes",
    "enterprises",
    "skills",
    "society",
    "city",
    "capacity",
    "services",
    "high-level",
    "national",
    "municipal",
    "secondary",
    "higher",
    "undergraduate",
    "dual-qualified",
    "workshops",
    "platforms",
    "partnerships",
    "reform",
    "innovation",
    "employment",
    "entrepreneurship",
    "governance",
    "funding",
    "facilities",
    "campus",
    "curriculum",
    "competitions",
    "certificates",
    "apprenticeship",
    "resources",
    "and",
    "the",
    "of",
    "in",
    "for",
    "with",
    "to",
    "a",
    "more",
    "new",
    "build",
    "strengthen",
    "improve",
    "expand",
    "promote",
    "deepen",
    "serve",
    "raise",
    "by",
    "across",
    "through",
];

/// Openings of English sentences.
const EN_LEADS: &[&str] = &[
    "By 2025,",
    "During the 14th Five-Year Plan period,",
    "Around the leading industries of the region,",
    "In line with the plan,",
    "Building on city–school interaction,",
    "",
    "",
    "",
];

/// Chapter topics, in both languages.
const TOPICS: &[(&str, &str)] = &[
    (
        "推进产教深度融合",
        "Deepening Industry–Education Integration",
    ),
    ("建设高水平院校", "Building High-Level Institutions"),
    ("加强师资队伍建设", "Strengthening the Teaching Staff"),
    (
        "完善职业教育体系",
        "Improving the Vocational Education System",
    ),
    ("深化城校互动", "Deepening City–School Interaction"),
    ("服务区域发展", "Serving Regional Development"),
    ("扩大开放合作", "Widening Openness and Cooperation"),
    ("改善办学条件", "Improving Conditions of Provision"),
    ("创新体制机制", "Innovating Institutions and Mechanisms"),
    ("营造良好生态", "Fostering a Good Ecosystem"),
    ("强化组织保障", "Strengthening Organisational Safeguards"),
    ("提升社会贡献", "Raising the Social Contribution"),
];

/// Section headings, in both languages.
const HEADINGS: &[(&str, &str)] = &[
    ("基础与条件", "Foundations and Conditions"),
    ("机遇与挑战", "Opportunities and Challenges"),
    ("主要任务", "Main Tasks"),
    ("重点工程", "Key Projects"),
    ("发展目标", "Development Goals"),
    ("实施路径", "Implementation"),
    ("保障措施", "Safeguards"),
    ("监测评估", "Monitoring and Evaluation"),
];

const ZH_NUMERALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Units: (zh, en, English factor, decimals).
const UNITS: &[(&str, &str, Option<u32>, usize)] = &[
    ("所", "schools", None, 0),
    ("个", "items", None, 0),
    ("人", "people", None, 0),
    ("项", "projects", None, 0),
    ("%", "%", None, 1),
    ("万人", "people", Some(10000), 1),
    ("门", "courses", None, 0),
    ("平方公里", "square kilometres", None, 1),
];

/// One indicator, as the files state it.
struct Indicator {
    id: String,
    category: usize,
    row: usize,
    /// A row label when the indicator opens a row of two.
    row_label: Option<(String, String)>,
    name: (String, String),
    unit: usize,
    ratio: bool,
    baseline: Option<f64>,
    target: f64,
    /// ">" for a floor, "<" for a ceiling, "" for an exact target.
    bound: &'static str,
    decrease: bool,
}

impl Indicator {
    fn decimals(&self) -> usize {
        if self.ratio { 0 } else { UNITS[self.unit].3 }
    }

    fn number(&self, v: f64) -> String {
        format!("{v:.*}", self.decimals())
    }

    fn baseline_text(&self) -> String {
        self.baseline.map_or("/".to_string(), |b| self.number(b))
    }

    fn target_text(&self) -> String {
        format!("{}{}", self.bound, self.number(self.target))
    }

    /// The value reported in edition `e`, if any: on the way from baseline
    /// to target, with some noise.
    fn value(&self, seed: u64, index: usize, e: usize) -> Option<f64> {
        let mut r = Rng::new(seed, &[3, index as u64, e as u64]);
        if !r.chance(85) {
            return None;
        }
        let start = self.baseline.unwrap_or(self.target * 0.3);
        let share = (e + 1) as f64 / (TARGET_YEAR - BASELINE_YEAR) as f64;
        let v = start + (self.target - start) * share * (0.6 + 0.8 * r.unit());
        let scale = 10f64.powi(self.decimals() as i32);
        Some((v * scale).round() / scale)
    }
}

fn category_count(spec: &Spec) -> usize {
    spec.indicators.div_ceil(PER_CATEGORY).max(1)
}

fn indicators(spec: &Spec) -> Vec<Indicator> {
    let m = spec.indicators;
    let cats = category_count(spec);
    let mut out: Vec<Indicator> = Vec::with_capacity(m);
    let mut row = 0;
    for k in 0..m {
        let mut r = Rng::new(spec.seed, &[2, k as u64]);
        let category = k * cats / m;
        let (topic_zh, topic_en) = *r.pick(TOPICS);
        let (counted_unit, counted) = *r.pick(ZH_COUNTED);
        // Every eighth indicator shares its row with the one before it, as
        // the plan's "schools/specialties" rows do.
        let ratio = k % 25 == 24;
        let pairs = k % 8 == 7
            && !ratio
            && out
                .last()
                .is_some_and(|p| p.category == category && !p.ratio && p.row_label.is_none());
        if pairs {
            let prev = out.len() - 1;
            let label = (
                format!("{}/{counted}", out[prev].name.0),
                format!("{} / {}", out[prev].name.1, "related items"),
            );
            out[prev].row_label = Some(label);
        } else {
            row += 1;
        }
        // Mostly the unit of what the name counts; sometimes a share or a
        // figure in 万, as the plan's table mixes them.
        let unit = match UNITS.iter().position(|u| u.0 == counted_unit) {
            Some(u) if r.chance(60) => u,
            _ => r.below(UNITS.len()),
        };
        let decrease = ratio || k % 9 == 4;
        let decimals = if ratio { 0 } else { UNITS[unit].3 };
        let round = |v: f64| {
            let scale = 10f64.powi(decimals as i32);
            (v * scale).round() / scale
        };
        let base = if ratio {
            22.0
        } else if UNITS[unit].0 == "%" {
            round(10.0 + 70.0 * r.unit())
        } else {
            round(1.0 + 400.0 * r.unit()).max(1.0)
        };
        let baseline = (decrease || k % 11 != 5).then_some(base);
        let target = if decrease {
            round(base * (0.6 + 0.3 * r.unit()))
        } else {
            let t = round(base * (1.2 + 0.8 * r.unit()));
            if UNITS[unit].0 == "%" { t.min(99.0) } else { t }
        };
        let bound = match (decrease, r.below(4)) {
            (false, 0) => ">",
            (true, 0) if !ratio => "<",
            _ => "",
        };
        out.push(Indicator {
            id: format!("ind-{:05}", k + 1),
            category,
            row,
            row_label: None,
            name: (
                format!("{topic_zh}{counted}{}", k + 1),
                format!("{topic_en}: measure {}", k + 1),
            ),
            unit,
            ratio,
            baseline,
            target,
            bound,
            decrease,
        });
    }
    out
}

fn slug(i: usize) -> String {
    format!("chapter-{:05}", i + 1)
}

/// The file that marks a folder as written by this generator, so that
/// writing again may empty it.
const MARKER: &str = ".planpress-synth";

/// Empties `dir` for a new site: only a folder this generator wrote (or an
/// empty or missing one), never anything else.
fn fresh(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        let ours = dir.join(MARKER).exists();
        if !ours && fs::read_dir(dir)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the folder is not empty and was not written by synth; choose another",
            ));
        }
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join(MARKER),
        "written by the synth example; rewritten by it\n",
    )
}

/// Writes `text` to `dir/rel`, creating folders.
fn put(dir: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A YAML double-quoted scalar (the generated texts hold no `"` or `\`).
fn q(s: &str) -> String {
    format!("\"{s}\"")
}

fn text2(zh: &str, en: &str) -> String {
    format!("{{zh: {}, en: {}}}", q(zh), q(en))
}

/// Writes a planpress site folder for `spec` into `dir`, with the theme
/// copied from `theme` (the repository's `themes/default`). `dir` must
/// be missing, empty or written by this generator before.
pub fn write_site(spec: &Spec, dir: &Path, theme: &Path) -> io::Result<()> {
    check(spec)?;
    fresh(dir)?;
    let inds = indicators(spec);
    put(
        dir,
        "site.yaml",
        &format!(
            "# A synthetic site written by `cargo run --release --example synth`.\n\
             title: {}\nissuer: {}\nlanguages: [zh, en]\ndefault_language: zh\ntheme: default\n\
             plan: {{baseline_year: {BASELINE_YEAR}, target_year: {TARGET_YEAR}}}\n\
             progress_method: linear\nlinks: file\n",
            text2(
                "合成基准站点发展规划",
                "Synthetic Benchmark Site Development Plan"
            ),
            text2("基准测试办公室", "Benchmark Office"),
        ),
    )?;
    put(dir, "data/indicators.yaml", &indicators_yaml(spec, &inds))?;
    put(dir, "data/tasks.yaml", &tasks_yaml())?;
    for e in 0..spec.editions {
        let year = BASELINE_YEAR + 1 + e as i32;
        put(
            dir,
            &format!("data/progress/{year}.yaml"),
            &edition_yaml(spec, &inds, e),
        )?;
    }
    for i in 0..spec.pages {
        for lang in Lang::ALL {
            put(
                dir,
                &format!("content/{}/{}.md", lang.code(), slug(i)),
                &chapter(spec, &inds, i, lang, Flavor::Planpress),
            )?;
        }
    }
    copy_tree(theme, &dir.join("themes/default"))
}

/// Writes the same chapters as a Hugo site into `dir` (as for [`write_site`]): the
/// Markdown reference for the benchmark. Shortcodes become Hugo shortcodes
/// that show the indicator's figures from Hugo's data folder; Hugo draws no
/// charts.
pub fn write_hugo(spec: &Spec, dir: &Path) -> io::Result<()> {
    check(spec)?;
    fresh(dir)?;
    let inds = indicators(spec);
    put(
        dir,
        "hugo.toml",
        "baseURL = \"/\"\nrelativeURLs = true\ndefaultContentLanguage = \"zh\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
         [markup.goldmark.renderer]\nunsafe = true\n\
         [languages.zh]\ncontentDir = \"content/zh\"\nlanguageName = \"中文\"\nweight = 1\n\
         title = \"合成基准站点发展规划\"\n\
         [languages.en]\ncontentDir = \"content/en\"\nlanguageName = \"English\"\nweight = 2\n\
         title = \"Synthetic Benchmark Site Development Plan\"\n",
    )?;
    let mut data = String::new();
    for ind in &inds {
        let _ = writeln!(
            data,
            "{}: {{category: cat-{:03}, name_zh: {}, name_en: {}, baseline: {}, target: {}, unit_zh: {}, unit_en: {}}}",
            ind.id,
            ind.category + 1,
            q(&ind.name.0),
            q(&ind.name.1),
            q(&ind.baseline_text()),
            q(&ind.target_text()),
            q(UNITS[ind.unit].0),
            q(UNITS[ind.unit].1),
        );
    }
    put(dir, "data/ind.yaml", &data)?;
    // Each category's members, so that a category table visits only its
    // own indicators, as planpress's does.
    let mut cats = String::new();
    let mut last = None;
    for ind in &inds {
        if last != Some(ind.category) {
            let _ = writeln!(cats, "cat-{:03}:", ind.category + 1);
            last = Some(ind.category);
        }
        let _ = writeln!(cats, "  - {}", ind.id);
    }
    put(dir, "data/cats.yaml", &cats)?;
    put(
        dir,
        "layouts/_default/baseof.html",
        "<!doctype html>\n<html lang=\"{{ .Language.Lang }}\"><head><meta charset=\"utf-8\">\
         <title>{{ .Title }} · {{ site.Title }}</title>\
         {{ range .Translations }}<link rel=\"alternate\" hreflang=\"{{ .Language.Lang }}\" href=\"{{ .RelPermalink }}\">{{ end }}\
         </head><body><header><a href=\"{{ site.Home.RelPermalink }}\">{{ site.Title }}</a>\
         {{ range .Translations }} <a href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}</a>{{ end }}</header>\
         <main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    )?;
    put(
        dir,
        "layouts/_default/single.html",
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</article>\
         <nav>{{ with .PrevInSection }}<a rel=\"prev\" href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\
         {{ with .NextInSection }}<a rel=\"next\" href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav>{{ end }}\n",
    )?;
    put(
        dir,
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}\n",
    )?;
    put(
        dir,
        "layouts/shortcodes/indicator.html",
        "{{ with index site.Data.ind (.Get \"id\") }}<figure><img src=\"../charts/{{ $.Get \"id\" }}.svg\" alt=\"\" width=\"640\" height=\"360\">\
         <figcaption>{{ if eq $.Page.Language.Lang \"zh\" }}{{ .name_zh }}{{ else }}{{ .name_en }}{{ end }}: {{ .baseline }} → {{ .target }}</figcaption></figure>{{ end }}\n",
    )?;
    put(
        dir,
        "layouts/shortcodes/indicator_table.html",
        "<table><tbody>{{ range $id := index site.Data.cats (.Get \"category\") }}{{ with index site.Data.ind $id }}<tr><th><a href=\"../../indicators/{{ $id }}/\">{{ if eq $.Page.Language.Lang \"zh\" }}{{ .name_zh }}{{ else }}{{ .name_en }}{{ end }}</a></th><td>{{ .baseline }}</td><td>{{ .target }}</td></tr>{{ end }}{{ end }}</tbody></table>\n",
    )?;
    put(
        dir,
        "layouts/shortcodes/task_list.html",
        "<ol class=\"tasks\"><li>{{ .Get \"list\" }}</li></ol>\n",
    )?;
    put(
        dir,
        "layouts/shortcodes/box_targets.html",
        "<ul class=\"targets\"><li>{{ .Get \"box\" }}</li></ul>\n",
    )?;
    put(
        dir,
        "layouts/shortcodes/box.html",
        "<aside class=\"box\"><p>{{ .Get \"title\" }}</p>{{ .Inner }}</aside>\n",
    )?;
    for lang in Lang::ALL {
        put(
            dir,
            &format!("content/{}/_index.md", lang.code()),
            "---\ntitle: Home\n---\n",
        )?;
        for i in 0..spec.pages {
            put(
                dir,
                &format!("content/{}/{}.md", lang.code(), slug(i)),
                &chapter(spec, &inds, i, lang, Flavor::Hugo),
            )?;
        }
    }
    Ok(())
}

fn check(spec: &Spec) -> io::Result<()> {
    let bad = |why: String| Err(io::Error::new(io::ErrorKind::InvalidInput, why));
    if spec.pages == 0 || spec.indicators == 0 {
        return bad("a synthetic site needs at least one page and one indicator".into());
    }
    if spec.editions > MAX_EDITIONS {
        return bad(format!("at most {MAX_EDITIONS} editions"));
    }
    if spec.pages > 99_999 || spec.indicators > 99_999 {
        return bad("at most 99,999 pages and 99,999 indicators".into());
    }
    Ok(())
}

fn indicators_yaml(spec: &Spec, inds: &[Indicator]) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "table_title: {}\ncategories:",
        text2(
            "合成规划主要预期指标",
            "Main Expected Indicators of the Synthetic Plan"
        )
    );
    for c in 0..category_count(spec) {
        let (zh, en) = TOPICS[c % TOPICS.len()];
        let _ = writeln!(
            y,
            "  - id: cat-{:03}\n    name: {}",
            c + 1,
            text2(&format!("{zh}（{}）", c + 1), &format!("{en} ({})", c + 1))
        );
    }
    y.push_str("indicators:\n");
    for ind in inds {
        let (uzh, uen, factor, _) = UNITS[ind.unit];
        let _ = writeln!(
            y,
            "  - id: {}\n    category: cat-{:03}\n    row: {}",
            ind.id,
            ind.category + 1,
            ind.row
        );
        if let Some((zh, en)) = &ind.row_label {
            let _ = writeln!(y, "    row_label: {}", text2(zh, en));
        }
        let _ = writeln!(y, "    name: {}", text2(&ind.name.0, &ind.name.1));
        if ind.ratio {
            y.push_str("    unit: {zh: \"\", en: \"\"}\n    display: ratio\n");
        } else if let Some(f) = factor {
            let _ = writeln!(
                y,
                "    unit: {{zh: {}, en: {}, en_factor: {f}}}",
                q(uzh),
                q(uen)
            );
        } else {
            let _ = writeln!(y, "    unit: {}", text2(uzh, uen));
        }
        let _ = writeln!(
            y,
            "    baseline: {}\n    target: {}",
            q(&ind.baseline_text()),
            q(&ind.target_text())
        );
        if ind.decrease {
            y.push_str("    direction: decrease\n");
        }
    }
    y
}

fn tasks_yaml() -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "lists:\n  - id: tasks\n    title: {}\n    unit_heading: {}\n    tasks:",
        text2("任务清单", "Task List"),
        text2("牵头单位", "Lead unit")
    );
    let mut r = Rng::new(7, &[]);
    for t in 0..TASKS {
        let (zh, en) = *r.pick(TOPICS);
        let _ = writeln!(
            y,
            "      - id: task-{:02}\n        text: {}\n        unit: {}",
            t + 1,
            text2(
                &format!("{zh}重点任务{}", t + 1),
                &format!("{en}: key task {}", t + 1)
            ),
            text2("区教委", "District Education Commission"),
        );
    }
    let _ = writeln!(
        y,
        "boxes:\n  - number: 1\n    page: {}\n    section: {}\ntargets:",
        slug(0),
        text2("（一）主要任务", "(1) Main Tasks")
    );
    for (i, (zh, en, target)) in [
        ("国家级课程", "National-level courses", "20"),
        ("实训基地", "Training bases", "\">=60\""),
        ("产业学院", "Industry colleges", "12"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            y,
            "  - id: target-{}\n    box: 1\n    name: {}\n    target: {target}\n    unit: {}",
            i + 1,
            text2(zh, en),
            text2("个", "items")
        );
    }
    y
}

fn edition_yaml(spec: &Spec, inds: &[Indicator], e: usize) -> String {
    let year = BASELINE_YEAR + 1 + e as i32;
    let mut y = format!(
        "year: {year}\nas_of: {year}-12-31\npublished: {}-03-31\ntitle: {}\nvalues:\n",
        year + 1,
        text2(
            &format!("{year}年度进展报告"),
            &format!("Progress Report {year}")
        )
    );
    for (k, ind) in inds.iter().enumerate() {
        let Some(v) = ind.value(spec.seed, k, e) else {
            continue;
        };
        let mut r = Rng::new(spec.seed, &[4, k as u64, e as u64]);
        let note = r.chance(10);
        let source = r.chance(30);
        if !note && !source {
            let _ = writeln!(y, "  {}: {}", ind.id, ind.number(v));
            continue;
        }
        let _ = writeln!(y, "  {}:\n    value: {}", ind.id, ind.number(v));
        if note {
            let _ = writeln!(
                y,
                "    note: {}",
                text2("按年末在校口径统计。", "Counted at the end of the year.")
            );
        }
        if source {
            let _ = writeln!(
                y,
                "    source: {}",
                text2("区教委年度统计", "District Education Commission statistics")
            );
        }
    }
    y.push_str("tasks:\n");
    let statuses = ["not_started", "in_progress", "completed", "behind"];
    for t in 0..TASKS {
        let mut r = Rng::new(spec.seed, &[5, t as u64, e as u64]);
        let _ = writeln!(
            y,
            "  task-{:02}: {{status: {}}}",
            t + 1,
            statuses[(r.below(3) + e.min(2)).min(3)]
        );
    }
    let _ = writeln!(
        y,
        "facts:\n  - id: staff\n    label: {}\n    value: {}\n    unit: {}",
        text2("教职工", "Teaching and other staff"),
        9000 + 100 * e,
        text2("人", "people")
    );
    y
}

/// Writes shortcodes for one generator.
struct Shortcodes(Flavor);

impl Shortcodes {
    fn inline(&self, name: &str, key: &str, value: &str) -> String {
        match self.0 {
            Flavor::Planpress => {
                let v = if value.bytes().all(|b| b.is_ascii_digit()) {
                    value.to_string()
                } else {
                    q(value)
                };
                format!("{{{{ {name}({key}={v}) }}}}")
            }
            Flavor::Hugo => format!("{{{{< {name} {key}={} >}}}}", q(value)),
        }
    }

    fn open_box(&self, title: &str) -> String {
        match self.0 {
            Flavor::Planpress => format!("{{% box(title={}) %}}", q(title)),
            Flavor::Hugo => format!("{{{{% box title={} %}}}}", q(title)),
        }
    }

    fn close_box(&self) -> &'static str {
        match self.0 {
            Flavor::Planpress => "{% end %}",
            Flavor::Hugo => "{{% /box %}}",
        }
    }

    fn link(&self, text: &str, target: &str) -> String {
        match self.0 {
            Flavor::Planpress => format!("[{text}]({target}.md)"),
            Flavor::Hugo => format!("[{text}]({{{{< relref \"{target}.md\" >}}}})"),
        }
    }
}

/// Writes running text in one language.
struct Writer<'a> {
    lang: Lang,
    r: Rng,
    inds: &'a [Indicator],
}

impl Writer<'_> {
    fn zh_sentence(&mut self) -> String {
        let mut s = self.r.pick(ZH_LEADS).to_string();
        let n = self.r.range(2, 4);
        for i in 0..n {
            if i > 0 {
                s.push('，');
            }
            s.push_str(self.r.pick::<&str>(ZH_PHRASES));
        }
        if self.r.chance(40) {
            let (unit, what) = *self.r.pick(ZH_COUNTED);
            let _ = write!(s, "，建成{what}{}{unit}", self.r.range(2, 300));
        }
        s.push('。');
        s
    }

    fn en_sentence(&mut self) -> String {
        let lead = self.r.pick(EN_LEADS);
        let n = self.r.range(9, 20);
        let mut words: Vec<String> = Vec::with_capacity(n + 2);
        for _ in 0..n {
            words.push(self.r.pick(EN_WORDS).to_string());
        }
        if self.r.chance(35) {
            words.push(format!(
                "{} {}",
                self.r.range(2, 300),
                self.r.pick(EN_WORDS)
            ));
        }
        let mut s = words.join(" ");
        if lead.is_empty() {
            let mut c = s.chars();
            s = match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => s,
            };
        } else {
            s = format!("{lead} {s}");
        }
        s.push('.');
        s
    }

    /// A paragraph of about `size` characters (Chinese) or words (English).
    fn paragraph(&mut self, size: usize) -> String {
        let mut p = String::new();
        match self.lang {
            Lang::Zh => {
                while p.chars().count() < size {
                    p.push_str(&self.zh_sentence());
                }
            }
            Lang::En => {
                let mut words = 0;
                while words < size {
                    let s = self.en_sentence();
                    words += s.split(' ').count();
                    if !p.is_empty() {
                        p.push(' ');
                    }
                    p.push_str(&s);
                }
            }
        }
        p
    }

    fn list_item(&mut self) -> String {
        match self.lang {
            Lang::Zh => {
                let a = self.r.pick(ZH_PHRASES);
                let b = self.r.pick(ZH_PHRASES);
                format!("{a}，{b}。")
            }
            Lang::En => {
                let n = self.r.range(5, 10);
                let words: Vec<&str> = (0..n).map(|_| *self.r.pick(EN_WORDS)).collect();
                format!("To {}.", words.join(" "))
            }
        }
    }

    fn table(&mut self, picks: &[usize]) -> String {
        let mut t = String::new();
        match self.lang {
            Lang::Zh => {
                t.push_str("| 指标 | 单位 | 2020年 | 2030年 |\n| --- | --- | ---: | ---: |\n")
            }
            Lang::En => {
                t.push_str("| Indicator | Unit | 2020 | 2030 |\n| --- | --- | ---: | ---: |\n")
            }
        }
        for &k in picks {
            let ind = &self.inds[k];
            let (name, unit) = match self.lang {
                Lang::Zh => (&ind.name.0, UNITS[ind.unit].0),
                Lang::En => (&ind.name.1, UNITS[ind.unit].1),
            };
            let unit = if ind.ratio { ":" } else { unit };
            let _ = writeln!(
                t,
                "| {name} | {unit} | {} | {} |",
                ind.baseline_text(),
                ind.target_text()
            );
        }
        t
    }
}

/// One chapter in one language. The structure (headings, lists, tables,
/// shortcodes, links) is drawn from the page's own generator, the words
/// from the language's, so both languages of a page have the same shape.
fn chapter(spec: &Spec, inds: &[Indicator], i: usize, lang: Lang, flavor: Flavor) -> String {
    let mut shape = Rng::new(spec.seed, &[1, i as u64]);
    let mut w = Writer {
        lang,
        r: Rng::new(spec.seed, &[6, i as u64, lang as u64]),
        inds,
    };
    let sc = Shortcodes(flavor);
    // About 1,500 characters of Chinese, 600 words of English, in eleven
    // paragraphs plus lists and a table.
    let para = match lang {
        Lang::Zh => 100,
        Lang::En => 36,
    };
    let (topic_zh, topic_en) = *shape.pick(TOPICS);
    let title = match lang {
        Lang::Zh => format!("第{}章 {topic_zh}", i + 1),
        Lang::En => format!("Chapter {}: {topic_en}", i + 1),
    };
    let order_key = match flavor {
        Flavor::Planpress => "order",
        Flavor::Hugo => "weight",
    };
    let mut md = format!("---\ntitle: {}\n{order_key}: {}\n---\n", q(&title), i + 1);
    md.push_str(&w.paragraph(para));
    md.push_str("\n\n");
    // Three sections, each with its own kind of content (see the match).
    for (s, numeral) in ZH_NUMERALS.iter().enumerate().take(3) {
        let (h_zh, h_en) = *shape.pick(HEADINGS);
        let _ = match lang {
            Lang::Zh => writeln!(md, "## （{numeral}）{h_zh}\n"),
            Lang::En => writeln!(md, "## ({}) {h_en}\n", s + 1),
        };
        md.push_str(&w.paragraph(para));
        md.push_str("\n\n");
        // A run-in head in bold, punctuation outside the asterisks.
        let head = match lang {
            Lang::Zh => format!("**{}.{}**。", s + 1, w.r.pick(ZH_PHRASES)),
            Lang::En => format!("**{}. {}.**", s + 1, w.list_item().trim_end_matches('.')),
        };
        let body = w.paragraph(para);
        let sep = if lang == Lang::En { " " } else { "" };
        md.push_str(&format!("{head}{sep}{body}\n\n"));
        match s {
            0 => {
                let items = shape.range(3, 5);
                for _ in 0..items {
                    let _ = writeln!(md, "- {}", w.list_item());
                }
                md.push('\n');
                let k = shape.below(inds.len());
                md.push_str(&sc.inline("indicator", "id", &inds[k].id));
                md.push_str("\n\n");
            }
            1 => {
                let _ = match lang {
                    Lang::Zh => writeln!(md, "### 1.{}\n", shape.pick(ZH_PHRASES)),
                    Lang::En => writeln!(md, "### 1. Key measures {}\n", shape.range(1, 9)),
                };
                md.push_str(&w.paragraph(para));
                md.push_str("\n\n");
                let picks: Vec<usize> = (0..4).map(|_| shape.below(inds.len())).collect();
                md.push_str(&w.table(&picks));
                md.push('\n');
                let items = shape.range(3, 4);
                for n in 0..items {
                    let _ = writeln!(md, "{}. {}", n + 1, w.list_item());
                }
                md.push('\n');
            }
            _ => {
                let target = shape.below(spec.pages);
                let link = match lang {
                    Lang::Zh => format!(
                        "详见{}。",
                        sc.link(&format!("第{}章", target + 1), &slug(target))
                    ),
                    Lang::En => format!(
                        "See {}.",
                        sc.link(&format!("Chapter {}", target + 1), &slug(target))
                    ),
                };
                let body = w.paragraph(para);
                let _ = writeln!(md, "{body}{sep}{link}\n");
                md.push_str(&w.paragraph(para));
                md.push_str("\n\n");
            }
        }
    }
    if i % 10 == 3 {
        let c = shape.below(category_count(spec));
        md.push_str(&sc.inline("indicator_table", "category", &format!("cat-{:03}", c + 1)));
        md.push_str("\n\n");
    }
    if i == 0 {
        let title = match lang {
            Lang::Zh => "专栏1",
            Lang::En => "Box 1",
        };
        md.push_str(&sc.open_box(title));
        md.push_str("\n\n");
        md.push_str(&w.paragraph(para / 2));
        md.push_str("\n\n");
        md.push_str(sc.close_box());
        md.push_str("\n\n");
        md.push_str(&sc.inline("box_targets", "box", "1"));
        md.push_str("\n\n");
        md.push_str(&sc.inline("task_list", "list", "tasks"));
        md.push_str("\n\n");
    }
    md.push_str(&w.paragraph(para));
    md.push('\n');
    md
}
