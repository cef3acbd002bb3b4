//! The shipped site is the whole plan, faithfully, in both languages.

mod common;

use std::fs;

use planpress::Site;
use planpress::content::shortcode;
use planpress::lang::Lang;
use pulldown_cmark::{Event, Parser, Tag};

fn shipped() -> Site {
    Site::load(&common::repo()).unwrap_or_else(|p| panic!("{}", p.render(Lang::En, false)))
}

#[test]
fn the_main_indicator_table_and_task_lists_are_complete() {
    let site = shipped();
    let ind = &site.data.indicators;
    assert_eq!(ind.categories.len(), 6);
    assert_eq!(
        ind.list.len(),
        37,
        "34 rows, three of them with two figures"
    );
    let rows: std::collections::BTreeSet<u32> = ind.list.iter().map(|i| i.row).collect();
    assert_eq!(rows.len(), 34);
    let two_figure_rows = rows
        .iter()
        .filter(|r| ind.list.iter().filter(|i| i.row == **r).count() == 2)
        .count();
    assert_eq!(two_figure_rows, 3);
    let lists: Vec<usize> = site
        .data
        .tasks
        .lists
        .iter()
        .map(|l| l.tasks.len())
        .collect();
    assert_eq!(lists, [20, 30]);
    assert_eq!(site.data.tasks.boxes.len(), 8);
    for i in &ind.list {
        assert!(i.name.missing().is_empty(), "{}", i.id);
    }
    for l in &site.data.tasks.lists {
        for t in &l.tasks {
            assert!(
                t.text.missing().is_empty() && t.unit.missing().is_empty(),
                "{}",
                t.id
            );
        }
    }
    // Figures exactly as the plan's table gives them.
    let get = |id: &str| ind.get(id).unwrap_or_else(|| panic!("no {id}"));
    let students = get("vocational-students");
    assert_eq!(students.baseline.map(|b| b.value), Some(14.4));
    assert_eq!(students.target.value.value, 20.0);
    let ratio = get("student-teacher-ratio");
    assert_eq!(
        ratio.direction,
        planpress::model::status::Direction::Decrease
    );
    assert_eq!(
        (ratio.baseline.map(|b| b.value), ratio.target.value.value),
        (Some(22.0), 18.0)
    );
}

/// The sequence of blocks of a Markdown body: headings with level,
/// paragraphs, list items, table rows, and shortcodes by name.
fn structure(body: &str) -> Vec<String> {
    let (codes, _) = shortcode::find(body);
    let mut out: Vec<String> = Vec::new();
    for ev in Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => out.push(format!("h{}", level as u8)),
            Event::Start(Tag::Paragraph) => out.push("p".into()),
            Event::Start(Tag::Item) => out.push("li".into()),
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => out.push("tr".into()),
            _ => {}
        }
    }
    out.extend(codes.iter().map(|c| {
        format!(
            "{}:{}",
            c.name,
            c.args
                .iter()
                .filter(|(k, _)| k != "title" && k != "caption")
                .map(|(k, v)| format!("{k}={}", v.as_text()))
                .collect::<Vec<_>>()
                .join(",")
        )
    }));
    out
}

#[test]
fn every_chinese_page_has_an_english_page_of_the_same_structure() {
    let site = shipped();
    let zh = site.pages(Lang::Zh);
    let en = site.pages(Lang::En);
    assert_eq!(zh.len(), 8);
    assert_eq!(
        zh.iter().map(|p| &p.slug).collect::<Vec<_>>(),
        en.iter().map(|p| &p.slug).collect::<Vec<_>>()
    );
    for (z, e) in zh.iter().zip(en) {
        assert_eq!(
            structure(z.body()),
            structure(e.body()),
            "{} differs in structure",
            z.slug
        );
        assert!(
            e.body()
                .chars()
                .all(|c| !('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{} (en) holds Chinese",
            e.slug
        );
    }
}

/// Markdown link syntax removed: `[text](target.md)` reads `text`.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("](") {
        let Some(end) = rest[i..].find(')') else {
            break;
        };
        out.push_str(&rest[..i].replace('[', ""));
        rest = &rest[i + end + 1..];
    }
    out.push_str(&rest.replace('[', ""));
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"*#>|`".contains(*c))
        .collect()
}

#[test]
fn every_sentence_of_the_plan_is_on_the_site() {
    let seed = common::repo().join("../shared/seed/plan-zh.txt");
    let Ok(seed) = fs::read_to_string(&seed) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the seed plan is missing at {}",
            seed.display()
        );
        eprintln!("skipped: the seed plan is not beside the repository");
        return;
    };
    let mut corpus = String::new();
    for dir in ["content/zh", "data", "data/progress"] {
        let mut files: Vec<_> = fs::read_dir(common::repo().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            corpus.push_str(&fs::read_to_string(&f).unwrap());
        }
    }
    let corpus = squash(&strip_links(&corpus));
    // Page numbers are whole lines of digits, with or without dashes.
    let text: String = seed
        .lines()
        .filter(|l| {
            !l.trim()
                .trim_matches('-')
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit())
                || l.trim().is_empty()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = squash(&text);
    // One paragraph of 四（一） is scrambled across a page break in the PDF
    // text; the site carries it in its right order.
    text = text
        .replace("区相关职能部门、职业院校按照各自职责，建立常态化的工作永川区人民政府统筹", "永川区人民政府统筹")
        .replace("研究发展重大问题。永川推进机制。", "研究发展重大问题。永川区相关职能部门、职业院校按照各自职责，建立常态化的工作推进机制。");
    // The indicator table and the annexes are data, checked apart.
    let table_start = text
        .find("西部职教基地“十四五”发展规划主要预期指标指标")
        .expect("table");
    let table_end = text.find("三、重点任务").expect("chapter three");
    let annex_start = text.rfind("附件1永川区任务清单").expect("annex");
    let annex_end = text.find("抄送").expect("cc line");
    let prose = format!(
        "{}{}{}",
        &text[..table_start],
        &text[table_end..annex_start],
        &text[annex_end..]
    );
    let mut missing = Vec::new();
    let mut checked = 0;
    for sentence in prose.split_inclusive(['。', '！', '？', '；']) {
        for part in split_labels(sentence) {
            if part.chars().count() < 2 {
                continue;
            }
            checked += 1;
            if !covered(&corpus, &part) {
                missing.push(part);
            }
        }
    }
    assert!(checked > 250, "only {checked} sentences checked");
    assert!(
        missing.is_empty(),
        "{} of {checked} sentences not found, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    // The annex tasks, in the data, in order.
    let site = shipped();
    for l in &site.data.tasks.lists {
        for t in &l.tasks {
            assert!(
                text.contains(&squash(&t.text.zh)),
                "task {} not in the plan: {}",
                t.id,
                t.text.zh
            );
        }
    }
}

/// Whether a sentence appears in the corpus, whole or as consecutive pieces
/// of at least four characters: a heading or title line of the PDF text
/// runs into the next sentence, while on the site it stands apart.
fn covered(corpus: &str, sentence: &str) -> bool {
    if corpus.contains(sentence) {
        return true;
    }
    let chars: Vec<char> = sentence.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut len = chars.len() - i;
        while len > 0 && !corpus.contains(&chars[i..i + len].iter().collect::<String>()) {
            len -= 1;
        }
        if len < 4.min(chars.len() - i) {
            return false;
        }
        i += len;
    }
    true
}

/// Splits a sentence where a heading, box label or figure label of the plan
/// stands before it (those are headings, titles and shortcodes on the site).
fn split_labels(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let chars: Vec<char> = s.chars().collect();
    let numerals = "一二三四五六七八九十";
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let heading = (c == '（' && chars.get(i + 1).is_some_and(|n| numerals.contains(*n)))
            || (numerals.contains(c) && chars.get(i + 1) == Some(&'、'))
            || (c == '专' && chars.get(i + 1) == Some(&'栏'))
            || (c == '图' && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()));
        if heading {
            parts.push(String::new());
            // Drop the label itself ("专栏1", "图1") which the site shows apart.
            if c == '专' || c == '图' {
                i += if c == '专' { 2 } else { 1 };
                while chars.get(i).is_some_and(|n| n.is_ascii_digit()) {
                    i += 1;
                }
                parts.push(String::new());
                continue;
            }
        }
        parts.last_mut().unwrap().push(c);
        i += 1;
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}
