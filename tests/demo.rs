//! The demonstration site in examples/demo: invented figures that show every
//! status, marked illustrative on every page, earlier editions frozen, and
//! downloads that hold exactly the figures of its YAML files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use planpress::config::ProgressMethod;
use planpress::lang::Lang;
use planpress::model::editions::TaskStatus;
use planpress::model::status::Status;
use planpress::{BuildOptions, Site};
use serde_yaml::Value;

/// A temporary copy of examples/demo (without any output built in place).
/// It has no themes/ folder, so it also proves that a site folder outside
/// the repository builds with the theme built into planpress.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("demo");
    for entry in walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
    {
        let entry = entry.expect("walk");
        let dest = site.join(entry.path().strip_prefix(&from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
    assert!(
        !site.join("themes").exists(),
        "the demo relies on the built-in theme"
    );
    (tmp, site)
}

fn build(site: &Path) -> PathBuf {
    let out = site.join("public");
    if let Err(e) = planpress::build(&BuildOptions {
        site: site.to_path_buf(),
        out: Some(out.clone()),
        force: false,
    }) {
        match e {
            planpress::Error::Site(p) => panic!("{}", p.render(Lang::En, false)),
            other => panic!("{other}"),
        }
    }
    out
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn html_pages(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn the_2024_report_shows_every_status_in_both_languages() {
    let (_tmp, site) = demo();
    let out = build(&site);
    let loaded = Site::load(&site).expect("the demo loads");
    assert_eq!(loaded.config.progress_method, ProgressMethod::Linear);
    for lang in Lang::ALL {
        let page = read(&out, &format!("{}/reports/2024/index.html", lang.code()));
        for s in Status::of_method(loaded.config.progress_method) {
            let shown = format!(
                "<span class=\"status status-{}\"><span class=\"symbol\" aria-hidden=\"true\">{}</span> {}</span>",
                s.key(),
                s.symbol(),
                s.label().get(lang)
            );
            assert!(
                page.contains(&shown),
                "{lang:?}: no indicator shown as {}",
                s.key()
            );
        }
        for s in TaskStatus::ALL {
            assert!(
                page.contains(&format!("task-{}\">{}", s.key(), s.label().get(lang))),
                "{lang:?}: no task shown as {}",
                s.key()
            );
        }
        let beyond = loaded.string("beyond_target", lang);
        assert!(
            page.contains(&format!("<span class=\"beyond\">{beyond}</span>")),
            "{lang:?}"
        );
        // A value of the edition, as a reader reads it.
        let students = match lang {
            Lang::Zh => "2.9万人",
            Lang::En => "29,000 students",
        };
        assert!(page.contains(students), "{lang:?}");
    }
    // The indicator charts carry every year's value.
    let chart = read(&out, "en/charts/vocational-students.svg");
    for year in [
        "2022 actual: 23,000",
        "2023 actual: 27,000",
        "2024 actual: 29,000",
    ] {
        assert!(chart.contains(year), "chart lacks {year}");
    }
}

#[test]
fn every_page_says_the_figures_are_invented() {
    let (_tmp, site) = demo();
    let out = build(&site);
    let pages = html_pages(&out);
    assert!(pages.len() > 40, "{} pages", pages.len());
    assert!(pages.contains(&out.join("index.html")));
    for p in &pages {
        let html = fs::read_to_string(p).expect("read");
        assert!(
            html.contains("<p class=\"illustrative\" role=\"note\">"),
            "{} has no illustrative banner",
            p.display()
        );
    }
    let root = read(&out, "index.html");
    assert!(
        root.contains("本网站中的进度数值均为虚构") && root.contains("invented for demonstration")
    );
}

#[test]
fn publishing_2024_changes_nothing_of_the_2023_report() {
    let (_a, with) = demo();
    let (_b, without) = demo();
    fs::remove_file(without.join("data/progress/2024.yaml")).expect("remove 2024");
    let out_with = build(&with);
    let out_without = build(&without);
    assert!(out_with.join("zh/reports/2024/index.html").exists());
    assert!(!out_without.join("zh/reports/2024/index.html").exists());
    for lang in ["zh", "en"] {
        let mut files = vec![format!("{lang}/reports/2023/index.html")];
        for cat in ["scale", "quality", "teachers"] {
            files.push(format!("{lang}/charts/2023/category-{cat}.svg"));
        }
        for rel in files {
            let a = fs::read(out_with.join(&rel)).expect("with 2024");
            let b = fs::read(out_without.join(&rel)).expect("without 2024");
            assert!(a == b, "{rel} changes when 2024 is published");
        }
    }
}

/// The values of the demo's YAML editions: (year, indicator id) → value.
fn yaml_values(site: &Path) -> BTreeMap<(i64, String), f64> {
    let mut out = BTreeMap::new();
    for year in [2022, 2023, 2024] {
        let text =
            fs::read_to_string(site.join(format!("data/progress/{year}.yaml"))).expect("edition");
        let doc: Value = serde_yaml::from_str(&text).expect("YAML");
        let Value::Mapping(values) = &doc["values"] else {
            panic!("{year} has no values")
        };
        for (id, v) in values {
            let value = v
                .as_f64()
                .or_else(|| v["value"].as_f64())
                .expect("a number");
            out.insert((year, id.as_str().expect("id").to_string()), value);
        }
    }
    out
}

#[test]
fn downloads_hold_exactly_the_yaml_figures() {
    let (_tmp, site) = demo();
    let out = build(&site);
    let expected = yaml_values(&site);
    let loaded = Site::load(&site).expect("the demo loads");
    let indicators = loaded.data.indicators.list.len();

    // JSON: one row per edition and indicator; a missing value is null.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/progress.json")).expect("json"))
            .expect("JSON");
    let rows = json.as_array().expect("an array of rows");
    assert_eq!(rows.len(), 3 * indicators);
    let mut from_json = BTreeMap::new();
    for r in rows {
        let key = (
            r["edition"].as_i64().expect("edition"),
            r["indicator_id"].as_str().expect("id").to_string(),
        );
        match r["value"].as_f64() {
            Some(v) => {
                from_json.insert(key, v);
            }
            None => assert!(r["value"].is_null() && r["status"] == "no_data", "{r}"),
        }
    }
    assert_eq!(from_json, expected);

    // CSV: UTF-8 with a byte-order mark, the columns the data page
    // documents, and the same values.
    let bytes = fs::read(out.join("data/progress.csv")).expect("csv");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the CSV starts with the UTF-8 BOM");
    let data_page = read(&out, "en/data/index.html");
    let documented: Vec<&str> = data_page
        .split("<th scope=\"row\"><code>")
        .skip(1)
        .filter_map(|s| s.split("</code>").next())
        .collect();
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, documented);
    for col in [
        "edition",
        "as_of",
        "indicator_id",
        "value",
        "progress",
        "status",
    ] {
        assert!(header.iter().any(|h| h == col), "no column {col}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (edition, id, value) = (col("edition"), col("indicator_id"), col("value"));
    let mut from_csv = BTreeMap::new();
    let mut count = 0;
    for rec in reader.records() {
        let rec = rec.expect("record");
        count += 1;
        if rec[value].is_empty() {
            continue;
        }
        let key = (
            rec[edition].parse::<i64>().expect("year"),
            rec[id].to_string(),
        );
        from_csv.insert(key, rec[value].parse::<f64>().expect("a number"));
    }
    assert_eq!(count, 3 * indicators);
    assert_eq!(from_csv, expected);
}
