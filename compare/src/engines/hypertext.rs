//! The pages with hypertext's `rsx!` macro: HTML-like syntax checked against
//! the HTML element and attribute lists at compile time, rendered lazily into
//! one buffer.
//!
//! Each page renders with `.render()`, which hypertext's README leads with,
//! into a fresh buffer; `render_to` into a buffer the caller keeps is there
//! for reuse, which none of the other engines gets here.
//!
//! Hypertext escapes `&amp; &lt; &gt;` in text, adds `&quot;` in attribute
//! values, and spells the doctype `<!DOCTYPE html>`.

use hypertext::prelude::*;

use crate::pages::{BigTable, Dashboard, HtpyBench, Sources, Teams};

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    rsx! {
        <table>
            @for row in &table.rows {
                <tr> @for cell in row { <td>(cell)</td> } </tr>
            }
        </table>
    }
    .render()
    .into_inner()
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    rsx! {
        <html>
            <head><title>(teams.year)</title></head>
            <body>
                <h1>"CSL " (teams.year)</h1>
                <ul>
                    @for (i, team) in teams.teams.iter().enumerate() {
                        <li class="champion"[i == 0]><b>(team.name)</b>": " (team.score)</li>
                    }
                </ul>
            </body>
        </html>
    }
    .render()
    .into_inner()
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    rsx! {
        <table>
            <thead><tr><th>"Row #"</th></tr></thead>
            <tbody>
                @for row in &bench.rows { <tr><td>(row)</td></tr> }
            </tbody>
        </table>
    }
    .render()
    .into_inner()
}

/// Waits for all the dashboard's data, then renders it.
pub async fn dashboard(sources: Sources) -> String {
    dashboard_page(sources.all().await).render().into_inner()
}

fn dashboard_page(page: &Dashboard) -> impl Renderable {
    let user = &page.layout.user;
    rsx! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8">
                <title>"Dashboard: " (user.name)</title>
                <link rel="stylesheet" href="/static/app.css">
            </head>
            <body>
                <header class="topbar">
                    <a href="/" class="brand">"Acme Shop"</a>
                    <nav><ul>
                        @for item in &page.layout.nav {
                            <li><a href=(item.href) class="active"[item.active]>(item.label)</a></li>
                        }
                    </ul></nav>
                    <span title=(user.name) class="user">"@" (user.handle)</span>
                </header>
                <main>
                    <h1>"Welcome back, " (user.name) "!"</h1>
                    <section id="stats">
                        <h2>"Today"</h2>
                        <dl>
                            @for stat in &page.stats { <dt>(stat.label)</dt><dd>(stat.value)</dd> }
                        </dl>
                    </section>
                    <section id="orders">
                        <h2>"Recent orders"</h2>
                        <table>
                            <thead><tr><th>"Order"</th><th>"Customer"</th><th>"Total"</th><th>"Status"</th></tr></thead>
                            <tbody>
                                @for order in &page.orders {
                                    <tr>
                                        <td>"#" (order.id)</td>
                                        <td>(order.customer)</td>
                                        <td>(order.total)</td>
                                        <td><span class={ "status " (order.status) }>(order.status)</span></td>
                                    </tr>
                                }
                            </tbody>
                        </table>
                    </section>
                    <section id="activity">
                        <h2>"Activity"</h2>
                        <ol>
                            @for item in &page.activity {
                                <li><strong>(item.who)</strong>": " <q>(item.text)</q></li>
                            }
                        </ol>
                    </section>
                </main>
                <footer><p>"Acme Shop, since 2015"</p></footer>
            </body>
        </html>
    }
}
