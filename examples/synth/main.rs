//! Writes a synthetic planpress site folder of a chosen size, for
//! benchmarks:
//!
//! ```text
//! cargo run --release --example synth -- --pages 1000 --indicators 300 --editions 5 /tmp/synth
//! planpress build --site /tmp/synth --out /dev/shm/synth-public
//! ```
//!
//! The same arguments always write the same bytes. `--hugo DIR` also writes
//! the same chapters as a Hugo site, the reference the benchmark compares
//! against (see BENCHMARKS.md).

mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Writes a synthetic planpress site folder for benchmarks")]
struct Args {
    /// Chapter pages per language.
    #[arg(long, default_value_t = 100)]
    pages: usize,
    /// Indicators (about ten to a category).
    #[arg(long, default_value_t = 30)]
    indicators: usize,
    /// Progress editions, one a year from 2021.
    #[arg(long, default_value_t = 5)]
    editions: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the chapters as a Hugo site into this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// The folder to write: missing, empty, or written by synth before.
    dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = generate::Spec {
        pages: args.pages,
        indicators: args.indicators,
        editions: args.editions,
        seed: args.seed,
    };
    let theme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    if let Err(e) = generate::write_site(&spec, &args.dir, &theme) {
        eprintln!("writing {}: {e}", args.dir.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", args.dir.display());
    if let Some(hugo) = &args.hugo {
        if let Err(e) = generate::write_hugo(&spec, hugo) {
            eprintln!("writing {}: {e}", hugo.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", hugo.display());
    }
    ExitCode::SUCCESS
}
