//! `compare`: the comparison toolkit's command line.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use compare::bench::{self, BenchResults};
use compare::http::{self, HttpResults};
use compare::report;

const USAGE: &str = "\
usage: compare bench [--quick] [--json FILE]   time every engine on every page, side by side
       compare http [--quick] [--json FILE]    serve every engine on loopback and load it
       compare report [--bench FILE] [--http FILE] [--out FILE]
                                               the figures as an HTML page with charts
       compare data                            print the pages' data as JSON

bench and http keep their latest results in target/compare/, where report
reads them unless told otherwise; report writes docs/src/performance/report.html
unless told otherwise.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("compare: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), Box<dyn Error>> {
    let Some((command, options)) = args.split_first() else {
        return Err(USAGE.into());
    };
    match command.as_str() {
        "bench" => {
            let options = Options::parse(options, &["--quick", "--json"])?;
            let results = bench::run(if options.quick {
                bench::Settings::QUICK
            } else {
                bench::Settings::FULL
            })?;
            print!("{}", results.table());
            save(&results, &latest("bench"), options.json.as_deref())
        }
        "http" => {
            let options = Options::parse(options, &["--quick", "--json"])?;
            let results = http::run(if options.quick {
                http::Settings::QUICK
            } else {
                http::Settings::FULL
            })?;
            print!("{}", results.table());
            save(&results, &latest("http"), options.json.as_deref())
        }
        "report" => {
            let options = Options::parse(options, &["--bench", "--http", "--out"])?;
            let bench: Option<BenchResults> = load(options.bench, "bench")?;
            let http: Option<HttpResults> = load(options.http, "http")?;
            let out = options
                .out
                .unwrap_or_else(|| workspace().join("docs/src/performance/report.html"));
            write(&out, &report::render(bench.as_ref(), http.as_ref())?)
        }
        "data" => {
            Options::parse(options, &[])?;
            println!("{}", compare::python::pages_json());
            Ok(())
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}").into()),
    }
}

/// The options of a command.
#[derive(Default)]
struct Options {
    quick: bool,
    json: Option<PathBuf>,
    bench: Option<PathBuf>,
    http: Option<PathBuf>,
    out: Option<PathBuf>,
}

impl Options {
    /// Parses `args`, accepting only the options named in `allowed`.
    fn parse(args: &[String], allowed: &[&str]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if !allowed.contains(&arg.as_str()) {
                return Err(format!("unexpected argument {arg:?}\n{USAGE}"));
            }
            if arg == "--quick" {
                options.quick = true;
                continue;
            }
            let value = Some(
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("{arg} needs a file name"))?,
            );
            match arg.as_str() {
                "--json" => options.json = value,
                "--bench" => options.bench = value,
                "--http" => options.http = value,
                "--out" => options.out = value,
                _ => unreachable!("every allowed option is handled"),
            }
        }
        Ok(options)
    }
}

/// The workspace this crate is in.
fn workspace() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest)
}

/// Where `bench` or `http` keeps its latest results.
fn latest(command: &str) -> PathBuf {
    workspace()
        .join("target/compare")
        .join(format!("{command}.json"))
}

/// Writes `results` as the latest, and to `json` if asked.
fn save(
    results: &impl serde::Serialize,
    latest: &Path,
    json: Option<&Path>,
) -> Result<(), Box<dyn Error>> {
    let text = serde_json::to_string_pretty(results)? + "\n";
    write(latest, &text)?;
    json.map_or(Ok(()), |json| write(json, &text))
}

/// The results in `path`, else the latest of `command`, if there are any.
fn load<T: serde::de::DeserializeOwned>(
    path: Option<PathBuf>,
    command: &str,
) -> Result<Option<T>, Box<dyn Error>> {
    let (path, given) = path.map_or_else(|| (latest(command), false), |path| (path, true));
    match fs::read_to_string(&path) {
        Ok(text) => Ok(Some(
            serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?,
        )),
        Err(error) if !given && error.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "no {command} results yet ({}): the report leaves them out",
                path.display()
            );
            Ok(None)
        }
        Err(error) => Err(format!("cannot read {}: {error}", path.display()).into()),
    }
}

fn write(path: &Path, text: &str) -> Result<(), Box<dyn Error>> {
    if let Some(directory) = path.parent() {
        fs::create_dir_all(directory)
            .map_err(|error| format!("cannot create {}: {error}", directory.display()))?;
    }
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
