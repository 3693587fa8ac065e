//! `compare repeat`: one engine's page in a process of its own.

use std::process::{Command, Output};

fn compare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compare"))
        .args(args)
        .output()
        .expect("compare runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("compare writes UTF-8")
}

#[test]
fn prints_the_median_render_and_the_page_faults() {
    let output = compare(&["repeat", "htpy", "teams", "--renders", "7"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let line = text(&output.stdout).trim_end();
    let (head, faults) = line
        .split_once("; ")
        .unwrap_or_else(|| panic!("no page faults in {line:?}"));
    let median = head
        .strip_prefix("htpy teams: median ")
        .and_then(|rest| rest.strip_suffix(" a render, of 7"))
        .unwrap_or_else(|| panic!("unexpected line {line:?}"));
    assert!(median.ends_with('s'), "a duration: {median:?}");
    let count = faults
        .strip_suffix(" page faults in all")
        .unwrap_or_else(|| panic!("unexpected page faults {faults:?}"));
    count.parse::<u64>().expect("a count of page faults");
}

#[test]
fn renders_the_dashboard_as_it_waits_for_nothing() {
    let output = compare(&["repeat", "htpy-out-of-order", "dashboard", "--renders", "2"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("htpy-out-of-order dashboard: median "));
}

#[test]
fn says_what_was_wrong() {
    for (args, says) in [
        (
            &["repeat", "tera", "teams"][..],
            "no engine is named \"tera\"",
        ),
        (
            &["repeat", "htpy-node", "teams"],
            "htpy-node renders no page named \"teams\"",
        ),
        (
            &["repeat", "htpy", "teams", "--renders", "0"],
            "--renders takes a count above 0, not \"0\"",
        ),
        (&["repeat", "htpy"], "usage: compare bench"),
    ] {
        let output = compare(args);
        assert!(!output.status.success(), "{args:?} succeeded");
        let stderr = text(&output.stderr);
        assert!(
            stderr.starts_with(&format!("compare: {says}")),
            "{args:?}: {stderr}"
        );
    }
}
