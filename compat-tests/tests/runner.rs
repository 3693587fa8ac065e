//! The runner counts what it cannot match as failures, never as skips, and
//! says where an output differs.

use std::fs;
use std::path::PathBuf;

use compat_tests::Report;
use serde_json::json;

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

/// The fixture of [`CASE`], as if htpy had rendered `output`.
fn fixture(output: &str) -> String {
    fixture_of("p", output, &["<p>", "a", "</p>"])
}

/// A fixture whose one case, `name`, rendered `output` as `chunks` in
/// every mode, without traces.
fn fixture_of(name: &str, output: &str, chunks: &[&str]) -> String {
    let result = json!({"output": output, "chunks": chunks, "traces": []});
    json!({
        "htpy_version": "26.5.1",
        "cases": [{"name": name, "str": result, "sync": result, "async": result}]
    })
    .to_string()
}

/// Asserts that the one case of a run passed in all three modes.
fn assert_passes(report: &Report) {
    assert_eq!(
        report.summary(),
        "3 passed, 0 failed",
        "{:?}",
        report.failures
    );
}

#[test]
fn a_matching_case_passes_in_every_mode() {
    let report = run_with(
        "pass",
        &[("t.json", CASE)],
        &[("t.json", &fixture("<p>a</p>"))],
    );
    assert_passes(&report);
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
fn a_float_is_an_unsupported_failure() {
    let case = r#"{"cases": [{"name": "p", "node": 1.5}]}"#;
    let report = run_with(
        "float",
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

#[test]
fn nesting_far_beyond_serde_json_default_limit_renders() {
    let depth = 10_000;
    let node = format!("{}\"a\"{}", "[".repeat(depth), "]".repeat(depth));
    let case = format!(r#"{{"cases": [{{"name": "deep", "node": {node}}}]}}"#);
    let report = run_with(
        "deep",
        &[("t.json", &case)],
        &[("t.json", &fixture_of("deep", "a", &["a"]))],
    );
    assert_passes(&report);
}

#[test]
fn a_file_named_dot_json_is_a_case_file() {
    let report = run_with(
        "dot-json",
        &[(".json", CASE)],
        &[(".json", &fixture("<p>a</p>"))],
    );
    assert_passes(&report);
}

#[test]
fn a_lone_surrogate_makes_the_file_unreadable_and_says_why() {
    let case = r#"{"cases": [{"name": "p", "node": "a\ud800b"}]}"#;
    let report = run_with(
        "lone",
        &[("t.json", case)],
        &[("t.json", &fixture("<p>a</p>"))],
    );
    assert!(report.unreadable);
    let what = &report.failures[0].what;
    assert!(
        what.contains("t.json") && what.contains("not valid Unicode text"),
        "{what}"
    );
}

#[test]
fn a_refused_element_name_expects_the_crates_error_whatever_the_fixture() {
    let case = r#"{"cases": [{"name": "e", "node": {"el": ""}}]}"#;
    let report = run_with(
        "element-name",
        &[("t.json", case)],
        &[("t.json", &fixture_of("e", "<></>", &["<>", "</>"]))],
    );
    assert_passes(&report);
    assert_eq!(report.judged_by_refusal, 3);
}

#[test]
fn a_refused_attribute_name_expects_the_crates_error_whatever_the_fixture() {
    let case = r#"{"cases": [{"name": "a", "node": {"el": "p", "attrs": [["x onload", "f()"]]}}]}"#;
    let output = r#"<p x onload="f()"></p>"#;
    let report = run_with(
        "attribute-name",
        &[("t.json", case)],
        &[("t.json", &fixture_of("a", output, &[output]))],
    );
    assert_passes(&report);
    assert_eq!(report.judged_by_refusal, 3);
}

#[test]
fn a_refusal_fails_when_the_crate_gives_another_error() {
    // The bad shorthand is the crate's first error, not the refused name.
    let case =
        r#"{"cases": [{"name": "a", "node": {"el": "p", "sel": "x", "attrs": [["a b", 1]]}}]}"#;
    let report = run_with(
        "refusal-other-error",
        &[("t.json", case)],
        &[("t.json", &fixture_of("a", "<p></p>", &["<p>", "</p>"]))],
    );
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert_eq!(report.judged_by_refusal, 3);
    let what = &report.failures[0].what;
    assert!(
        what.contains("expected error attribute_name (refused by design")
            && what.contains("error selector"),
        "{what}"
    );
}

#[test]
fn a_name_outside_the_rules_is_compared_with_the_fixture() {
    let case = r#"{"cases": [{"name": "a", "node": {"el": "p", "attrs": [["@x", 1]]}}]}"#;
    let report = run_with(
        "unusual-name",
        &[("t.json", case)],
        &[(
            "t.json",
            &fixture_of("a", "<p @y=\"1\"></p>", &["<p @y=\"1\">", "</p>"]),
        )],
    );
    assert_eq!(report.summary(), "0 passed, 3 failed");
    assert_eq!(report.judged_by_refusal, 0);
}
