//! Every indicator of the shipped site has its chart in both languages and
//! every category its overview: well-formed, described, reproducible.

mod common;

use std::fs;

use planpress::BuildOptions;

fn build_shipped(out: &std::path::Path) {
    planpress::build(&BuildOptions {
        site: common::repo(),
        out: Some(out.to_path_buf()),
        force: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_indicator_and_category_has_accessible_charts_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_shipped(&out);
    let site = planpress::Site::load(&common::repo())
        .unwrap_or_else(|p| panic!("{}", p.render(planpress::lang::Lang::En, false)));
    let year = site.latest().expect("the shipped site has an edition").year;
    let mut files = Vec::new();
    for lang in ["zh", "en"] {
        for ind in &site.data.indicators.list {
            files.push((
                lang,
                format!("{lang}/charts/{}.svg", ind.id),
                ind.name
                    .get(planpress::lang::Lang::parse(lang).unwrap())
                    .to_string(),
            ));
        }
        for c in &site.data.indicators.categories {
            files.push((
                lang,
                format!("{lang}/charts/{year}/category-{}.svg", c.id),
                c.name
                    .get(planpress::lang::Lang::parse(lang).unwrap())
                    .to_string(),
            ));
        }
    }
    assert_eq!(files.len(), 2 * (37 + 6));
    for (lang, file, name) in &files {
        let svg = fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{file} is not well-formed: {e}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"), "{file}");
        assert!(root.attribute("viewBox").is_some(), "{file}");
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{file} has no title"));
        let desc = root
            .children()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{file} has no desc"));
        assert!(
            title.contains(name.as_str()),
            "{file}: title {title:?} does not name {name:?}"
        );
        assert!(
            desc.len() > name.len(),
            "{file}: desc states no figures: {desc}"
        );
        let texts = root
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .count();
        assert!(texts >= 3, "{file}: text is not text elements");
        let cjk = svg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if *lang == "zh" {
            assert!(cjk, "{file} has no Chinese");
        }
    }
    // The student–teacher ratio says, in words, that lower is better.
    let ratio = fs::read_to_string(out.join("en/charts/student-teacher-ratio.svg")).unwrap();
    assert!(
        ratio.contains("22:1") && ratio.contains("18:1"),
        "ratio figures missing"
    );
    assert!(ratio.to_lowercase().contains("lower is better"));
    let ratio_zh = fs::read_to_string(out.join("zh/charts/student-teacher-ratio.svg")).unwrap();
    assert!(ratio_zh.contains("数值越低越好"));
    // A floor target reads "at least"; no baseline is said so.
    let floor = site
        .data
        .indicators
        .list
        .iter()
        .find(|i| i.baseline.is_none() && i.target.bound == planpress::model::figure::Bound::Floor)
        .expect("the plan has floor targets without a baseline");
    let employment = fs::read_to_string(out.join(format!("en/charts/{}.svg", floor.id))).unwrap();
    assert!(
        employment.contains("at least"),
        "floor target not read as a floor"
    );
    assert!(employment.contains("No 2020 baseline") || employment.contains("no 2020 baseline"));
    // The 2022 value of enrolment is drawn with its label.
    let students = fs::read_to_string(out.join("en/charts/vocational-students.svg")).unwrap();
    assert!(
        students.contains("163,000 people"),
        "2022 actual missing from the chart"
    );
    assert!(students.contains("144,000 people") && students.contains("200,000 people"));
}

#[test]
fn two_builds_give_identical_charts() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_shipped(&a);
    build_shipped(&b);
    let (sa, sb) = (common::snapshot(&a), common::snapshot(&b));
    let charts: Vec<_> = sa.keys().filter(|k| k.ends_with(".svg")).collect();
    assert_eq!(charts.len(), 86);
    assert_eq!(sa, sb, "two builds differ");
}
