//! The runner counts what it cannot match as failures, never as skips, and
//! says where an output differs.

use std::fs;
use std::path::PathBuf;

use compat_tests::Report;

/// A fresh folder holding `cases/` and `fixtures/` with the given files.
fn run_with(test: &str, cases: &[(&str, &str)], fixtures: &[(&str, &str)]) -> Report {
    let root = std::env::temp_dir().join(format!("compat-runner-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let write = |dir: &str, files: &[(&str, &str)]| -> PathBuf {
        let dir = root.join(dir);
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            fs::write(dir.join(name), text).unwrap();
        }
        dir
    };
    let report = compat_tests::run(&write("cases", cases), &write("fixtures", fixtures));
    fs::remove_dir_all(&root).unwrap();
    report
}

const CASE: &str = r#"{"cases": [{"name": "p", "node": {"el": "p", "children": ["a"]}}]}"#;

fn fixture(output: &str) -> String {
    let result =
        format!(r#"{{"output": "{output}", "chunks": ["<p>", "a", "</p>"], "traces": []}}"#);
    format!(
        r#"{{"htpy_version": "26.5.1", "cases": [{{"name": "p", "str": {result}, "sync": {result}, "async": {result}}}]}}"#
    )
}

#[test]
fn a_matching_case_passes_in_every_mode() {
    let report = run_with(
        "pass",
        &[("t.json", CASE)],
        &[("t.json", &fixture("<p>a</p>"))],
    );
    assert_eq!(report.summary(), "3 passed, 0 failed");
    assert!(report.is_success());
}

#[test]
fn a_different_output_names_the_byte() {
    let report = run_with(
        "differs",
        &[("t.json", CASE)],
        &[("t.json", &fixture("<p>b</p>"))],
    );
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert!(
        report.failures[0]
            .to_string()
            .starts_with(r#"t.json: p [str]: output differs at byte 3 (lengths 8 and 8): expected "<p>" | "b</p>", got "<p>" | "a</p>""#),
        "{}",
        report.failures[0]
    );
}

#[test]
fn a_case_file_without_fixture_fails() {
    let report = run_with("no-fixture", &[("t.json", CASE)], &[]);
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert_eq!(report.failures[0].what, "no fixture file");
}

#[test]
fn a_fixture_without_case_file_fails() {
    let report = run_with("no-case", &[], &[("t.json", &fixture("<p>a</p>"))]);
    assert_eq!(report.summary(), "0 passed, 1 failed");
    assert_eq!(report.failures[0].what, "fixture without a case file");
}

#[test]
fn a_case_missing_from_its_fixture_fails() {
    let empty = r#"{"htpy_version": "26.5.1", "cases": []}"#;
    let report = run_with("missing", &[("t.json", CASE)], &[("t.json", empty)]);
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert_eq!(report.failures[0].what, "case missing from its fixture");
}

#[test]
fn unreadable_json_fails_the_run() {
    let report = run_with(
        "unreadable",
        &[("t.json", "{")],
        &[("t.json", &fixture("<p>a</p>"))],
    );
    assert!(report.unreadable);
    assert_eq!(report.summary(), "0 passed, 1 failed");
}

#[test]
fn an_integer_beyond_64_bits_is_an_unsupported_failure() {
    let case = r#"{"cases": [{"name": "p", "node": 18446744073709551616}]}"#;
    let report = run_with(
        "big",
        &[("t.json", case)],
        &[("t.json", &fixture("<p>a</p>"))],
    );
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert!(
        report.failures[0].what.contains("unsupported case"),
        "{}",
        report.failures[0]
    );
}
