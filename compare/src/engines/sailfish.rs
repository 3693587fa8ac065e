//! The pages as sailfish templates (`templates/sailfish/`), EJS-like text
//! compiled into Rust at build time; indentation and line breaks are
//! removed at compile time (`rm_whitespace`, `rm_newline`).
//!
//! Each page derives `TemplateOnce`, the trait sailfish's guide and its
//! own benchmarks render with: `render_once` consumes the context and
//! sizes its buffer from the length of the previous rendering, which it
//! remembers per template.
//!
//! Sailfish escapes with `&amp; &lt; &gt; &quot; &#039;`.

use sailfish::TemplateOnce;

use crate::pages::{BigTable, Dashboard, HtpyBench, Sources, Team, Teams};

#[derive(TemplateOnce)]
#[template(
    path = "sailfish/big_table.stpl",
    rm_whitespace = true,
    rm_newline = true
)]
struct BigTablePage<'a> {
    rows: &'a [Vec<usize>],
}

#[derive(TemplateOnce)]
#[template(path = "sailfish/teams.stpl", rm_whitespace = true, rm_newline = true)]
struct TeamsPage<'a> {
    year: u16,
    teams: &'a [Team],
}

#[derive(TemplateOnce)]
#[template(
    path = "sailfish/htpy_bench.stpl",
    rm_whitespace = true,
    rm_newline = true
)]
struct HtpyBenchPage<'a> {
    rows: &'a [usize],
}

#[derive(TemplateOnce)]
#[template(
    path = "sailfish/dashboard.stpl",
    rm_whitespace = true,
    rm_newline = true
)]
struct DashboardPage<'a> {
    page: &'a Dashboard,
}

/// Renders a template into a string.
fn render(template: impl TemplateOnce) -> String {
    // Rendering fails only if a value's `Render` does, and these templates
    // render strings and integers, which cannot fail.
    template
        .render_once()
        .unwrap_or_else(|error| unreachable!("sailfish template failed: {error}"))
}

/// Renders the big-table page.
pub fn big_table(table: &BigTable) -> String {
    render(BigTablePage { rows: &table.rows })
}

/// Renders the teams page.
pub fn teams(teams: &Teams) -> String {
    render(TeamsPage {
        year: teams.year,
        teams: &teams.teams,
    })
}

/// Renders Python htpy's benchmark table.
pub fn htpy_bench(bench: &HtpyBench) -> String {
    render(HtpyBenchPage { rows: &bench.rows })
}

/// Waits for all the dashboard's data, then renders it.
pub async fn dashboard(sources: Sources) -> String {
    render(DashboardPage {
        page: sources.all().await,
    })
}
