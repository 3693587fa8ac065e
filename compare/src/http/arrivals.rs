//! When each late section of a page arrives, read from the body as it is
//! received.

use std::time::Duration;

/// The times at which each of a page's sections arrived whole in a body
/// received in chunks.
///
/// A section is `<section id="{id}">` up to its `</section>`: it has arrived
/// with the chunk that brings its end. The test reads the bytes, so it
/// times each section wherever the engine puts it: in its place in document
/// order, or in the `<template>` an out-of-order stream sends it in (a
/// fallback is no section).
#[derive(Debug)]
pub struct Arrivals {
    /// The opening tag of each section, in the order of the ids given.
    openings: Vec<Vec<u8>>,
    /// The body so far; kept only for a page with sections.
    body: Vec<u8>,
    times: Vec<Option<Duration>>,
}

const END: &[u8] = b"</section>";

impl Arrivals {
    /// Looks for the sections of these `ids`.
    pub fn new(ids: &[&str]) -> Arrivals {
        Arrivals {
            openings: ids
                .iter()
                .map(|id| format!("<section id=\"{id}\">").into_bytes())
                .collect(),
            body: Vec::new(),
            times: vec![None; ids.len()],
        }
    }

    /// Takes the chunk received `at`, counted from the request.
    pub fn receive(&mut self, at: Duration, chunk: &[u8]) {
        if self.openings.is_empty() {
            return;
        }
        self.body.extend_from_slice(chunk);
        for (opening, time) in self.openings.iter().zip(&mut self.times) {
            if time.is_none() && is_whole(&self.body, opening) {
                *time = Some(at);
            }
        }
    }

    /// When each section arrived, in the order of the ids given; `None` for
    /// one not received whole.
    pub fn times(&self) -> &[Option<Duration>] {
        &self.times
    }
}

/// Whether `body` holds the section that `opening` starts, up to its end.
fn is_whole(body: &[u8], opening: &[u8]) -> bool {
    find(body, opening).is_some_and(|start| find(&body[start + opening.len()..], END).is_some())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(ms: u64) -> Duration {
        Duration::from_millis(ms)
    }

    /// A byte timeline: what arrived when.
    fn arrivals(timeline: &[(u64, &str)]) -> Vec<Option<Duration>> {
        let mut arrivals = Arrivals::new(&["stats", "orders", "activity"]);
        for &(at, chunk) in timeline {
            arrivals.receive(ms(at), chunk.as_bytes());
        }
        arrivals.times().to_vec()
    }

    #[test]
    fn in_order_sections_arrive_with_their_ends() {
        let times = arrivals(&[
            (1, "<main><h1>Hi</h1>"),
            (5, r#"<section id="stats"><dl></dl></section><sec"#),
            (19, r#"tion id="orders"><table>"#),
            (20, "</table></section>"),
            (50, r#"<section id="activity"></section></main>"#),
        ]);
        assert_eq!(times, [Some(ms(5)), Some(ms(20)), Some(ms(50))]);
    }

    #[test]
    fn out_of_order_sections_arrive_in_their_templates_not_with_their_fallbacks() {
        let times = arrivals(&[
            (
                1,
                concat!(
                    r#"<main><template id="h-1-s"></template><p class="loading">Loading…</p>"#,
                    r#"<template id="h-1-e"></template>"#,
                    r#"<template id="h-2-s"></template><p class="loading">Loading…</p>"#,
                    r#"<template id="h-2-e"></template></main>"#,
                ),
            ),
            (
                6,
                r#"<template id="h-2-c"><section id="orders"></section></template><script>htpySwap('h-2')</script>"#,
            ),
            (30, r#"<template id="h-1-c"><section id="stats"></sect"#),
            (31, "ion></template><script>htpySwap('h-1')</script>"),
        ]);
        assert_eq!(times, [Some(ms(31)), Some(ms(6)), None]);
    }

    #[test]
    fn a_page_without_sections_keeps_no_body() {
        let mut arrivals = Arrivals::new(&[]);
        arrivals.receive(ms(1), b"<table></table>");
        assert!(arrivals.body.is_empty());
        assert!(arrivals.times().is_empty());
    }
}
