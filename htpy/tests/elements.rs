//! Elements: every element htpy exports, void elements, the `html` doctype,
//! and elements named at run time.

mod common;

use common::{assert_chunks, assert_renders};
use htpy::{
    ErrorKind, Render, body, br, div, element, head, html, img, is_void, title, void_element,
};

/// Asserts that each listed element function renders `<name></name>` and is not void.
macro_rules! normal_elements {
    ($($name:ident)*) => {$(
        assert_renders(htpy::$name, concat!("<", stringify!($name), "></", stringify!($name), ">"));
        assert_renders(|| element(stringify!($name)).unwrap(), concat!("<", stringify!($name), "></", stringify!($name), ">"));
        assert!(!is_void(stringify!($name)), stringify!($name));
    )*};
}

/// Asserts that each listed void element function renders `<name>` alone.
macro_rules! void_elements {
    ($($name:ident)*) => {$(
        assert_renders(htpy::$name, concat!("<", stringify!($name), ">"));
        assert!(is_void(stringify!($name)), stringify!($name));
        assert_renders(|| void_element(stringify!($name)).unwrap(), concat!("<", stringify!($name), ">"));
    )*};
}

#[test]
fn every_normal_element_of_htpy() {
    // htpy 26.5.1's list (its `del_` is `del` here).
    normal_elements!(a abbr address article aside audio b bdi bdo blockquote body button canvas
        caption cite code colgroup data datalist dd del details dfn dialog div dl dt em fieldset
        figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup i iframe ins kbd label
        legend li main map mark math menu meter nav noscript object ol optgroup option output p
        picture pre progress q rp rt ruby s samp script search section select slot small span
        strong style sub summary sup svg table tbody td template textarea tfoot th thead time
        title tr u ul var video);
}

#[test]
fn every_void_element_of_htpy() {
    void_elements!(area base br col embed hr img input link meta source track wbr);
}

#[test]
fn void_element_with_attributes() {
    assert_renders(
        || img().attr("src", "a.png").attr("alt", "A & B"),
        r#"<img src="a.png" alt="A &amp; B">"#,
    );
    assert_renders(
        || img().sel(htpy::sel!(".a")).attr("src", "x"),
        r#"<img class="a" src="x">"#,
    );
}

#[test]
fn html_writes_the_doctype_first() {
    assert_renders(html, "<!doctype html><html></html>");
    assert_renders(
        || html().children(body()),
        "<!doctype html><html><body></body></html>",
    );
    assert_renders(
        || {
            html()
                .attr("lang", "en")
                .children((head().children(title().children("T")), body().children("x")))
        },
        r#"<!doctype html><html lang="en"><head><title>T</title></head><body>x</body></html>"#,
    );
}

#[test]
fn html_doctype_is_its_own_chunk() {
    assert_chunks(
        || html().children(body().children("x")),
        &[
            "<!doctype html>",
            "<html>",
            "<body>",
            "x",
            "</body>",
            "</html>",
        ],
    );
}

#[test]
fn element_chunks_match_htpy() {
    assert_chunks(|| div().children("a"), &["<div>", "a", "</div>"]);
    assert_chunks(
        || htpy::a().attr("href", "/x").children("link"),
        &[r#"<a href="/x">"#, "link", "</a>"],
    );
    assert_chunks(
        || div().children((br(), br())),
        &["<div>", "<br>", "<br>", "</div>"],
    );
}

#[test]
fn custom_element() {
    assert_renders(|| element("my-widget").unwrap(), "<my-widget></my-widget>");
    // HTML reads tag names case-insensitively: this is `my-widget`, written
    // as given, as Python's `Element("My-Widget")` writes it.
    assert_renders(
        || element("My-Widget").unwrap().children("hi"),
        "<My-Widget>hi</My-Widget>",
    );
    assert_renders(
        || element("my-widget").unwrap().attr("size", 3).children("hi"),
        r#"<my-widget size="3">hi</my-widget>"#,
    );
}

#[test]
fn dynamic_names() {
    assert_renders(
        || element(String::from("section")).unwrap(),
        "<section></section>",
    );
    assert_renders(
        || element("foreignObject").unwrap(),
        "<foreignObject></foreignObject>",
    );
    assert_renders(|| element("x-ä").unwrap(), "<x-ä></x-ä>");
}

/// Python's `Element("html")` writes no doctype (output from htpy 26.5.1:
/// `<html></html>`, chunks `['<html>', '</html>']`); only `html` does.
#[test]
fn dynamic_html_writes_no_doctype() {
    assert_renders(|| element("html").unwrap(), "<html></html>");
    assert_chunks(|| element("html").unwrap(), &["<html>", "</html>"]);
}

/// `element!` checks a literal name at compile time and renders as the
/// run-time `element` does, without a doctype for `html`.
#[test]
fn literal_names() {
    assert_renders(|| htpy::element!("my-widget"), "<my-widget></my-widget>");
    assert_renders(|| htpy::element!("x-Y"), "<x-Y></x-Y>");
    assert_renders(
        || htpy::element!("x-card").attr("size", 3).children("hi"),
        r#"<x-card size="3">hi</x-card>"#,
    );
    assert_renders(|| htpy::element!("html"), "<html></html>");
    assert_chunks(|| htpy::element!("html"), &["<html>", "</html>"]);
    assert_renders(
        || htpy::void_element!("br").attr("class", "x"),
        r#"<br class="x">"#,
    );
    assert_chunks(|| htpy::void_element!("wbr"), &["<wbr>"]);
}

#[test]
fn dynamic_element_in_an_error_path() {
    static USER: htpy::Context<String> = htpy::Context::new("user");
    let page = element("my-card")
        .unwrap()
        .children(div().children(USER.consume(Clone::clone)));
    let err = page.render_to_string().unwrap_err();
    assert_eq!(err.path(), ["my-card", "div"]);
}

/// The error for `name`, given owned and borrowed: the two must agree.
fn name_error(name: &str) -> String {
    let err = element(name.to_owned()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::ElementName { .. }),
        "{name}"
    );
    assert_eq!(element(name).unwrap_err().to_string(), err.to_string());
    err.to_string()
}

/// A name borrowed from data for the call alone: the element outlives it,
/// whether it is an element function's name or another, and in an error's
/// path as in its bytes.
#[test]
fn names_borrowed_from_data() {
    static USER: htpy::Context<String> = htpy::Context::new("user");
    let names = vec!["td".to_owned(), "x-cell".to_owned(), "hr".to_owned()];
    let (known, custom) = (element(&names[0]).unwrap(), element(&names[1]).unwrap());
    let void = htpy::void_element(names[2].as_str()).unwrap();
    assert!(htpy::void_element(&names[0]).is_err());
    assert!(element(&names[2]).is_err());
    drop(names);
    assert_renders(
        move || (known.clone().children(1), custom.clone(), void.clone()),
        "<td>1</td><x-cell></x-cell><hr>",
    );

    let name = String::from("x-card");
    let page = element(&name)
        .unwrap()
        .children(div().children(USER.consume(Clone::clone)));
    drop(name);
    let err = page.render_to_string().unwrap_err();
    assert_eq!(err.path(), ["x-card", "div"]);
}

#[test]
fn invalid_element_names() {
    assert_eq!(name_error(""), "invalid element name \"\": it is empty");
    assert_eq!(
        name_error("1a"),
        "invalid element name \"1a\": it must start with an ASCII letter"
    );
    assert_eq!(
        name_error("my widget"),
        "invalid element name \"my widget\": it may hold only ASCII letters and digits \
         (or be a custom element name with a `-`)"
    );
    assert_eq!(
        name_error("a>b"),
        "invalid element name \"a>b\": it may hold only ASCII letters and digits \
         (or be a custom element name with a `-`)"
    );
    assert_eq!(
        name_error("x-y/z"),
        "invalid element name \"x-y/z\": a custom element name may hold only ASCII letters, \
         digits, `-`, `.`, `_` and non-ASCII letters"
    );
}

#[test]
fn void_names_need_void_element() {
    assert_eq!(
        name_error("br"),
        "invalid element name \"br\": it is a void element: build it with `void_element`"
    );
    let err = void_element("div").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid element name \"div\": it is not a void element: build it with `element`"
    );
    assert!(void_element("my-widget").is_err());
}

/// Nested elements write their tags joined, up to a limit of bytes per
/// write; nesting past that limit still writes every tag, in order, and so
/// do siblings whose joined tags would pass it.
#[test]
fn tags_longer_together_than_one_write_are_all_written() {
    macro_rules! nest {
        () => { "x" };
        ($level:tt $($rest:tt)*) => {
            htpy::element!("x-a-long-custom-element").children(nest!($($rest)*))
        };
    }
    // Six levels: 150 bytes of opening tags, more than one write holds.
    let open = "<x-a-long-custom-element>".repeat(6);
    let close = "</x-a-long-custom-element>".repeat(6);
    let deep = format!("{open}x{close}");
    assert_renders(|| nest!(1 2 3 4 5 6), &deep);
    assert_renders(
        || {
            (
                nest!(1 2 3 4 5 6),
                div().attr("id", 1).children(nest!(1 2 3 4 5 6)),
            )
        },
        &format!("{deep}<div id=\"1\">{deep}</div>"),
    );
    // The same element, twice in an iterator: one tree type, two items.
    let make = || nest!(1 2 3 4 5 6);
    assert_renders(
        || div().children((0..2).map(|_| make())),
        &format!("<div>{deep}{deep}</div>"),
    );
}

/// Twenty elements each directly inside the next render through every
/// renderer, and sixty-four through a `String` render.
#[test]
fn deep_trees_render() {
    macro_rules! nest {
        () => { "x" };
        ($level:tt $($rest:tt)*) => { div().children(nest!($($rest)*)) };
    }
    let deep = |levels| format!("{}x{}", "<div>".repeat(levels), "</div>".repeat(levels));
    assert_renders(
        || nest!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20),
        &deep(20),
    );
    let sixty_four = nest!(
        1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32
        33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62
        63 64
    );
    assert_eq!(sixty_four.render_to_string().unwrap(), deep(64));
}
