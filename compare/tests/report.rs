//! The report renders every figure, and headless Chromium draws it.

use std::path::{Path, PathBuf};
use std::process::Command;

use compare::bench::{BenchResults, Measurement};
use compare::engine::Engine;
use compare::http::{Conditions, HttpMeasurement, HttpResults};
use compare::machine::Machine;
use compare::pages::Page;

/// Figures shaped like a run's, every engine on every page it renders.
fn runs() -> (BenchResults, HttpResults) {
    let pairs: Vec<(Page, Engine, u64)> = Page::ALL
        .into_iter()
        .flat_map(|page| {
            Engine::ALL
                .into_iter()
                .filter(move |engine| engine.renders(page))
                .map(move |engine| (page, engine))
        })
        .zip(1..)
        .map(|((page, engine), i)| (page, engine, i))
        .collect();
    let results = pairs
        .iter()
        .map(|&(page, engine, i)| Measurement {
            page: page.name().into(),
            engine: engine.name().into(),
            median_ns: 1_000 * i * i,
            bytes: 100,
        })
        .chain([Measurement {
            page: "htpy-bench".into(),
            engine: "python-htpy".into(),
            median_ns: 400_000_000,
            bytes: 100,
        }])
        .collect();
    let http = pairs
        .iter()
        .map(|&(page, engine, i)| HttpMeasurement {
            page: page.name().into(),
            engine: engine.name().into(),
            requests: 400,
            requests_per_second: 1_000.0 / f64::from(u32::try_from(i).unwrap_or(1)),
            first_byte_p50_ns: if engine.streams() {
                300_000
            } else {
                51_000_000
            },
            last_byte_p50_ns: 51_000_000 + i * 10_000,
            last_byte_p90_ns: 52_000_000 + i * 10_000,
            last_byte_p99_ns: 53_000_000 + i * 10_000,
            bytes: 100,
        })
        .collect();
    let conditions = Conditions {
        workers: 1,
        connections: 8,
        dashboard_delays_ms: [5, 20, 50],
    };
    (
        BenchResults {
            results,
            machine: Machine::current(),
        },
        HttpResults {
            http,
            conditions,
            machine: Machine::current(),
        },
    )
}

/// Chromium: `$CHROMIUM`, else the first of Debian's and Google's names on
/// the `PATH`.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return path.into();
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |directory| directory.join(name)))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            panic!(
                "no Chromium to draw the report with: install Debian's `chromium`, or set CHROMIUM"
            )
        })
}

/// The width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let number = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap_or_default());
    (number(16), number(20))
}

#[test]
fn report_has_every_chart_and_chromium_draws_it() {
    let (bench, http) = runs();
    let html = compare::report::render(Some(&bench), Some(&http))
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(html.starts_with("<!doctype html><html lang=\"en\">"));
    // A render chart per page; a throughput and a latency chart per page.
    assert_eq!(html.matches("<svg").count(), 3 * Page::ALL.len());
    assert_eq!(
        html.matches("class=\"marker\"").count(),
        2,
        "the dashboard's slowest-data line and its label"
    );
    for goal in [
        "htpy at or under sailfish on big-table",
        "500\u{d7} faster than Python htpy",
        "first byte before the slowest data",
    ] {
        assert!(html.contains(goal), "the goals table lacks {goal:?}");
    }

    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()));
    let page = directory.join("report.html");
    let screenshot = directory.join("report.png");
    std::fs::write(&page, &html).unwrap_or_else(|error| panic!("{}: {error}", page.display()));
    let _ = std::fs::remove_file(&screenshot);
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=800,3000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            directory.join("profile").display()
        ))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|error| panic!("cannot run Chromium: {error}"));
    assert!(
        status.status.success(),
        "Chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&screenshot)
        .unwrap_or_else(|error| panic!("no screenshot at {}: {error}", screenshot.display()));
    assert_eq!(png_size(&png), (800, 3000));
    // A blank page of that size compresses to a few kilobytes; charts, tables
    // and text take far more.
    assert!(
        png.len() > 100_000,
        "the screenshot ({} bytes, {}) looks empty",
        png.len(),
        screenshot.display()
    );
}
