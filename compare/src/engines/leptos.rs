//! The pages with Leptos's `view!` macro, rendered on the server (the `ssr`
//! feature): to a string, and, for the dashboard, as an in-order or an
//! out-of-order stream through `<Suspense/>`.
//!
//! The string renders go through `RenderHtml::to_html`, which reserves the
//! view's estimated length (`html_len`) and writes into it with
//! `to_html_with_buf`: the fastest documented way to a `String`.
//!
//! Leptos renders for hydration: it writes `<!>` between adjacent text nodes
//! and after lists, escapes only `& < >` in text and `& < > "` (as `&quot;`)
//! in attributes, and spells the doctype `<!DOCTYPE html>`.

use std::sync::{Arc, Once};

use futures::{Stream, StreamExt};
use hydration_context::SsrSharedContext;
use leptos::prelude::*;

use crate::pages::{Activity, BigTable, HtpyBench, Layout, Order, Sources, Stat, Teams};

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    view! {
        <table>
            {table.rows.iter().map(|row| view! {
                <tr>{row.iter().map(|cell| view! { <td>{*cell}</td> }).collect_view()}</tr>
            }).collect_view()}
        </table>
    }
    .to_html()
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    view! {
        <html>
            <head><title>{teams.year}</title></head>
            <body>
                <h1>"CSL " {teams.year}</h1>
                <ul>
                    {teams.teams.iter().enumerate().map(|(i, team)| view! {
                        <li class=(i == 0).then_some("champion")><b>{team.name}</b>": " {team.score}</li>
                    }).collect_view()}
                </ul>
            </body>
        </html>
    }
    .to_html()
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    view! {
        <table>
            <thead><tr><th>"Row #"</th></tr></thead>
            <tbody>
                {bench.rows.iter().map(|row| view! { <tr><td>{*row}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
    .to_html()
}

/// Waits for all the dashboard's data, then renders it to a string.
pub async fn dashboard(sources: Sources) -> String {
    let page = sources.all().await;
    dashboard_page(
        &page.layout,
        stats_section(&page.stats),
        orders_section(&page.orders),
        activity_section(&page.activity),
    )
    .to_html()
}

/// Streams the dashboard in document order: the layout at once, each section
/// as soon as it and the ones before it have their data.
pub fn dashboard_in_order(sources: Sources) -> impl Stream<Item = String> + Send + 'static {
    suspended_dashboard(sources, Streaming::InOrder)
}

/// Streams the dashboard out of order: the layout with a placeholder per
/// section at once, then each section, as its data arrives, in a `<template>`
/// with a script that moves it into place.
pub fn dashboard_out_of_order(sources: Sources) -> impl Stream<Item = String> + Send + 'static {
    suspended_dashboard(sources, Streaming::OutOfOrder)
}

#[derive(Clone, Copy)]
enum Streaming {
    InOrder,
    OutOfOrder,
}

/// The dashboard with each section in a `<Suspense/>` waiting on its source,
/// streamed under a root owner with the server's hydration context, as
/// Leptos's server integrations set it up.
///
/// Each source is read through an `AsyncDerived`, which starts its query
/// when it is created, with the page: all three queries at once, as a
/// `Resource` does. A `Resource` is an `AsyncDerived` that also serializes
/// its value for the client to hydrate from, in scripts `leptos_axum` sends
/// after the page (`pending_data`); nothing here hydrates, so the stream is
/// the page alone, as the other engines send it.
fn suspended_dashboard(
    sources: Sources,
    streaming: Streaming,
) -> impl Stream<Item = String> + Send + 'static {
    static EXECUTOR: Once = Once::new();
    // Suspense spawns its tasks on any_spawner's global executor, which has
    // to be pointed at the Tokio runtime the servers and benches run on.
    EXECUTOR.call_once(|| {
        any_spawner::Executor::init_tokio()
            .unwrap_or_else(|error| unreachable!("set only here: {error}"));
    });
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let chunks = owner.with(|| {
        let stats = AsyncDerived::new(move || sources.stats());
        let orders = AsyncDerived::new(move || sources.orders());
        let activity = AsyncDerived::new(move || sources.activity());
        let page = dashboard_page(
            sources.layout(),
            view! {
                <Suspense fallback=fallback>
                    {Suspend::new(async move { stats_section(stats.await) })}
                </Suspense>
            },
            view! {
                <Suspense fallback=fallback>
                    {Suspend::new(async move { orders_section(orders.await) })}
                </Suspense>
            },
            view! {
                <Suspense fallback=fallback>
                    {Suspend::new(async move { activity_section(activity.await) })}
                </Suspense>
            },
        );
        match streaming {
            Streaming::InOrder => page.to_html_stream_in_order(),
            Streaming::OutOfOrder => page.to_html_stream_out_of_order(),
        }
    });
    // The owner holds the suspended sections' reactive state: it lives as
    // long as the stream.
    chunks.map(move |chunk| {
        let _ = &owner;
        chunk
    })
}

/// What each section shows until its data arrives, streamed out of order:
/// htpy's fallback.
fn fallback() -> impl IntoView {
    view! { <p class="loading">"Loading\u{2026}"</p> }
}

fn dashboard_page(
    layout: &Layout,
    stats: impl IntoView,
    orders: impl IntoView,
    activity: impl IntoView,
) -> impl IntoView {
    let user = &layout.user;
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <title>"Dashboard: " {user.name}</title>
                <link rel="stylesheet" href="/static/app.css"/>
            </head>
            <body>
                <header class="topbar">
                    <a href="/" class="brand">"Acme Shop"</a>
                    <nav><ul>
                        {layout.nav.iter().map(|item| view! {
                            <li><a href=item.href class=item.active.then_some("active")>{item.label}</a></li>
                        }).collect_view()}
                    </ul></nav>
                    <span title=user.name class="user">"@" {user.handle}</span>
                </header>
                <main>
                    <h1>"Welcome back, " {user.name} "!"</h1>
                    {stats}
                    {orders}
                    {activity}
                </main>
                <footer><p>"Acme Shop, since 2015"</p></footer>
            </body>
        </html>
    }
}

fn stats_section(stats: &[Stat]) -> impl IntoView {
    view! {
        <section id="stats">
            <h2>"Today"</h2>
            <dl>
                {stats.iter().map(|stat| view! { <dt>{stat.label}</dt><dd>{stat.value}</dd> }).collect_view()}
            </dl>
        </section>
    }
}

fn orders_section(orders: &[Order]) -> impl IntoView {
    view! {
        <section id="orders">
            <h2>"Recent orders"</h2>
            <table>
                <thead><tr><th>"Order"</th><th>"Customer"</th><th>"Total"</th><th>"Status"</th></tr></thead>
                <tbody>
                    {orders.iter().map(|order| view! {
                        <tr>
                            <td>"#" {order.id}</td>
                            <td>{order.customer}</td>
                            <td>{order.total.as_str()}</td>
                            <td><span class=format!("status {}", order.status)>{order.status}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn activity_section(activity: &[Activity]) -> impl IntoView {
    view! {
        <section id="activity">
            <h2>"Activity"</h2>
            <ol>
                {activity.iter().map(|item| view! {
                    <li><strong>{item.who}</strong>": " <q>{item.text}</q></li>
                }).collect_view()}
            </ol>
        </section>
    }
}
