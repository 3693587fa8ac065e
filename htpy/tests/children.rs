//! Children: text and its escaping, integers, the things that render nothing,
//! collections, iterators, lazy children, raw HTML, `Display` values,
//! fragments, comments and `Node`.

mod common;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use common::{assert_chunks, assert_renders, chunks_string, stream_string, write_to_string};
use htpy::{
    Node, RawHtml, Render, StreamOptions, b, comment, display, div, element, fragment, iter, lazy,
    li, p, scoped, ul,
};

#[test]
fn text_is_escaped_as_markupsafe_escapes() {
    assert_renders(
        || div().children("<&>\"'"),
        "<div>&lt;&amp;&gt;&#34;&#39;</div>",
    );
    assert_renders(
        || div().children(String::from("<a>")),
        "<div>&lt;a&gt;</div>",
    );
    assert_renders(|| div().children(Cow::Borrowed("&")), "<div>&amp;</div>");
    assert_renders(|| div().children(Box::<str>::from("'")), "<div>&#39;</div>");
    assert_renders(|| div().children('<'), "<div>&lt;</div>");
}

#[test]
fn text_passes_other_characters_through() {
    assert_renders(|| div().children("héllo ✓ 😀"), "<div>héllo ✓ 😀</div>");
    assert_renders(|| div().children("\0 \u{2028}"), "<div>\0 \u{2028}</div>");
}

#[test]
fn every_byte_escapes_as_markupsafe() {
    // markupsafe escapes exactly these five.
    for c in (0..=0x7f_u8).map(char::from) {
        let expected = match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&#34;".to_owned(),
            '\'' => "&#39;".to_owned(),
            other => other.to_string(),
        };
        assert_eq!(c.to_string().render_to_string().unwrap(), expected, "{c:?}");
    }
}

#[test]
fn integers() {
    assert_renders(|| div().children((0, 42, -7)), "<div>042-7</div>");
    assert_renders(
        || div().children(i64::MIN),
        "<div>-9223372036854775808</div>",
    );
    assert_renders(
        || div().children(u128::MAX),
        "<div>340282366920938463463374607431768211455</div>",
    );
    assert_renders(|| div().children((&5_u8, -1_i8)), "<div>5-1</div>");
}

#[test]
fn bool_none_and_unit_render_nothing() {
    assert_renders(|| div().children((true, false, "x")), "<div>x</div>");
    assert_renders(
        || div().children((None::<&str>, "x", None::<i32>)),
        "<div>x</div>",
    );
    assert_renders(
        || div().children(Some(b().children("y"))),
        "<div><b>y</b></div>",
    );
    assert_renders(|| div().children(()), "<div></div>");
    assert_chunks(
        || div().children((None::<i32>, 1, true)),
        &["<div>", "1", "</div>"],
    );
}

#[test]
fn collections() {
    assert_renders(
        || ul().children(vec![li().children("a"), li().children("b")]),
        "<ul><li>a</li><li>b</li></ul>",
    );
    assert_renders(|| div().children(["a", "b"]), "<div>ab</div>");
    assert_renders(|| div().children(&[1, 2][..]), "<div>12</div>");
    let owned = vec!["x".to_owned(), "<".to_owned()];
    assert_renders(|| div().children(&owned), "<div>x&lt;</div>");
    assert_renders(|| div().children(Vec::<&str>::new()), "<div></div>");
    assert_renders(|| div().children(Box::new("boxed")), "<div>boxed</div>");
}

#[test]
fn nested_collections_and_tuples() {
    assert_renders(
        || div().children((vec![("a", vec![("b", vec![("c", 1)])])], ("d",))),
        "<div>abc1d</div>",
    );
    assert_renders(
        || p().children(("Hello, ", b().children("world"), "!")),
        "<p>Hello, <b>world</b>!</p>",
    );
    assert_chunks(
        || div().children((b().children("x"), ("y", 2))),
        &["<div>", "<b>", "x", "</b>", "y", "2", "</div>"],
    );
    assert_chunks(
        || div().children((["a", "b"], "c")),
        &["<div>", "a", "b", "c", "</div>"],
    );
}

#[test]
fn sixteen_tuple() {
    assert_renders(
        || (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, "a", "b", "c", "d", "e", "f"),
        "0123456789abcdef",
    );
}

#[test]
fn iterator_adapters() {
    assert_renders(
        || ul().children((0..3).map(|i| li().children(i))),
        "<ul><li>0</li><li>1</li><li>2</li></ul>",
    );
    assert_renders(
        || div().children((0..10).filter(|i| i % 3 == 0)),
        "<div>0369</div>",
    );
    assert_renders(
        || div().children(["a", "b"].into_iter().chain(["c"])),
        "<div>abc</div>",
    );
    assert_renders(|| div().children((1..4).rev().take(2)), "<div>32</div>");
    assert_renders(|| div().children(Some("o").into_iter()), "<div>o</div>");
    assert_chunks(
        || ul().children(["a", "b"].map(|x| li().children(x))),
        &["<ul>", "<li>", "a", "</li>", "<li>", "b", "</li>", "</ul>"],
    );
}

#[test]
fn iter_wraps_any_iterator() {
    assert_renders(
        || {
            let mut n = 0;
            ul().children(iter(std::iter::from_fn(move || {
                n += 1;
                (n <= 2).then(|| li().children(n))
            })))
        },
        "<ul><li>1</li><li>2</li></ul>",
    );
    assert_renders(
        || div().children(iter(std::collections::BTreeSet::from([2, 1]))),
        "<div>12</div>",
    );
}

#[test]
fn lazy_runs_when_reached() {
    assert_renders(
        || div().children(lazy(|| b().children("x"))),
        "<div><b>x</b></div>",
    );
    assert_chunks(
        || p().children(lazy(|| ("a", lazy(|| "b")))),
        &["<p>", "a", "b", "</p>"],
    );
    let ran = Cell::new(false);
    let mut chunks = div()
        .children(lazy(|| {
            ran.set(true);
            "x"
        }))
        .iter_chunks();
    assert_eq!(chunks.next().unwrap().unwrap(), "<div>");
    assert!(!ran.get(), "lazy ran before the iterator reached it");
    assert_eq!(chunks.next().unwrap().unwrap(), "x");
    assert!(ran.get());
}

#[test]
fn raw_html_is_not_escaped() {
    // Safe: a literal written by the test.
    assert_renders(
        || div().children(RawHtml::dangerously_new("<b>&copy;</b>")),
        "<div><b>&copy;</b></div>",
    );
    // Safe: a literal written by the test.
    assert_chunks(
        || div().children((RawHtml::dangerously_new("<x>"), "t")),
        &["<div>", "<x>", "t", "</div>"],
    );
}

struct Money(i64);

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}.{:02} €>", self.0 / 100, self.0 % 100)
    }
}

#[test]
fn display_values_are_escaped() {
    assert_renders(
        || div().children(display(Money(1234))),
        "<div>&lt;12.34 €&gt;</div>",
    );
    assert_renders(|| div().children(display(1.5_f64)), "<div>1.5</div>");
}

#[test]
fn fragments() {
    assert_renders(|| fragment(("a", b().children("b"), 1)), "a<b>b</b>1");
    assert_renders(|| fragment(()), "");
    assert_renders(|| fragment((fragment("a"), fragment(None::<&str>))), "a");
    assert_chunks(
        || fragment(("a", b().children("b"), 1)),
        &["a", "<b>", "b", "</b>", "1"],
    );
    assert_chunks(|| fragment(fragment(("a", "b"))), &["a", "b"]);
}

#[test]
fn comments() {
    assert_renders(|| comment("hi"), "<!-- hi -->");
    assert_renders(|| comment("<a> & -- x"), "<!-- <a> &  x -->");
    assert_renders(|| comment("a-->b"), "<!-- a>b -->");
    assert_renders(|| comment("<!-- x -->"), "<!-- <! x > -->");
    assert_renders(|| comment("-"), "<!-- - -->");
    assert_renders(|| div().children(comment("")), "<div><!--  --></div>");
    assert_renders(
        || div().children(fragment((comment("c"), "x"))),
        "<div><!-- c -->x</div>",
    );
    // Safe: a literal written by the test.
    assert_chunks(
        || div().children((comment("a"), RawHtml::dangerously_new("<x>"))),
        &["<div>", "<!-- a -->", "<x>", "</div>"],
    );
}

fn cell(kind: &str, text: &str) -> Node<'static> {
    match kind {
        "bold" => Node::new(b().children(text.to_owned())),
        "none" => Node::new(None::<&str>),
        tag => Node::new(element(tag).map(|el| el.children(text.to_owned()))),
    }
}

#[test]
fn nodes_of_different_kinds() {
    assert_renders(
        || {
            vec![
                cell("bold", "a"),
                cell("i", "<b>"),
                cell("none", ""),
                Node::new(7),
            ]
        },
        "<b>a</b><i>&lt;b&gt;</i>7",
    );
    assert_chunks(
        || vec![cell("bold", "a"), Node::new(lazy(|| "z"))],
        &["<b>", "a", "</b>", "z"],
    );
}

/// Between two items of an iterator, the closing tag of one and the opening
/// tag of the next are written together; user code that reads the byte
/// count while the next item is made still sees the closing tag counted, as
/// in htpy, whose chunks are yielded before the next item is asked for.
#[test]
fn a_position_read_while_an_item_is_made_counts_the_items_before() {
    fn page(seen: &Rc<RefCell<Vec<u64>>>) -> impl Render + use<> {
        let seen = Rc::clone(seen);
        scoped(move |scope| {
            let position = scope.position();
            ul().children((0..3).map(move |i| {
                seen.borrow_mut().push(position.bytes_rendered());
                li().children(i)
            }))
        })
    }
    let expected = "<ul><li>0</li><li>1</li><li>2</li></ul>";
    let seen = Rc::new(RefCell::new(Vec::new()));
    assert_eq!(page(&seen).render_to_string().unwrap(), expected);
    assert_eq!(seen.take(), [4, 14, 24]);
    let chunks: String = page(&seen).iter_chunks().collect::<Result<_, _>>().unwrap();
    assert_eq!(chunks, expected);
    assert_eq!(seen.take(), [4, 14, 24]);
}

/// The same when an item itself first asks for the byte count: from the
/// next item on, the closing tag is counted before the next item is made,
/// by every renderer. `write_to` and the byte stream render a list of items
/// that never wait in one go until their buffer is full; the item that
/// takes the position must make them look up after each item from then on,
/// long before the buffer (8 KiB, 128 bytes) is full.
#[test]
fn a_position_taken_inside_an_item_counts_its_closing_tag() {
    use std::fmt::Write as _;

    const ITEMS: usize = 20;
    fn page(seen: &Rc<RefCell<Vec<u64>>>) -> impl Render + use<> {
        let seen = Rc::clone(seen);
        let taken = Rc::new(RefCell::new(None::<htpy::Position>));
        ul().children((0..ITEMS).map(move |i| {
            if let Some(position) = taken.borrow().as_ref() {
                seen.borrow_mut().push(position.bytes_rendered());
            }
            let taken = Rc::clone(&taken);
            li().children(scoped(move |scope| {
                if i == 1 {
                    *taken.borrow_mut() = Some(scope.position());
                }
                i
            }))
        }))
    }
    let mut expected = String::from("<ul>");
    for i in 0..ITEMS {
        write!(expected, "<li>{i}</li>").unwrap();
    }
    expected.push_str("</ul>");
    // Made after the position was taken: item 2 on, each after the one before.
    let counts: Vec<u64> = (2..ITEMS)
        .map(|i| expected.find(&format!("<li>{i}<")).unwrap() as u64)
        .collect();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let check = |html: htpy::Result<String>, renderer: &str| {
        assert_eq!(html.unwrap(), expected, "{renderer}");
        assert_eq!(seen.take(), counts, "{renderer}");
    };
    check(page(&seen).render_to_string(), "render_to_string");
    check(chunks_string(page(&seen)), "iter_chunks");
    check(write_to_string(page(&seen)), "write_to");
    let buffers = StreamOptions::default().buffer_size(128);
    check(stream_string(page(&seen), buffers), "the byte stream");
}

/// A position taken inside a list's item is kept up to date after the list
/// too, by every renderer: those that render a list of items that never
/// wait in a frame of their own (`write_to`, the byte stream) had left it
/// at the list's end.
#[test]
fn a_position_taken_in_a_list_counts_on_after_it() {
    assert_renders(
        || {
            let slot: Rc<RefCell<Option<htpy::Position>>> = Rc::default();
            let (set, get) = (Rc::clone(&slot), slot);
            (
                vec![scoped(move |scope| {
                    *set.borrow_mut() = Some(scope.position());
                    "ab"
                })],
                "cd",
                lazy(move || get.borrow().as_ref().map(htpy::Position::bytes_rendered)),
            )
        },
        "abcd4",
    );
}

#[test]
fn shared_and_boxed_strings_are_text() {
    let shared: std::sync::Arc<str> = "<a>".into();
    let counted: Rc<str> = "&".into();
    assert_renders(
        || {
            div().children((
                shared.clone(),
                counted.clone(),
                Cow::<str>::Owned("'".into()),
            ))
        },
        "<div>&lt;a&gt;&amp;&#39;</div>",
    );
}

#[test]
fn floats_through_a_chosen_form() {
    assert_renders(
        || div().children((htpy::decimals(2.0 / 3.0, 2), " ", htpy::decimals(1_f32, 0))),
        "<div>0.67 1</div>",
    );
    assert_renders(
        || div().children(display(1e16_f64)),
        "<div>10000000000000000</div>",
    );
}

#[test]
fn children_one_by_one() {
    assert_renders(
        || {
            p().child("Hello, ")
                .child(b().children("<world>"))
                .child('!')
        },
        "<p>Hello, <b>&lt;world&gt;</b>!</p>",
    );
    assert_renders(
        || ul().child(li()).child(li().child(1)),
        "<ul><li></li><li>1</li></ul>",
    );
}

/// `.children(..).child(..)` writes the same bytes as the tuple of all of
/// them, through every renderer.
#[test]
fn children_then_child_renders_as_the_tuple() {
    let tuple = (
        li().children("a"),
        "<&>",
        li().children(2),
        lazy(|| li().children("c")),
    );
    let expected = ul().children(tuple).render_to_string().unwrap();
    assert_renders(
        || {
            ul().children((li().children("a"), "<&>"))
                .child(li().children(2))
                .child(lazy(|| li().children("c")))
        },
        &expected,
    );
    assert_chunks(
        || ul().children(li().children("a")).child(li().children(2)),
        &["<ul>", "<li>", "a", "</li>", "<li>", "2", "</li>", "</ul>"],
    );
}

#[test]
fn children_one_by_one_on_elements_named_at_run_time() {
    assert_renders(
        || {
            element("x-list")
                .unwrap()
                .child("a")
                .child(htpy::element!("x-item").child(1))
        },
        "<x-list>a<x-item>1</x-item></x-list>",
    );
}

/// A long chain stays within the compiler's limits (its type is 64 pairs deep).
#[test]
fn a_long_chain_of_children() {
    macro_rules! chain {
        ($el:expr; $($n:literal)*) => { $el$(.child($n))* };
    }
    let list = chain!(div();
        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3);
    assert_eq!(
        list.render_to_string().unwrap(),
        "<div>0123456789012345678901234567890123456789012345678901234567890123</div>"
    );
}

/// The children a `Node` keeps without a box (text, integers, nothing, an
/// element named at run time with an `AttrList`) render as they do outside
/// one, chunk by chunk; so does what it boxes beside them.
#[test]
fn nodes_render_as_their_child_does() {
    fn same<T: Render + Clone + Unpin>(child: T) {
        let chunks = |tree: Node<'_>| -> Vec<String> {
            tree.iter_chunks().collect::<Result<_, _>>().unwrap()
        };
        let direct: Vec<String> = child
            .clone()
            .iter_chunks()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(chunks(Node::new(child.clone())), direct);
        assert_eq!(
            Node::new(child.clone()).render_to_string().unwrap(),
            child.render_to_string().unwrap()
        );
    }
    let mut attrs = htpy::AttrList::new();
    attrs.push("class", htpy::Value::Text("a<b".into()));
    same("<&>");
    same(String::from("x & y"));
    same(Cow::Borrowed("é"));
    same(-7_i8);
    same(u64::MAX);
    same(i128::MIN);
    same(());
    same(element("td").unwrap().children(3));
    same(
        element("x-card")
            .unwrap()
            .attrs(attrs)
            .unwrap()
            .children("hi"),
    );
    same(
        element("p")
            .unwrap()
            .children(element("b").unwrap().children(1)),
    );
    same(
        element("p")
            .unwrap()
            .attr("id", 1)
            .children(b().children("x")),
    );
    same(htpy::void_element("br").unwrap());
}

/// An element named at run time that a `Node` keeps says where a failure
/// happened, as outside one.
#[test]
fn a_failure_in_an_element_a_node_keeps_says_where() {
    let tree = || element("td").unwrap().children(div().attr("x y", 1));
    let error = Node::new(tree()).render_to_string().unwrap_err();
    assert_eq!(
        error.to_string(),
        tree().render_to_string().unwrap_err().to_string()
    );
    assert!(error.to_string().ends_with("(in <td> > <div>)"), "{error}");
}
