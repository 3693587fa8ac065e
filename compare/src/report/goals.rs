use crate::bench::{BenchRun, format_duration};
use crate::engine::Engine;
use crate::http::HttpRun;
use crate::machine::Machine;
use crate::pages::Page;
use crate::stats::nanos;

use super::numbers::{float, ratio, whole};

/// One of the goals htpy is held to, and how each recent run measured up.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// The goal.
    pub goal: String,
    /// The processor(s) the runs were measured on.
    pub cpu: String,
    /// Each run that measured it, oldest first.
    pub runs: Vec<Check>,
    /// The lowest and highest figure over the runs, formatted; `None` when
    /// no run measured it.
    pub spread: Option<String>,
}

/// One run against a goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The figure that decides the goal: a ratio or a time.
    pub value: f64,
    /// That figure, written as the goal's spread writes it.
    pub shown: String,
    /// The figures behind it, in words.
    pub figure: String,
    /// Whether it meets the goal.
    pub met: bool,
}

/// What a run shows against a goal: the deciding figure, the figures
/// behind it in words, and whether it meets the goal.
type Outcome = (f64, String, bool);

impl Goal {
    /// The goal, checked against every run in `runs` that measured it;
    /// `format` writes a value in the spread.
    fn new<'a, R: 'a>(
        goal: impl Into<String>,
        runs: impl IntoIterator<Item = &'a R>,
        machine: fn(&R) -> &Machine,
        check: impl Fn(&R) -> Option<Outcome>,
        format: fn(f64) -> String,
    ) -> Goal {
        let mut cpus: Vec<&str> = Vec::new();
        let mut checks = Vec::new();
        for run in runs {
            if let Some((value, figure, met)) = check(run) {
                let cpu = machine(run).cpu.as_str();
                if !cpus.contains(&cpu) {
                    cpus.push(cpu);
                }
                checks.push(Check {
                    value,
                    shown: format(value),
                    figure,
                    met,
                });
            }
        }
        let low = checks.iter().map(|c| c.value).fold(f64::INFINITY, f64::min);
        let high = checks.iter().map(|c| c.value).fold(0.0, f64::max);
        Goal {
            goal: goal.into(),
            cpu: cpus.join(", "),
            spread: match checks.len() {
                0 => None,
                1 => Some(format(low)),
                _ => Some(format!("{}\u{2013}{}", format(low), format(high))),
            },
            runs: checks,
        }
    }

    /// How many runs met the goal.
    pub fn met(&self) -> usize {
        self.runs.iter().filter(|check| check.met).count()
    }
}

/// The goals htpy is held to, each checked against every run of `bench`
/// and `http` given.
pub fn goals(bench: &[BenchRun], http: &[HttpRun]) -> Vec<Goal> {
    let bench_machine: fn(&BenchRun) -> &Machine = |run| &run.machine;
    let mut goals = Vec::new();
    for page in [Page::BigTable, Page::Teams] {
        goals.push(within(
            format!("htpy at or under sailfish on {page}"),
            bench,
            page,
            [("htpy", "htpy"), ("sailfish", "sailfish")],
            1.0,
        ));
    }
    goals.push(Goal::new(
        "htpy at least 500\u{d7} faster than Python htpy on htpy-bench",
        bench,
        bench_machine,
        |run| {
            let (python, htpy) = medians(run, Page::HtpyBench, "python-htpy", "htpy")?;
            Some((
                ratio(python, htpy),
                format!(
                    "Python {}, htpy {}",
                    format_duration(python),
                    format_duration(htpy)
                ),
                ratio(python, htpy) >= 500.0,
            ))
        },
        |ratio| format!("{ratio:.0}\u{d7}"),
    ));
    for page in [Page::BigTable, Page::HtpyBench] {
        goals.push(within(
            format!("htpy's byte stream within 1.1\u{d7} of its String render on {page}"),
            bench,
            page,
            [("htpy-stream", "stream"), ("htpy", "String")],
            1.1,
        ));
    }
    goals.push(within(
        "big-table from run-time data (names, AttrList, Nodes lists) within 5\u{d7} of the typed tree, built included".to_owned(),
        bench,
        Page::BigTable,
        [("htpy-node", "run-time tree"), ("htpy", "typed tree")],
        5.0,
    ));
    goals.push(Goal::new(
        "a byte stream of the 212-byte teams page, rendered and taken whole, under 300 ns",
        bench,
        bench_machine,
        |run| {
            let (stream, string) = medians(run, Page::Teams, "htpy-stream", "htpy")?;
            Some((
                float(stream),
                format!(
                    "stream {}, String {}",
                    format_duration(stream),
                    format_duration(string)
                ),
                stream < 300,
            ))
        },
        |nanos| format_duration(whole(nanos)),
    ));
    goals.push(Goal::new(
        "htpy-actix streaming big-table at 0.95\u{d7} or more of sailfish's requests per second",
        http,
        |run| &run.machine,
        |run| {
            let rate = |engine: &str| {
                run.http
                    .iter()
                    .find(|m| m.page == Page::BigTable.name() && m.engine == engine)
                    .map(|m| m.requests_per_second)
            };
            let (htpy, sailfish) = rate("htpy-stream").zip(rate("sailfish"))?;
            let ratio = htpy / sailfish;
            Some((
                ratio,
                format!("htpy-stream {htpy:.0} req/s, sailfish {sailfish:.0} req/s"),
                ratio >= 0.95,
            ))
        },
        times,
    ));
    goals.push(Goal::new(
        "on the dashboard, htpy's first byte before the slowest data arrives, while the engines that do not stream wait for it",
        http,
        |run| &run.machine,
        first_bytes,
        |nanos| format_duration(whole(nanos)),
    ));
    goals
}

/// The goal that the first engine of `engines` render `page` in at most
/// `most` times the second's median time; each engine with its label.
fn within(
    goal: String,
    bench: &[BenchRun],
    page: Page,
    engines: [(&str, &str); 2],
    most: f64,
) -> Goal {
    let [(a, a_label), (b, b_label)] = engines;
    Goal::new(
        goal,
        bench,
        |run| &run.machine,
        |run| {
            let (a_median, b_median) = medians(run, page, a, b)?;
            let ratio = ratio(a_median, b_median);
            Some((
                ratio,
                format!(
                    "{a_label} {}, {b_label} {}",
                    format_duration(a_median),
                    format_duration(b_median)
                ),
                ratio <= most,
            ))
        },
        times,
    )
}

/// The medians of engines `a` and `b` on `page` in `run`.
fn medians(run: &BenchRun, page: Page, a: &str, b: &str) -> Option<(u64, u64)> {
    let median = |engine: &str| {
        run.results
            .iter()
            .find(|m| m.page == page.name() && m.engine == engine)
            .map(|m| m.median_ns)
    };
    median(a).zip(median(b))
}

/// htpy-stream's median first byte on the dashboard, and the earliest of
/// the engines that do not stream, against the slowest source's delay.
fn first_bytes(run: &HttpRun) -> Option<Outcome> {
    let slowest = nanos(run.conditions.slowest());
    let dashboard = run.http.iter().filter(|m| m.page == Page::Dashboard.name());
    let htpy = dashboard
        .clone()
        .find(|m| m.engine == "htpy-stream")?
        .first_byte_p50_ns;
    let waiting = dashboard
        .filter(|m| !Engine::named(&m.engine).is_some_and(Engine::streams))
        .map(|m| m.first_byte_p50_ns)
        .min()?;
    Some((
        float(htpy),
        format!(
            "htpy-stream {}, the earliest of the others {}, slowest data at {}",
            format_duration(htpy),
            format_duration(waiting),
            format_duration(slowest)
        ),
        htpy < slowest && waiting >= slowest,
    ))
}

/// A ratio as the goals table writes it.
fn times(ratio: f64) -> String {
    format!("{ratio:.2}\u{d7}")
}
