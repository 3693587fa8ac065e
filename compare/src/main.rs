//! `compare`: the comparison toolkit's command line.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use compare::bench::{self, BenchRun};
use compare::http::{self, HttpRun};
use compare::report;
use compare::runs::Runs;

// Counts what each rendering allocates (`compare bench`); it forwards to the
// system allocator and costs one relaxed load a call when not counting.
#[global_allocator]
static ALLOCATOR: compare::alloc::Counting = compare::alloc::Counting;

const USAGE: &str = "\
usage: compare bench [--quick] [--fresh] [--json FILE]
                              time every engine on every page, side by side,
                              and count what each rendering allocates
       compare http [--quick] [--fresh] [--json FILE]
                              serve every engine on loopback and load it
       compare serve ENGINE [--workers N] [--port PORT] [--buffer-size BYTES]
                              serve one engine's pages at /{page} on
                              loopback until stopped, for a load tool of
                              your own (wrk, oha); htpy's streams with
                              buffers of BYTES
       compare repeat ENGINE PAGE [--renders N]
                              render one engine's page N times (1000) in a
                              process of its own, with the allocator as a
                              program finds it (bench runs every engine in
                              one process), and print the median render and
                              the page faults they took
       compare report [--bench FILE] [--http FILE] [--out FILE | --publish]
                              the figures as an HTML page with charts
       compare data           print the pages' data as JSON

bench and http append a run to the results they keep in compare/ under the
target folder (CARGO_TARGET_DIR, else the workspace's target/); --fresh
drops the runs kept before; --json FILE also writes this run alone to FILE.
report reads the latest three runs of each, unless given files, and writes
compare/report.html under the target folder; --publish writes the copy the
book publishes for the processor of the latest run instead,
docs/src/performance/report-MAKER-FAMILY-MODEL.html (report-intel-6-106.html).";

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
            let options = Options::parse(options, &["--quick", "--fresh", "--json"])?;
            let run = bench::run(if options.quick {
                bench::Settings::QUICK
            } else {
                bench::Settings::FULL
            })?;
            print!("{}", run.table());
            append(run, "bench", &options)
        }
        "http" => {
            let options = Options::parse(options, &["--quick", "--fresh", "--json"])?;
            let run = http::run(if options.quick {
                http::Settings::QUICK
            } else {
                http::Settings::FULL
            })?;
            print!("{}", run.table());
            append(run, "http", &options)
        }
        "report" => {
            let options = Options::parse(options, &["--bench", "--http", "--out", "--publish"])?;
            let bench: Option<Runs<BenchRun>> = load(options.bench, "bench")?;
            let http: Option<Runs<HttpRun>> = load(options.http, "http")?;
            let out = match (options.out, options.publish) {
                (Some(_), true) => return Err("--out and --publish exclude each other".into()),
                (Some(out), false) => out,
                (None, true) => {
                    let machine = bench
                        .as_ref()
                        .and_then(|runs| runs.runs.last().map(|run| &run.machine))
                        .or_else(|| {
                            http.as_ref()
                                .and_then(|runs| runs.runs.last().map(|run| &run.machine))
                        })
                        .ok_or("no runs to publish: run compare bench or compare http first")?;
                    workspace().join(format!(
                        "docs/src/performance/report-{}.html",
                        machine.processor()
                    ))
                }
                (None, false) => results().join("report.html"),
            };
            write(&out, &report::render(bench.as_ref(), http.as_ref())?)
        }
        "serve" => serve_engine(options),
        "repeat" => repeat(options),
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

/// `compare serve`: one engine on loopback, with the settings of `compare
/// http`, until the process is stopped.
fn serve_engine(args: &[String]) -> Result<(), Box<dyn Error>> {
    let Some((name, args)) = args.split_first() else {
        return Err(USAGE.into());
    };
    let engine = compare::engine::Engine::named(name)
        .ok_or_else(|| format!("no engine is named {name:?}\n{USAGE}"))?;
    let (mut workers, mut port, mut stream) = (1, 0, htpy::StreamOptions::default());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args.next().map(|value| value.parse::<usize>());
        match (arg.as_str(), value) {
            ("--workers", Some(Ok(value))) if value > 0 => workers = value,
            ("--port", Some(Ok(value))) => port = u16::try_from(value)?,
            ("--buffer-size", Some(Ok(value))) if value > 0 => {
                stream = stream.buffer_size(value);
            }
            _ => return Err(format!("unexpected argument {arg:?} or its value\n{USAGE}").into()),
        }
    }
    actix_web::rt::System::new().block_on(async {
        let served = http::serve_on(engine, workers, http::Settings::QUICK.delays, port, stream)?;
        println!("{engine} on http://{}/{{page}}", served.address);
        std::future::pending::<()>().await;
        Ok(())
    })
}

/// `compare repeat`: one engine's page rendered over and over in a process
/// that renders nothing else.
fn repeat(args: &[String]) -> Result<(), Box<dyn Error>> {
    let [engine, page, rest @ ..] = args else {
        return Err(USAGE.into());
    };
    let engine = compare::engine::Engine::named(engine)
        .ok_or_else(|| format!("no engine is named {engine:?}\n{USAGE}"))?;
    let page = compare::pages::Page::ALL
        .into_iter()
        .find(|known| known.name() == page)
        .filter(|&page| engine.renders(page))
        .ok_or_else(|| format!("{engine} renders no page named {page:?}\n{USAGE}"))?;
    let renders = match rest {
        [] => 1000,
        [flag, count] if flag == "--renders" => count
            .parse::<usize>()
            .ok()
            .filter(|&count| count > 0)
            .ok_or_else(|| format!("--renders takes a count above 0, not {count:?}"))?,
        _ => return Err(USAGE.into()),
    };
    let sources = compare::pages::Sources::new(compare::pages::Delays::NONE);
    let faults_before = minor_faults();
    let mut times = Vec::with_capacity(renders);
    for _ in 0..renders {
        let start = std::time::Instant::now();
        let output = engine
            .render(page, sources)
            .ok_or_else(|| format!("{engine} does not render {page}"))?;
        std::hint::black_box(futures::executor::block_on(output.size()));
        times.push(start.elapsed());
    }
    let faults = minor_faults()
        .zip(faults_before)
        .map(|(after, before)| after - before);
    let median = compare::stats::median(times);
    print!("{engine} {page}: median {median:.1?} a render, of {renders}");
    match faults {
        Some(faults) => println!("; {faults} page faults in all"),
        None => println!(),
    }
    Ok(())
}

/// The minor page faults of this process so far, where Linux tells them.
fn minor_faults() -> Option<u64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's name, which is in parentheses.
    let fields = &stat[stat.rfind(')')? + 2..];
    fields.split(' ').nth(7)?.parse().ok()
}

/// The options of a command.
#[derive(Default)]
struct Options {
    quick: bool,
    fresh: bool,
    publish: bool,
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
            let flag = match arg.as_str() {
                "--quick" => Some(&mut options.quick),
                "--fresh" => Some(&mut options.fresh),
                "--publish" => Some(&mut options.publish),
                _ => None,
            };
            if let Some(flag) = flag {
                *flag = true;
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

/// Where results and the report go: `compare/` in the target folder in
/// use, `CARGO_TARGET_DIR`, else the workspace's `target/`.
fn results() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from)
        .join("compare")
}

/// Where `bench` or `http` keeps its runs.
fn kept(command: &str) -> PathBuf {
    results().join(format!("{command}.json"))
}

/// Appends `run` to the runs `command` keeps (to none with `--fresh`), and
/// writes it alone to the `--json` file if asked.
fn append<R>(run: R, command: &str, options: &Options) -> Result<(), Box<dyn Error>>
where
    R: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    let path = kept(command);
    let mut runs: Runs<R> = if options.fresh {
        Runs { runs: Vec::new() }
    } else {
        read(&path)?.unwrap_or(Runs { runs: Vec::new() })
    };
    if let Some(json) = &options.json {
        write(json, &to_json(&Runs::one(run.clone()))?)?;
    }
    runs.runs.push(run);
    write(&path, &to_json(&runs)?)?;
    eprintln!(
        "{} run(s) kept; the report weighs the latest {}",
        runs.runs.len(),
        Runs::<R>::RECENT
    );
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// The runs in `path`, else those `command` keeps, if there are any.
fn load<T: serde::de::DeserializeOwned>(
    path: Option<PathBuf>,
    command: &str,
) -> Result<Option<T>, Box<dyn Error>> {
    if let Some(path) = path {
        return read(&path)?
            .map(Some)
            .ok_or_else(|| format!("no such file: {}", path.display()).into());
    }
    let path = kept(command);
    let runs = read(&path)?;
    if runs.is_none() {
        eprintln!(
            "no {command} results yet ({}): the report leaves them out",
            path.display()
        );
    }
    Ok(runs)
}

/// The runs in `path`; `None` if there is no such file.
fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, Box<dyn Error>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(serde_json::from_str(&text).map_err(|error| {
            format!(
                "{}: {error} (runs are kept as {{\"runs\": [...]}}; remove a file of another shape)",
                path.display()
            )
        })?)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
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
