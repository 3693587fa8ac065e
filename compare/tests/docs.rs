//! The book's performance page names each engine's call as the report
//! does (`Engine::api`), so that the two cannot drift apart.

use compare::engine::Engine;
use compare::python;

const PERFORMANCE: &str = include_str!("../../docs/src/performance.md");

#[test]
fn the_book_names_each_engines_call_as_the_report_does() {
    let engines = Engine::ALL
        .map(|engine| (engine.name(), engine.api()))
        .into_iter()
        .chain([(python::NAME, python::API)]);
    for (engine, (api, why)) in engines {
        let row = PERFORMANCE
            .lines()
            .find(|line| line.starts_with(&format!("| {engine} |")))
            .unwrap_or_else(|| panic!("docs/src/performance.md has no row for {engine}"));
        let cells: Vec<String> = row
            .trim_matches('|')
            .split(" | ")
            .map(|cell| cell.trim().replace('`', ""))
            .collect();
        assert_eq!(
            cells,
            [engine, api, why],
            "docs/src/performance.md says otherwise than Engine::api of {engine}"
        );
    }
}
