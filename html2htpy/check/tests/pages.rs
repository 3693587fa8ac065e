//! Every page of `html2htpy/tests/pages`, converted and compiled by the
//! build script, renders to the same page as its source.

use html2htpy_check::{PAGES, difference};

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
