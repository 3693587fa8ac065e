use crate::bench::{BenchRun, format_duration};
use crate::engine::Engine;
use crate::http::{HttpMeasurement, HttpRun};
use crate::pages::Page;

use crate::stats::nanos;

use super::numbers::ratio;
use super::summary::{Summary, summarise};

/// What a reader choosing an engine should take away, in sentences written
/// from the figures: who is fastest on each page and by how much, where
/// htpy loses, what each allocates, and what the byte stream buys over
/// HTTP.
pub fn conclusion(bench: &[BenchRun], http: Option<&HttpRun>) -> Vec<String> {
    let mut sentences = Vec::new();
    if let Some(latest) = bench.last() {
        sentences.push(format!(
            "Measured on {} ({} CPUs, load average {} at the end of the latest run), over {} of compare bench; \
             each figure is the median of the runs' medians.",
            latest.machine.cpu,
            latest.machine.cpus,
            latest.machine.load,
            if bench.len() == 1 {
                "one run".to_owned()
            } else {
                format!("{} runs", bench.len())
            }
        ));
    }
    let mut losses = Vec::new();
    for page in Page::ALL {
        let summaries = summarise(page, bench);
        let Some(fastest) = summaries.first() else {
            continue;
        };
        // The next engine of another family: htpy's String, chunks and
        // stream are one engine, as are Leptos's string and streams.
        let runner_up = summaries
            .iter()
            .find(|s| family(&s.engine) != family(&fastest.engine));
        let mut clauses = vec![format!(
            "{page}: {} is fastest at {}{}",
            fastest.engine,
            format_duration(fastest.median_ns),
            runner_up.map_or_else(String::new, |next| format!(
                ", {:.2}\u{d7} ahead of {}",
                ratio(next.median_ns, fastest.median_ns),
                next.engine
            ))
        )];
        let htpy = summaries.iter().find(|s| s.engine == "htpy");
        if let Some(htpy) = htpy.filter(|htpy| htpy.engine != fastest.engine) {
            clauses.push(format!(
                "htpy takes {} ({:.2}\u{d7} the fastest)",
                format_duration(htpy.median_ns),
                ratio(htpy.median_ns, fastest.median_ns)
            ));
        }
        // A loss is to a peer, not to another way of running htpy.
        let fastest_peer = summaries.iter().find(|s| family(&s.engine) != "htpy");
        if let Some((htpy, peer)) = htpy
            .zip(fastest_peer)
            .filter(|(htpy, peer)| peer.median_ns < htpy.median_ns)
        {
            losses.push(format!(
                "{page} (to {}, by {:.2}\u{d7})",
                peer.engine,
                ratio(htpy.median_ns, peer.median_ns)
            ));
        }
        if let Some((python, htpy)) = summaries
            .iter()
            .find(|s| s.engine == "python-htpy")
            .zip(htpy)
        {
            clauses.push(format!(
                "Python htpy takes {}, {:.0}\u{d7} htpy",
                format_duration(python.median_ns),
                ratio(python.median_ns, htpy.median_ns)
            ));
        }
        clauses.extend(allocation_extremes(&summaries));
        sentences.push(clauses.join("; ") + ".");
    }
    if !bench.is_empty() {
        sentences.push(if losses.is_empty() {
            "htpy's String render is ahead of every peer on every page.".to_owned()
        } else {
            format!(
                "htpy's String render is behind a peer on {}.",
                losses.join(", ")
            )
        });
    }
    if let Some(http) = http {
        sentences.extend(over_http(http));
    }
    sentences
}

/// The engine a way of running one belongs to: `htpy` for `htpy-stream`.
fn family(engine: &str) -> &str {
    match engine.split_once('-') {
        Some((family @ ("htpy" | "leptos"), _)) => family,
        _ => engine,
    }
}

/// Who allocates least and most on a page, per rendering.
fn allocation_extremes(summaries: &[Summary]) -> Option<String> {
    let mut counted: Vec<(&str, u64)> = summaries
        .iter()
        .filter_map(|s| Some((s.engine.as_str(), s.allocations?.allocations)))
        .collect();
    counted.sort_by_key(|&(_, allocations)| allocations);
    let (least, most) = (counted.first()?, counted.last()?);
    let htpy = counted.iter().find(|(engine, _)| *engine == "htpy")?;
    Some(format!(
        "allocations per rendering: htpy {}, fewest {} ({}), most {} ({})",
        htpy.1, least.1, least.0, most.1, most.0
    ))
}

/// The dashboard's first bytes, and the engines that lose most over HTTP.
fn over_http(http: &HttpRun) -> Vec<String> {
    let dashboard: Vec<&HttpMeasurement> = http
        .http
        .iter()
        .filter(|m| m.page == Page::Dashboard.name())
        .collect();
    let mut sentences = Vec::new();
    let by = |engine: &str| dashboard.iter().find(|m| m.engine == engine);
    if let (Some(stream), Some(fastest_whole)) = (
        by("htpy-stream"),
        dashboard
            .iter()
            .filter(|m| !Engine::named(&m.engine).is_some_and(Engine::streams))
            .min_by_key(|m| m.first_byte_p50_ns),
    ) {
        let slowest = http.conditions.slowest();
        sentences.push(format!(
            "Over HTTP, htpy-stream sends the dashboard's first byte after {} (median), before its slowest data ({}); \
             the earliest engine that renders the whole page first, {}, sends it after {}.",
            format_duration(stream.first_byte_p50_ns),
            format_duration(nanos(slowest)),
            fastest_whole.engine,
            format_duration(fastest_whole.first_byte_p50_ns),
        ));
    }
    let arrivals: Vec<String> = Engine::ALL
        .into_iter()
        .filter(|engine| engine.streams())
        .filter_map(|engine| by(engine.name()))
        .filter(|m| !m.sections.is_empty())
        .map(|m| {
            let times: Vec<String> = m
                .sections
                .iter()
                .map(|section| format_duration(section.p50_ns))
                .collect();
            format!("{} {}", m.engine, times.join(", "))
        })
        .collect();
    if !arrivals.is_empty() {
        sentences.push(format!(
            "The dashboard's sections ({}) arrive, median: {}. htpy-stream, in order, asks for each section's data \
             when the one before it is sent; the others ask for all of it at once (htpy's concurrent(..) and \
             suspense, Leptos's AsyncDerived created with the page).",
            Page::Dashboard.sections().join(", "),
            arrivals.join("; ")
        ));
    }
    for page in Page::ALL {
        let slowest = http
            .http
            .iter()
            .filter(|m| m.page == page.name())
            .max_by_key(|m| m.last_byte_p50_ns);
        if let Some(m) = slowest.filter(|m| m.engine.starts_with("htpy")) {
            sentences.push(format!(
                "Over HTTP, {} is the slowest on {page}: {} to the last byte (median){}.",
                m.engine,
                format_duration(m.last_byte_p50_ns),
                if m.engine == "htpy-chunks" {
                    ", as each of htpy's chunks goes out as an HTTP chunk of its own"
                } else {
                    ""
                }
            ));
        }
    }
    sentences
}
