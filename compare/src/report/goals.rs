use std::time::Duration;

use crate::bench::{BenchResults, format_duration};
use crate::engine::Engine;
use crate::http::HttpResults;
use crate::pages::Page;
use crate::stats::nanos;

/// One of the goals the comparison makes visible, and how the run measured
/// up to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    /// The goal.
    pub goal: String,
    /// The figures that decide it.
    pub figure: String,
    /// Whether they meet it; `None` when the run lacks them.
    pub met: Option<bool>,
}

impl Goal {
    fn new(goal: impl Into<String>, outcome: Option<(String, bool)>) -> Goal {
        let (figure, met) = outcome.map_or_else(
            || ("not measured".to_owned(), None),
            |(figure, met)| (figure, Some(met)),
        );
        Goal {
            goal: goal.into(),
            figure,
            met,
        }
    }
}

/// The goals of the issue that asked for this toolkit, against the figures
/// of `bench` and `http`.
pub fn goals(bench: Option<&BenchResults>, http: Option<&HttpResults>) -> Vec<Goal> {
    let median = |page: Page, engine: &str| {
        bench?
            .results
            .iter()
            .find(|m| m.page == page.name() && m.engine == engine)
            .map(|m| m.median_ns)
    };
    let ratio = |a: u64, b: u64| precise(a) / precise(b.max(1));
    let mut goals = Vec::new();
    for page in [Page::BigTable, Page::Teams] {
        let outcome = median(page, "htpy")
            .zip(median(page, "sailfish"))
            .map(|(htpy, sailfish)| {
                let figure = format!(
                    "htpy {}, sailfish {}: {:.2}\u{d7}",
                    format_duration(htpy),
                    format_duration(sailfish),
                    ratio(htpy, sailfish)
                );
                (figure, htpy <= sailfish)
            });
        goals.push(Goal::new(
            format!("htpy at or under sailfish on {page}"),
            outcome,
        ));
    }
    let outcome = median(Page::HtpyBench, "htpy")
        .zip(median(Page::HtpyBench, "python-htpy"))
        .map(|(htpy, python)| {
            let figure = format!(
                "Python {}, htpy {}: {:.0}\u{d7} faster",
                format_duration(python),
                format_duration(htpy),
                ratio(python, htpy)
            );
            (figure, ratio(python, htpy) >= 500.0)
        });
    goals.push(Goal::new(
        "htpy at least 500\u{d7} faster than Python htpy on htpy-bench",
        outcome,
    ));
    for page in Page::ALL {
        let outcome =
            median(page, "htpy-stream")
                .zip(median(page, "htpy"))
                .map(|(stream, string)| {
                    let figure = format!(
                        "stream {}, String {}: {:.2}\u{d7}",
                        format_duration(stream),
                        format_duration(string),
                        ratio(stream, string)
                    );
                    (figure, ratio(stream, string) <= 1.25)
                });
        goals.push(Goal::new(
            format!("htpy's byte stream within 1.25\u{d7} of its String render on {page}"),
            outcome,
        ));
    }
    goals.push(Goal::new(
        "on the dashboard, htpy's first byte before the slowest data arrives, while the engines that do not stream wait for it",
        http.and_then(first_bytes),
    ));
    goals
}

/// htpy-stream's median first byte on the dashboard, and the earliest of
/// the engines that do not stream, against the slowest source's delay.
fn first_bytes(http: &HttpResults) -> Option<(String, bool)> {
    let slowest = http.conditions.dashboard_delays_ms.into_iter().max()?;
    let slowest = nanos(Duration::from_millis(u64::try_from(slowest).ok()?));
    let dashboard = http
        .http
        .iter()
        .filter(|m| m.page == Page::Dashboard.name());
    let streams = |name: &str| {
        Engine::ALL
            .into_iter()
            .any(|engine| engine.name() == name && engine.streams())
    };
    let htpy = dashboard
        .clone()
        .find(|m| m.engine == "htpy-stream")?
        .first_byte_p50_ns;
    let waiting = dashboard
        .filter(|m| !streams(&m.engine))
        .map(|m| m.first_byte_p50_ns)
        .min()?;
    let figure = format!(
        "htpy-stream {}, the earliest of the others {}, slowest data at {}",
        format_duration(htpy),
        format_duration(waiting),
        format_duration(slowest)
    );
    Some((figure, htpy < slowest && waiting >= slowest))
}

#[expect(clippy::cast_precision_loss, reason = "ratios shown to two decimals")]
fn precise(nanos: u64) -> f64 {
    nanos as f64
}
