//! Whole builds of small fixture sites: what a reader and an uploader get.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{fixture, links, resolve, snapshot};
use planpress::BuildOptions;

fn build(site: &Path) -> planpress::BuildReport {
    planpress::build(&BuildOptions {
        site: site.to_path_buf(),
        out: None,
        force: false,
    })
    .unwrap_or_else(|e| match e {
        planpress::Error::Site(p) => panic!("{}", p.render(planpress::lang::Lang::En, false)),
        other => panic!("{other}"),
    })
}

fn html_pages(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_exists_in_both_languages() {
    let (_tmp, site) = fixture("basic-site");
    let report = build(&site);
    let out = site.join("public");
    let pages = html_pages(&out);
    assert_eq!(report.counts.pages, pages.len());
    let zh: Vec<&String> = pages.iter().filter(|p| p.starts_with("zh/")).collect();
    let en: Vec<&String> = pages.iter().filter(|p| p.starts_with("en/")).collect();
    assert_eq!(zh.len(), en.len());
    for p in &zh {
        let other = format!("en/{}", &p[3..]);
        assert!(out.join(&other).exists(), "{p} has no {other}");
        let html = fs::read_to_string(out.join(p)).unwrap();
        assert!(html.contains("<html lang=\"zh-CN\">"), "{p}");
    }
    for p in &en {
        let html = fs::read_to_string(out.join(p)).unwrap();
        assert!(html.contains("<html lang=\"en\">"), "{p}");
    }
    for expected in [
        "index.html",
        "zh/index.html",
        "zh/intro/index.html",
        "zh/annex/index.html",
        "zh/indicators/index.html",
        "zh/indicators/students/index.html",
        "zh/reports/index.html",
        "zh/reports/2022/index.html",
        "zh/print/index.html",
        "zh/methodology/index.html",
        "zh/data/index.html",
        "en/indicators/ratio/index.html",
        "data/progress.csv",
        "data/progress-2022.json",
        "zh/charts/students.svg",
        "en/charts/2022/category-scale.svg",
        "static/style.css",
    ] {
        assert!(out.join(expected).exists(), "missing {expected}");
    }
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let out = site.join("public");
    let mut checked = 0;
    for page in html_pages(&out) {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        for link in links(&html) {
            assert!(!link.starts_with('/'), "{page}: absolute link {link}");
            assert!(!link.contains("://"), "{page}: external link {link}");
            let target = resolve(&out, &page, &link).unwrap();
            assert!(
                target.is_file(),
                "{page}: {link} -> {} does not exist",
                target.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn language_switch_leads_to_the_counterpart() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let out = site.join("public");
    for page in html_pages(&out).into_iter().filter(|p| p.contains('/')) {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        let switch = html
            .split("class=\"lang-switch\" href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{page} has no language switch"));
        let target = resolve(&out, &page, switch).unwrap();
        let rel = target
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let (lang, rest) = page.split_once('/').unwrap();
        let other = if lang == "zh" { "en" } else { "zh" };
        assert_eq!(rel, format!("{other}/{rest}"), "switch on {page}");
        assert!(html.contains(&format!(
            "hreflang=\"{}\"",
            if other == "zh" { "zh-CN" } else { "en" }
        )));
    }
}

#[test]
fn names_from_data_are_escaped_in_html_and_svg() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let out = site.join("public");
    for page in [
        "en/indicators/index.html",
        "en/indicators/students/index.html",
        "en/intro/index.html",
        "en/print/index.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            !html.contains("<script>alert(1)</script>"),
            "{page} has a live script"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page} lost the name"
        );
        assert!(html.contains("&amp; staff"), "{page}");
    }
    let svg = fs::read_to_string(out.join("en/charts/students.svg")).unwrap();
    assert!(!svg.contains("<script>"), "chart has a live script");
    assert!(svg.contains("&lt;script&gt;"), "chart lost the name");
    let zh = fs::read_to_string(out.join("zh/indicators/index.html")).unwrap();
    assert!(zh.contains("规模 &amp; 质量"));
}

#[test]
fn chinese_line_breaks_leave_no_space_and_boxes_are_boxes() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let html = fs::read_to_string(site.join("public/zh/intro/index.html")).unwrap();
    assert!(
        html.contains("第一段文字，换行后继续。"),
        "stray space from a wrapped line"
    );
    assert!(html.contains("<div class=\"box\""), "box not rendered");
    assert!(html.contains("专栏1") && html.contains("课程") && html.contains("20门"));
    assert!(
        html.contains("href=\"../annex/index.html\""),
        "markdown link not rewritten"
    );
    let en = fs::read_to_string(site.join("public/en/intro/index.html")).unwrap();
    assert!(
        en.contains("167,000 people"),
        "万 not converted for English readers"
    );
}

#[test]
fn a_bad_shortcode_fails_naming_file_and_line() {
    let (_tmp, site) = fixture("basic-site");
    let page = site.join("content/en/intro.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replace(
            "{{ indicator(id=\"students\") }}",
            "{{ indicator(id=\"studnets\") }}",
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["build", "--site"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("content/en/intro.md:10:1"), "{err}");
    assert!(err.contains("unknown indicator `studnets`"), "{err}");
    assert!(err.contains("students"), "no suggestion: {err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let out = site.join("public");
    let before = snapshot(&out);
    fs::write(
        site.join("data/progress/2022.yaml"),
        "year: 2022\nas_of: 2022-12-31\nvalues:\n  students: lots\n",
    )
    .unwrap();
    let err = planpress::build(&BuildOptions {
        site: site.clone(),
        out: None,
        force: false,
    })
    .unwrap_err();
    assert!(matches!(err, planpress::Error::Site(_)));
    assert_eq!(
        before,
        snapshot(&out),
        "output changed after a failed build"
    );
    let siblings: Vec<_> = fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !siblings.iter().any(|n| n.contains("planpress-")),
        "staging left behind: {siblings:?}"
    );
}

#[test]
fn builds_are_reproducible() {
    let (_tmp, site) = fixture("basic-site");
    build(&site);
    let first = snapshot(&site.join("public"));
    build(&site);
    assert_eq!(first, snapshot(&site.join("public")));
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_make() {
    let (tmp, site) = fixture("basic-site");
    let foreign = tmp.path().join("mine");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    let err = planpress::build(&BuildOptions {
        site: site.clone(),
        out: Some(foreign.clone()),
        force: false,
    })
    .unwrap_err();
    assert!(matches!(err, planpress::Error::Output(_)), "{err}");
    assert_eq!(
        fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "keep me"
    );
    let err = planpress::build(&BuildOptions {
        site: site.clone(),
        out: Some(site.clone()),
        force: true,
    })
    .unwrap_err();
    assert!(matches!(err, planpress::Error::Output(_)), "{err}");
}
