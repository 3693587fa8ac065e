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
mod report;
mod timer;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::{fs, io};

use serde_json::Value as Json;

use crate::case::CaseFile;
use crate::compare::{Expected, differences};
use crate::mode::Mode;
pub use crate::report::{Failure, Report};

/// The version of htpy the fixtures must come from.
const HTPY_VERSION: &str = "26.5.1";

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
pub fn run(cases: &Path, fixtures: &Path) -> Report {
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
            match differences(&expected, &got, mode) {
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

/// The `*.json` files of a folder, by file name.
fn json_files(dir: &Path) -> io::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json")
            && let Some(name) = path.file_name().and_then(|name| name.to_str())
        {
            files.insert(name.to_owned(), path.clone());
        }
    }
    Ok(files)
}

fn read_json(path: &Path) -> Result<Json, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
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
