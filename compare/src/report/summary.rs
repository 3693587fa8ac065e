use std::time::Duration;

use crate::alloc::Allocations;
use crate::bench::BenchRun;
use crate::pages::Page;
use crate::stats;

/// One engine on one page over the recent bench runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The engine's name.
    pub engine: String,
    /// The median of the runs' medians, per rendering, in nanoseconds.
    pub median_ns: u64,
    /// The lowest and the highest of the runs' medians.
    pub spread_ns: (u64, u64),
    /// The runs that measured it.
    pub runs: usize,
    /// The size of the rendering, in bytes.
    pub bytes: usize,
    /// What one rendering allocates, as the latest run that counted it saw.
    pub allocations: Option<Allocations>,
}

/// Every engine on `page` over `runs`, fastest first.
pub fn summarise(page: Page, runs: &[BenchRun]) -> Vec<Summary> {
    let mut engines: Vec<&str> = Vec::new();
    let measurements = runs
        .iter()
        .flat_map(|run| &run.results)
        .filter(|m| m.page == page.name());
    for m in measurements.clone() {
        if !engines.contains(&m.engine.as_str()) {
            engines.push(&m.engine);
        }
    }
    let mut summaries: Vec<Summary> = engines
        .into_iter()
        .map(|engine| {
            let own: Vec<_> = measurements
                .clone()
                .filter(|m| m.engine == engine)
                .collect();
            let mut medians: Vec<u64> = own.iter().map(|m| m.median_ns).collect();
            medians.sort_unstable();
            Summary {
                engine: engine.to_owned(),
                median_ns: stats::nanos(stats::median(
                    medians.iter().copied().map(Duration::from_nanos).collect(),
                )),
                spread_ns: (medians[0], medians[medians.len() - 1]),
                runs: medians.len(),
                bytes: own.last().map_or(0, |m| m.bytes),
                allocations: own.iter().rev().find_map(|m| m.allocations),
            }
        })
        .collect();
    summaries.sort_by_key(|s| s.median_ns);
    summaries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::Measurement;
    use crate::machine::Machine;

    fn run(medians: &[(&str, u64)]) -> BenchRun {
        BenchRun {
            results: medians
                .iter()
                .map(|&(engine, median_ns)| Measurement {
                    page: "teams".into(),
                    engine: engine.into(),
                    median_ns,
                    bytes: 212,
                    allocations: None,
                })
                .collect(),
            machine: Machine::current(),
        }
    }

    #[test]
    fn medians_of_the_runs_and_their_spread_fastest_first() {
        let runs = [
            run(&[("htpy", 90), ("sailfish", 70)]),
            run(&[("htpy", 80), ("sailfish", 75)]),
            run(&[("htpy", 120), ("sailfish", 72)]),
        ];
        let summaries = summarise(Page::Teams, &runs);
        let figures: Vec<_> = summaries
            .iter()
            .map(|s| (s.engine.as_str(), s.median_ns, s.spread_ns, s.runs))
            .collect();
        assert_eq!(
            figures,
            [("sailfish", 72, (70, 75), 3), ("htpy", 90, (80, 120), 3)]
        );
        let two = summarise(Page::Teams, &runs[..2]);
        assert_eq!(two[1].median_ns, 85, "the mean of the middle two");
        assert!(summarise(Page::BigTable, &runs).is_empty());
    }
}
