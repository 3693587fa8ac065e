//! The import style: `use htpy::prelude::*` and `use htpy::el::*` bring no
//! name that clashes with the standard library's, and the elements give way
//! to local names.

mod common;

use common::assert_renders;
use htpy::el::*;
use htpy::prelude::*;

/// `Result` and `Display` are still the standard library's.
fn parse(text: &str) -> Result<u8, std::num::ParseIntError> {
    text.parse()
}

struct Name;

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ada")
    }
}

#[test]
fn globs_leave_std_names_alone() {
    assert_eq!(parse("7"), Ok(7));
    assert_renders(|| p().children(display(Name)), "<p>Ada</p>");
}

#[test]
fn local_names_shadow_elements() {
    // `i`, `b` and `title` are elements; local bindings win, as in Python.
    let mut html_out = String::new();
    for i in 0..2 {
        let title = format!("t{i}");
        html_out += &h2().children(title).render_to_string().unwrap();
    }
    assert_eq!(html_out, "<h2>t0</h2><h2>t1</h2>");
}

#[test]
fn the_prelude_holds_what_a_page_uses() {
    static THEME: Context<&str> = Context::with_default("theme", "light");
    assert_renders(
        || {
            fragment((
                comment("x"),
                div().sel(sel!("#a")).class(toggle([("b", true)])),
                lazy(|| THEME.consume(|theme| span().children(*theme))),
                Node::new(iter(1..3)),
                element!("x-y"),
                Either::Left::<_, ()>(decimals(0.5, 1)),
                // Safe: a literal entity.
                RawHtml::dangerously_new("&amp;"),
            ))
        },
        r#"<!-- x --><div id="a" class="b"></div><span>light</span>12<x-y></x-y>0.5&amp;"#,
    );
}
