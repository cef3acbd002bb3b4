//! The planpress command line: parses arguments, calls the library, prints
//! what happened.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use planpress::lang::Lang;
use planpress::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "planpress",
    version,
    about = "Builds a bilingual progress-report website from a plan's YAML data and Markdown chapters"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder (default: the current folder).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The output folder (default: SITE/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace an existing output folder that planpress did not make.
        #[arg(long)]
        force: bool,
        /// Language of messages: zh or en (default: from LANG, else en).
        #[arg(long)]
        lang: Option<String>,
        /// Also print the time of each phase (for the benchmark, BENCHMARKS.md).
        #[arg(long, hide = true)]
        timings: bool,
    },
    /// Check the site folder and report every problem, without writing anything.
    Check {
        /// The site folder (default: the current folder).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Language of messages: zh or en (default: from LANG, else en).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Build, then print each language's print page to PDF with headless Chromium.
    Pdf {
        /// The site folder (default: the current folder).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The output folder (default: SITE/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Which handout: zh, en or all (messages follow LANG).
        #[arg(long = "lang", value_name = "zh|en|all", default_value = "all", value_parser = ["zh", "en", "all"])]
        which: String,
        /// The Chromium or Chrome executable (default: found on PATH).
        #[arg(long)]
        chrome: Option<PathBuf>,
    },
    /// Write data/progress/YEAR.yaml from a CSV or XLSX sheet of (indicator id or Chinese name, value[, note, source]).
    Import {
        /// The spreadsheet: .csv or .xlsx.
        file: PathBuf,
        /// The year of the edition.
        #[arg(long)]
        year: i32,
        /// The site folder (default: the current folder).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The date the figures are as of, YYYY-MM-DD (default: the replaced
        /// edition's, else 31 December of the year).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Replace the values of an existing edition (its other parts are kept).
        #[arg(long)]
        force: bool,
        /// Language of messages: zh or en (default: from LANG, else en).
        #[arg(long)]
        lang: Option<String>,
    },
}

fn message_lang(flag: Option<&str>) -> Lang {
    flag.and_then(Lang::parse)
        .or_else(|| {
            std::env::var("LANG")
                .ok()
                .and_then(|l| l.starts_with("zh").then_some(Lang::Zh))
        })
        .unwrap_or(Lang::En)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Build {
            site,
            out,
            force,
            lang,
            timings,
        } => {
            let lang = message_lang(lang.as_deref());
            let opts = BuildOptions { site, out, force };
            match planpress::build(&opts) {
                Ok(report) => {
                    if !report.warnings.items.is_empty() {
                        eprint!("{}", report.warnings.render(lang, color));
                    }
                    let c = &report.counts;
                    let ms = report.elapsed.as_secs_f64() * 1000.0;
                    match lang {
                        Lang::Zh => println!(
                            "已生成 {} 个页面、{} 张图表、{} 个数据文件，输出到 {}，用时 {ms:.0} 毫秒",
                            c.pages,
                            c.charts,
                            c.downloads,
                            report.out.display()
                        ),
                        Lang::En => println!(
                            "built {} pages, {} charts and {} downloads into {} in {ms:.0} ms",
                            c.pages,
                            c.charts,
                            c.downloads,
                            report.out.display()
                        ),
                    }
                    if timings {
                        // One `phase <name> <ms>` line each: read by benches/build.rs.
                        for (name, d) in &report.phases {
                            println!("phase {name} {:.3}", d.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    report_error(&e, lang, color);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Pdf {
            site,
            out,
            which,
            chrome,
        } => {
            let lang = message_lang(None);
            let langs = match Lang::parse(&which) {
                Some(l) => vec![l],
                None => Lang::ALL.to_vec(),
            };
            let opts = planpress::pdf::PdfOptions {
                site,
                out,
                langs,
                chrome,
            };
            match planpress::pdf::print_pdfs(&opts) {
                Ok(report) => {
                    if !report.build.warnings.items.is_empty() {
                        eprint!("{}", report.build.warnings.render(lang, color));
                    }
                    for h in &report.handouts {
                        let kb = h.bytes.div_ceil(1024);
                        match lang {
                            Lang::Zh => println!("已打印 {}（{kb} KB）", h.path.display()),
                            Lang::En => println!("printed {} ({kb} KB)", h.path.display()),
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(planpress::pdf::PdfError::Build(e)) => {
                    report_error(&e, lang, color);
                    ExitCode::FAILURE
                }
                Err(e) => {
                    match lang {
                        Lang::Zh => eprintln!("错误：{}\n{}", e.message(lang), e.help(lang)),
                        Lang::En => eprintln!("error: {}\n{}", e.message(lang), e.help(lang)),
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import {
            file,
            year,
            site,
            as_of,
            force,
            lang,
        } => {
            let lang = message_lang(lang.as_deref());
            let opts = planpress::import::ImportOptions {
                site,
                file,
                year,
                as_of,
                force,
            };
            match planpress::import::import(&opts) {
                Ok(report) => {
                    print!("{}", report.summary(lang));
                    eprint!("{}", report.warnings(lang));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", e.render(lang, color));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { site, lang } => {
            let lang = message_lang(lang.as_deref());
            let problems = planpress::check(&site);
            eprint!("{}", problems.render(lang, color));
            if problems.errors() > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn report_error(e: &Error, lang: Lang, color: bool) {
    match e {
        Error::Site(problems) => {
            eprint!("{}", problems.render(lang, color));
            match lang {
                Lang::Zh => eprintln!("未生成网站；原有的输出文件夹保持不变。"),
                Lang::En => eprintln!("nothing was built; the previous output is unchanged."),
            }
        }
        other => match lang {
            Lang::Zh => eprintln!("错误：{other}\n未生成网站；原有的输出文件夹保持不变。"),
            Lang::En => {
                eprintln!("error: {other}\nnothing was built; the previous output is unchanged.")
            }
        },
    }
}
