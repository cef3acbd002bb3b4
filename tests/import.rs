//! `planpress import`: spreadsheets in, an edition file out that the site
//! builds from, and nothing overwritten unless asked.

use std::fs;
use std::path::{Path, PathBuf};

use planpress::import::{ImportError, ImportOptions, ImportReport, import};
use planpress::lang::Lang;
use planpress::{BuildOptions, Site};
use serde_yaml::Value;

/// Copies a folder recursively.
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let dest = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// A temporary copy of tests/fixtures/import-site with the repository's
/// default theme copied in.
fn site() -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo.join("tests/fixtures/import-site"), &site);
    copy_dir(&repo.join("themes/default"), &site.join("themes/default"));
    (tmp, site)
}

fn opts(site: &Path, file: &Path, year: i32) -> ImportOptions {
    ImportOptions {
        site: site.to_path_buf(),
        file: file.to_path_buf(),
        year,
        as_of: None,
        force: false,
    }
}

fn run(o: &ImportOptions) -> ImportReport {
    import(o).unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)))
}

fn edition(site: &Path, year: i32) -> Value {
    let text = fs::read_to_string(site.join(format!("data/progress/{year}.yaml")))
        .expect("edition written");
    serde_yaml::from_str(&text).expect("YAML")
}

fn value(ed: &Value, id: &str) -> Option<f64> {
    ed["values"].get(id).and_then(|v| v["value"].as_f64())
}

fn build(site: &Path) {
    if let Err(e) = planpress::build(&BuildOptions {
        site: site.to_path_buf(),
        out: None,
        force: false,
    }) {
        match e {
            planpress::Error::Site(p) => panic!("{}", p.render(Lang::En, false)),
            other => panic!("{other}"),
        }
    }
}

fn page(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn csv_with_bom_and_header_becomes_an_edition_the_site_builds_from() {
    let (tmp, site) = site();
    let csv = tmp.path().join("2023.csv");
    fs::write(
        &csv,
        "\u{feff}指标,数值,说明,来源\r\n\
         职业院校在校生规模（万人）,17.2,据区教委统计,区教委\r\n\
         \u{3000}employment-rate\u{3000},86.5%,,Graduate survey 2023\r\n\
         生师比,,,\r\n\
         ,,,\r\n\
         在校生人数,5,,\r\n",
    )
    .unwrap();
    let report = run(&opts(&site, &csv, 2023));

    assert_eq!(report.written, site.join("data/progress/2023.yaml"));
    assert_eq!(report.matched, 2);
    assert_eq!(report.header, Some(1));
    let unmatched: Vec<(usize, &str)> = report
        .unmatched
        .iter()
        .map(|u| (u.row, u.cell.as_str()))
        .collect();
    assert_eq!(unmatched, vec![(6, "在校生人数")]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(
        (report.skipped[0].row, report.skipped[0].indicator.as_str()),
        (4, "student-teacher-ratio")
    );
    assert!(
        report.skipped[0].reason.en.contains("empty"),
        "{:?}",
        report.skipped[0].reason
    );
    // Every one-language text is listed for translation, with its language.
    let untranslated: Vec<(usize, &str, Lang)> = report
        .untranslated
        .iter()
        .map(|u| (u.row, u.field, u.written_in))
        .collect();
    assert_eq!(
        untranslated,
        vec![
            (2, "note", Lang::Zh),
            (2, "source", Lang::Zh),
            (3, "source", Lang::En)
        ]
    );
    let warnings = report.warnings(Lang::Zh);
    assert!(warnings.contains("第 6 行 `在校生人数`"), "{warnings}");
    assert!(warnings.contains("请翻译 en"), "{warnings}");

    let ed = edition(&site, 2023);
    assert_eq!(ed["year"].as_i64(), Some(2023));
    assert_eq!(ed["as_of"].as_str(), Some("2023-12-31"));
    assert_eq!(value(&ed, "vocational-students"), Some(17.2));
    assert_eq!(value(&ed, "employment-rate"), Some(86.5));
    assert!(
        ed["values"].get("student-teacher-ratio").is_none(),
        "an empty value is no data, not zero"
    );
    let note = &ed["values"]["vocational-students"]["note"];
    assert_eq!(note["zh"].as_str(), Some("据区教委统计"));
    assert_eq!(note["en"].as_str(), Some("据区教委统计"));
    let source = &ed["values"]["employment-rate"]["source"];
    assert_eq!(source["zh"].as_str(), Some("Graduate survey 2023"));
    assert_eq!(source["en"].as_str(), Some("Graduate survey 2023"));

    let loaded = Site::load(&site).unwrap_or_else(|p| panic!("{}", p.render(Lang::En, false)));
    assert_eq!(loaded.data.editions.len(), 1);
    build(&site);
    let zh = page(&site, "zh/reports/2023/index.html");
    assert!(
        zh.contains("17.2万人"),
        "the zh report shows the imported value"
    );
    assert!(zh.contains("86.5%"));
    let en = page(&site, "en/reports/2023/index.html");
    assert!(
        en.contains("172,000"),
        "the en report shows the imported value in full"
    );
}

#[test]
fn xlsx_with_a_title_row_and_percent_cells_becomes_an_edition() {
    use rust_xlsxwriter::{Format, Workbook};
    let (tmp, site) = site();
    let path = tmp.path().join("figures.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let pct = Format::new().set_num_format("0.0%");
    sheet.write_string(0, 0, "2024年主要指标完成情况").unwrap();
    for (c, h) in ["序号", "指标名称", "单位", "本期数值", "备注"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_number(2, 0, 1).unwrap();
    sheet
        .write_string(2, 1, "职业院校在校生规模（万人）")
        .unwrap();
    sheet.write_string(2, 2, "万人").unwrap();
    sheet.write_number(2, 3, 18.5).unwrap();
    sheet.write_string(2, 4, "Provisional figure").unwrap();
    sheet.write_number(3, 0, 2).unwrap();
    sheet.write_string(3, 1, "毕业生就业率").unwrap();
    sheet.write_number_with_format(3, 3, 0.875, &pct).unwrap();
    sheet.write_number(4, 0, 3).unwrap();
    sheet.write_string(4, 1, "生师比").unwrap();
    sheet.write_string(4, 3, "19:1").unwrap();
    sheet.write_number(5, 0, 4).unwrap();
    sheet
        .write_string(5, 1, "职业院校在校生规模（人）")
        .unwrap();
    sheet.write_number(5, 3, 185000).unwrap();
    book.save(&path).unwrap();

    let mut o = opts(&site, &path, 2024);
    o.as_of = Some("2025-01-15".into());
    let report = run(&o);
    assert_eq!(report.matched, 3);
    assert_eq!(report.header, Some(2));
    assert_eq!(
        report.ignored_columns,
        vec!["序号".to_string(), "单位".to_string()]
    );
    let unmatched: Vec<usize> = report.unmatched.iter().map(|u| u.row).collect();
    assert_eq!(
        unmatched,
        vec![1, 6],
        "the title row and the row in the wrong unit"
    );
    assert!(
        report.unmatched[1].reason.en.contains("unit"),
        "{:?}",
        report.unmatched[1].reason
    );

    let ed = edition(&site, 2024);
    assert_eq!(ed["as_of"].as_str(), Some("2025-01-15"));
    assert_eq!(value(&ed, "vocational-students"), Some(18.5));
    assert_eq!(
        value(&ed, "employment-rate"),
        Some(87.5),
        "a 87.5% cell is 87.5, not 0.875"
    );
    assert_eq!(value(&ed, "student-teacher-ratio"), Some(19.0));
    assert_eq!(
        ed["values"]["vocational-students"]["note"]["en"].as_str(),
        Some("Provisional figure")
    );

    build(&site);
    let zh = page(&site, "zh/reports/2024/index.html");
    assert!(zh.contains("18.5万人"));
    assert!(zh.contains("87.5%"));
    assert!(zh.contains("19:1"));
}

#[test]
fn an_existing_edition_is_replaced_only_with_force_and_keeps_its_task_statuses() {
    let (tmp, site) = site();
    let csv = tmp.path().join("a.csv");
    fs::write(&csv, "vocational-students,16\nemployment-rate,82\n").unwrap();
    run(&opts(&site, &csv, 2022));
    let file = site.join("data/progress/2022.yaml");
    // The user adds a task status by hand.
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("tasks:\n  annex-1-01: {status: completed}\n");
    fs::write(&file, &text).unwrap();

    fs::write(&csv, "vocational-students,16.5\n").unwrap();
    let err = import(&opts(&site, &csv, 2022)).expect_err("must refuse without --force");
    assert!(matches!(err, ImportError::Exists(_)), "{err}");
    assert!(err.render(Lang::En, false).contains("--force"));
    assert!(err.render(Lang::Zh, false).contains("已存在"));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "the edition is untouched"
    );

    let mut o = opts(&site, &csv, 2022);
    o.force = true;
    let report = run(&o);
    assert!(
        report.kept.contains(&"tasks".to_string()),
        "{:?}",
        report.kept
    );
    assert_eq!(report.dropped, vec!["employment-rate".to_string()]);
    let ed = edition(&site, 2022);
    assert_eq!(value(&ed, "vocational-students"), Some(16.5));
    assert_eq!(
        ed["tasks"]["annex-1-01"]["status"].as_str(),
        Some("completed")
    );
    Site::load(&site).unwrap_or_else(|p| panic!("{}", p.render(Lang::En, false)));
    // No temporary file is left beside it.
    let names: Vec<String> = fs::read_dir(site.join("data/progress"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["2022.yaml".to_string()]);
}

#[test]
fn a_gbk_csv_is_named_with_the_fix_and_nothing_is_written() {
    let (tmp, site) = site();
    let csv = tmp.path().join("gbk.csv");
    // "生师比,20" in GBK, as Chinese Excel saves "CSV (Comma delimited)".
    fs::write(&csv, b"\xC9\xFA\xCA\xA6\xB1\xC8,20\r\n").unwrap();
    let err = import(&opts(&site, &csv, 2023)).expect_err("GBK is refused");
    let en = err.render(Lang::En, false);
    let zh = err.render(Lang::Zh, false);
    assert!(en.contains("GBK") && en.contains("CSV UTF-8"), "{en}");
    assert!(
        zh.contains("GBK") && zh.contains("CSV UTF-8（逗号分隔）"),
        "{zh}"
    );
    assert!(!site.join("data/progress/2023.yaml").exists());
}

#[test]
fn a_year_outside_the_plan_and_a_sheet_matching_nothing_are_refused() {
    let (tmp, site) = site();
    let csv = tmp.path().join("a.csv");
    fs::write(&csv, "vocational-students,16\n").unwrap();
    let err = import(&opts(&site, &csv, 2026)).expect_err("2026 is after the plan");
    assert!(
        matches!(
            err,
            ImportError::YearOutsidePlan {
                year: 2026,
                from: 2020,
                to: 2025
            }
        ),
        "{err}"
    );

    fs::write(&csv, "学生,16\n教师,3\n").unwrap();
    let err = import(&opts(&site, &csv, 2023)).expect_err("nothing matches");
    let en = err.render(Lang::En, false);
    assert!(
        en.contains("row 1 `学生`") && en.contains("row 2 `教师`"),
        "{en}"
    );
    assert!(!site.join("data/progress").exists(), "nothing was written");
}
