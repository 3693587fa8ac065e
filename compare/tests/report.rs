//! The report renders every figure, and headless Chromium draws it: every
//! chart is there, no label of a chart overlaps another or leaves the
//! chart, and each chart is screenshotted on its own (in
//! `target/tmp/report/`) for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use compare::alloc::Allocations;
use compare::bench::{BenchRun, Measurement};
use compare::engine::Engine;
use compare::http::{Conditions, HttpMeasurement, HttpRun, SectionArrival};
use compare::machine::Machine;
use compare::pages::Page;
use compare::runs::Runs;

/// Every engine on every page it renders, numbered from 1.
fn contestants() -> Vec<(Page, Engine, u64)> {
    Page::ALL
        .into_iter()
        .flat_map(|page| {
            Engine::ALL
                .into_iter()
                .filter(move |engine| engine.renders(page))
                .map(move |engine| (page, engine))
        })
        .zip(1..)
        .map(|((page, engine), i)| (page, engine, i))
        .collect()
}

/// A bench run shaped like a real one; `run` shifts its medians a little,
/// as runs differ.
fn bench_run(run: u64) -> BenchRun {
    let results = contestants()
        .into_iter()
        .map(|(page, engine, i)| Measurement {
            page: page.name().into(),
            engine: engine.name().into(),
            median_ns: 1_000 * i * i + 37 * run * i,
            bytes: 109_915,
            allocations: Some(Allocations {
                allocations: i,
                bytes: 1_000 * i,
                peak_bytes: 900 * i,
            }),
        })
        .chain(python_pages().map(|(page, median_ns)| Measurement {
            page: page.name().into(),
            engine: "python-htpy".into(),
            median_ns: median_ns + run * 1_000,
            bytes: 109_915,
            allocations: None,
        }))
        .collect();
    BenchRun {
        results,
        machine: Machine::current(),
    }
}

fn python_pages() -> impl Iterator<Item = (Page, u64)> {
    [
        (Page::BigTable, 218_000_000),
        (Page::Teams, 371_000),
        (Page::HtpyBench, 727_000_000),
    ]
    .into_iter()
}

/// An HTTP run shaped like a real one, htpy's chunks taking 30 to 270 ms as
/// they do.
fn http_run() -> HttpRun {
    let http = contestants()
        .into_iter()
        .map(|(page, engine, i)| {
            let chunks = u64::from(engine == Engine::HtpyChunks);
            let last = 400_000 + i * 10_000 + chunks * 30_000_000 * i / 3;
            HttpMeasurement {
                page: page.name().into(),
                engine: engine.name().into(),
                requests: 400,
                requests_per_second: 1_000.0 / f64::from(u32::try_from(i).unwrap_or(1)),
                first_byte_p50_ns: match (page, engine.streams()) {
                    (Page::Dashboard, true) => 300_000,
                    (Page::Dashboard, false) => 51_000_000,
                    _ => last / 2,
                },
                last_byte_p50_ns: last
                    + if page == Page::Dashboard {
                        51_000_000
                    } else {
                        0
                    },
                last_byte_p90_ns: last * 2 + 52_000_000 * u64::from(page == Page::Dashboard),
                last_byte_p99_ns: last * 3 + 53_000_000 * u64::from(page == Page::Dashboard),
                bytes: 5_068,
                sections: page
                    .sections()
                    .iter()
                    .zip([5_200_000, 20_300_000, 50_400_000])
                    .filter(|_| engine.streams())
                    .map(|(section, p50_ns)| SectionArrival {
                        section: (*section).to_owned(),
                        p50_ns: p50_ns + i * 10_000,
                    })
                    .collect(),
            }
        })
        .collect();
    HttpRun {
        http,
        conditions: Conditions {
            workers: 1,
            connections: 8,
            dashboard_delays_ms: [5, 20, 50],
        },
        machine: Machine::current(),
    }
}

/// The report of three bench runs (and an older one it leaves out) and an
/// HTTP run.
fn report() -> String {
    let bench = Runs {
        runs: (0..4).map(bench_run).collect(),
    };
    compare::report::render(Some(&bench), Some(&Runs::one(http_run())))
        .unwrap_or_else(|error| panic!("{error}"))
}

/// The ids of the charts the report must have, in order.
fn chart_ids() -> Vec<String> {
    let pages = Page::ALL.map(Page::name);
    let bench = pages.iter().map(|page| format!("bench-{page}"));
    let http = Page::ALL.into_iter().flat_map(|page| {
        let charts = [
            format!("http-{page}-throughput"),
            format!("http-{page}-latency"),
        ];
        let sections = (!page.sections().is_empty()).then(|| format!("http-{page}-sections"));
        charts.into_iter().chain(sections)
    });
    bench.chain(http).collect()
}

#[test]
fn report_has_every_figure() {
    let html = report();
    assert!(html.starts_with("<!doctype html><html lang=\"en\">"));
    for id in chart_ids() {
        assert!(html.contains(&format!("id=\"{id}\"")), "no chart {id}");
    }
    assert_eq!(html.matches("<svg").count(), chart_ids().len());
    assert_eq!(
        html.matches("class=\"marker\"").count(),
        4,
        "the dashboard's slowest-data line and its label, on its latency and its sections charts"
    );
    for text in [
        "htpy at or under sailfish on big-table",
        "500\u{d7} faster than Python htpy",
        "first byte before the slowest data",
        "<th>run 3</th>",
        "met in all 3",
        "sailfish</td><td><code>#[derive(TemplateOnce)], render_once()</code>",
        "<th>allocations</th><th>allocated</th><th>peak</th>",
        "<th>first byte</th><th>stats</th><th>orders</th><th>activity</th><th>last byte</th>",
        "<td>htpy-out-of-order</td><td>300.0 µs</td>",
        "Measured on ",
    ] {
        assert!(html.contains(text), "the report lacks {text:?}");
    }
    assert!(
        !html.contains("<th>run 4</th>"),
        "only the latest three runs count"
    );
    assert!(
        !html.contains("issue"),
        "the report speaks of the engines only"
    );
}

/// Chromium: `$CHROMIUM`, else the first of Debian's and Google's names on
/// the `PATH`; installed from Debian's packages if there is none and we may,
/// as `.ci/test` does.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return path.into();
    }
    let find = || {
        let path = std::env::var_os("PATH").unwrap_or_default();
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .flat_map(|name| {
                std::env::split_paths(&path)
                    .map(move |directory| directory.join(name))
                    .collect::<Vec<_>>()
            })
            .find(|candidate| candidate.is_file())
    };
    find()
        .or_else(|| {
            let apt = |args: &[&str]| {
                Command::new("apt-get")
                    .args(args)
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .status()
                    .is_ok_and(|status| status.success())
            };
            let installed = apt(&["update", "-qq"]) && apt(&["install", "-y", "-qq", "chromium"]);
            installed.then(find).flatten()
        })
        .unwrap_or_else(|| {
            panic!(
                "no Chromium to draw the report with, and `apt-get install chromium` failed: \
                 install it as root, or set CHROMIUM"
            )
        })
}

/// Runs headless Chromium on `page` with `flags`, a fresh profile and no
/// network, and returns what it printed.
fn browse(directory: &Path, flags: &[String], page: &Path) -> String {
    let profile = directory.join("profile");
    let _ = std::fs::remove_dir_all(&profile);
    let output = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|error| panic!("cannot run Chromium: {error}"));
    assert!(
        output.status.success(),
        "Chromium failed on {}: {}",
        page.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Finds, in every chart, the labels that overlap one another or leave the
/// chart, from the boxes the browser laid them out in; writes what it found
/// into a `<pre id="layout">`.
const LAYOUT_CHECK: &str = r#"<script>
const problems = [];
const charts = document.querySelectorAll("svg.chart");
const overlap = (a, b) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
for (const svg of charts) {
  const view = svg.viewBox.baseVal;
  const labels = [...svg.querySelectorAll("text")].map(text => [text.textContent, text.getBBox()]);
  labels.forEach(([text, box], i) => {
    if (box.width === 0) problems.push(`${svg.id}: "${text}" is not drawn`);
    if (box.x < 0 || box.y < 0 || box.x + box.width > view.width || box.y + box.height > view.height)
      problems.push(`${svg.id}: "${text}" leaves the chart`);
    for (const [other, otherBox] of labels.slice(i + 1))
      if (overlap(box, otherBox)) problems.push(`${svg.id}: "${text}" overlaps "${other}"`);
  });
}
const out = document.createElement("pre");
out.id = "layout";
out.textContent = `charts: ${[...charts].map(svg => svg.id).join(" ")}\n` + problems.join("\n");
document.body.append(out);
</script>"#;

/// The width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let number = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap_or_default());
    (number(16), number(20))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..from + to]
}

#[test]
fn chromium_lays_out_every_chart_without_overlaps() {
    let html = report();
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()));

    let checked = directory.join("checked.html");
    write(
        &checked,
        &html.replace("</body>", &format!("{LAYOUT_CHECK}</body>")),
    );
    let dom = browse(&directory, &["--dump-dom".to_owned()], &checked);
    let layout = between(&dom, "<pre id=\"layout\">", "</pre>");
    let mut lines = layout.lines();
    assert_eq!(
        lines.next(),
        Some(format!("charts: {}", chart_ids().join(" ")).as_str()),
        "Chromium did not find every chart"
    );
    let problems: Vec<&str> = lines.collect();
    assert!(
        problems.is_empty(),
        "labels badly placed:\n{}",
        problems.join("\n")
    );

    // Each chart on a page of its own, screenshotted at its own size.
    let stylesheet = between(&html, "<style>", "</style>");
    for id in chart_ids() {
        let svg = html
            .split("<svg")
            .skip(1)
            .map(|rest| format!("<svg{}</svg>", between(rest, "", "</svg>")))
            .find(|svg| svg.contains(&format!("id=\"{id}\"")))
            .unwrap_or_else(|| panic!("no chart {id}"));
        let height: u32 = between(&svg, "height=\"", "\"")
            .parse()
            .unwrap_or_else(|error| panic!("{id}: its height: {error}"));
        let page = directory.join(format!("{id}.html"));
        write(
            &page,
            &format!(
                "<!doctype html><html><head><meta charset=\"utf-8\"><style>{stylesheet} body {{ margin: 0; }}</style></head><body>{svg}</body></html>"
            ),
        );
        let screenshot = directory.join(format!("{id}.png"));
        let _ = std::fs::remove_file(&screenshot);
        browse(
            &directory,
            &[
                format!("--screenshot={}", screenshot.display()),
                format!("--window-size=700,{}", height + 12),
            ],
            &page,
        );
        let png = std::fs::read(&screenshot)
            .unwrap_or_else(|error| panic!("no screenshot at {}: {error}", screenshot.display()));
        assert_eq!(png_size(&png), (700, height + 12), "{id}");
        // A blank image of that size compresses to well under a kilobyte per
        // 100 rows; bars and labels take far more.
        assert!(
            png.len() > 8_000,
            "the screenshot of {id} ({} bytes, {}) looks empty",
            png.len(),
            screenshot.display()
        );
    }
}
