//! The pages as askama templates (`templates/askama/`), Jinja-like text
//! compiled into Rust at build time.
//!
//! Each page renders with `Template::render`, which askama's docs lead with:
//! a fresh `String` reserved to the size hint the derive computes from the
//! template. (`render_into` appends to a writer the caller keeps.)
//!
//! Askama escapes with numeric references (`&#38; &#60; &#62; &#34; &#39;`).

use askama::Template;

use crate::pages::{BigTable, Dashboard, HtpyBench, Sources, Team, Teams};

#[derive(Template)]
#[template(path = "askama/big_table.html")]
struct BigTablePage<'a> {
    rows: &'a [Vec<usize>],
}

#[derive(Template)]
#[template(path = "askama/teams.html")]
struct TeamsPage<'a> {
    year: u16,
    teams: &'a [Team],
}

#[derive(Template)]
#[template(path = "askama/htpy_bench.html")]
struct HtpyBenchPage<'a> {
    rows: &'a [usize],
}

#[derive(Template)]
#[template(path = "askama/dashboard.html")]
struct DashboardPage<'a> {
    page: &'a Dashboard,
}

/// Renders a template into a string.
fn render(template: &impl Template) -> String {
    // Rendering into a `String` fails only if a filter does, and these
    // templates call none that can.
    template
        .render()
        .unwrap_or_else(|error| unreachable!("askama template failed: {error}"))
}

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    render(&BigTablePage { rows: &table.rows })
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    render(&TeamsPage {
        year: teams.year,
        teams: &teams.teams,
    })
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    render(&HtpyBenchPage { rows: &bench.rows })
}

/// Waits for all the dashboard's data, then renders it.
pub async fn dashboard(sources: Sources) -> String {
    render(&DashboardPage {
        page: sources.all().await,
    })
}
