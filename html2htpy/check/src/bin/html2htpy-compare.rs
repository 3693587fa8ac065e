//! `html2htpy-compare SOURCE RENDERED`: whether two HTML files parse to the
//! same page, as html2htpy promises it (see `html2htpy::outline`). Exits
//! with 0 when they do, 1 with where they differ when they do not.

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let [source, rendered] = paths.as_slice() else {
        eprintln!("usage: html2htpy-compare SOURCE.html RENDERED.html");
        return ExitCode::from(2);
    };
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))
    };
    match (read(source), read(rendered)) {
        (Ok(left), Ok(right)) => match html2htpy_check::difference(&left, &right) {
            None => ExitCode::SUCCESS,
            Some(difference) => {
                eprintln!("{source}: {difference}");
                ExitCode::FAILURE
            }
        },
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("html2htpy-compare: {error}");
            ExitCode::from(2)
        }
    }
}
