//! Every engine renders every page as Python htpy 26.5.1 does, byte for byte,
//! after the normalisation it declares (`Engine::normalisation`), which is
//! none for every page but the dashboard, except with Leptos.

use std::time::Duration;

use compare::engine::Engine;
use compare::pages::{Delays, Page, Sources};
use compare::python::Python;

fn python_htpy(page: Page) -> String {
    Python::find()
        .render(page)
        .unwrap_or_else(|error| panic!("{error}"))
}

async fn render(engine: Engine, page: Page, delays: Delays) -> String {
    let output = engine.render(page, Sources::new(delays));
    output
        .unwrap_or_else(|| panic!("{engine} does not render {page}"))
        .into_string()
        .await
}

/// Where `actual` first differs from `expected`, with some context.
fn difference(expected: &str, actual: &str) -> String {
    let at = expected
        .bytes()
        .zip(actual.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let context = |s: &str| {
        let start = s.floor_char_boundary(at.saturating_sub(40));
        let end = s.ceil_char_boundary((at + 40).min(s.len()));
        s[start..end].to_owned()
    };
    format!(
        "first difference at byte {at} (lengths {} and {}):\n expected …{}…\n   actual …{}…",
        expected.len(),
        actual.len(),
        context(expected),
        context(actual)
    )
}

async fn assert_every_engine_writes(page: Page, expected: &str, delays: Delays) {
    for engine in Engine::ALL
        .into_iter()
        .filter(|engine| engine.renders(page))
    {
        let normalisation = engine.normalisation(page);
        let actual = normalisation.apply(&render(engine, page, delays).await);
        assert!(
            actual == expected,
            "{engine} renders {page} unlike Python htpy, after {normalisation:?}: {}",
            difference(expected, &actual)
        );
    }
}

#[tokio::test]
async fn big_table() {
    let expected = python_htpy(Page::BigTable);
    assert_eq!(expected.len(), 109_915);
    assert_every_engine_writes(Page::BigTable, &expected, Delays::NONE).await;
}

#[tokio::test]
async fn teams() {
    let expected = python_htpy(Page::Teams);
    assert_eq!(expected.len(), 212);
    assert_every_engine_writes(Page::Teams, &expected, Delays::NONE).await;
}

#[tokio::test]
async fn htpy_bench() {
    let expected = python_htpy(Page::HtpyBench);
    assert!(
        expected
            .starts_with("<table><thead><tr><th>Row #</th></tr></thead><tbody><tr><td>0</td></tr>")
    );
    assert!(expected.ends_with("<tr><td>49999</td></tr></tbody></table>"));
    assert_every_engine_writes(Page::HtpyBench, &expected, Delays::NONE).await;
}

#[tokio::test]
async fn dashboard() {
    let expected = python_htpy(Page::Dashboard);
    for escaped in ["&amp;", "&lt;", "&gt;", "&#34;", "&#39;"] {
        assert!(expected.contains(escaped), "the dashboard has no {escaped}");
    }
    assert_every_engine_writes(Page::Dashboard, &expected, Delays::NONE).await;
}

#[tokio::test]
async fn dashboard_with_slow_sources() {
    let delays = Delays {
        stats: Duration::from_millis(3),
        orders: Duration::from_millis(1),
        activity: Duration::from_millis(2),
    };
    assert_every_engine_writes(Page::Dashboard, &python_htpy(Page::Dashboard), delays).await;
}
