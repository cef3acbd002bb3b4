//! The build benchmark: `cargo bench` (see BENCHMARKS.md).
//!
//! Writes synthetic sites of several sizes (the `synth` example's
//! generator), builds each with the release `planpress` binary in a child
//! process, and reports wall time from spawn to exit, pages and charts per
//! second, the child's peak memory (its maximum resident set, from
//! `wait4`) and the time of each phase (`planpress build --timings`).
//! Output goes to /dev/shm (memory) and, beside it, to the disk. Where
//! Hugo is installed, the same chapters are built with Hugo as a reference.
//!
//! Options, after `cargo bench --bench build --`:
//! `--sizes NAME,…` (default: all; see `SIZES`), `--runs N` (runs per
//! size), `--no-disk`, `--no-hugo`, `--no-shipped`.
//!
//! Nothing here asserts a speed: the numbers are for people to read.

#[path = "../examples/synth/generate.rs"]
mod generate;

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The planpress binary cargo built for this benchmark (release profile).
const PLANPRESS: &str = env!("CARGO_BIN_EXE_planpress");
/// The repository: the shipped site and the default theme.
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A synthetic site to build.
struct Size {
    /// Name for `--sizes` and the tables.
    name: &'static str,
    pages: usize,
    indicators: usize,
    editions: usize,
    /// Runs unless `--runs` says otherwise; the median is reported.
    runs: usize,
}

/// 100 → 1,000 → 10,000 pages per language with 30 → 300 → 3,000
/// indicators: each step is ten times the site. `1kp-1ki` and `10kp-1ki`
/// differ only in pages; `10kp-1ki` is the size of the throughput target.
const SIZES: &[Size] = &[
    Size {
        name: "100p-30i",
        pages: 100,
        indicators: 30,
        editions: 5,
        runs: 10,
    },
    Size {
        name: "1kp-300i",
        pages: 1_000,
        indicators: 300,
        editions: 5,
        runs: 5,
    },
    Size {
        name: "1kp-1ki",
        pages: 1_000,
        indicators: 1_000,
        editions: 5,
        runs: 5,
    },
    Size {
        name: "10kp-1ki",
        pages: 10_000,
        indicators: 1_000,
        editions: 5,
        runs: 3,
    },
    Size {
        name: "10kp-3ki",
        pages: 10_000,
        indicators: 3_000,
        editions: 5,
        runs: 3,
    },
];

/// Runs of the shipped site.
const SHIPPED_RUNS: usize = 30;

/// One child process run.
struct Child {
    wall: Duration,
    /// User plus system CPU time.
    cpu: Duration,
    /// Peak resident memory, KiB.
    max_rss: u64,
    stdout: String,
}

/// Runs a command to its end and measures it. The wall time runs from
/// just before the spawn until the child is reaped; the peak memory is the
/// child's own (`wait4`), not the sum of earlier children.
fn measure(cmd: &mut Command) -> Result<Child, String> {
    let what = format!("{cmd:?}");
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: {e}"))?;
    // Read both pipes while the child runs, so that it never blocks on a
    // full pipe.
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut err = child.stderr.take().ok_or("no stderr")?;
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; both out-pointers are valid.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if r != pid {
        return Err(format!(
            "{what}: wait4: {}",
            std::io::Error::last_os_error()
        ));
    }
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(format!("{what} failed:\n{stdout}{stderr}"));
    }
    let tv =
        |t: libc::timeval| Duration::new(t.tv_sec.max(0) as u64, (t.tv_usec.max(0) as u32) * 1000);
    Ok(Child {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        max_rss: usage.ru_maxrss.max(0) as u64,
        stdout,
    })
}

/// What one planpress build reported.
struct Build {
    wall: Duration,
    cpu: Duration,
    max_rss: u64,
    pages: usize,
    charts: usize,
    /// (phase, milliseconds) as `--timings` prints them.
    phases: Vec<(String, f64)>,
}

fn planpress_build(site: &Path, out: &Path) -> Result<Build, String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    let child = measure(
        Command::new(PLANPRESS)
            .args(["build", "--lang", "en", "--timings", "--site"])
            .arg(site)
            .arg("--out")
            .arg(out),
    )?;
    let mut b = Build {
        wall: child.wall,
        cpu: child.cpu,
        max_rss: child.max_rss,
        pages: 0,
        charts: 0,
        phases: Vec::new(),
    };
    for line in child.stdout.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["built", pages, "pages,", charts, "charts", ..] => {
                b.pages = pages.parse().unwrap_or(0);
                b.charts = charts.parse().unwrap_or(0);
            }
            ["phase", name, ms] => {
                b.phases
                    .push((name.to_string(), ms.parse().unwrap_or(f64::NAN)));
            }
            _ => {}
        }
    }
    if b.pages == 0 {
        return Err(format!(
            "planpress printed no page count:\n{}",
            child.stdout
        ));
    }
    Ok(b)
}

/// The median run by wall time, and the highest peak memory of all runs.
fn summarise(mut runs: Vec<Build>) -> Build {
    runs.sort_by_key(|b| b.wall);
    let max_rss = runs.iter().map(|b| b.max_rss).max().unwrap_or(0);
    let mid = runs.len() / 2;
    let mut median = runs.swap_remove(mid);
    median.max_rss = max_rss;
    median
}

fn repeat(runs: usize, mut f: impl FnMut() -> Result<Build, String>) -> Result<Build, String> {
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        all.push(f()?);
    }
    Ok(summarise(all))
}

/// HTML files under a folder (Hugo prints no count with `--quiet`).
fn count_html(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                count_html(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "html"))
            }
        })
        .sum()
}

fn hugo_build(site: &Path, out: &Path) -> Result<Build, String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    let child = measure(
        Command::new("hugo")
            .arg("--quiet")
            .arg("--source")
            .arg(site)
            .arg("--destination")
            .arg(out),
    )?;
    Ok(Build {
        wall: child.wall,
        cpu: child.cpu,
        max_rss: child.max_rss,
        pages: count_html(out),
        charts: 0,
        phases: Vec::new(),
    })
}

fn hugo_available() -> bool {
    Command::new("hugo")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Options {
    sizes: Vec<&'static Size>,
    runs: Option<usize>,
    disk: bool,
    hugo: bool,
    shipped: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        sizes: SIZES.iter().collect(),
        runs: None,
        disk: true,
        hugo: true,
        shipped: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            "--no-disk" => o.disk = false,
            "--no-hugo" => o.hugo = false,
            "--no-shipped" => o.shipped = false,
            "--runs" => {
                let n = args.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0);
                o.runs = Some(n.ok_or("--runs needs a number above 0")?);
            }
            "--sizes" => {
                let list = args.next().ok_or("--sizes needs a list of names")?;
                o.sizes = list
                    .split(',')
                    .map(|n| {
                        SIZES.iter().find(|s| s.name == n).ok_or_else(|| {
                            let known: Vec<&str> = SIZES.iter().map(|s| s.name).collect();
                            format!("no size `{n}`; known: {}", known.join(", "))
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(o)
}

/// The 1-, 5- and 15-minute load averages: a busy machine slows every
/// figure down, and the tables should say so.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn per_s(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

/// One size's results.
struct Row {
    size: &'static Size,
    shm: Build,
    disk: Option<Build>,
    hugo: Option<Build>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let opts = options()?;
    let repo = Path::new(REPO);
    // target/<profile>/deps/build-… → target/bench
    let work = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.parent()?.join("bench")))
        .unwrap_or_else(|| repo.join("target/bench"));
    let shm = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm/planpress-bench")
    } else {
        std::env::temp_dir().join("planpress-bench")
    };
    let hugo = opts.hugo && hugo_available();
    if opts.hugo && !hugo {
        eprintln!("hugo is not installed (apt-get install hugo): no reference run");
    }
    let mut report = String::new();
    let _ = writeln!(
        report,
        "planpress {} · {} · {} cores · output to {} · load average before: {}",
        PLANPRESS,
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        shm.display(),
        load_average()
    );

    if opts.shipped {
        eprintln!("shipped site: {SHIPPED_RUNS} runs");
        let out = shm.join("shipped");
        let mut walls = Vec::new();
        let mut rss = 0;
        for _ in 0..SHIPPED_RUNS {
            let b = planpress_build(repo, &out)?;
            walls.push(b.wall);
            rss = rss.max(b.max_rss);
        }
        walls.sort();
        let mean = walls.iter().sum::<Duration>() / walls.len() as u32;
        let _ = writeln!(
            report,
            "\nShipped site (repository root), process start to exit, {SHIPPED_RUNS} runs: \
             median {:.1} ms, mean {:.1} ms, min {:.1} ms, max {:.1} ms; peak memory {:.1} MiB (target: under 50 ms)",
            ms(walls[walls.len() / 2]),
            ms(mean),
            ms(walls[0]),
            ms(walls[walls.len() - 1]),
            mib(rss)
        );
    }

    let mut rows = Vec::new();
    for size in &opts.sizes {
        let spec = generate::Spec {
            pages: size.pages,
            indicators: size.indicators,
            editions: size.editions,
            seed: 1,
        };
        let dir = work.join(size.name);
        let site = dir.join("site");
        eprintln!("{}: writing the site", size.name);
        generate::write_site(&spec, &site, &repo.join("themes/default"))
            .map_err(|e| format!("writing {}: {e}", site.display()))?;
        if hugo {
            generate::write_hugo(&spec, &dir.join("hugo"))
                .map_err(|e| format!("writing the Hugo site: {e}"))?;
        }
        // Let the written files reach the disk before timing anything.
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
        let runs = opts.runs.unwrap_or(size.runs);
        eprintln!("{}: {runs} runs to memory", size.name);
        let shm_out = shm.join(size.name).join("public");
        let shm_build = repeat(runs, || planpress_build(&site, &shm_out))?;
        let _ = fs::remove_dir_all(&shm_out);
        let disk = if opts.disk {
            eprintln!("{}: {runs} runs to disk", size.name);
            let out = dir.join("public");
            let b = repeat(runs, || planpress_build(&site, &out))?;
            let _ = fs::remove_dir_all(&out);
            Some(b)
        } else {
            None
        };
        let hugo_build = if hugo {
            eprintln!("{}: {runs} Hugo runs to memory", size.name);
            let out = shm.join(size.name).join("hugo-public");
            let b = repeat(runs, || hugo_build(&dir.join("hugo"), &out))?;
            let _ = fs::remove_dir_all(&out);
            Some(b)
        } else {
            None
        };
        rows.push(Row {
            size,
            shm: shm_build,
            disk,
            hugo: hugo_build,
        });
    }
    let _ = fs::remove_dir_all(&shm);
    tables(&mut report, &rows);
    let _ = writeln!(report, "\nLoad average after: {}", load_average());
    println!("{report}");
    let file = work.join("results.md");
    fs::write(&file, &report).map_err(|e| format!("writing {}: {e}", file.display()))?;
    eprintln!("also written to {}", file.display());
    Ok(())
}

fn tables(report: &mut String, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        report,
        "\nWall time is the median run, process start to exit, and CPU its user plus system time; \
         peak memory is the highest of the runs.\n\n\
         | site | pages | charts | to /dev/shm | CPU | pages/s | charts/s | peak memory | to disk | pages/s | peak memory | Hugo (/dev/shm) | Hugo pages/s | Hugo memory |\n\
         |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    );
    for r in rows {
        let b = &r.shm;
        let disk = r.disk.as_ref().map_or("| – | – | –".to_string(), |d| {
            format!(
                "| {:.0} ms | {:.0} | {:.0} MiB",
                ms(d.wall),
                per_s(d.pages, d.wall),
                mib(d.max_rss)
            )
        });
        let hugo = r.hugo.as_ref().map_or("| – | – | –".to_string(), |h| {
            format!(
                "| {:.0} ms | {:.0} | {:.0} MiB",
                ms(h.wall),
                per_s(h.pages, h.wall),
                mib(h.max_rss)
            )
        });
        let _ = writeln!(
            report,
            "| {} | {} | {} | {:.0} ms | {:.0} ms | {:.0} | {:.0} | {:.0} MiB {disk} {hugo} |",
            r.size.name,
            b.pages,
            b.charts,
            ms(b.wall),
            ms(b.cpu),
            per_s(b.pages, b.wall),
            per_s(b.charts, b.wall),
            mib(b.max_rss),
        );
    }
    let names: Vec<&str> = rows[0].shm.phases.iter().map(|(n, _)| n.as_str()).collect();
    let _ = writeln!(
        report,
        "\nPhases of the median /dev/shm run, ms (`planpress build --timings`): load+validate is wall \
         time; the others are thread time summed over the worker threads.\n\n| site | wall | {} |\n|---|--:|{}",
        names.join(" | "),
        "--:|".repeat(names.len())
    );
    for r in rows {
        let cells: Vec<String> = r
            .shm
            .phases
            .iter()
            .map(|(_, v)| format!("{v:.0}"))
            .collect();
        let _ = writeln!(
            report,
            "| {} | {:.0} | {} |",
            r.size.name,
            ms(r.shm.wall),
            cells.join(" | ")
        );
    }
    let find = |name: &str| rows.iter().find(|r| r.size.name == name);
    let mut heading = "\nScaling (wall time, /dev/shm; target: 10× within 11×):\n\n";
    for (a, b, what) in [
        ("100p-30i", "1kp-300i", "10× the site"),
        ("1kp-300i", "10kp-3ki", "10× the site"),
        ("1kp-1ki", "10kp-1ki", "10× the pages"),
    ] {
        if let (Some(x), Some(y)) = (find(a), find(b)) {
            report.push_str(heading);
            heading = "";
            let _ = writeln!(
                report,
                "- {a} → {b} ({what}): ×{:.1} time, ×{:.1} memory",
                y.shm.wall.as_secs_f64() / x.shm.wall.as_secs_f64(),
                y.shm.max_rss as f64 / x.shm.max_rss.max(1) as f64
            );
        }
    }
    if let Some(t) = find("10kp-1ki") {
        let _ = writeln!(
            report,
            "\nTarget size 10kp-1ki: {:.0} pages/s (target: 8,000 or more), peak memory {:.0} MiB (target: under 300 MiB).",
            per_s(t.shm.pages, t.shm.wall),
            mib(t.shm.max_rss)
        );
    }
}
