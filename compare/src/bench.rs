//! Timing the engines side by side: every engine on every page it renders,
//! sampled in interleaved rounds so that no engine gets a quieter moment of
//! the machine than another, summarised by medians.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::runtime::Runtime;

use crate::alloc::{self, Allocations};
use crate::engine::{Engine, Output};
use crate::machine::Machine;
use crate::pages::{Delays, Page, Sources};
use crate::python::{self, PythonError, Timer};
use crate::stats;

/// How long and how often to measure.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Rounds: samples of each engine on each page.
    pub rounds: usize,
    /// About how long one sample renders for; fast pages are rendered many
    /// times a sample.
    pub sample_time: Duration,
}

impl Settings {
    /// Enough for the ordering to be stable: about 20 s on a 2-CPU machine.
    pub const QUICK: Settings = Settings {
        rounds: 20,
        sample_time: Duration::from_millis(10),
    };
    /// Tighter medians: about two minutes on a 2-CPU machine.
    pub const FULL: Settings = Settings {
        rounds: 60,
        sample_time: Duration::from_millis(40),
    };
}

/// The median time of one engine rendering one page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The page's name.
    pub page: String,
    /// The engine's name.
    pub engine: String,
    /// The median of the samples, per rendering, in nanoseconds.
    pub median_ns: u64,
    /// The size of the rendering, in bytes.
    pub bytes: usize,
    /// What one rendering asks of the heap; `None` for Python, or where the
    /// counting allocator was not installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocations: Option<Allocations>,
}

/// A benchmark run: what `compare bench` appends to its results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BenchRun {
    /// One measurement per engine and page.
    pub results: Vec<Measurement>,
    /// Where it ran.
    pub machine: Machine,
}

/// One engine on one page: what is sampled.
#[derive(Clone, Copy, Debug)]
pub enum Contestant {
    /// A Rust engine.
    Rust {
        /// The engine.
        engine: Engine,
        /// The page.
        page: Page,
    },
    /// Python htpy, through [`python::Timer`].
    Python {
        /// The page.
        page: Page,
    },
}

impl Contestant {
    /// The engine's name in the results.
    pub fn engine_name(self) -> &'static str {
        match self {
            Contestant::Rust { engine, .. } => engine.name(),
            Contestant::Python { .. } => python::NAME,
        }
    }

    /// The page.
    pub fn page(self) -> Page {
        match self {
            Contestant::Rust { page, .. } | Contestant::Python { page } => page,
        }
    }
}

/// What samples need: the runtime async pages wait on, and the Python
/// process, if Python htpy can be run.
pub struct Sampler {
    runtime: Runtime,
    python: Option<Timer>,
}

impl Sampler {
    /// A sampler with Python htpy if it can be run; if not, it says why on
    /// standard error and leaves Python out.
    ///
    /// # Panics
    ///
    /// If the Tokio runtime cannot be built.
    pub fn new() -> Sampler {
        let python = python::Python::find()
            .timer()
            .inspect_err(|error| eprintln!("warning: Python htpy is left out: {error}"))
            .ok();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a Tokio runtime");
        Sampler { runtime, python }
    }

    /// Every engine on every page it renders, page by page; Python htpy on
    /// the pages it is timed on, if it can be run.
    pub fn contestants(&self) -> Vec<Contestant> {
        Page::ALL
            .into_iter()
            .flat_map(|page| {
                let rust = Engine::ALL
                    .into_iter()
                    .filter(move |engine| engine.renders(page));
                let python = (self.python.is_some() && python::TIMED.contains(&page))
                    .then_some(Contestant::Python { page });
                rust.map(move |engine| Contestant::Rust { engine, page })
                    .chain(python)
            })
            .collect()
    }

    /// Renders `iterations` times; returns how long that took and the size
    /// of one rendering.
    ///
    /// # Errors
    ///
    /// If the Python process fails.
    pub fn time(
        &mut self,
        contestant: Contestant,
        iterations: u64,
    ) -> Result<(Duration, usize), PythonError> {
        match contestant {
            Contestant::Rust { engine, page } => {
                // Undelayed sources never read the clock, so one serves all.
                let sources = Sources::new(Delays::NONE);
                // Every rendering runs within one entry into the runtime, as
                // a server's requests do: entering it costs more than a small
                // page's whole render, and is not the engine's cost.
                Ok(self.runtime.block_on(async {
                    let mut bytes = 0;
                    let start = Instant::now();
                    for _ in 0..iterations {
                        bytes = std::hint::black_box(render(engine, page, sources).size().await);
                    }
                    (start.elapsed(), bytes)
                }))
            }
            Contestant::Python { page } => match &mut self.python {
                Some(timer) => timer.sample(page, iterations),
                None => unreachable!("Python is a contestant only with a timer"),
            },
        }
    }

    /// What one rendering asks of the heap: `None` for Python, or if
    /// [`alloc::Counting`] is not the global allocator.
    pub fn allocations(&self, contestant: Contestant) -> Option<Allocations> {
        match contestant {
            Contestant::Rust { engine, page } => {
                let sources = Sources::new(Delays::NONE);
                alloc::measure(|| {
                    self.runtime
                        .block_on(async { render(engine, page, sources).size().await })
                })
                .1
            }
            Contestant::Python { .. } => None,
        }
    }

    /// The time of one rendering, averaged over `iterations`, and its size.
    fn sample(
        &mut self,
        contestant: Contestant,
        iterations: u64,
    ) -> Result<(Duration, usize), PythonError> {
        let (elapsed, bytes) = self.time(contestant, iterations)?;
        Ok((
            elapsed / u32::try_from(iterations).unwrap_or(u32::MAX),
            bytes,
        ))
    }
}

/// What `engine` makes of `page`.
fn render(engine: Engine, page: Page, sources: Sources) -> Output {
    engine
        .render(page, sources)
        .unwrap_or_else(|| unreachable!("{engine} renders {page}"))
}

impl Default for Sampler {
    fn default() -> Self {
        Sampler::new()
    }
}

/// Times every engine on every page, printing progress to standard error,
/// and counts what one rendering of each allocates (where `compare`'s
/// counting allocator is installed).
///
/// Python htpy is left out, with a warning, if it cannot be run.
///
/// # Errors
///
/// If the Python process fails midway.
pub fn run(settings: Settings) -> Result<BenchRun, PythonError> {
    let mut sampler = Sampler::new();
    let contestants = sampler.contestants();

    // A first rendering warms caches and builds the data; a second says how
    // many renderings make a sample.
    let mut iterations = Vec::with_capacity(contestants.len());
    let mut sizes = Vec::with_capacity(contestants.len());
    for &contestant in &contestants {
        let (_, bytes) = sampler.sample(contestant, 1)?;
        let (once, _) = sampler.sample(contestant, 1)?;
        let fit = settings.sample_time.as_nanos() / once.as_nanos().max(1);
        iterations.push(u64::try_from(fit).unwrap_or(u64::MAX).clamp(1, 1_000_000));
        sizes.push(bytes);
    }
    // After the warm-up, so that buffers sized from earlier renderings and
    // data built on first use count as in a running server.
    let allocations: Vec<Option<Allocations>> = contestants
        .iter()
        .map(|&contestant| sampler.allocations(contestant))
        .collect();

    let mut timings = vec![Vec::with_capacity(settings.rounds); contestants.len()];
    for round in 0..settings.rounds {
        eprint!("\rround {}/{}", round + 1, settings.rounds);
        // Each round starts with a different contestant, so that none always
        // follows the same one.
        let n = contestants.len();
        for i in (0..n).map(|i| (i + round) % n) {
            let (time, _) = sampler.sample(contestants[i], iterations[i])?;
            timings[i].push(time);
        }
    }
    eprintln!();

    let results = contestants
        .iter()
        .zip(timings)
        .zip(sizes)
        .zip(allocations)
        .map(
            |(((contestant, timings), bytes), allocations)| Measurement {
                page: contestant.page().name().to_owned(),
                engine: contestant.engine_name().to_owned(),
                median_ns: stats::nanos(stats::median(timings)),
                bytes,
                allocations,
            },
        )
        .collect();
    Ok(BenchRun {
        results,
        machine: Machine::current(),
    })
}

impl BenchRun {
    /// The results as a table, page by page, fastest first, with each
    /// median's ratio to the page's fastest, and what one rendering
    /// allocates: how many times, how many bytes in all, and the most held
    /// at once.
    pub fn table(&self) -> String {
        let mut table = format!(
            "{:<11} {:<20} {:>12} {:>9} {:>9} {:>7} {:>10} {:>10}\n",
            "page", "engine", "median", "ratio", "bytes", "allocs", "allocated", "peak"
        );
        for page in Page::ALL.map(Page::name) {
            let mut rows: Vec<&Measurement> =
                self.results.iter().filter(|m| m.page == page).collect();
            rows.sort_by_key(|m| m.median_ns);
            let Some(fastest) = rows.first().map(|m| m.median_ns.max(1)) else {
                continue;
            };
            for (i, m) in rows.iter().enumerate() {
                let page = if i == 0 { page } else { "" };
                #[expect(clippy::cast_precision_loss, reason = "a ratio shown to two decimals")]
                let ratio = m.median_ns as f64 / fastest as f64;
                let counts = m.allocations.map_or_else(
                    || ["-".to_owned(), "-".to_owned(), "-".to_owned()],
                    |a| [a.allocations, a.bytes, a.peak_bytes].map(|n| n.to_string()),
                );
                let _ = writeln!(
                    table,
                    "{page:<11} {:<20} {:>12} {:>8.2}× {:>9} {:>7} {:>10} {:>10}",
                    m.engine,
                    format_duration(m.median_ns),
                    ratio,
                    m.bytes,
                    counts[0],
                    counts[1],
                    counts[2],
                );
            }
        }
        table
    }
}

/// A duration in nanoseconds in the unit that suits it: `812 ns`,
/// `45.1 µs`, `3.27 ms`, `1.20 s`.
pub fn format_duration(nanos: u64) -> String {
    #[expect(
        clippy::cast_precision_loss,
        reason = "shown to three significant digits"
    )]
    let n = nanos as f64;
    match nanos {
        0..1_000 => format!("{nanos} ns"),
        1_000..1_000_000 => format!("{:.1} µs", n / 1e3),
        1_000_000..1_000_000_000 => format!("{:.2} ms", n / 1e6),
        _ => format!("{:.2} s", n / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_their_unit() {
        assert_eq!(format_duration(812), "812 ns");
        assert_eq!(format_duration(45_120), "45.1 µs");
        assert_eq!(format_duration(3_270_000), "3.27 ms");
        assert_eq!(format_duration(1_200_000_000), "1.20 s");
    }
}
