//! `planpress pdf`: builds the site, then prints each language's print page
//! (`<lang>/print/index.html`) to `<lang>/plan-<lang>.pdf` with a headless
//! Chromium, Chrome or Edge that is already installed.
//!
//! No browser is ever downloaded: offices often cannot reach the servers it
//! would come from, and a silent download of a browser is not what anyone
//! expects of a report generator. When none is found, the error says how to
//! install one, and the HTML print page (which any browser prints) remains.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::lang::{Lang, Text};
use crate::{BuildOptions, BuildReport, text};

/// What to print.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The output folder (default SITE/public).
    pub out: Option<PathBuf>,
    /// Languages to print.
    pub langs: Vec<Lang>,
    /// The browser to use; found on PATH when `None`.
    pub chrome: Option<PathBuf>,
}

/// One printed handout.
#[derive(Debug, Clone)]
pub struct Handout {
    /// Its language.
    pub lang: Lang,
    /// The PDF file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What `planpress pdf` did.
#[derive(Debug)]
pub struct PdfReport {
    /// The build that came first.
    pub build: BuildReport,
    /// The browser that printed.
    pub browser: PathBuf,
    /// The PDFs, in the order of the requested languages.
    pub handouts: Vec<Handout>,
}

/// Executable names tried on PATH, in this order.
pub const BROWSER_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
];

/// How long one page may take to print before the browser is stopped. A
/// handout prints in seconds; a browser that takes minutes has hung (for
/// example on a first-run dialog), and the user should hear about it.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// What can stop printing.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The build failed, so there is nothing to print.
    #[error(transparent)]
    Build(#[from] crate::Error),
    /// No browser was found on PATH or in the usual install locations.
    #[error("no Chromium, Chrome or Edge was found (looked on PATH for {})", BROWSER_NAMES.join(", "))]
    NoBrowser {
        /// The HTML print pages, which remain and print from any browser.
        print_pages: Vec<PathBuf>,
    },
    /// The file given with `--chrome` does not exist.
    #[error("the browser given with --chrome does not exist: {0}")]
    ChromeMissing(PathBuf),
    /// The browser could not be started.
    #[error("could not start {browser}: {source}")]
    Spawn {
        /// The browser.
        browser: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The browser ran for minutes (it hung) and was stopped.
    #[error("{browser} did not finish printing {page} within {} seconds and was stopped", PRINT_TIMEOUT.as_secs())]
    Timeout {
        /// The browser.
        browser: PathBuf,
        /// The page being printed.
        page: PathBuf,
    },
    /// The browser ended without writing a PDF.
    #[error("{browser} did not print {page} ({}){}", .exit.as_deref().unwrap_or("it wrote no PDF"), log_suffix(.log))]
    Failed {
        /// The browser.
        browser: PathBuf,
        /// The page being printed.
        page: PathBuf,
        /// The browser's exit status when it failed; `None` when it ended
        /// normally but wrote no PDF.
        exit: Option<String>,
        /// The last lines the browser wrote.
        log: String,
    },
    /// A file operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn log_suffix(log: &str) -> String {
    if log.is_empty() {
        String::new()
    } else {
        format!("; the browser said:\n{log}")
    }
}

impl PdfError {
    /// The message in the reader's language (the English one is also the
    /// `Display` text).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            PdfError::Build(e) => format!("生成网站失败：{e}"),
            PdfError::NoBrowser { .. } => format!(
                "未找到 Chromium、Chrome 或 Edge 浏览器（已在 PATH 中查找 {}）",
                BROWSER_NAMES.join("、")
            ),
            PdfError::ChromeMissing(p) => {
                format!("--chrome 指定的浏览器不存在：{}", p.display())
            }
            PdfError::Spawn { browser, source } => {
                format!("无法启动 {}：{source}", browser.display())
            }
            PdfError::Timeout { browser, page } => format!(
                "{} 在 {} 秒内未能打印完 {}，已被终止",
                browser.display(),
                PRINT_TIMEOUT.as_secs(),
                page.display()
            ),
            PdfError::Failed {
                browser,
                page,
                exit,
                log,
            } => {
                let mut m = format!(
                    "{} 未能打印 {}（{}）",
                    browser.display(),
                    page.display(),
                    exit.as_deref().unwrap_or("未生成 PDF 文件")
                );
                if !log.is_empty() {
                    m.push_str("；浏览器输出：\n");
                    m.push_str(log);
                }
                m
            }
            PdfError::Io {
                action,
                path,
                source,
            } => format!("{}{}失败：{source}", io_action_zh(action), path.display()),
        }
    }

    /// What the user can do about it.
    pub fn help(&self, lang: Lang) -> String {
        let text = match self {
            PdfError::Build(_) => text!(
                en: "Nothing was printed. Fix the problems above and run `planpress pdf` again.",
                zh: "未打印任何文件。请修改上述问题后重新运行 `planpress pdf`。"
            ),
            PdfError::NoBrowser { print_pages } => {
                let pages = print_pages
                    .iter()
                    .map(|p| format!("  {}", p.display()))
                    .collect::<Vec<_>>()
                    .join("\n");
                Text {
                    en: format!(
                        "Install one, then run `planpress pdf` again:\n  \
                         Debian/Ubuntu: sudo apt install chromium   (on some Ubuntu releases: chromium-browser)\n  \
                         Windows/macOS: install Google Chrome or Microsoft Edge and pass its path, e.g.\n    \
                         --chrome \"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\"\n    \
                         --chrome \"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\"\n\
                         planpress never downloads a browser. The site is built, and its print pages are ready to print from any browser (Ctrl+P):\n{pages}"
                    ),
                    zh: format!(
                        "请安装其中一个浏览器，然后重新运行 `planpress pdf`：\n  \
                         Debian/Ubuntu：sudo apt install chromium   （部分 Ubuntu 版本为 chromium-browser）\n  \
                         Windows/macOS：安装 Google Chrome 或 Microsoft Edge，并用 --chrome 指定其路径，例如\n    \
                         --chrome \"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\"\n    \
                         --chrome \"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\"\n\
                         planpress 不会自动下载浏览器。网站已生成，打印页可在任何浏览器中打开后直接打印（Ctrl+P）：\n{pages}"
                    ),
                }
            }
            PdfError::ChromeMissing(_) => text!(
                en: "Give the full path of chrome, msedge or chromium, or leave out --chrome to search PATH.",
                zh: "请写出 chrome、msedge 或 chromium 的完整路径，或去掉 --chrome 以在 PATH 中查找。"
            ),
            PdfError::Spawn { .. } => text!(
                en: "Check that the file is a Chromium-based browser and can be run, or choose another with --chrome.",
                zh: "请确认该文件是可运行的 Chromium 内核浏览器，或用 --chrome 指定其他浏览器。"
            ),
            PdfError::Timeout { .. } | PdfError::Failed { .. } => text!(
                en: "Try again; if it keeps failing, open the print page in the browser and print it to PDF there (Ctrl+P).",
                zh: "请重试；如仍失败，可在浏览器中打开打印页，用“打印”另存为 PDF（Ctrl+P）。"
            ),
            PdfError::Io { .. } => text!(
                en: "Check that the output folder can be written and the disk is not full.",
                zh: "请检查输出文件夹是否可写、磁盘是否已满。"
            ),
        };
        text.get(lang).to_string()
    }
}

fn io_action_zh(action: &str) -> &'static str {
    match action {
        "creating" => "创建",
        "moving" => "移动",
        "reading" => "读取",
        _ => "处理",
    }
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> PdfError + 'a {
    move |source| PdfError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The PDF of one language inside an output folder.
pub fn pdf_path(out: &Path, lang: Lang) -> PathBuf {
    out.join(lang.code())
        .join(format!("plan-{}.pdf", lang.code()))
}

/// The print page of one language inside an output folder.
pub fn print_page(out: &Path, lang: Lang) -> PathBuf {
    out.join(lang.code()).join("print").join("index.html")
}

/// Builds the site, then prints each language's print page to a PDF.
pub fn print_pdfs(opts: &PdfOptions) -> Result<PdfReport, PdfError> {
    // A mistyped --chrome is the user's to fix before anything is built.
    if let Some(p) = opts.chrome.as_ref().filter(|p| !p.is_file()) {
        return Err(PdfError::ChromeMissing(p.clone()));
    }
    let build = crate::build(&BuildOptions {
        site: opts.site.clone(),
        out: opts.out.clone(),
        force: false,
    })?;
    let out = build.out.clone();
    let browser = match &opts.chrome {
        Some(p) => p.clone(),
        None => find_browser().ok_or_else(|| PdfError::NoBrowser {
            print_pages: opts.langs.iter().map(|l| print_page(&out, *l)).collect(),
        })?,
    };
    let mut handouts = Vec::new();
    for &lang in &opts.langs {
        let page = print_page(&out, lang);
        let pdf = pdf_path(&out, lang);
        let bytes = print_one(&browser, &page, &pdf)?;
        handouts.push(Handout {
            lang,
            path: pdf,
            bytes,
        });
    }
    Ok(PdfReport {
        build,
        browser,
        handouts,
    })
}

/// Prints `page` to `pdf` and returns the PDF's size.
///
/// The browser writes a temporary file beside the PDF, renamed only once it
/// is a whole PDF, so an interrupted print never leaves a truncated handout.
/// Browsers cannot put page numbers in a table of contents, so a page that
/// has slots for them (`<span class="toc-page" data-dest="ID"></span>`) is
/// printed twice: a quick draft tells on which page each `#ID` fell, and a
/// copy of the page with those numbers filled in is printed for good (with
/// bookmarks). The slots keep their width when empty, so the numbers move
/// nothing.
fn print_one(browser: &Path, page: &Path, pdf: &Path) -> Result<u64, PdfError> {
    let partial = pdf.with_extension("pdf.part");
    let html = fs::read_to_string(page).map_err(io_err("reading", page))?;
    if html.contains(SLOT) {
        run_browser(browser, page, &partial, false)?;
        let draft = fs::read(&partial).map_err(io_err("reading", &partial))?;
        let copy = page.with_file_name("index.paged.html");
        let numbered = number_contents(&html, &dest_pages(&draft));
        fs::write(&copy, numbered).map_err(io_err("creating", &copy))?;
        let result = run_browser(browser, &copy, &partial, true);
        let _ = fs::remove_file(&copy);
        result?;
    } else {
        run_browser(browser, page, &partial, true)?;
    }
    fs::rename(&partial, pdf).map_err(io_err("moving", &partial))?;
    fs::metadata(pdf)
        .map(|m| m.len())
        .map_err(io_err("reading", pdf))
}

/// Runs the browser once: `page` printed to `target`, which on success is
/// a PDF, with bookmarks from the headings when `outline` (which a draft
/// can do without: they take the browser seconds). Any failure removes
/// `target`.
fn run_browser(browser: &Path, page: &Path, target: &Path, outline: bool) -> Result<(), PdfError> {
    let profile = Scratch::new()?;
    let _ = fs::remove_file(target);
    let page_abs = std::path::absolute(page).map_err(io_err("reading", page))?;
    let target_abs = std::path::absolute(target).map_err(io_err("creating", target))?;
    let log_path = profile.0.join("browser.log");
    let log = fs::File::create(&log_path).map_err(io_err("creating", &log_path))?;
    let log2 = log.try_clone().map_err(io_err("creating", &log_path))?;

    let mut cmd = Command::new(browser);
    cmd.arg("--headless");
    if outline {
        // Bookmarks in the PDF viewer, from the page's headings.
        cmd.arg("--generate-pdf-document-outline");
    }
    if running_as_root() {
        // Chromium refuses to start its sandbox as root (CI containers).
        cmd.arg("--no-sandbox");
    }
    cmd.args([
        "--disable-gpu",
        "--no-pdf-header-footer",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        // Lets the charts (images) load before printing.
        "--virtual-time-budget=10000",
    ])
    .arg(os_arg("--user-data-dir=", &profile.0))
    .arg(os_arg("--print-to-pdf=", &target_abs))
    .arg(file_url(&page_abs))
    .stdin(Stdio::null())
    .stdout(Stdio::from(log))
    .stderr(Stdio::from(log2));
    let mut child = cmd.spawn().map_err(|source| PdfError::Spawn {
        browser: browser.to_path_buf(),
        source,
    })?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = fs::remove_file(target);
                return Err(PdfError::Timeout {
                    browser: browser.to_path_buf(),
                    page: page.to_path_buf(),
                });
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(source) => {
                return Err(PdfError::Spawn {
                    browser: browser.to_path_buf(),
                    source,
                });
            }
        }
    };
    let is_pdf = fs::read(target)
        .map(|b| b.starts_with(b"%PDF-"))
        .unwrap_or(false);
    if status.success() && is_pdf {
        return Ok(());
    }
    let _ = fs::remove_file(target);
    Err(PdfError::Failed {
        browser: browser.to_path_buf(),
        page: page.to_path_buf(),
        exit: (!status.success()).then(|| status.to_string()),
        log: tail(&fs::read_to_string(&log_path).unwrap_or_default(), 12),
    })
}

/// The page (1-based) of each named destination of a PDF as Chromium writes
/// it: a catalog with `/Pages` and a `/Dests` dictionary of
/// `/name [page 0 R /XYZ …]`, objects uncompressed. Anything else gives an
/// empty map, and the contents then go without page numbers.
fn dest_pages(pdf: &[u8]) -> HashMap<String, usize> {
    let text = String::from_utf8_lossy(pdf);
    let object = |n: u32| -> Option<&str> {
        let start = text.find(&format!("\n{n} 0 obj"))?;
        let body = &text[start..];
        Some(&body[..body.find("endobj")?])
    };
    let reference = |dict: &str, key: &str| -> Option<u32> {
        let after = &dict[dict.find(key)? + key.len()..];
        after.split_whitespace().next()?.parse().ok()
    };
    let Some(catalog) = text
        .find("/Type /Catalog")
        .and_then(|i| text[..i].rfind(" 0 obj"))
        .and_then(|i| text[..i].rsplit(|c: char| c.is_whitespace()).next())
        .and_then(|n| n.parse().ok())
        .and_then(object)
    else {
        return HashMap::new();
    };
    let mut pages = Vec::new();
    if let Some(root) = reference(catalog, "/Pages") {
        flatten_pages(root, &object, &mut pages, 0);
    }
    let Some(dests) = reference(catalog, "/Dests").and_then(object) else {
        return HashMap::new();
    };
    let spaced = dests
        .replace(['[', ']'], " ")
        .replace("<<", " ")
        .replace(">>", " ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut found = HashMap::new();
    for w in tokens.windows(4) {
        if let [name, page, _, "R"] = w
            && let Some(name) = name.strip_prefix('/')
            && let Ok(page) = page.parse::<u32>()
            && let Some(index) = pages.iter().position(|p| *p == page)
        {
            found.insert(name.to_string(), index + 1);
        }
    }
    found
}

/// Appends the page objects under page-tree node `n` in order. The depth
/// limit keeps a malformed (cyclic) tree from recursing for ever.
fn flatten_pages<'a>(
    n: u32,
    object: &impl Fn(u32) -> Option<&'a str>,
    out: &mut Vec<u32>,
    depth: u8,
) {
    let Some(node) = object(n) else { return };
    if !node.contains("/Type /Pages") {
        out.push(n);
        return;
    }
    let Some(kids) = node
        .find("/Kids [")
        .map(|i| &node[i + 7..])
        .and_then(|k| k.split(']').next())
    else {
        return;
    };
    let kids: Vec<&str> = kids.split_whitespace().collect();
    for kid in kids.chunks(3) {
        if let [k, _, "R"] = kid
            && let Ok(k) = k.parse()
            && depth < 32
        {
            flatten_pages(k, object, out, depth + 1);
        }
    }
}

/// The start of a contents slot for a page number in the print page.
const SLOT: &str = "<span class=\"toc-page\" data-dest=\"";

/// The print page with the page numbers written into its contents' slots
/// (those whose destination the draft has; others stay empty).
fn number_contents(html: &str, pages: &HashMap<String, usize>) -> String {
    let mut out = html.to_string();
    for (dest, page) in pages {
        let slot = format!("{SLOT}{dest}\"></span>");
        out = out.replace(&slot, &format!("{SLOT}{dest}\">{page}</span>"));
    }
    out
}

/// `--flag=` followed by a path, without losing non-UTF-8 paths.
fn os_arg(flag: &str, path: &Path) -> std::ffi::OsString {
    let mut s = std::ffi::OsString::from(flag);
    s.push(path.as_os_str());
    s
}

/// The last `n` non-empty lines of the browser's output, the ones that say
/// why it stopped.
fn tail(log: &str, n: usize) -> String {
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

/// The first browser of [`BROWSER_NAMES`] on PATH, else one in the place
/// where the Windows or macOS installer puts it: there browsers are rarely
/// on PATH, and office staff should not have to find the executable.
pub fn find_browser() -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    find_in(&dirs, BROWSER_NAMES).or_else(|| install_locations().into_iter().find(|p| p.is_file()))
}

/// The first of `names` found as an executable in `dirs` (names first, then
/// folders, as a shell would for each name).
fn find_in(dirs: &[PathBuf], names: &[&str]) -> Option<PathBuf> {
    names.iter().find_map(|name| {
        let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
        dirs.iter()
            .map(|d| d.join(&file))
            .find(|p| is_executable(p))
    })
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Where the Chrome and Edge installers put the browser on Windows and macOS.
fn install_locations() -> Vec<PathBuf> {
    let mut found = Vec::new();
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
            if let Some(base) = std::env::var_os(var) {
                let base = PathBuf::from(base);
                found.push(base.join(r"Google\Chrome\Application\chrome.exe"));
                found.push(base.join(r"Microsoft\Edge\Application\msedge.exe"));
            }
        }
    }
    if cfg!(target_os = "macos") {
        for app in [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ] {
            found.push(PathBuf::from(app));
        }
    }
    found
}

/// The `file://` URL of an absolute path, percent-encoded so that spaces and
/// Chinese folder names (common on office PCs) survive.
fn file_url(abs: &Path) -> String {
    let s = abs.to_string_lossy();
    // Windows: `C:\a\b` becomes `/C:/a/b`; `\\server\share` stays a host.
    let s = s.replace('\\', "/");
    let s = if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    };
    let mut url = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A fresh, empty folder in the system's temp folder (the browser profile,
/// so that the user's own browser profile is never touched), removed when
/// dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, PdfError> {
        let base = std::env::temp_dir();
        let pid = std::process::id();
        let mut n = 0u32;
        loop {
            let dir = base.join(format!("planpress-browser-{pid}-{n}"));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Scratch(dir)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(source) => {
                    return Err(PdfError::Io {
                        action: "creating",
                        path: dir,
                        source,
                    });
                }
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/home/a b/报告/public/zh/print/index.html")),
            "file:///home/a%20b/%E6%8A%A5%E5%91%8A/public/zh/print/index.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\王\site\public\zh\print\index.html")),
            "file:///C:/Users/%E7%8E%8B/site/public/zh/print/index.html"
        );
        assert_eq!(file_url(Path::new("/a#b?c%")), "file:///a%23b%3Fc%25");
    }

    #[cfg(unix)]
    #[test]
    fn finds_browsers_by_name_order_and_only_executables() {
        use std::os::unix::fs::PermissionsExt;
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let make = |dir: &Path, name: &str, mode: u32| {
            let p = dir.join(name);
            fs::write(&p, "#!/bin/sh\n").unwrap();
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
            p
        };
        let dirs = vec![a.path().to_path_buf(), b.path().to_path_buf()];
        assert_eq!(find_in(&dirs, BROWSER_NAMES), None);
        make(a.path(), "chromium", 0o644);
        assert_eq!(find_in(&dirs, BROWSER_NAMES), None, "not executable");
        let edge = make(a.path(), "msedge", 0o755);
        assert_eq!(find_in(&dirs, BROWSER_NAMES), Some(edge));
        let chromium = make(b.path(), "chromium", 0o755);
        assert_eq!(find_in(&dirs, BROWSER_NAMES), Some(chromium));
    }

    #[test]
    fn contents_get_the_pages_of_the_draft_named_destinations() {
        // The shape Chromium writes: nested page tree, /Dests in the catalog.
        let draft = b"%PDF-1.4\n1 0 obj\n<</Type /Page>>\nendobj\n\
            2 0 obj\n<</Type /Page>>\nendobj\n\
            3 0 obj\n<</Type /Pages\n/Kids [2 0 R 1 0 R]>>\nendobj\n\
            4 0 obj\n<</Type /Pages\n/Count 2\n/Kids [3 0 R]>>\nendobj\n\
            5 0 obj\n<</main [2 0 R /XYZ 0 841 0]\n/part-b [1 0 R /XYZ 0 820 0]>>\nendobj\n\
            6 0 obj\n<</Type /Catalog\n/Pages 4 0 R\n/Dests 5 0 R>>\nendobj\n";
        let pages = dest_pages(draft);
        assert_eq!(pages.get("main"), Some(&1));
        assert_eq!(pages.get("part-b"), Some(&2));
        let html = format!("<li>{SLOT}part-b\"></span></li><li>{SLOT}part-c\"></span></li>");
        assert_eq!(
            number_contents(&html, &pages),
            format!("<li>{SLOT}part-b\">2</span></li><li>{SLOT}part-c\"></span></li>")
        );
        assert!(dest_pages(b"%PDF-1.4 garbage").is_empty());
    }

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\n\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("", 5), "");
    }

    #[test]
    fn no_browser_help_says_how_to_install_one_in_both_languages() {
        let e = PdfError::NoBrowser {
            print_pages: vec![PathBuf::from("public/zh/print/index.html")],
        };
        let en = e.help(Lang::En);
        assert!(en.contains("apt install chromium"), "{en}");
        assert!(en.contains("--chrome"), "{en}");
        assert!(en.contains("public/zh/print/index.html"), "{en}");
        let zh = e.help(Lang::Zh);
        assert!(zh.contains("apt install chromium"), "{zh}");
        assert!(zh.contains("浏览器"), "{zh}");
        assert!(e.message(Lang::Zh).contains("未找到"));
    }
}
