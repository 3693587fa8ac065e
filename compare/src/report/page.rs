use htpy::{
    Element, Node, RawHtml, Render, Result, body, code, h1, h2, h3, head, html, main, meta, p,
    section, style, table, tbody, td, th, thead, title, tr,
};

use super::chart::{Chart, Marker, Row, Scale, Series};
use super::goals::goals;
use crate::bench::{BenchResults, Measurement, format_duration};
use crate::http::{HttpMeasurement, HttpResults};
use crate::machine::Machine;
use crate::pages::Page;

// Safe: a constant stylesheet, with no user text in it.
const STYLESHEET: &str = "
body { font: 15px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 20px; margin-top: 36px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eaeef2; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.htpy td { font-weight: 600; }
table.notes td, table.notes th { text-align: left; }
table.notes td:last-child { white-space: nowrap; }
td.met { color: #1a7f37; font-weight: 600; }
td.missed { color: #cf222e; font-weight: 600; }
.chart { display: block; margin: 6px 0; font: 12px system-ui, sans-serif; }
.chart .median, .chart .rps, .chart .first { fill: #0969da; }
.chart .last { fill: #8250df; }
.chart .p90 { fill: #bf8700; }
.chart .p99 { fill: #cf222e; }
.chart .grid { stroke: #d0d7de; }
.chart .marker { stroke: #cf222e; stroke-dasharray: 4 3; }
.chart text.marker { fill: #cf222e; }
.chart .highlight { font-weight: 700; }
.chart .value, .chart .axis { fill: #57606a; }
";

/// Renders the report of a bench run and an HTTP run, either of which may
/// be missing.
///
/// # Errors
///
/// None in practice: the report's element names are valid.
pub fn render(bench: Option<&BenchResults>, http: Option<&HttpResults>) -> Result<String> {
    let machine = bench
        .map(|bench| &bench.machine)
        .or(http.map(|http| &http.machine));
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
                machine.map(machine_section),
                goals_section(bench, http),
                render_section(bench),
                http_section(http),
            ))),
        ))
        .render_to_string()
}

fn machine_section(machine: &Machine) -> impl Render + '_ {
    let rows = [
        ("Date", machine.date.as_str()),
        ("CPU", machine.cpu.as_str()),
        ("Memory", machine.memory.as_str()),
        ("System", machine.os.as_str()),
        ("Compiler", machine.rustc.as_str()),
    ];
    section().id("machine").children((
        h2().children("Machine"),
        table().class("notes").children((
            rows.map(|(name, value)| tr().children((th().children(name), td().children(value)))),
            tr().children((th().children("CPUs"), td().children(machine.cpus))),
        )),
    ))
}

fn goals_section(bench: Option<&BenchResults>, http: Option<&HttpResults>) -> impl Render {
    let rows = goals(bench, http).into_iter().map(|goal| {
        let (class, verdict) = match goal.met {
            Some(true) => ("met", "met"),
            Some(false) => ("missed", "not met"),
            None => ("", "\u{2014}"),
        };
        tr().children((
            td().children(goal.goal),
            td().children(goal.figure),
            td().class(class).children(verdict),
        ))
    });
    section().id("goals").children((
        h2().children("Goals"),
        p().children(
            "What the issue that asked for this toolkit set out to see; not test assertions.",
        ),
        table().class("notes").children((
            thead().children(tr().children((
                th().children("Goal"),
                th().children("Figures"),
                th().children(""),
            ))),
            tbody().children(rows.collect::<Vec<_>>()),
        )),
    ))
}

fn render_section(bench: Option<&BenchResults>) -> impl Render + '_ {
    let pages = bench.map(|bench| Page::ALL.map(|page| bench_page(page, &bench.results)));
    section().id("render").children((
        h2().children("Render time"),
        match pages {
            Some(_) => Node::new(p().children(
                "Median time of one rendering, from the call to the last byte, with the data already there; \
                 each sample interleaved with the other engines'. Logarithmic scale: each gridline is ten times the fastest.",
            )),
            None => missing("bench"),
        },
        pages,
    ))
}

fn bench_page(page: Page, results: &[Measurement]) -> impl Render {
    let mut rows: Vec<&Measurement> = results.iter().filter(|m| m.page == page.name()).collect();
    rows.sort_by_key(|m| m.median_ns);
    let fastest = rows.first().map_or(1, |m| m.median_ns.max(1));
    let chart = engine_chart(
        format!("{page}: median render time"),
        Scale::Log,
        vec![Series {
            name: "median",
            class: "median",
        }],
        rows.iter()
            .map(|m| (m.engine.as_str(), vec![float(m.median_ns)])),
        |nanos| format_duration(whole(nanos)),
    );
    let table_rows = rows.iter().map(|m| {
        engine_row(&m.engine).children((
            td().children(m.engine.clone()),
            td().children(format_duration(m.median_ns)),
            td().children(format!("{:.2}\u{d7}", float(m.median_ns) / float(fastest))),
            td().children(m.bytes),
        ))
    });
    (
        h3().children(page.name()),
        chart,
        table().children((
            thead().children(header_row(["engine", "median", "ratio", "bytes"])),
            tbody().children(table_rows.collect::<Vec<_>>()),
        )),
    )
}

fn http_section(http: Option<&HttpResults>) -> impl Render + '_ {
    let intro = match http {
        Some(http) => {
            let [stats, orders, activity] = http.conditions.dashboard_delays_ms;
            Node::new(p().children(format!(
                "Every engine served by actix on loopback, {} worker thread(s) each, TCP_NODELAY; {} requests in flight at once \
                 on kept-alive connections; the dashboard's data arriving after {stats}, {orders} and {activity} ms. \
                 Times from sending the request to the first and the last byte of the body.",
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

fn http_page(page: Page, http: &HttpResults) -> impl Render {
    let mut rows: Vec<&HttpMeasurement> =
        http.http.iter().filter(|m| m.page == page.name()).collect();
    rows.sort_by_key(|m| m.last_byte_p50_ns);
    let slowest = http
        .conditions
        .dashboard_delays_ms
        .into_iter()
        .max()
        .unwrap_or_default();
    let throughput = engine_chart(
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
            value: float(u64::try_from(slowest).unwrap_or(u64::MAX)) * 1e6,
            label: "slowest data".to_owned(),
        }),
        ..engine_chart(
            format!("{page}: time to the first and the last byte"),
            Scale::Linear,
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
    )
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
fn engine_row(engine: &str) -> Element<impl htpy::Attributes, (), htpy::tags::tr> {
    tr().class(is_htpy(engine).then_some("htpy"))
}

fn is_htpy(engine: &str) -> bool {
    engine == "htpy" || engine.starts_with("htpy-")
}

#[expect(clippy::cast_precision_loss, reason = "a figure to draw")]
fn float(value: u64) -> f64 {
    value as f64
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "drawn figures are positive and far below 2^64"
)]
fn whole(value: f64) -> u64 {
    value.round() as u64
}
