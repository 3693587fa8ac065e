//! The compat runner: renders every case of `cases/*.json` with the Rust
//! `htpy` in the three modes (`str`, `sync`, `async`) and compares each with
//! what htpy 26.5.1 rendered, recorded in `fixtures/*.json`. The format is
//! the contract in `compat-case-format.md`; `README.md` says how to add
//! cases.
//!
//! ```no_run
//! let (cases, fixtures) = compat_tests::default_dirs();
//! let report = compat_tests::run(&cases, &fixtures);
//! println!("{}", report.summary());
//! ```

mod case;
mod compare;
mod mode;
mod refusal;
mod report;
mod timer;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::{fmt, fs, io, thread};

use serde_json::Value as Json;

use crate::case::CaseFile;
use crate::compare::{Expected, differences, refusal_difference};
use crate::mode::Mode;
use crate::refusal::Refusal;
pub use crate::report::{Failure, Report};

/// The version of htpy the fixtures must come from.
const HTPY_VERSION: &str = "26.5.1";

/// The stack of the thread that runs the cases. A case may nest as deep as it
/// likes, and parsing it, building its tree, rendering and dropping them all
/// recurse once per level; 256 MiB is only reserved address space, touched
/// as deep as a case goes, and holds trees tens of thousands of levels deep.
const RUNNER_STACK_BYTES: usize = 256 << 20;

/// The crate's own `cases` and `fixtures` folders.
///
/// ```
/// let (cases, fixtures) = compat_tests::default_dirs();
/// assert!(cases.ends_with("cases") && fixtures.ends_with("fixtures"));
/// ```
pub fn default_dirs() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    (root.join("cases"), root.join("fixtures"))
}

/// Runs every case of the `cases` folder against its fixture in `fixtures`.
///
/// A case file without a fixture, a fixture without its case file, a case
/// missing from its fixture, and a fixture entry without its case are
/// failures; a file that cannot be read or parsed also marks the report
/// [`unreadable`](Report::unreadable).
///
/// ```
/// let report = compat_tests::run("/nonexistent/cases".as_ref(), "/nonexistent/fixtures".as_ref());
/// assert!(report.unreadable);
/// ```
///
/// # Panics
///
/// If the operating system cannot start the runner's thread, or a render
/// panics outside htpy's own catching.
pub fn run(cases: &Path, fixtures: &Path) -> Report {
    thread::scope(|scope| {
        thread::Builder::new()
            .name("compat-runner".to_owned())
            .stack_size(RUNNER_STACK_BYTES)
            .spawn_scoped(scope, || run_here(cases, fixtures))
            .expect("cannot start the runner's thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// [`run`], on the current thread.
fn run_here(cases: &Path, fixtures: &Path) -> Report {
    let mut report = Report::default();
    let (case_files, fixture_files) = match (json_files(cases), json_files(fixtures)) {
        (Ok(case_files), Ok(fixture_files)) => (case_files, fixture_files),
        (Err(error), _) => {
            report.unreadable(
                &cases.display().to_string(),
                format!("cannot list: {error}"),
            );
            return report;
        }
        (_, Err(error)) => {
            report.unreadable(
                &fixtures.display().to_string(),
                format!("cannot list: {error}"),
            );
            return report;
        }
    };
    let mut names = HashSet::new();
    for (file, path) in &case_files {
        let case_file = match read_json(path).and_then(|json| CaseFile::parse(&json)) {
            Ok(case_file) => case_file,
            Err(error) => {
                report.unreadable(file, format!("unreadable case file: {error}"));
                continue;
            }
        };
        for (name, _) in &case_file.cases {
            if !names.insert(name.clone()) {
                report.fail(file, name, "-", "case name used twice");
            }
        }
        let Some(fixture_path) = fixture_files.get(file) else {
            for (name, _) in &case_file.cases {
                for mode in Mode::ALL {
                    report.fail(file, name, mode.key(), "no fixture file");
                }
            }
            continue;
        };
        match read_json(fixture_path).and_then(|json| fixture_entries(&json)) {
            Ok(entries) => run_file(&mut report, file, &case_file, &entries),
            Err(error) => report.unreadable(file, format!("unreadable fixture: {error}")),
        }
    }
    for file in fixture_files
        .keys()
        .filter(|file| !case_files.contains_key(*file))
    {
        report.fail(file, "-", "-", "fixture without a case file");
    }
    report
}

/// Runs one file's cases against its fixture's entries.
fn run_file(report: &mut Report, file: &str, case_file: &CaseFile, entries: &[(String, Json)]) {
    let by_name: BTreeMap<&str, &Json> = entries
        .iter()
        .map(|(name, entry)| (name.as_str(), entry))
        .collect();
    for (name, node) in &case_file.cases {
        let refusal = Refusal::of_case(node);
        for mode in Mode::ALL {
            let Some(entry) = by_name.get(name.as_str()) else {
                report.fail(file, name, mode.key(), "case missing from its fixture");
                continue;
            };
            let expected = match entry.get(mode.key()).map(Expected::parse) {
                Some(Ok(expected)) => expected,
                Some(Err(error)) => {
                    report.fail(file, name, mode.key(), error);
                    continue;
                }
                None => {
                    report.fail(
                        file,
                        name,
                        mode.key(),
                        "no result for this mode in the fixture",
                    );
                    continue;
                }
            };
            let got = mode.render(&case_file.contexts, node);
            let what = match &refusal {
                Some(refusal) => {
                    report.judged_by_refusal += 1;
                    refusal_difference(refusal, &got)
                }
                None => differences(&expected, &got, mode),
            };
            match what {
                None => report.passed += 1,
                Some(what) => report.fail(file, name, mode.key(), what),
            }
        }
    }
    for (name, _) in entries {
        if !case_file.cases.iter().any(|(case, _)| case == name) {
            report.fail(file, name, "-", "in the fixture but not in the case file");
        }
    }
}

/// The files of a folder whose names end in `.json`, by file name: the same
/// set as `reference.py` takes, `.json` itself included (which has no
/// extension to `Path::extension`).
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "`reference.py` matches `.json` case-sensitively; both must take the same files"
)]
fn json_files(dir: &Path) -> io::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        if let Some(name) = name
            && name.ends_with(".json")
            && path.is_file()
        {
            files.insert(name, path);
        }
    }
    Ok(files)
}

/// A JSON file, at any depth of nesting (the runner's stack holds it).
fn read_json(path: &Path) -> Result<Json, String> {
    let at_path = |error: &dyn fmt::Display| format!("{}: {error}", path.display());
    let text = fs::read_to_string(path).map_err(|error| at_path(&error))?;
    let mut parser = serde_json::Deserializer::from_str(&text);
    parser.disable_recursion_limit();
    // `serde_json`'s own way to read with a configured parser (its other one
    // needs serde's `Deserialize` trait, one more dependency); the file must
    // hold exactly one value.
    let mut values = parser.into_iter::<Json>();
    match (values.next(), values.next()) {
        (Some(Ok(json)), None) => Ok(json),
        (Some(Err(error)), _) | (Some(Ok(_)), Some(Err(error))) => {
            Err(at_path(&parse_error(&error)))
        }
        (None, _) => Err(at_path(&"no JSON value")),
        (Some(Ok(_)), Some(Ok(_))) => Err(at_path(&"more than one JSON value")),
    }
}

/// `serde_json`'s message, saying why where it does not: it reports a lone
/// surrogate (`"\ud800"`), which Python reads but no Rust string can hold,
/// as a bad hex escape, and its only errors about hex escapes are those.
fn parse_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if message.contains("hex escape") {
        format!("{message}: not valid Unicode text (a lone surrogate escape, such as \\ud800)")
    } else {
        message
    }
}

/// A fixture's entries, name and results, in order.
fn fixture_entries(json: &Json) -> Result<Vec<(String, Json)>, String> {
    match json.get("htpy_version").and_then(Json::as_str) {
        Some(HTPY_VERSION) => {}
        other => return Err(format!("made by htpy {other:?}, not {HTPY_VERSION}")),
    }
    json.get("cases")
        .and_then(Json::as_array)
        .ok_or("`cases` is not an array")?
        .iter()
        .map(|entry| match entry.get("name") {
            Some(Json::String(name)) => Ok((name.clone(), entry.clone())),
            _ => Err(format!("an entry without a string `name`: {entry}")),
        })
        .collect()
}
