//! Seeded random compat cases, for fuzzing the Rust port against htpy.
//!
//! ```text
//! cargo run -q --release -p compat-tests --bin gen-cases -- --seed N --count K OUT_DIR
//! ```
//!
//! writes `OUT_DIR/random-N.json`: a case file of the contract
//! (`/work/shared/compat-case-format.md`) with `K` cases named
//! `random-N-0` … `random-N-(K-1)`. The same seed always gives the same
//! file. Feed it to `reference.py` for fixtures, then to the runner.

mod cases;
mod json;
mod rng;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// What the command line asked for.
struct Args {
    /// The seed of every random choice.
    seed: u64,
    /// How many cases to write.
    count: usize,
    /// The folder to write `random-SEED.json` into.
    out_dir: PathBuf,
}

/// The usage line printed on bad arguments.
const USAGE: &str = "usage: gen-cases --seed N --count K OUT_DIR";

/// Parses `--seed N --count K OUT_DIR` (flags in any order).
fn parse_args(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut seed, mut count, mut out_dir) = (None, None, None);
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" | "--count" => {
                let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
                let bad = |_| format!("{arg} takes a non-negative integer, got {value:?}");
                if arg == "--seed" {
                    seed = Some(value.parse::<u64>().map_err(bad)?);
                } else {
                    count = Some(value.parse::<usize>().map_err(bad)?);
                }
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ if out_dir.is_none() => out_dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(Args {
        seed: seed.ok_or("--seed is required")?,
        count: count.ok_or("--count is required")?,
        out_dir: out_dir.ok_or("OUT_DIR is required")?,
    })
}

/// The whole case file: contexts, then one case per line.
fn case_file(seed: u64, count: usize) -> String {
    let mut generator = cases::Generator::new(seed);
    let mut out = String::from("{\n");
    // Writing to a String cannot fail.
    let _ = writeln!(out, " \"contexts\": {},", generator.contexts_json());
    out.push_str(" \"cases\": [\n");
    for i in 0..count {
        let case = generator.case(format!("random-{seed}-{i}"));
        let sep = if i + 1 < count { "," } else { "" };
        let _ = writeln!(out, "  {case}{sep}");
    }
    out.push_str(" ]\n}\n");
    out
}

/// Parses the arguments and writes the case file.
fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(err) => {
            eprintln!("gen-cases: {err}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let path = args.out_dir.join(format!("random-{}.json", args.seed));
    let written = std::fs::create_dir_all(&args.out_dir)
        .and_then(|()| std::fs::write(&path, case_file(args.seed, args.count)));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen-cases: cannot write {}: {err}", path.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{case_file, parse_args};

    #[test]
    fn same_seed_same_file() {
        assert_eq!(case_file(3, 20), case_file(3, 20));
        assert_ne!(case_file(3, 20), case_file(4, 20));
    }

    #[test]
    fn file_is_json_with_named_cases() {
        let file: serde_json::Value = serde_json::from_str(&case_file(9, 5)).expect("valid JSON");
        let names: Vec<_> = file["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| c["name"].clone())
            .collect();
        assert_eq!(
            names,
            [
                "random-9-0",
                "random-9-1",
                "random-9-2",
                "random-9-3",
                "random-9-4"
            ]
        );
    }

    #[test]
    fn args_in_any_order() {
        let args = parse_args(
            ["out", "--count", "3", "--seed", "7"]
                .map(String::from)
                .into_iter(),
        )
        .expect("ok");
        assert_eq!(
            (args.seed, args.count, args.out_dir.to_str()),
            (7, 3, Some("out"))
        );
        assert!(parse_args(["--seed", "x"].map(String::from).into_iter()).is_err());
    }
}
