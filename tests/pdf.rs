//! `planpress pdf` end to end: both handouts printed from the shipped site
//! with the Chromium on PATH, then read back with poppler (`pdfinfo`,
//! `pdftotext`, `pdffonts`, `pdftoppm`) the way a reader would see them.
//!
//! Without those programs the printing test is skipped with a notice, and
//! fails when `CI` is set (`.ci/run` installs chromium and poppler-utils).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use planpress::pdf::BROWSER_NAMES;

const POPPLER: &[&str] = &["pdfinfo", "pdftotext", "pdffonts", "pdftoppm"];

/// The repository: the shipped site.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p).any(|d| {
            d.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
                .is_file()
        })
    })
}

/// Whether the programs the printing test needs are installed. Under CI a
/// missing one fails the test instead of skipping it.
fn tools_present() -> bool {
    let mut missing: Vec<&str> = POPPLER.iter().copied().filter(|t| !on_path(t)).collect();
    if !BROWSER_NAMES.iter().any(|b| on_path(b)) {
        missing.push("chromium");
    }
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "needs {} on PATH (Debian/Ubuntu: apt install chromium poppler-utils fonts-noto-cjk)",
        missing.join(", ")
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    // Written past the test harness's capture, so the skip is seen.
    let _ = writeln!(std::io::stderr(), "SKIPPED the PDF handout test: {msg}");
    false
}

fn planpress(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planpress"));
    cmd.args(args).env_remove("LANG");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run")
}

/// What a poppler program prints for `pdf` (`args` come before the file;
/// `pdftotext` is told to write to stdout).
fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let mut cmd = Command::new(name);
    cmd.args(args).arg(pdf);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of one page, or of all (`page` 0), as pdftotext lays it out.
fn page_text(pdf: &Path, page: usize) -> String {
    if page == 0 {
        return tool("pdftotext", &["-layout"], pdf);
    }
    let p = page.to_string();
    tool("pdftotext", &["-layout", "-f", &p, "-l", &p], pdf)
}

/// Text with all white space removed (Chinese has no spaces; a line break
/// may fall anywhere).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text with runs of white space made one space, and line-end hyphens of
/// compounds joined ("all-\nstaff" → "all-staff").
fn flow(s: &str) -> String {
    s.replace("-\n", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entries of the contents page (page 2, below its heading): (title,
/// page number). An entry ends in its number, set apart by the leader (a
/// wide gap in the text); a title that wraps continues on the next line.
fn contents(pdf: &Path, heading: &str) -> Vec<(String, usize)> {
    let text = page_text(pdf, 2);
    let lines = text.lines().skip_while(|l| squeeze(l) != heading).skip(1);
    let mut entries = Vec::new();
    let mut pending = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            pending.clear();
            continue;
        }
        match line
            .rsplit_once("  ")
            .map(|(t, n)| (t, n.trim().parse::<usize>()))
        {
            Some((title, Ok(num))) => {
                let title = format!("{pending} {}", title.trim());
                entries.push((title.trim().to_string(), num));
                pending.clear();
            }
            _ => {
                pending.push(' ');
                pending.push_str(line);
            }
        }
    }
    entries
}

struct Handout {
    lang: &'static str,
    title: &'static str,
    chapter_three_sentence: &'static str,
    contents: &'static str,
    annex_prefix: &'static str,
    task_header: [&'static str; 2],
    /// Plausible non-blank characters per page on average: fewer means
    /// pages blown apart (a chart or a word per page), more means type too
    /// small to read.
    density: (usize, usize),
}

const HANDOUTS: [Handout; 2] = [
    Handout {
        lang: "zh",
        title: "西部职教基地“十四五”发展规划和2035年远景目标纲要",
        chapter_three_sentence: "构建体现西部职教基地特色的“三全育人”体系。",
        contents: "目录",
        annex_prefix: "附件",
        task_header: ["序号", "任务内容"],
        density: (300, 1600),
    },
    Handout {
        lang: "en",
        title: "Western Vocational Education Base 14th Five-Year Plan and Vision 2035",
        chapter_three_sentence: "Build a system of “all-staff, whole-process, all-round education” that reflects the distinctive features of the Western Vocational Education Base.",
        contents: "Contents",
        annex_prefix: "Annex",
        task_header: ["No.", "Task"],
        density: (800, 4500),
    },
];

fn check_handout(h: &Handout, pdf: &Path, chapters: usize, artefacts: &Path) {
    let info = tool("pdfinfo", &[], pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo:\n{info}"));
    println!("{}: {pages} pages", h.lang);
    assert!(info.contains("(A4)"), "{}: not A4:\n{info}", h.lang);

    // The cover carries the title; the whole text has chapter three.
    let cover = page_text(pdf, 1);
    let all = page_text(pdf, 0);
    if h.lang == "zh" {
        assert!(squeeze(&cover).contains(h.title), "zh cover:\n{cover}");
        assert!(
            squeeze(&all).contains(h.chapter_three_sentence),
            "zh: chapter three sentence missing"
        );
    } else {
        assert!(flow(&cover).contains(h.title), "en cover:\n{cover}");
        assert!(
            flow(&all).contains(h.chapter_three_sentence),
            "en: chapter three sentence missing"
        );
    }

    // Contents: every chapter plus the indicators, the report and the
    // method; each part begins at the top of the page the contents give.
    let toc = contents(pdf, h.contents);
    assert!(
        toc.len() >= chapters + 3,
        "{}: contents has {} entries for {chapters} chapters: {toc:?}",
        h.lang,
        toc.len()
    );
    let mut last = 0;
    for (title, page) in &toc {
        assert!(
            *page > last && *page <= pages,
            "{}: contents page numbers out of order: {toc:?}",
            h.lang
        );
        last = *page;
        let key: String = squeeze(title).chars().take(10).collect();
        let text = page_text(pdf, *page);
        let top: Vec<String> = text
            .lines()
            .map(squeeze)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect();
        assert!(
            top.iter().any(|l| l.starts_with(&key)),
            "{}: `{title}` should begin page {page}, which begins {top:?}",
            h.lang
        );
    }

    // Page count plausible for the content: one page each for the cover and
    // the contents, every part on pages of its own, the method (the last
    // part) short, and the text spread at a readable density.
    assert!(
        pages >= toc.len() + 2,
        "{}: {pages} pages for {} parts",
        h.lang,
        toc.len()
    );
    assert!(
        pages - last <= 2,
        "{}: {pages} pages but the last part starts on page {last}",
        h.lang
    );
    let density = squeeze(&all).chars().count() / pages;
    assert!(
        (h.density.0..=h.density.1).contains(&density),
        "{}: {density} characters per page on average, expected {:?}",
        h.lang,
        h.density
    );

    // The annexes' task tables repeat their header row on every page.
    for (i, (title, start)) in toc.iter().enumerate() {
        if !title.starts_with(h.annex_prefix) {
            continue;
        }
        let end = toc.get(i + 1).map_or(pages, |(_, p)| p - 1);
        for page in *start..=end {
            let text = page_text(pdf, page);
            assert!(
                text.lines()
                    .any(|l| h.task_header.iter().all(|w| l.contains(w))),
                "{}: page {page} of `{title}` has no table header:\n{text}",
                h.lang
            );
        }
    }

    // Fonts: every one embedded, so Chinese prints anywhere.
    let fonts = tool("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{}: no fonts", h.lang);
    for row in rows {
        // name, type…, encoding, emb, sub, uni, object, id: `emb` is the
        // fifth field from the end.
        let f: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            f[f.len() - 5],
            "yes",
            "{}: font not embedded: {row}",
            h.lang
        );
    }

    // Page 1 as an image, for people to look at.
    let png = artefacts.join(format!("plan-{}-page1", h.lang));
    let st = Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", "50", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    let png = png.with_extension("png");
    let bytes = fs::read(&png).expect("page 1 PNG");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 2000,
        "{}",
        png.display()
    );
}

#[test]
fn pdf_prints_both_handouts_of_the_shipped_site() {
    if !tools_present() {
        return;
    }
    let repo = repo();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    let o = run(planpress(&["pdf", "--site"])
        .arg(&repo)
        .arg("--out")
        .arg(&out));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "planpress pdf failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let artefacts = repo.join("artefacts").join("pdf");
    fs::create_dir_all(&artefacts).expect("artefacts folder");
    for h in &HANDOUTS {
        let pdf: PathBuf = out.join(h.lang).join(format!("plan-{}.pdf", h.lang));
        assert!(
            stdout.contains(&pdf.display().to_string()),
            "not reported: {}\n{stdout}",
            pdf.display()
        );
        assert!(
            !pdf.with_extension("pdf.part").exists(),
            "temporary file left behind"
        );
        assert!(
            !out.join(h.lang).join("print/index.paged.html").exists(),
            "numbered copy left behind"
        );
        let chapters = fs::read_dir(repo.join("content").join(h.lang))
            .expect("content")
            .count();
        check_handout(h, &pdf, chapters, &artefacts);
        fs::copy(&pdf, artefacts.join(format!("plan-{}.pdf", h.lang))).expect("copy PDF");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn without_a_browser_pdf_says_how_to_install_one_and_the_print_page_remains() {
    let repo = repo();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    // An empty PATH folder: no browser to find.
    let bin = tmp.path().join("bin");
    fs::create_dir_all(&bin).expect("bin");

    let o = run(planpress(&["pdf", "--lang", "zh", "--site"])
        .arg(&repo)
        .arg("--out")
        .arg(&out)
        .env("PATH", &bin));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "succeeded without a browser");
    assert!(
        err.contains("no Chromium, Chrome or Edge was found"),
        "{err}"
    );
    assert!(err.contains("apt install chromium"), "{err}");
    assert!(err.contains("--chrome"), "{err}");
    assert!(err.contains("never downloads a browser"), "{err}");
    let page = out.join("zh/print/index.html");
    assert!(err.contains(&page.display().to_string()), "{err}");
    let html = fs::read_to_string(&page).expect("the HTML print page remains");
    assert!(
        html.contains("西部职教基地"),
        "print page without its title"
    );
    assert!(!out.join("zh/plan-zh.pdf").exists());

    let o = run(planpress(&["pdf", "--site"])
        .arg(&repo)
        .arg("--out")
        .arg(&out)
        .env("PATH", &bin)
        .env("LANG", "zh_CN.UTF-8"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("未找到 Chromium、Chrome 或 Edge 浏览器"),
        "{err}"
    );
    assert!(err.contains("不会自动下载浏览器"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_browser_that_fails_is_reported_with_what_it_said() {
    use std::os::unix::fs::PermissionsExt;
    let repo = repo();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");

    let missing = tmp.path().join("no-such-browser");
    let o = run(planpress(&["pdf", "--site"])
        .arg(&repo)
        .arg("--out")
        .arg(&out)
        .arg("--chrome")
        .arg(&missing));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("the browser given with --chrome does not exist"),
        "{err}"
    );
    assert!(!out.exists(), "built although --chrome was wrong");

    let fake = tmp.path().join("fake-chrome");
    fs::write(
        &fake,
        "#!/bin/sh\necho 'cannot open display :0' >&2\nexit 3\n",
    )
    .expect("fake");
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).expect("chmod");
    let o = run(planpress(&["pdf", "--lang", "en", "--site"])
        .arg(&repo)
        .arg("--out")
        .arg(&out)
        .arg("--chrome")
        .arg(&fake));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("did not print"), "{err}");
    assert!(err.contains("cannot open display :0"), "{err}");
    assert!(!out.join("en/plan-en.pdf").exists());
    assert!(!out.join("en/plan-en.pdf.part").exists());
}
