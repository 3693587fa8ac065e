//! `compare`: the comparison toolkit's command line.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use compare::bench::{self, Settings};
use compare::http;

const USAGE: &str = "\
usage: compare bench [--quick] [--json FILE]    time the engines side by side
       compare http [--quick] [--json FILE]     serve every engine on loopback and load it
       compare data                             print the pages' data as JSON";

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
                Settings::QUICK
            } else {
                Settings::FULL
            })?;
            print!("{}", results.table());
            options
                .json
                .map_or(Ok(()), |path| write_json(&path, &results))
        }
        "http" => {
            let options = Options::parse(options, &["--quick", "--json"])?;
            let results = http::run(if options.quick {
                http::Settings::QUICK
            } else {
                http::Settings::FULL
            })?;
            print!("{}", results.table());
            options
                .json
                .map_or(Ok(()), |path| write_json(&path, &results))
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
            let mut value = || {
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("{arg} needs a file name"))
            };
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--json" => options.json = Some(value()?),
                _ => unreachable!("every allowed option is handled"),
            }
        }
        Ok(options)
    }
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), Box<dyn Error>> {
    let json = serde_json::to_string_pretty(value)?;
    fs::write(path, json + "\n")
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
