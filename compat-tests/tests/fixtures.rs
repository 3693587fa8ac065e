//! The committed cases render as htpy 26.5.1 rendered them, in every mode.

#[test]
fn committed_cases_match_their_fixtures() {
    let (cases, fixtures) = compat_tests::default_dirs();
    let report = compat_tests::run(&cases, &fixtures);
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(
        report.is_success(),
        "{}\n{}",
        failures.join("\n"),
        report.summary()
    );
}
