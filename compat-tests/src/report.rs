//! What a run found: the passing count and one line per failure.

use std::fmt;

/// The result of a run over a cases folder and a fixtures folder.
///
/// ```
/// let report = compat_tests::Report::default();
/// assert!(report.is_success());
/// assert_eq!(report.summary(), "0 passed, 0 failed");
/// ```
#[derive(Debug, Default)]
pub struct Report {
    /// Case-mode pairs that rendered as htpy did, or that the crate refused
    /// as a rule of refusal by design expects.
    pub passed: usize,
    /// Case-mode pairs judged by a rule of refusal by design instead of
    /// their fixture, passed or failed.
    pub judged_by_refusal: usize,
    /// Case-mode pairs that did not, and files that could not be matched.
    pub failures: Vec<Failure>,
    /// Whether a folder or a file could not be read or parsed.
    pub unreadable: bool,
}

/// One failing case-mode pair, or a file-level problem (case and mode `-`).
///
/// ```
/// let failure = compat_tests::Failure {
///     file: "lazy.json".into(),
///     case: "lazy-text".into(),
///     mode: "sync".into(),
///     what: "trace 0 differs".into(),
/// };
/// assert_eq!(failure.to_string(), "lazy.json: lazy-text [sync]: trace 0 differs");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The case file's name.
    pub file: String,
    /// The case's name.
    pub case: String,
    /// `str`, `sync`, `async`, or `-`.
    pub mode: String,
    /// What differs.
    pub what: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}]: {}",
            self.file, self.case, self.mode, self.what
        )
    }
}

impl Report {
    /// How many failed.
    ///
    /// ```
    /// assert_eq!(compat_tests::Report::default().failed(), 0);
    /// ```
    pub fn failed(&self) -> usize {
        self.failures.len()
    }

    /// Whether everything passed and every file was read.
    ///
    /// ```
    /// let report = compat_tests::Report { unreadable: true, ..Default::default() };
    /// assert!(!report.is_success());
    /// ```
    pub fn is_success(&self) -> bool {
        self.failures.is_empty() && !self.unreadable
    }

    /// The line before the last: how many case-mode pairs a rule of refusal
    /// judged.
    ///
    /// ```
    /// let report = compat_tests::Report { judged_by_refusal: 6, ..Default::default() };
    /// assert_eq!(
    ///     report.refusals(),
    ///     "6 case-mode pairs judged by a rule of refusal by design (docs/src/divergences.md)"
    /// );
    /// ```
    pub fn refusals(&self) -> String {
        format!(
            "{} case-mode pairs judged by a rule of refusal by design (docs/src/divergences.md)",
            self.judged_by_refusal
        )
    }

    /// The final line: `N passed, M failed`.
    ///
    /// ```
    /// let report = compat_tests::Report { passed: 3, ..Default::default() };
    /// assert_eq!(report.summary(), "3 passed, 0 failed");
    /// ```
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failed())
    }

    pub(crate) fn fail(&mut self, file: &str, case: &str, mode: &str, what: impl Into<String>) {
        self.failures.push(Failure {
            file: file.to_owned(),
            case: case.to_owned(),
            mode: mode.to_owned(),
            what: what.into(),
        });
    }

    /// A file that could not be read: a failure, and a failed run.
    pub(crate) fn unreadable(&mut self, file: &str, what: impl Into<String>) {
        self.unreadable = true;
        self.fail(file, "-", "-", what);
    }
}
