//! The pages with maud's `html!` macro, compiled into Rust.
//!
//! Each page is an `html!` expression turned into its `String` with
//! `into_string`, as maud's book writes pages; the macro sizes that `String`
//! from the template's literal text.
//!
//! Maud writes `&amp; &lt; &gt; &quot;` and leaves `'` as it is, and its
//! `DOCTYPE` is spelled `<!DOCTYPE html>`.

use maud::{DOCTYPE, Markup, html};

use crate::pages::{BigTable, Dashboard, HtpyBench, Sources, Teams};

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    html! {
        table {
            @for row in &table.rows {
                tr { @for cell in row { td { (cell) } } }
            }
        }
    }
    .into_string()
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    html! {
        html {
            head { title { (teams.year) } }
            body {
                h1 { "CSL " (teams.year) }
                ul {
                    @for (i, team) in teams.teams.iter().enumerate() {
                        li class=[(i == 0).then_some("champion")] { b { (team.name) } ": " (team.score) }
                    }
                }
            }
        }
    }
    .into_string()
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    html! {
        table {
            thead { tr { th { "Row #" } } }
            tbody {
                @for row in &bench.rows { tr { td { (row) } } }
            }
        }
    }
    .into_string()
}

/// Waits for all the dashboard's data, then renders it.
pub async fn dashboard(sources: Sources) -> String {
    dashboard_page(sources.all().await).into_string()
}

fn dashboard_page(page: &Dashboard) -> Markup {
    let user = &page.layout.user;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "Dashboard: " (user.name) }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header.topbar {
                    a href="/" class="brand" { "Acme Shop" }
                    nav { ul {
                        @for item in &page.layout.nav {
                            li { a href=(item.href) class=[item.active.then_some("active")] { (item.label) } }
                        }
                    } }
                    span title=(user.name) class="user" { "@" (user.handle) }
                }
                main {
                    h1 { "Welcome back, " (user.name) "!" }
                    section #stats {
                        h2 { "Today" }
                        dl { @for stat in &page.stats { dt { (stat.label) } dd { (stat.value) } } }
                    }
                    section #orders {
                        h2 { "Recent orders" }
                        table {
                            thead { tr { th { "Order" } th { "Customer" } th { "Total" } th { "Status" } } }
                            tbody {
                                @for order in &page.orders {
                                    tr {
                                        td { "#" (order.id) }
                                        td { (order.customer) }
                                        td { (order.total) }
                                        td { span class={ "status " (order.status) } { (order.status) } }
                                    }
                                }
                            }
                        }
                    }
                    section #activity {
                        h2 { "Activity" }
                        ol { @for item in &page.activity { li { strong { (item.who) } ": " q { (item.text) } } } }
                    }
                }
                footer { p { "Acme Shop, since 2015" } }
            }
        }
    }
}
