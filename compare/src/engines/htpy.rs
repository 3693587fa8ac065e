//! The pages with htpy: elements are functions, components are functions,
//! rendered to a `String`, as htpy's chunks, or as a byte stream.
//!
//! htpy escapes as Python's markupsafe does, so it needs no normalisation:
//! it is the engine the others are brought to.

use bytes::Bytes;
use futures::{Stream, StreamExt};
use htpy::{
    AttrList, Either3, Node, Nodes, Render, StreamOptions, Synchronous, a, b, body, dd, dl, dt,
    footer, h1, h2, head, header, html, li, link, main, meta, nav, ol, p, q, section, span, strong,
    table, tbody, td, th, thead, title, tr, ul,
};

use crate::pages::{Activity, BigTable, HtpyBench, Layout, Order, Sources, Stat, Teams};

/// The big-table page.
pub fn big_table_page(table: &BigTable) -> impl Render + '_ {
    htpy::table().children(
        table
            .rows
            .iter()
            .map(|row| tr().children(row.iter().map(|&cell| td().children(cell)))),
    )
}

/// The teams page. It has no doctype, so its root is `element!("html")`, as
/// Python's `Element("html")`: only the `html` function writes one.
pub fn teams_page(teams: &Teams) -> impl Render + '_ {
    htpy::element!("html").children((
        head().children(title().children(teams.year)),
        body().children((
            h1().children(("CSL ", teams.year)),
            ul().children(teams.teams.iter().enumerate().map(|(i, team)| {
                li().class((i == 0).then_some("champion")).children((
                    b().children(team.name),
                    ": ",
                    team.score,
                ))
            })),
        )),
    ))
}

/// Python htpy's benchmark table.
pub fn htpy_bench_page(bench: &HtpyBench) -> impl Render + '_ {
    table().children((
        thead().children(tr().children(th().children("Row #"))),
        tbody().children(
            bench
                .rows
                .iter()
                .map(|&row| tr().children(td().children(row))),
        ),
    ))
}

/// The dashboard around its three sections, whatever they are: rendered
/// sections, futures of them, in `concurrent(..)` or each in a `suspense`.
pub fn dashboard_page<'a>(layout: &'a Layout, sections: impl Render + 'a) -> impl Render + 'a {
    let user = &layout.user;
    html().attr("lang", "en").children((
        head().children((
            meta().attr("charset", "utf-8"),
            title().children(("Dashboard: ", user.name)),
            link()
                .attr("rel", "stylesheet")
                .attr("href", "/static/app.css"),
        )),
        body().children((
            header().class("topbar").children((
                a().attr("href", "/").class("brand").children("Acme Shop"),
                nav().children(ul().children(layout.nav.iter().map(|item| {
                    li().children(
                        a().attr("href", item.href)
                            .class(item.active.then_some("active"))
                            .children(item.label),
                    )
                }))),
                span()
                    .attr("title", user.name)
                    .class("user")
                    .children(("@", user.handle)),
            )),
            main().children((h1().children(("Welcome back, ", user.name, "!")), sections)),
            footer().children(p().children("Acme Shop, since 2015")),
        )),
    ))
}

fn stats_section(stats: &[Stat]) -> impl Render + '_ {
    section().id("stats").children((
        h2().children("Today"),
        dl().children(
            stats
                .iter()
                .map(|stat| (dt().children(stat.label), dd().children(stat.value))),
        ),
    ))
}

fn orders_section(orders: &[Order]) -> impl Render + '_ {
    section().id("orders").children((
        h2().children("Recent orders"),
        table().children((
            thead().children(tr().children((
                th().children("Order"),
                th().children("Customer"),
                th().children("Total"),
                th().children("Status"),
            ))),
            tbody().children(orders.iter().map(|order| {
                tr().children((
                    td().children(("#", order.id)),
                    td().children(order.customer),
                    td().children(order.total.as_str()),
                    td().children(
                        span()
                            .class(("status", order.status))
                            .children(order.status),
                    ),
                ))
            })),
        )),
    ))
}

fn activity_section(activity: &[Activity]) -> impl Render + '_ {
    section().id("activity").children((
        h2().children("Activity"),
        ol().children(activity.iter().map(|item| {
            li().children((strong().children(item.who), ": ", q().children(item.text)))
        })),
    ))
}

/// Renders to a `String`.
fn to_string(page: impl Render + Synchronous) -> String {
    // The pages hold no context, component or child that can fail.
    page.render_to_string()
        .unwrap_or_else(|error| unreachable!("htpy failed on a page: {error}"))
}

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    to_string(big_table_page(table))
}

/// The big-table page as a program builds it from data it reads at run
/// time: element names and attributes as strings (`element(name)`,
/// `AttrList`), each row and cell pushed on a `Nodes` list, as where the
/// kind of cell differs from one to the next. Built and rendered, then
/// dropped.
pub fn big_table_from_data(table: &BigTable) -> String {
    let (row_tag, cell_tag) = (std::hint::black_box("tr"), std::hint::black_box("td"));
    let build = || -> htpy::Result<Node<'static>> {
        let mut rows = Nodes::with_capacity(table.rows.len());
        for row in &table.rows {
            let mut cells = Nodes::with_capacity(row.len());
            for &value in row {
                cells.push(
                    htpy::element(cell_tag)?
                        .attrs(AttrList::new())?
                        .children(value),
                );
            }
            rows.push(htpy::element(row_tag)?.children(cells));
        }
        Ok(Node::new(htpy::element("table")?.children(rows)))
    };
    to_string(build().unwrap_or_else(|error| unreachable!("htpy refused a name: {error}")))
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    to_string(teams_page(teams))
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    to_string(htpy_bench_page(bench))
}

/// Waits for all the dashboard's data, then renders it.
pub async fn dashboard(sources: Sources) -> String {
    let page = sources.all().await;
    to_string(dashboard_page(
        &page.layout,
        (
            stats_section(&page.stats),
            orders_section(&page.orders),
            activity_section(&page.activity),
        ),
    ))
}

/// htpy's chunks of a page, as `iter_chunks` yields them.
pub fn chunks<'a>(page: impl Render + Synchronous + 'a) -> impl Iterator<Item = String> + 'a {
    page.iter_chunks()
        .map(|chunk| chunk.unwrap_or_else(|error| unreachable!("htpy failed on a page: {error}")))
}

/// A page as a byte stream, with the default buffers: rendered as it is
/// polled, so it needs no runtime of its own and costs no task.
pub fn byte_stream(page: impl Render + 'static) -> impl Stream<Item = Bytes> + 'static {
    page.render_stream(StreamOptions::default())
        .map(|chunk| chunk.unwrap_or_else(|error| unreachable!("htpy failed on a page: {error}")))
}

/// How the dashboard's streamed sections wait for their data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sections {
    /// One after another, in document order: a section's query starts when
    /// the one before it is sent.
    InOrder,
    /// In `concurrent(..)`: the three queries start together, the sections
    /// go out in document order.
    Concurrent,
    /// Each in `suspense(fallback, ..)`: the fallbacks and the rest of the
    /// page at once, each section when its data arrives, moved into place
    /// by a script.
    OutOfOrder,
}

/// What each section shows until its data arrives, streamed out of order.
fn fallback() -> impl Render {
    p().class("loading").children("Loading\u{2026}")
}

/// The dashboard to stream: the layout at once, each section as its data
/// arrives, as `sections` says; the byte stream flushes whenever the page
/// waits.
pub fn streamed_dashboard(sources: Sources, sections: Sections) -> impl Render + 'static {
    let stats = htpy::future(async move { stats_section(sources.stats().await) });
    let orders = htpy::future(async move { orders_section(sources.orders().await) });
    let activity = htpy::future(async move { activity_section(sources.activity().await) });
    let sections = match sections {
        Sections::InOrder => Either3::A((stats, orders, activity)),
        Sections::Concurrent => Either3::B(htpy::concurrent((stats, orders, activity))),
        Sections::OutOfOrder => Either3::C((
            htpy::suspense(fallback(), stats),
            htpy::suspense(fallback(), orders),
            htpy::suspense(fallback(), activity),
        )),
    };
    dashboard_page(sources.layout(), sections)
}
