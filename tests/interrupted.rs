//! A build killed at any moment leaves public/ either as it was or as the
//! new build would make it, never a mix, and the next build succeeds.
//!
//! The fixture site is grown to a few hundred pages so that a build takes a
//! while; builds of two versions of it are killed with SIGKILL after delays
//! spread over a whole build, and public/ is compared, by its file listing
//! and the hash of every file, with the two complete outputs.

mod common;

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const BIN: &str = env!("CARGO_BIN_EXE_planpress");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check-site");

/// Pages per language added to the fixture.
const PAGES: usize = 300;
/// Builds killed.
const KILLS: usize = 10;

/// Writes the generated pages of one version (`word` differs between
/// versions; version B also has one page more, so the listings differ).
fn write_version(site: &Path, word: &str, extra_page: bool) {
    let count = PAGES + usize::from(extra_page);
    for lang in ["zh", "en"] {
        let dir = site.join("content").join(lang);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("gen-"))
            {
                fs::remove_file(path).unwrap();
            }
        }
        for i in 0..count {
            let mut text = format!("---\ntitle: {word} {i}\norder: {}\n---\n", i + 2);
            text.push_str(&format!(
                "## {word} {i}\n\n{{{{ indicator(id=\"students\") }}}}\n\n"
            ));
            for _ in 0..20 {
                text.push_str(&format!(
                    "职业教育规模稳步扩大，{word} keeps growing across the district. "
                ));
                text.push('\n');
            }
            fs::write(dir.join(format!("gen-{i:03}.md")), text).unwrap();
        }
    }
}

/// The output folder as a listing with a hash of every file.
fn state(public: &Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    if !public.exists() {
        return out;
    }
    let mut stack = vec![public.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let mut h = DefaultHasher::new();
                fs::read(&path).unwrap().hash(&mut h);
                out.insert(path.strip_prefix(public).unwrap().to_path_buf(), h.finish());
            }
        }
    }
    out
}

fn build(site: &Path) {
    let out = Command::new(BIN)
        .args(["build", "--lang", "en", "--site"])
        .arg(site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A small xorshift generator: the delays vary from run to run, and the
/// seed is printed so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_output_never_a_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(Path::new(FIXTURE), &site);
    let public = site.join("public");

    write_version(&site, "beta", true);
    build(&site);
    let b = state(&public);
    write_version(&site, "alpha", false);
    let started = Instant::now();
    build(&site);
    let full = started.elapsed();
    let a = state(&public);
    assert_ne!(a, b, "the two versions must differ");
    assert!(a.len() > 2 * PAGES, "{} files", a.len());

    let seed = std::env::var("PLANPRESS_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("kill delays seeded with PLANPRESS_KILL_SEED={seed}; a full build took {full:?}");
    let mut rng = Rng(seed);
    let mut current_is_a = true;
    let mut outcomes = Vec::new();
    for k in 0..KILLS {
        // The other version, so that a completed swap is visible.
        if current_is_a {
            write_version(&site, "beta", true);
        } else {
            write_version(&site, "alpha", false);
        }
        // Delays spread over the whole build, from its start to past its
        // end, each somewhere inside its own tenth.
        let fraction = (k as f64 + rng.unit()) / KILLS as f64 * 1.1;
        let delay = full.mul_f64(fraction);
        let mut child = Command::new(BIN)
            .args(["build", "--lang", "en", "--site"])
            .arg(&site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = state(&public);
        let (before, after) = if current_is_a { (&a, &b) } else { (&b, &a) };
        let which = if &now == before {
            "kept the previous output"
        } else if &now == after {
            "swapped in the new output"
        } else {
            let unknown = now
                .keys()
                .filter(|k| !a.contains_key(*k) && !b.contains_key(*k))
                .count();
            panic!(
                "kill {k} after {delay:?} ({status}): public/ is neither the previous nor the new output: {} files, {unknown} in neither",
                now.len()
            );
        };
        outcomes.push(format!("{delay:.0?} {which}"));
        current_is_a = now == a;
    }
    eprintln!("kills: {}", outcomes.join("; "));

    // The next build succeeds and leaves no staging folder behind.
    write_version(&site, "alpha", false);
    build(&site);
    assert_eq!(state(&public), a, "the build after the kills");
    let strays: Vec<String> = fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planpress"))
        .collect();
    assert!(strays.is_empty(), "left behind: {strays:?}");
}
