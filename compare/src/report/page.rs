use htpy::{
    Element, Node, RawHtml, Render, Result, body, code, h1, h2, h3, head, html, li, main, meta, p,
    section, style, table, tbody, td, th, thead, title, tr, ul,
};

use super::chart::{Chart, Marker, Row, Scale, Series};
use super::conclusion::conclusion;
use super::goals::{PLACEMENT, goals};
use super::numbers::{float, ratio, whole};
use super::summary::summarise;
use crate::bench::{BenchRun, format_duration};
use crate::engine::Engine;
use crate::http::{HttpMeasurement, HttpRun};
use crate::machine::Machine;
use crate::pages::Page;
use crate::python;
use crate::runs::Runs;
use crate::stats::nanos;

// Safe: a constant stylesheet, with no user text in it.
const STYLESHEET: &str = "
body { font: 15px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; margin: 0; }
main { max-width: 900px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 20px; margin-top: 36px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eaeef2; text-align: right; }
table:not(.notes) td { white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
tr.htpy td { font-weight: 600; }
table.notes td, table.notes th { text-align: left; }
table.goals td:last-child, table.goals td:nth-child(n+3) { white-space: nowrap; }
table.api code { font-size: 12px; }
#conclusion li { margin: 4px 0; }
td.met { color: #1a7f37; font-weight: 600; }
td.missed { color: #cf222e; font-weight: 600; }
.chart { display: block; margin: 6px 0; font: 12px system-ui, sans-serif; }
.chart .median, .chart .rps, .chart .first { fill: #0969da; }
.chart .last { fill: #8250df; }
.chart .p90 { fill: #bf8700; }
.chart .p99 { fill: #cf222e; }
.chart .stats { fill: #2da44e; }
.chart .orders { fill: #d4a72c; }
.chart .activity { fill: #e16f24; }
.chart .grid { stroke: #d0d7de; }
.chart line.marker { stroke: #cf222e; stroke-dasharray: 4 3; }
.chart text.marker { fill: #cf222e; }
.chart .highlight { font-weight: 700; }
.chart .value, .chart .axis { fill: #57606a; }
.chart .value { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
";

/// Renders the report of the recent bench runs and HTTP runs, either of
/// which may be missing: the latest [`Runs::RECENT`] of each.
///
/// # Errors
///
/// None in practice: the report's element names are valid.
pub fn render(bench: Option<&Runs<BenchRun>>, http: Option<&Runs<HttpRun>>) -> Result<String> {
    let bench = bench.map_or(&[][..], Runs::recent);
    let http = http.map_or(&[][..], Runs::recent);
    let machine = bench
        .last()
        .map(|run| &run.machine)
        .or(http.last().map(|run| &run.machine));
    html()
        .attr("lang", "en")
        .children((
            head().children((
                meta().attr("charset", "utf-8"),
                title().children("htpy for Rust: the comparison"),
                style().children(RawHtml::dangerously_new(STYLESHEET)),
            )),
            body().children(main().children((
                h1().children("htpy for Rust and its peers"),
                p().children((
                    "The same pages rendered by every engine, checked to be the same bytes (",
                    code().children("cargo test -p compare"),
                    "), timed side by side (",
                    code().children("compare bench"),
                    ") and over HTTP (",
                    code().children("compare http"),
                    "). Shorter is faster; htpy's rows are in bold.",
                )),
                conclusion_section(bench, http.last()),
                machine.map(machine_section),
                engines_section(),
                goals_section(bench, http),
                render_section(bench),
                http_section(http.last()),
            ))),
        ))
        .render_to_string()
}

fn conclusion_section(bench: &[BenchRun], http: Option<&HttpRun>) -> impl Render {
    let sentences = conclusion(bench, http);
    section().id("conclusion").children((
        h2().children("In short"),
        if sentences.is_empty() {
            Node::new(missing("bench"))
        } else {
            Node::new(
                ul().children(
                    sentences
                        .into_iter()
                        .map(|s| li().children(s))
                        .collect::<Vec<_>>(),
                ),
            )
        },
    ))
}

fn machine_section(machine: &Machine) -> impl Render + '_ {
    let rows = [
        ("Date", machine.date.as_str()),
        ("CPU", machine.cpu.as_str()),
        ("Memory", machine.memory.as_str()),
        ("System", machine.os.as_str()),
        ("Compiler", machine.rustc.as_str()),
        ("Load average", machine.load.as_str()),
        ("Build", machine.build.as_deref().unwrap_or("not recorded")),
    ];
    section().id("machine").children((
        h2().children("Machine"),
        p().children("Of the latest run; every figure below is from this machine."),
        table().class("notes").children((
            rows.map(|(name, value)| tr().children((th().children(name), td().children(value)))),
            tr().children((th().children("CPUs"), td().children(machine.cpus))),
        )),
    ))
}

fn engines_section() -> impl Render {
    let engines = Engine::ALL
        .map(|engine| (engine.name(), engine.api()))
        .into_iter()
        .chain([(python::NAME, python::API)]);
    let rows = engines.map(|(engine, (api, why))| {
        tr().children((
            td().children(engine),
            td().children(code().children(api)),
            td().children(why),
        ))
    });
    section().id("engines").children((
        h2().children("How each engine is called"),
        p().children(
            "Each engine renders every page into a String of its own, through the call its \
             documentation leads with and its own benchmarks use.",
        ),
        table().class("notes api").children((
            thead().children(header_row(["engine", "call", "why"])),
            tbody().children(rows.collect::<Vec<_>>()),
        )),
    ))
}

/// What the goals' runs were measured with: one build of `compare`, several,
/// or builds not all recorded.
fn builds<'m>(machines: impl Iterator<Item = &'m Machine>) -> String {
    let builds: Option<Vec<&str>> = machines.map(|machine| machine.build.as_deref()).collect();
    let Some(mut builds) = builds else {
        return "Not every run recorded the build that measured it.".to_owned();
    };
    builds.sort_unstable();
    builds.dedup();
    match builds.as_slice() {
        [] => String::new(),
        [build] => format!("The runs are processes of one build of compare ({build})."),
        builds => format!(
            "The runs are of {} builds of compare, so their spread holds where each build's code lies as well as \
             the noise.",
            builds.len()
        ),
    }
}

fn goals_section(bench: &[BenchRun], http: &[HttpRun]) -> impl Render {
    let goals = goals(bench, http);
    let columns = goals.iter().map(|goal| goal.runs.len()).max().unwrap_or(0);
    let rows = goals.into_iter().map(move |goal| {
        let verdict = goal.verdict();
        let checks = (0..columns).map(|i| {
            goal.runs.get(i).map_or_else(
                || Node::new(td()),
                |check| {
                    let (class, mark) = if check.met {
                        ("met", " \u{2713}")
                    } else {
                        ("missed", " \u{2717}")
                    };
                    Node::new(
                        td().class(class)
                            .attr("title", check.figure.clone())
                            .children((check.shown.clone(), mark)),
                    )
                },
            )
        });
        tr().children((
            td().children(goal.goal),
            td().children(goal.cpu),
            checks.collect::<Vec<_>>(),
            td().children(goal.spread.unwrap_or_default()),
            td().class(verdict.0).children(verdict.1),
        ))
    });
    let run_headers = (1..=columns).map(|i| th().children(format!("run {i}")));
    section().id("goals").children((
        h2().children("Goals"),
        p().children(format!(
            "What htpy is held to, checked on each of the latest {} runs (oldest first) rather than asserted by a test: \
             the deciding figure of each run (its figures in the tooltip), \u{2713} where it meets the goal, \
             and the spread from the lowest to the highest. {} Where a build's code lies in memory moves a page's \
             time by 10% or more from one build of the same code to the next on some processors (the book's \
             Performance chapter, \u{201c}Two processors\u{201d}), and a ratio of two renders by up to about \
             {placement:.0}% of its bound: a verdict whose nearest run lies within {placement:.0}% of its bound says \
             so, as it may not hold in another build.",
            Runs::<BenchRun>::RECENT,
            builds(bench.iter().map(|run| &run.machine).chain(http.iter().map(|run| &run.machine))),
            placement = PLACEMENT * 100.0
        )),
        table().class("notes goals").children((
            thead().children(tr().children((
                th().children("goal"),
                th().children("CPU"),
                run_headers.collect::<Vec<_>>(),
                th().children("spread"),
                th().children("verdict"),
            ))),
            tbody().children(rows.collect::<Vec<_>>()),
        )),
    ))
}

fn render_section(bench: &[BenchRun]) -> impl Render + '_ {
    section().id("render").children((
        h2().children("Render time and memory"),
        if bench.is_empty() {
            missing("bench")
        } else {
            Node::new(p().children(format!(
                "The median time of one rendering, from the call to the last byte, with the data already there, each sample \
                 interleaved with the other engines'; the median of the latest {} runs' medians, with their spread. \
                 Logarithmic scale. Allocations, bytes allocated and the most held at once are counted on one rendering \
                 after a warm-up (a realloc counts as an allocation of its new size); the output String is included.",
                bench.len()
            )))
        },
        (!bench.is_empty()).then(|| Page::ALL.map(|page| bench_page(page, bench))),
    ))
}

fn bench_page(page: Page, bench: &[BenchRun]) -> impl Render {
    let rows = summarise(page, bench);
    let fastest = rows.first().map_or(1, |s| s.median_ns.max(1));
    let chart = engine_chart(
        format!("bench-{page}"),
        format!("{page}: median render time"),
        Scale::Log,
        vec![Series {
            name: "median",
            class: "median",
        }],
        rows.iter()
            .map(|s| (s.engine.as_str(), vec![float(s.median_ns)])),
        |nanos| format_duration(whole(nanos)),
    );
    let table_rows = rows.iter().map(|s| {
        let counts = s.allocations.map_or_else(
            || [String::new(), String::new(), String::new()],
            |a| {
                [
                    a.allocations.to_string(),
                    bytes(a.bytes),
                    bytes(a.peak_bytes),
                ]
            },
        );
        engine_row(&s.engine).children((
            td().children(s.engine.clone()),
            td().children(format_duration(s.median_ns)),
            td().children(format!(
                "{}\u{2013}{}",
                format_duration(s.spread_ns.0),
                format_duration(s.spread_ns.1)
            )),
            td().children(format!("{:.2}\u{d7}", ratio(s.median_ns, fastest))),
            td().children(s.bytes),
            counts.map(|count| td().children(count)),
        ))
    });
    (
        h3().children(page.name()),
        chart,
        table().children((
            thead().children(header_row([
                "engine",
                "median",
                "spread",
                "ratio",
                "bytes",
                "allocations",
                "allocated",
                "peak",
            ])),
            tbody().children(table_rows.collect::<Vec<_>>()),
        )),
    )
}

fn http_section(http: Option<&HttpRun>) -> impl Render + '_ {
    let intro = match http {
        Some(http) => {
            let [stats, orders, activity] = http.conditions.dashboard_delays_ms;
            Node::new(p().children(format!(
                "The latest run. Every engine served by actix on loopback, {} worker thread(s) each, TCP_NODELAY; {} requests in flight at once \
                 on kept-alive connections; the dashboard's data arriving {stats}, {orders} and {activity} ms after it is asked for. \
                 Times from sending the request to the first and the last byte of the body, on a logarithmic scale.",
                http.conditions.workers, http.conditions.connections
            )))
        }
        None => missing("http"),
    };
    section().id("http").children((
        h2().children("Over HTTP"),
        intro,
        http.map(|http| Page::ALL.map(|page| http_page(page, http))),
    ))
}

fn http_page(page: Page, http: &HttpRun) -> impl Render {
    let mut rows: Vec<&HttpMeasurement> =
        http.http.iter().filter(|m| m.page == page.name()).collect();
    rows.sort_by_key(|m| m.last_byte_p50_ns);
    let slowest = http.conditions.slowest();
    let throughput = engine_chart(
        format!("http-{page}-throughput"),
        format!("{page}: requests per second"),
        Scale::Linear,
        vec![Series {
            name: "requests per second",
            class: "rps",
        }],
        rows.iter()
            .map(|m| (m.engine.as_str(), vec![m.requests_per_second])),
        |rate| format!("{rate:.0}/s"),
    );
    let latency = Chart {
        marker: (page == Page::Dashboard).then(|| Marker {
            value: float(nanos(slowest)),
            label: "slowest data".to_owned(),
        }),
        ..engine_chart(
            format!("http-{page}-latency"),
            format!("{page}: time to the first and the last byte"),
            Scale::Log,
            vec![
                Series {
                    name: "first byte, median",
                    class: "first",
                },
                Series {
                    name: "last byte, median",
                    class: "last",
                },
                Series {
                    name: "last byte, p90",
                    class: "p90",
                },
                Series {
                    name: "last byte, p99",
                    class: "p99",
                },
            ],
            rows.iter()
                .map(|m| (m.engine.as_str(), latencies(m).map(float).to_vec())),
            |nanos| format_duration(whole(nanos)),
        )
    };
    let table_rows = rows.iter().map(|m| {
        engine_row(&m.engine).children((
            td().children(m.engine.clone()),
            td().children(format!("{:.0}", m.requests_per_second)),
            latencies(m).map(|nanos| td().children(format_duration(nanos))),
            td().children(m.bytes),
        ))
    });
    (
        h3().children(page.name()),
        throughput,
        latency,
        table().children((
            thead().children(header_row([
                "engine",
                "req/s",
                "first p50",
                "last p50",
                "last p90",
                "last p99",
                "bytes",
            ])),
            tbody().children(table_rows.collect::<Vec<_>>()),
        )),
        section_arrivals(page, http),
    )
}

/// When each of `page`'s late sections arrived with each engine that
/// streams it, between the first and the last byte: a chart and a table;
/// nothing for a page without such sections, or a run that did not time
/// them.
fn section_arrivals(page: Page, http: &HttpRun) -> Option<impl Render + use<>> {
    let rows: Vec<&HttpMeasurement> = Engine::ALL
        .into_iter()
        .filter(|engine| engine.streams())
        .filter_map(|engine| {
            http.http
                .iter()
                .find(|m| m.page == page.name() && m.engine == engine.name())
        })
        .filter(|m| !m.sections.is_empty())
        .collect();
    if rows.is_empty() {
        return None;
    }
    // Each figure of a row: the first byte, each section, the last byte.
    let figures = |m: &HttpMeasurement| {
        let sections = m.sections.iter().map(|section| section.p50_ns);
        std::iter::once(m.first_byte_p50_ns)
            .chain(sections)
            .chain([m.last_byte_p50_ns])
            .collect::<Vec<_>>()
    };
    let series = std::iter::once(Series {
        name: "first byte",
        class: "first",
    })
    .chain(page.sections().iter().map(|&section| Series {
        name: section,
        class: section,
    }))
    .chain([Series {
        name: "last byte",
        class: "last",
    }]);
    let chart = Chart {
        marker: Some(Marker {
            value: float(nanos(http.conditions.slowest())),
            label: "slowest data".to_owned(),
        }),
        ..engine_chart(
            format!("http-{page}-sections"),
            format!("{page}: time to the first byte, to each section, to the last byte"),
            Scale::Log,
            series.collect(),
            rows.iter().map(|m| {
                let values = figures(m).into_iter().map(float).collect();
                (m.engine.as_str(), values)
            }),
            |nanos| format_duration(whole(nanos)),
        )
    };
    let headers = std::iter::once("engine")
        .chain(["first byte"])
        .chain(page.sections().iter().copied())
        .chain(["last byte"])
        .map(|name| th().children(name));
    let table_rows = rows.iter().map(|m| {
        engine_row(&m.engine).children((
            td().children(m.engine.clone()),
            figures(m)
                .into_iter()
                .map(|nanos| td().children(format_duration(nanos)))
                .collect::<Vec<_>>(),
        ))
    });
    Some((
        p().children(
            "When each section arrived whole, with the engines that stream: the median time from the request to the \
             section's closing tag, found in the bytes as they arrived (in its place in document order, or in the \
             template an out-of-order stream sends it in; a fallback is no section). The others send every section \
             with their last byte. Logarithmic scale.",
        ),
        chart,
        table().children((
            thead().children(tr().children(headers.collect::<Vec<_>>())),
            tbody().children(table_rows.collect::<Vec<_>>()),
        )),
    ))
}

/// What to run to get the figures of `command`.
fn missing(command: &'static str) -> Node<'static> {
    Node::new(p().children((
        "No run yet: ",
        code().children(format!("cargo run --release -p compare -- {command}")),
        ".",
    )))
}

/// A chart with a row per engine, htpy's in bold.
fn engine_chart<'a>(
    id: String,
    title: String,
    scale: Scale,
    series: Vec<Series>,
    rows: impl Iterator<Item = (&'a str, Vec<f64>)>,
    format: fn(f64) -> String,
) -> Chart {
    let rows = rows.map(|(engine, values)| Row {
        label: engine.to_owned(),
        values,
        highlight: is_htpy(engine),
    });
    Chart {
        id,
        title,
        scale,
        series,
        rows: rows.collect(),
        marker: None,
        format,
    }
}

/// The first-byte median, then the last-byte median, 90th and 99th
/// percentile.
fn latencies(m: &HttpMeasurement) -> [u64; 4] {
    [
        m.first_byte_p50_ns,
        m.last_byte_p50_ns,
        m.last_byte_p90_ns,
        m.last_byte_p99_ns,
    ]
}

fn header_row<const N: usize>(names: [&'static str; N]) -> impl Render {
    tr().children(names.map(|name| th().children(name)))
}

/// A table row, in bold for htpy's engines.
fn engine_row(engine: &str) -> Element<impl htpy::Attributes + use<>, (), htpy::tags::tr> {
    tr().class(is_htpy(engine).then_some("htpy"))
}

fn is_htpy(engine: &str) -> bool {
    engine == "htpy" || engine.starts_with("htpy-")
}

/// A count of bytes in the unit that suits it: `812 B`, `107.3 KiB`,
/// `1.09 MiB`.
fn bytes(count: u64) -> String {
    match count {
        0..1024 => format!("{count} B"),
        1024..1_048_576 => format!("{:.1} KiB", float(count) / 1024.0),
        _ => format!("{:.2} MiB", float(count) / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::builds;
    use crate::machine::Machine;

    #[test]
    fn the_goals_say_whether_their_runs_are_of_one_build() {
        let machine = |build: Option<&str>| Machine {
            build: build.map(str::to_owned),
            ..Machine::current()
        };
        let (one, other) = (
            Some("31000000 bytes, linked 2026-12-07 15:45 UTC"),
            Some("31000016 bytes, linked 2026-12-07 16:29 UTC"),
        );
        let said = |builds_of_runs: &[Option<&str>]| {
            let machines: Vec<Machine> =
                builds_of_runs.iter().map(|&build| machine(build)).collect();
            builds(machines.iter())
        };
        assert_eq!(
            said(&[one, one, one]),
            "The runs are processes of one build of compare \
             (31000000 bytes, linked 2026-12-07 15:45 UTC)."
        );
        assert!(said(&[one, other, one]).starts_with("The runs are of 2 builds of compare"));
        assert_eq!(
            said(&[one, None, one]),
            "Not every run recorded the build that measured it."
        );
        assert_eq!(said(&[]), "");
    }
}
