//! A load test on loopback that stops by itself: the demo's streamed page
//! and a large table under many keep-alive connections, run after run,
//! then many clients that leave mid-page, after which no render may still
//! be running. Prints requests per second, latency percentiles, time to
//! first against time to last byte, and the process's memory after each
//! page of each run; exits non-zero on any error or a render left running.
//!
//! ```sh
//! cargo run --release -p htpy-examples --bin load -- \
//!     [--requests 2000] [--connections 64] [--runs 3] [--disconnects 1000] \
//!     [--pace 1] [--rows 2000]
//! ```
//!
//! `--pace` scales the demo's delays (about 2.8 s a page at 1, the demo's
//! own); the server and the clients share this process, so its memory is
//! both of theirs.

use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;

use htpy::prelude::*;
use htpy_examples::demo_page::{self, ADA, Pace};
use htpy_examples::load::{
    DEMO_PATH, Disconnects, Load, Memory, Pages, Server, TABLE_PATH, disconnects, load, percentile,
    table_page, wait_for_no_renders,
};

/// How long renders may take to end once their clients are done.
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

struct Options {
    requests: usize,
    connections: usize,
    runs: usize,
    disconnects: usize,
    pace: f64,
    rows: u64,
}

const USAGE: &str = "usage: load [--requests N] [--connections C] [--runs R] \
                     [--disconnects D] [--pace F] [--rows N]";

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut options = Self {
            requests: 2000,
            connections: 64,
            runs: 3,
            disconnects: 1000,
            pace: 1.0,
            rows: 2000,
        };
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--requests" => options.requests = number(&flag, &value)?,
                "--connections" => options.connections = number(&flag, &value)?,
                "--runs" => options.runs = number(&flag, &value)?,
                "--disconnects" => options.disconnects = number(&flag, &value)?,
                "--pace" => options.pace = number(&flag, &value)?,
                "--rows" => options.rows = number(&flag, &value)?,
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        if options.connections == 0 {
            return Err("--connections must be at least 1".to_owned());
        }
        Ok(options)
    }
}

fn number<T: FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: not a number: {value}"))
}

/// One page of one run, as the table shows it.
struct Row {
    page: &'static str,
    run: usize,
    load: Load,
    memory: Option<Memory>,
    renders_left: usize,
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

fn mib(kib: Option<u64>) -> String {
    #[expect(clippy::cast_precision_loss, reason = "KiB of memory, far below 2^52")]
    kib.map_or_else(
        || "-".to_owned(),
        |kib| format!("{:.1}", kib as f64 / 1024.0),
    )
}

fn print_rows(rows: &[Row]) {
    println!(
        "{:<6} {:>3} {:>8} {:>6} {:>8} | {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>9} {:>9} {:>6}",
        "page",
        "run",
        "requests",
        "errors",
        "req/s",
        "ttlb p50",
        "p90",
        "p99",
        "max",
        "ttfb p50",
        "p99",
        "VmRSS MiB",
        "VmHWM MiB",
        "left"
    );
    for row in rows {
        let (last, first) = (&row.load.last_byte, &row.load.first_byte);
        println!(
            "{:<6} {:>3} {:>8} {:>6} {:>8.1} | {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>9} {:>9} {:>6}",
            row.page,
            row.run,
            row.load.requests,
            row.load.errors,
            row.load.per_second(),
            ms(percentile(last, 50.0)),
            ms(percentile(last, 90.0)),
            ms(percentile(last, 99.0)),
            ms(percentile(last, 100.0)),
            ms(percentile(first, 50.0)),
            ms(percentile(first, 99.0)),
            mib(row.memory.map(|memory| memory.rss_kib)),
            mib(row.memory.map(|memory| memory.peak_kib)),
            row.renders_left,
        );
    }
}

/// Memory at the end of each run, to see whether it grows run over run.
fn print_memory(rows: &[Row]) {
    let ends: Vec<String> = rows
        .chunk_by(|a, b| a.run == b.run)
        .filter_map(|run| run.last()?.memory)
        .map(|memory| mib(Some(memory.rss_kib)))
        .collect();
    let peak = rows
        .iter()
        .filter_map(|row| row.memory)
        .map(|memory| memory.peak_kib)
        .max();
    println!(
        "memory: VmRSS at the end of each run {} MiB; peak (VmHWM) {} MiB",
        ends.join(", "),
        mib(peak)
    );
}

fn print_disconnects(left: &Disconnects) {
    println!(
        "disconnects: {} requests for {DEMO_PATH} read the first chunk and left \
         ({} with FIN, {} with RST), {} errors, {} renders started",
        left.requests,
        left.requests.div_ceil(2),
        left.requests / 2,
        left.errors,
        left.renders_started
    );
    match left.drained_after {
        Some(after) => println!(
            "  renders in flight when the last client left: {}; none {} ms later",
            left.renders_when_left,
            ms(after)
        ),
        None => println!(
            "  renders in flight {} s after the last client left: {}",
            DRAIN_LIMIT.as_secs(),
            left.renders_left
        ),
    }
    if let Some(error) = &left.first_error {
        println!("  first error: {error}");
    }
}

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("load: {error}\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("load: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every test and prints the tables: whether all passed.
fn run(options: &Options) -> Result<bool, Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    // The pages' lengths, to tell a whole body from a cut-short one; the
    // demo's bytes do not depend on its pace.
    let demo_len = runtime
        .block_on(Box::pin(
            demo_page::page(ADA, Pace::scaled(0.0)).render_to_string_async(),
        ))?
        .len();
    let table_len = table_page(options.rows).render_to_string()?.len();
    let server = Server::start(Pages {
        pace: Pace::scaled(options.pace),
        table_rows: options.rows,
    })?;
    let addr = server.addr();
    println!(
        "load: {} connections, {} requests per page per run, {} runs, on {addr}; \
         demo page {demo_len} bytes at pace {}; table page {} rows x 10 cells, {table_len} bytes",
        options.connections, options.requests, options.runs, options.pace, options.rows
    );
    let pages = [
        ("demo", DEMO_PATH, demo_len),
        ("table", TABLE_PATH, table_len),
    ];
    let mut rows = Vec::new();
    for run in 1..=options.runs {
        for (page, path, len) in pages {
            let load =
                runtime.block_on(load(addr, path, len, options.requests, options.connections));
            runtime.block_on(wait_for_no_renders(DRAIN_LIMIT));
            let row = Row {
                page,
                run,
                load,
                memory: Memory::now(),
                renders_left: htpy_examples::load::renders_in_flight(),
            };
            eprintln!(
                "run {run} {page}: {} requests, {} errors, {:.1}/s{}",
                row.load.requests,
                row.load.errors,
                row.load.per_second(),
                row.load
                    .first_error
                    .as_ref()
                    .map(|error| format!(" (first: {error})"))
                    .unwrap_or_default()
            );
            rows.push(row);
        }
    }
    let left = runtime.block_on(disconnects(
        addr,
        DEMO_PATH,
        options.disconnects,
        options.connections,
        DRAIN_LIMIT,
    ));
    server.stop()?;

    println!();
    print_rows(&rows);
    println!(
        "(latencies in ms from the request sent; ttlb: to the final chunk, ttfb: to the first \
         body byte. Memory after each page of each run, server and clients together; left: \
         renders in flight after the page's responses, allowed {} s to end)",
        DRAIN_LIMIT.as_secs()
    );
    println!();
    print_memory(&rows);
    println!();
    print_disconnects(&left);

    let errors: usize = rows.iter().map(|row| row.load.errors).sum::<usize>() + left.errors;
    let renders_left = rows.iter().map(|row| row.renders_left).sum::<usize>() + left.renders_left;
    let passed = errors == 0 && renders_left == 0;
    println!();
    println!(
        "{}: {errors} errors, {renders_left} renders left running",
        if passed { "PASS" } else { "FAIL" }
    );
    Ok(passed)
}
