//! Every page of `html2htpy/tests/pages`, converted and compiled by the
//! build script, renders to the same page as its source.

use html2htpy_check::{PAGES, Renders, difference};

/// A runtime worker's stack.
const STACK: usize = 2 * 1024 * 1024;

/// Asserts that every renderer made `expected` of the page `name`.
#[track_caller]
fn assert_all_agree(name: &str, renders: Renders, expected: &str) {
    for (renderer, output) in renders {
        let output = output.unwrap_or_else(|error| panic!("{name}, {renderer}: {error}"));
        assert!(
            output == expected,
            "{name}: {renderer} differs from render_to_string"
        );
    }
}

/// Whole pages (real documentation pages among them, 500 and more
/// elements, thousands for the catalogue) render to the same bytes through
/// every renderer on a thread with a runtime worker's stack, in whatever
/// build the tests run (debug by default).
#[test]
fn every_page_renders_the_same_through_every_renderer_on_a_small_stack() {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(|| {
            for page in PAGES {
                let expected = (page.render)().unwrap();
                assert_all_agree(page.name, (page.renderers)(), &expected);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Real documentation pages and a page of 3,599 elements, written with
/// every element typed (no `Node` boxes but for the children of an element
/// that has more than 16), compile at the default recursion limit and
/// render the same page through every renderer on a 2 MiB stack.
#[test]
fn real_pages_as_typed_trees_render_through_every_renderer_on_a_small_stack() {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(|| {
            let typed: Vec<_> = PAGES.iter().filter(|page| page.typed.is_some()).collect();
            assert_eq!(typed.len(), 3);
            for page in typed {
                let renders = (page.typed.unwrap())();
                let expected = renders[0].1.as_ref().unwrap().clone();
                assert_eq!(difference(page.source, &expected), None, "{}", page.name);
                assert_all_agree(page.name, renders, &expected);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn every_page_renders_to_the_same_page() {
    assert!(PAGES.len() >= 10, "the pages folder lost its pages");
    let mut failures = Vec::new();
    for page in PAGES {
        let expected: &[&str] = match page.name {
            "comments.html" => &[
                "html > body:nth-child(2): the comment \" a -- double dash \" reads back as \
                 \" a  double dash \": htpy's comment removes every `--`",
            ],
            _ => &[],
        };
        assert_eq!(page.warnings, expected, "{}", page.name);
        let rendered = (page.render)().unwrap();
        if let Some(difference) = difference(page.source, &rendered) {
            failures.push(format!("{}: {difference}", page.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_other_options_render_the_same_page() {
    let converted: Vec<_> = PAGES
        .iter()
        .filter(|page| !page.other_forms.is_empty())
        .collect();
    assert_eq!(converted.len(), 2);
    for page in converted {
        for render in page.other_forms {
            let rendered = render().unwrap();
            assert_eq!(difference(page.source, &rendered), None, "{}", page.name);
        }
    }
}
