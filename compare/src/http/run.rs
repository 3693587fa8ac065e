use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{LoadError, Timing, client, load, serve};
use crate::bench::format_duration;
use crate::engine::Engine;
use crate::machine::Machine;
use crate::pages::{Delays, Page};
use crate::stats::{nanos, percentile};

/// How hard and how long to load the servers.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Requests per engine and page, in all.
    pub requests: usize,
    /// The rounds the requests are spread over, every engine taking its
    /// turn in each.
    pub rounds: usize,
    /// Requests in flight at once, each on its own kept-alive connection.
    pub connections: usize,
    /// Each server's worker threads.
    pub workers: usize,
    /// When the dashboard's data arrives.
    pub delays: Delays,
}

impl Settings {
    /// Under a minute on a 2-CPU machine.
    pub const QUICK: Settings = Settings {
        requests: 400,
        rounds: 4,
        connections: 8,
        workers: 1,
        delays: Delays::TYPICAL,
    };
    /// Tighter percentiles: several minutes.
    pub const FULL: Settings = Settings {
        requests: 2000,
        rounds: 10,
        ..Settings::QUICK
    };
}

/// One engine serving one page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HttpMeasurement {
    /// The page's name.
    pub page: String,
    /// The engine's name.
    pub engine: String,
    /// The requests made.
    pub requests: usize,
    /// Responses completed per second of loading.
    pub requests_per_second: f64,
    /// The median time to the first byte of the body.
    pub first_byte_p50_ns: u64,
    /// The median time to the last byte of the body.
    pub last_byte_p50_ns: u64,
    /// The 90th percentile of the time to the last byte.
    pub last_byte_p90_ns: u64,
    /// The 99th percentile of the time to the last byte.
    pub last_byte_p99_ns: u64,
    /// The size of the body.
    pub bytes: usize,
    /// The median arrival of each of the page's late sections, in document
    /// order (see [`Page::sections`]); none for the other pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionArrival>,
}

/// When one of a page's late sections arrived whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionArrival {
    /// The section's id.
    pub section: String,
    /// The median time from sending the request to the section's last byte.
    pub p50_ns: u64,
}

/// The conditions of an HTTP run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// Each server's worker threads.
    pub workers: usize,
    /// Requests in flight at once.
    pub connections: usize,
    /// When the dashboard's three sources answer, in milliseconds.
    pub dashboard_delays_ms: [u128; 3],
}

impl Conditions {
    /// When the dashboard's slowest source answers.
    pub fn slowest(&self) -> Duration {
        let slowest = self.dashboard_delays_ms.into_iter().max().unwrap_or(0);
        Duration::from_millis(u64::try_from(slowest).unwrap_or(u64::MAX))
    }
}

/// An HTTP run: what `compare http` appends to its results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HttpRun {
    /// One measurement per engine and page.
    pub http: Vec<HttpMeasurement>,
    /// How the servers were loaded.
    pub conditions: Conditions,
    /// Where it ran.
    pub machine: Machine,
}

/// What went wrong in an HTTP run.
#[derive(Debug)]
#[non_exhaustive]
pub enum HttpError {
    /// A server could not start.
    Serve(io::Error),
    /// Loading a server failed.
    Load(LoadError),
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::Serve(error) => write!(f, "cannot serve on loopback: {error}"),
            HttpError::Load(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HttpError::Serve(error) => Some(error),
            HttpError::Load(error) => Some(error),
        }
    }
}

/// Serves every engine, each on its own loopback port, and loads every page
/// of each in turn, round after round, printing progress to standard error.
///
/// # Errors
///
/// If a server cannot start, or a request fails.
pub fn run(settings: Settings) -> Result<HttpRun, HttpError> {
    actix_web::rt::System::new().block_on(async {
        let mut servers = Vec::new();
        for engine in Engine::ALL {
            let served =
                serve(engine, settings.workers, settings.delays).map_err(HttpError::Serve)?;
            servers.push((engine, served, client(settings.connections)));
        }
        let mut loads: BTreeMap<(Page, Engine), (Vec<Timing>, Duration)> = BTreeMap::new();
        let per_round = settings.requests.div_ceil(settings.rounds.max(1));
        // Round 0 warms every server up and is not counted.
        for round in 0..=settings.rounds {
            eprint!("\rround {round}/{}", settings.rounds);
            for (engine, served, client) in &servers {
                for page in Page::ALL.into_iter().filter(|&page| engine.renders(page)) {
                    let url = format!("http://{}/{page}", served.address);
                    let requests = if round == 0 {
                        settings.connections
                    } else {
                        per_round
                    };
                    let start = Instant::now();
                    let timings = load(
                        client,
                        &url,
                        requests,
                        settings.connections,
                        page.sections(),
                    )
                    .await
                    .map_err(HttpError::Load)?;
                    if round > 0 {
                        let (all, time) = loads.entry((page, *engine)).or_default();
                        all.extend(timings);
                        *time += start.elapsed();
                    }
                }
            }
        }
        eprintln!();
        for (_, served, _) in servers {
            served.handle.stop(true).await;
        }
        let http = loads
            .into_iter()
            .map(|((page, engine), (timings, time))| summarise(page, engine, &timings, time))
            .collect();
        let delays = settings.delays;
        Ok(HttpRun {
            http,
            conditions: Conditions {
                workers: settings.workers,
                connections: settings.connections,
                dashboard_delays_ms: [delays.stats, delays.orders, delays.activity]
                    .map(|delay| delay.as_millis()),
            },
            machine: Machine::current(),
        })
    })
}

fn summarise(page: Page, engine: Engine, timings: &[Timing], time: Duration) -> HttpMeasurement {
    let mut first: Vec<Duration> = timings.iter().map(|timing| timing.first_byte).collect();
    let mut last: Vec<Duration> = timings.iter().map(|timing| timing.last_byte).collect();
    first.sort_unstable();
    last.sort_unstable();
    #[expect(clippy::cast_precision_loss, reason = "a rate")]
    let requests_per_second = timings.len() as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE);
    let sections = page
        .sections()
        .iter()
        .enumerate()
        .map(|(i, &section)| {
            let mut arrivals: Vec<Duration> =
                timings.iter().map(|timing| timing.sections[i]).collect();
            arrivals.sort_unstable();
            SectionArrival {
                section: section.to_owned(),
                p50_ns: nanos(percentile(&arrivals, 50)),
            }
        })
        .collect();
    HttpMeasurement {
        page: page.name().to_owned(),
        engine: engine.name().to_owned(),
        requests: timings.len(),
        requests_per_second,
        first_byte_p50_ns: nanos(percentile(&first, 50)),
        last_byte_p50_ns: nanos(percentile(&last, 50)),
        last_byte_p90_ns: nanos(percentile(&last, 90)),
        last_byte_p99_ns: nanos(percentile(&last, 99)),
        bytes: timings.first().map_or(0, |timing| timing.bytes),
        sections,
    }
}

impl HttpRun {
    /// The results as a table, page by page, the fastest median first.
    pub fn table(&self) -> String {
        let mut table = format!(
            "{:<11} {:<20} {:>9} {:>11} {:>11} {:>11} {:>11}\n",
            "page", "engine", "req/s", "first p50", "last p50", "last p90", "last p99"
        );
        for page in Page::ALL.map(Page::name) {
            let mut rows: Vec<&HttpMeasurement> =
                self.http.iter().filter(|m| m.page == page).collect();
            rows.sort_by_key(|m| m.last_byte_p50_ns);
            for (i, m) in rows.iter().enumerate() {
                let page = if i == 0 { page } else { "" };
                let _ = writeln!(
                    table,
                    "{page:<11} {:<20} {:>9.0} {:>11} {:>11} {:>11} {:>11}",
                    m.engine,
                    m.requests_per_second,
                    format_duration(m.first_byte_p50_ns),
                    format_duration(m.last_byte_p50_ns),
                    format_duration(m.last_byte_p90_ns),
                    format_duration(m.last_byte_p99_ns),
                );
            }
        }
        for page in Page::ALL {
            self.sections_table(page, &mut table);
        }
        table
    }

    /// The arrival of each of `page`'s late sections, engine by engine, the
    /// earliest last byte first, between the first and the last byte; none
    /// for a page without them.
    fn sections_table(&self, page: Page, table: &mut String) {
        let mut rows: Vec<&HttpMeasurement> = self
            .http
            .iter()
            .filter(|m| m.page == page.name() && !m.sections.is_empty())
            .collect();
        if rows.is_empty() {
            return;
        }
        rows.sort_by_key(|m| m.last_byte_p50_ns);
        let _ = write!(
            table,
            "\n{page}: medians, first byte, each section, last byte\n{:<20} {:>11}",
            "engine", "first"
        );
        for section in page.sections() {
            let _ = write!(table, " {section:>11}");
        }
        let _ = writeln!(table, " {:>11}", "last");
        for m in rows {
            let _ = write!(
                table,
                "{:<20} {:>11}",
                m.engine,
                format_duration(m.first_byte_p50_ns)
            );
            for section in &m.sections {
                let _ = write!(table, " {:>11}", format_duration(section.p50_ns));
            }
            let _ = writeln!(table, " {:>11}", format_duration(m.last_byte_p50_ns));
        }
    }
}
