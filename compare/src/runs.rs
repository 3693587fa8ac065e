//! The runs a results file keeps: `compare bench` and `compare http` each
//! append one, and the report reads the most recent.

use serde::{Deserialize, Serialize};

/// Runs of `bench` or of `http`, oldest first, as their results files keep
/// them: `{"runs": [run, ...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Runs<R> {
    /// The runs, oldest first.
    pub runs: Vec<R>,
}

impl<R> Runs<R> {
    /// How many of the latest runs the report weighs together.
    pub const RECENT: usize = 3;

    /// One run.
    pub fn one(run: R) -> Runs<R> {
        Runs { runs: vec![run] }
    }

    /// The latest [`Runs::RECENT`] runs, oldest first.
    ///
    /// ```
    /// use compare::runs::Runs;
    ///
    /// let runs = Runs { runs: vec![1, 2, 3, 4] };
    /// assert_eq!(runs.recent(), [2, 3, 4]);
    /// ```
    pub fn recent(&self) -> &[R] {
        &self.runs[self.runs.len().saturating_sub(Self::RECENT)..]
    }
}
