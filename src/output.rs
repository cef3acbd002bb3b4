//! The output folder: a staging folder beside it, filled as pages are
//! rendered, then swapped in at once.
//!
//! A build that fails, or is killed at any moment, leaves the previous
//! output as it was: on Linux the swap is one atomic `renameat2` exchange;
//! elsewhere two renames, with the old folder put back by the next build if
//! a kill fell between them. Leftover staging folders have fixed names and
//! carry a marker, so the next build removes them instead of tripping over
//! them. Nothing outside the output folder and those staging folders is ever
//! deleted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The file planpress writes into every output folder it makes.
pub const MARKER: &str = ".planpress-output";

/// What can go wrong with the output folder.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output folder would hold or replace the site's own files.
    #[error("refusing to write the site into {path}: {why}")]
    Unsafe {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The folder exists, is not empty, and was not made by planpress.
    #[error(
        "{0} exists and was not made by planpress; choose another --out, empty it, or pass --force to replace it"
    )]
    NotOurs(PathBuf),
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

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| OutputError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// A build's output in the making.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

/// The fixed name of a helper folder beside the output.
fn sibling(out: &Path, role: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.planpress-{role}"))
}

impl Staging {
    /// Checks that `out` may be written for the site at `site`, tidies up
    /// after an interrupted earlier build, and creates an empty staging
    /// folder.
    pub fn begin(site: &Path, out: &Path, force: bool) -> Result<Staging, OutputError> {
        check_target(site, out, force)?;
        let old = sibling(out, "old");
        if !out.exists() && old.join(MARKER).exists() {
            // A kill fell between the two renames of a non-atomic swap.
            fs::rename(&old, out).map_err(io_err("restoring", &old))?;
        }
        for role in ["new", "old"] {
            let leftover = sibling(out, role);
            if leftover.exists() {
                remove_ours(&leftover)?;
            }
        }
        let dir = sibling(out, "new");
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_err("creating", parent))?;
        }
        fs::create_dir(&dir).map_err(io_err("creating", &dir))?;
        fs::write(
            dir.join(MARKER),
            "made by planpress; replaced by every build\n",
        )
        .map_err(io_err("writing", &dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    /// The staging folder, where the build writes.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file of the output (creating folders as needed).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("creating", parent))?;
        }
        fs::write(&path, bytes).map_err(io_err("writing", &path))
    }

    /// Creates one file of the output for writing piece by piece (the print
    /// pages, which are assembled as their chapters are rendered).
    pub fn create(&self, rel: &str) -> Result<io::BufWriter<fs::File>, OutputError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("creating", parent))?;
        }
        let file = fs::File::create(&path).map_err(io_err("writing", &path))?;
        Ok(io::BufWriter::with_capacity(1 << 20, file))
    }

    /// The error for a failed write to a file made with [`Staging::create`].
    pub fn io_error(&self, rel: &str, source: io::Error) -> OutputError {
        OutputError::Io {
            action: "writing",
            path: self.dir.join(rel),
            source,
        }
    }

    /// Copies a file into the output.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("creating", parent))?;
        }
        fs::copy(from, &path).map_err(io_err("copying", from))?;
        Ok(())
    }

    /// Swaps the finished staging folder in place of the output.
    pub fn commit(self) -> Result<(), OutputError> {
        if !self.out.exists() {
            fs::rename(&self.dir, &self.out).map_err(io_err("moving", &self.dir))?;
            return Ok(());
        }
        let old = sibling(&self.out, "old");
        if !exchange(&self.dir, &self.out)? {
            fs::rename(&self.out, &old).map_err(io_err("moving", &self.out))?;
            fs::rename(&self.dir, &self.out).map_err(io_err("moving", &self.dir))?;
        } else {
            fs::rename(&self.dir, &old).map_err(io_err("moving", &self.dir))?;
        }
        fs::remove_dir_all(&old).map_err(io_err("removing", &old))
    }

    /// Removes the staging folder after a failed build.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Atomically exchanges two folders where the system can; `false` when it
/// cannot, so the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool, OutputError> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(|e| OutputError::Io {
        action: "naming",
        path: a.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidInput, e),
    })?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(|e| OutputError::Io {
        action: "naming",
        path: b.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidInput, e),
    })?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EXDEV) => Ok(false),
        _ => Err(OutputError::Io {
            action: "swapping in",
            path: b.to_path_buf(),
            source: e,
        }),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool, OutputError> {
    Ok(false)
}

/// Removes a folder only if planpress made it (it holds the marker).
fn remove_ours(dir: &Path) -> Result<(), OutputError> {
    if dir.join(MARKER).exists()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    {
        fs::remove_dir_all(dir).map_err(io_err("removing", dir))
    } else {
        Err(OutputError::NotOurs(dir.to_path_buf()))
    }
}

/// Refuses an output folder that would replace or mix with the site's own
/// files, or a non-empty folder planpress did not make (unless forced).
fn check_target(site: &Path, out: &Path, force: bool) -> Result<(), OutputError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        // Canonicalise the longest existing ancestor, so `..` and symlinks
        // cannot disguise the site folder.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut c = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            c.push(part);
        }
        c
    };
    let site_abs = abs(site);
    let out_abs = abs(out);
    let unsafe_ = |why: &str| OutputError::Unsafe {
        path: out.to_path_buf(),
        why: why.to_string(),
    };
    if site_abs.starts_with(&out_abs) {
        return Err(unsafe_("it is the site folder or holds it"));
    }
    if out_abs.join("content").exists()
        || out_abs.join("data").join("indicators.yaml").exists()
        || out_abs.join("site.yaml").exists()
    {
        return Err(unsafe_(
            "it holds content/, data/ or site.yaml, like a site folder",
        ));
    }
    if out_abs.exists() && !force {
        if !out_abs.is_dir() {
            return Err(unsafe_("it is a file, not a folder"));
        }
        let empty = fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out_abs.join(MARKER).exists() {
            return Err(OutputError::NotOurs(out.to_path_buf()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_whole_output_and_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir(&site).unwrap();
        let out = site.join("public");
        for round in ["one", "two"] {
            let s = Staging::begin(&site, &out, false).unwrap();
            s.write(&format!("{round}.html"), round.as_bytes()).unwrap();
            s.commit().unwrap();
        }
        assert!(out.join("two.html").exists());
        assert!(!out.join("one.html").exists());
        let names: Vec<_> = fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn refuses_site_folders_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        assert!(matches!(
            Staging::begin(&site, &site, false),
            Err(OutputError::Unsafe { .. })
        ));
        assert!(matches!(
            Staging::begin(&site, tmp.path(), false),
            Err(OutputError::Unsafe { .. })
        ));
        let foreign = tmp.path().join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(
            Staging::begin(&site, &foreign, false),
            Err(OutputError::NotOurs(_))
        ));
        assert!(Staging::begin(&site, &foreign, true).is_ok());
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir(&site).unwrap();
        let out = site.join("public");
        let old = sibling(&out, "old");
        fs::create_dir(&old).unwrap();
        fs::write(old.join(MARKER), "").unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        let new = sibling(&out, "new");
        fs::create_dir(&new).unwrap();
        fs::write(new.join(MARKER), "").unwrap();
        let s = Staging::begin(&site, &out, false).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        s.abort();
        assert!(!sibling(&out, "new").exists());
    }
}
