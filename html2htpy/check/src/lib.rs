//! The pages of `html2htpy/tests/pages`, each converted by html2htpy at
//! build time and compiled here, ready to render and compare.

// The converted pages are single long functions, as any converted page is.
#![expect(
    clippy::too_many_lines,
    reason = "the functions the converter writes for whole pages"
)]

use std::fmt::Write as _;

use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Render, StreamOptions, Synchronous};

/// A converted page.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    /// The file's name.
    pub name: &'static str,
    /// The HTML it was converted from.
    pub source: &'static str,
    /// Renders the generated expression.
    pub render: fn() -> htpy::Result<String>,
    /// Renders it through every renderer.
    pub renderers: fn() -> Renders,
    /// Renders the page converted with every element typed, through every
    /// renderer, for the real documentation pages.
    pub typed: Option<fn() -> Renders>,
    /// Render the page converted with the other options, for the few pages
    /// that are.
    pub other_forms: &'static [fn() -> htpy::Result<String>],
    /// What html2htpy reported on standard error for it.
    pub warnings: &'static [&'static str],
}

/// What each renderer made of a page: its name and its output.
pub type Renders = Vec<(&'static str, htpy::Result<String>)>;

/// A page rendered from fresh trees through every renderer: `String`,
/// htpy's chunks, the async `String` render, and the byte stream with the
/// default buffers and with 64-byte ones.
pub fn every_renderer<T: Render + Synchronous>(page: fn() -> T) -> Renders {
    let stream = |options: StreamOptions| {
        block_on(page().render_stream(options).collect::<Vec<_>>())
            .into_iter()
            .map(|item| item.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
            .collect()
    };
    vec![
        ("render_to_string", page().render_to_string()),
        ("iter_chunks", page().iter_chunks().collect()),
        (
            "render_to_string_async",
            block_on(page().render_to_string_async()),
        ),
        ("render_stream", stream(StreamOptions::default())),
        (
            "render_stream (64-byte buffers)",
            stream(StreamOptions::default().buffer_size(64)),
        ),
    ]
}

/// Something done with a real page written as a typed tree, given its
/// file's name and the function that builds it: the tree's own type, to
/// hand to any renderer or server (see `visit_typed_pages`).
pub trait TypedVisit {
    /// Called once for each such page.
    fn page<T: Render + Synchronous + 'static>(&mut self, name: &'static str, page: fn() -> T);
}

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

/// The outlines of `source` and `rendered` (see [`html2htpy::outline`]),
/// and where they first differ: `None` when they are the same page.
pub fn difference(source: &str, rendered: &str) -> Option<String> {
    let (left, right) = (html2htpy::outline(source), html2htpy::outline(rendered));
    if left == right {
        return None;
    }
    let (left, right): (Vec<&str>, Vec<&str>) = (left.lines().collect(), right.lines().collect());
    let at = left.iter().zip(&right).take_while(|(a, b)| a == b).count();
    let context = |lines: &[&str]| {
        lines[at.saturating_sub(3)..(at + 4).min(lines.len())]
            .iter()
            .fold(String::new(), |mut out, line| {
                let _ = writeln!(out, "    {line}");
                out
            })
    };
    Some(format!(
        "the outlines differ at line {}:\n  source:\n{}  rendered:\n{}",
        at + 1,
        context(&left),
        context(&right)
    ))
}
