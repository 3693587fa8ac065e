//! `compat-tests [CASES_DIR FIXTURES_DIR]`: prints one line per failing
//! case-mode pair, how many pairs a rule of refusal by design judged, then
//! `N passed, M failed`; exits non-zero on any failure.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (cases, fixtures) = match <[PathBuf; 2]>::try_from(args) {
        Ok([cases, fixtures]) => (cases, fixtures),
        Err(args) if args.is_empty() => compat_tests::default_dirs(),
        Err(_) => {
            eprintln!("usage: compat-tests [CASES_DIR FIXTURES_DIR]");
            return ExitCode::from(2);
        }
    };
    let report = compat_tests::run(&cases, &fixtures);
    for failure in &report.failures {
        println!("{failure}");
    }
    println!("{}", report.refusals());
    println!("{}", report.summary());
    if report.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
