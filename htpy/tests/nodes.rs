//! `Nodes`, the list that writes what it can as it is pushed: the same
//! bytes, the same htpy chunks and the same moments of user code as a
//! `Vec<Node>` of the same children, through every renderer.

mod common;

use std::cell::Cell;
use std::fmt::Write as _;
use std::rc::Rc;

use common::{
    List, NodesOfNodes, assert_renders, assert_renders_async, stream_items, stream_string,
    tiny_buffers,
};
use htpy::{
    AttrList, ClassItem, Either, ErrorKind, Node, Nodes, RawHtml, Render, Selector, StreamOptions,
    Value, b, comment, element, fragment, future, lazy, li, scoped, ul, void_element,
};

/// Every kind of child a tree built from data holds, in the order put:
/// text (borrowed, owned, escaped, empty), integers (negative, zero, past
/// `i64`), nothing, elements named at run time with an integer, text,
/// nothing, an element or a lazy child inside, with attributes whose values
/// hold `<` and `>` (in a list, or typed, around a child written or kept),
/// void elements (typed or named at run time, with attributes or none),
/// with a selector (empty or not), custom names, `body` (whose closing tag the
/// out-of-order stream puts off), typed elements (one holding another),
/// lazy children, fragments, comments, raw HTML, lists and nodes.
fn put_children<'a>(sink: &mut impl List<'a>) {
    let mut attrs = AttrList::new();
    attrs.push("title", Value::Text("a > b < c".to_owned()));
    attrs.push("data-n", Value::Int(-3));
    attrs.push("hidden", Value::Bool(true));
    attrs.push("class", Value::Classes(vec![ClassItem::Text("x>y".into())]));
    let mut input = AttrList::new();
    input.push("type", Value::Text("text".to_owned()));
    input.push("value", Value::Text("<".to_owned()));
    let el = |name: &str| element(name).unwrap();
    let mut inner = Nodes::new();
    inner.push(el("li").children(1));
    inner.push(lazy(|| "late"));
    sink.put("a < b & c");
    sink.put("");
    sink.put(String::from(" s & t "));
    sink.put(-42);
    sink.put(0);
    sink.put(u128::MAX);
    sink.put(None::<&str>);
    sink.put(el("td").children(7));
    sink.put(el("td").children(u64::MAX));
    sink.put(el("td").children("x > y"));
    sink.put(el("td").children(""));
    sink.put(el("td").children(String::new()));
    sink.put(el("td"));
    sink.put(el("td").attrs(attrs).unwrap().children("text"));
    sink.put(htpy::td().class("c").attr("data-x", "1 > 0").children(10));
    sink.put(el("td").attr("data-n", 11).children(lazy(|| "kept")));
    sink.put(htpy::br());
    sink.put(htpy::img().attr("src", "a>b").attr("alt", ""));
    sink.put(void_element("input").unwrap());
    sink.put(
        void_element("input".to_owned())
            .unwrap()
            .attrs(input)
            .unwrap(),
    );
    sink.put(el("my-widget").children(1));
    sink.put(el("TD").children(2));
    sink.put(el("body").children("page"));
    sink.put(el("div").children(el("p").children(3)));
    sink.put(el("div").children(lazy(|| "later")));
    sink.put(b().children(4));
    sink.put(b().children(htpy::i().children("")));
    sink.put(htpy::td().sel(Selector::new("")).children("s"));
    sink.put(el("td").sel(Selector::new("")).children(""));
    sink.put(el("td").sel(Selector::new(".c")).children(1));
    sink.put(branch(true));
    sink.put(branch(false));
    sink.put(lazy(move || el("em").children(5)));
    sink.put(fragment(("f", 6)));
    sink.put(comment("note"));
    sink.put(RawHtml::dangerously_new("<hr>"));
    sink.put(el("ul").children(inner));
    sink.put(ul().children(vec![Node::new(li().children(8))]));
    sink.put(Node::new(el("td").children(9)));
    sink.put("end");
}

fn children<'a>() -> Vec<Node<'a>> {
    let mut nodes = Vec::new();
    put_children(&mut nodes);
    nodes
}

/// A child whose branches build different children.
fn branch(strong: bool) -> Either<htpy::Element<(), u8, htpy::tags::th>, &'static str> {
    if strong {
        Either::Left(htpy::th().children(9))
    } else {
        Either::Right("or")
    }
}

fn as_nodes<'a>() -> Nodes<'a> {
    let mut nodes = NodesOfNodes(Nodes::new());
    put_children(&mut nodes);
    nodes.0
}

fn as_they_are<'a>() -> Nodes<'a> {
    let mut nodes = Nodes::new();
    put_children(&mut nodes);
    nodes
}

const CHILDREN_HTML: &str = concat!(
    "a &lt; b &amp; c s &amp; t -420340282366920938463463374607431768211455",
    "<td>7</td><td>18446744073709551615</td><td>x &gt; y</td><td></td><td></td><td></td>",
    r#"<td title="a &gt; b &lt; c" data-n="-3" hidden class="x&gt;y">text</td>"#,
    r#"<td class="c" data-x="1 &gt; 0">10</td><td data-n="11">kept</td>"#,
    r#"<br><img src="a&gt;b" alt=""><input><input type="text" value="&lt;">"#,
    "<my-widget>1</my-widget><TD>2</TD><body>page</body><div><p>3</p></div><div>later</div>",
    r#"<b>4</b><b><i></i></b><td>s</td><td></td><td class="c">1</td><th>9</th>or"#,
    "<em>5</em>f6<!-- note --><hr><ul><li>1</li>late</ul><ul><li>8</li></ul><td>9</td>end",
);

#[test]
fn a_list_renders_what_a_vec_of_nodes_renders_through_every_renderer() {
    assert_renders(children, CHILDREN_HTML);
    assert_renders(as_nodes, CHILDREN_HTML);
    assert_renders(as_they_are, CHILDREN_HTML);
}

#[test]
fn a_list_makes_the_chunks_of_a_vec_of_nodes() {
    let chunks =
        |tree: Node<'_>| -> Vec<String> { tree.iter_chunks().collect::<Result<_, _>>().unwrap() };
    let from_vec = chunks(Node::new(children()));
    assert_eq!(chunks(Node::new(as_nodes())), from_vec);
    assert_eq!(chunks(Node::new(as_they_are())), from_vec);
    // The chunks of an element written as pushed, spot-checked as htpy
    // makes them: the opening tag, the text, the closing tag.
    let at = from_vec.iter().position(|chunk| chunk == "<td>").unwrap();
    assert_eq!(from_vec[at..at + 3], ["<td>", "7", "</td>"]);
    let titled = from_vec
        .iter()
        .position(|c| c.starts_with("<td title"))
        .unwrap();
    assert_eq!(from_vec[titled + 1..titled + 3], ["text", "</td>"]);
}

/// The pieces whose chunks the written bytes do not show on their own:
/// text beside text, empty text, elements with empty text (in an element
/// too, or with an empty selector), and a child kept to render later between them, alone or in an
/// element; and lists of them, which a list writes when they are their
/// bytes (one that starts with text, an empty one, one in an element) and
/// keeps when they are not (text beside text, empty text).
fn piece<'a>(kind: usize, sink: &mut impl List<'a>) {
    let td = || element("td").unwrap();
    let list = |kinds: &[usize]| {
        let mut list = Nodes::new();
        for &kind in kinds {
            piece(kind, &mut list);
        }
        list
    };
    match kind {
        0 => sink.put("a"),
        1 => sink.put(""),
        2 => sink.put(7),
        3 => sink.put(td().children("")),
        4 => sink.put(td().children("x")),
        5 => sink.put(td()),
        6 => sink.put(lazy(|| "")),
        7 => sink.put(None::<&str>),
        8 => sink.put(b().children(td().children(""))),
        9 => sink.put(td().sel(Selector::new("")).children("")),
        10 => sink.put(td().children(lazy(|| "y"))),
        11 => sink.put(list(&[2, 4])),
        12 => sink.put(list(&[0, 2])),
        13 => sink.put(list(&[3])),
        14 => sink.put(list(&[])),
        _ => sink.put(td().children(list(&[4, 0]))),
    }
}

/// The pieces `kinds` in a `Vec<Node>`, in a list handed each as a node,
/// and in a list handed each as it is.
fn pieces(kinds: &[usize]) -> (Vec<Node<'static>>, Nodes<'static>, Nodes<'static>) {
    let (mut vec, mut as_nodes, mut list) = (Vec::new(), NodesOfNodes(Nodes::new()), Nodes::new());
    for &kind in kinds {
        piece(kind, &mut vec);
        piece(kind, &mut as_nodes);
        piece(kind, &mut list);
    }
    (vec, as_nodes.0, list)
}

/// Every list of up to four such pieces makes the chunks, and the bytes in
/// tiny buffers, of the same children in a `Vec<Node>`.
#[test]
fn every_short_list_of_tricky_pieces_makes_the_chunks_of_a_vec_of_nodes() {
    const KINDS: usize = 16;
    let chunks =
        |tree: Node<'_>| -> Vec<String> { tree.iter_chunks().collect::<Result<_, _>>().unwrap() };
    let lists: Vec<Vec<usize>> = (0..=4u32)
        .flat_map(|len| {
            (0..KINDS.pow(len))
                .map(move |code| (0..len).map(|i| code / KINDS.pow(i) % KINDS).collect())
        })
        .collect();
    assert_eq!(lists.len(), 1 + 16 + 256 + 4_096 + 65_536);
    for kinds in &lists {
        let (vec, as_nodes, list) = pieces(kinds);
        let from_vec = chunks(Node::new(vec));
        assert_eq!(chunks(Node::new(as_nodes)), from_vec, "{kinds:?}");
        assert_eq!(chunks(Node::new(list)), from_vec, "{kinds:?}");
        let streamed = stream_string(pieces(kinds).2, tiny_buffers()).unwrap();
        assert_eq!(streamed, from_vec.concat(), "{kinds:?}");
    }
}

/// A list of 3,000 such pieces in a pseudo-random order, whose runs of
/// written children between kept ones are handed on a few dozen chunks at
/// a time, makes the chunks of the same children in a `Vec<Node>`.
#[test]
fn a_long_list_of_tricky_pieces_makes_the_chunks_of_a_vec_of_nodes() {
    let kinds: Vec<usize> = (0..3_000_u64)
        .scan(7_u64, |state, _| {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            Some((*state >> 33) as usize % 32)
        })
        // Kinds 6 and 10, a lazy child alone or in an element, are kept:
        // one in 16 pieces, so that runs of written children are long.
        .map(|kind| if kind >= 11 { kind % 6 } else { kind })
        .collect();
    let chunks =
        |tree: Node<'_>| -> Vec<String> { tree.iter_chunks().collect::<Result<_, _>>().unwrap() };
    let (vec, as_nodes, list) = pieces(&kinds);
    let from_vec = chunks(Node::new(vec));
    assert!(from_vec.len() > 5_000, "{} chunks", from_vec.len());
    assert_eq!(chunks(Node::new(as_nodes)), from_vec);
    assert_eq!(chunks(Node::new(list)), from_vec);
}

#[test]
fn a_list_streams_in_small_buffers_as_a_vec_of_nodes() {
    let bytes = |tree: Node<'_>| stream_string(tree, tiny_buffers()).unwrap();
    assert_eq!(bytes(Node::new(as_nodes())), CHILDREN_HTML);
    assert_eq!(bytes(Node::new(as_they_are())), CHILDREN_HTML);
    assert_eq!(bytes(Node::new(children())), CHILDREN_HTML);
}

/// An element of the element functions becomes, as a node, what an
/// element named at run time becomes (kept without a box, and written as it
/// is pushed on a list, when its attributes are none or an `AttrList` and
/// its child is text or an integer; boxed, and written as it is pushed,
/// when it is void): the same bytes and chunks as the typed element
/// rendered as it is, `html`'s doctype, `body` and void elements included.
#[test]
fn typed_elements_render_as_they_are_when_kept_as_nodes() {
    fn cases() -> Vec<(Node<'static>, Node<'static>)> {
        let mut attrs = AttrList::new();
        attrs.push("data-n", Value::Int(2));
        // Each typed element, boxed as it is (a `Vec` of one boxes its
        // item), and as a node.
        macro_rules! both {
            ($($element:expr),* $(,)?) => {
                vec![$((Node::new(vec![$element]), Node::new($element))),*]
            };
        }
        both![
            htpy::td().children(7),
            htpy::td().children("a < b"),
            htpy::td(),
            htpy::p().attrs(attrs.clone()).unwrap().children("x"),
            htpy::p().class("c").children("x"),
            htpy::body().children("page"),
            htpy::html().children(b().children(1)),
            ul().children((li().children(1), li().children(2))),
            htpy::img().attr("alt", "a > b"),
            htpy::br(),
        ]
    }
    for (index, _) in cases().iter().enumerate() {
        let html = |as_node: bool| -> String {
            let (typed, node) = cases().swap_remove(index);
            let mut nodes = Nodes::new();
            nodes.push(if as_node { node } else { typed });
            nodes.render_to_string().unwrap()
        };
        let chunks = |as_node: bool| -> Vec<String> {
            let (typed, node) = cases().swap_remove(index);
            let mut nodes = Nodes::new();
            nodes.push(if as_node { node } else { typed });
            nodes.iter_chunks().collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(html(true), html(false), "case {index}");
        assert_eq!(chunks(true), chunks(false), "case {index}");
        let (typed, node) = cases().swap_remove(index);
        assert_eq!(
            stream_string(node, tiny_buffers()).unwrap(),
            stream_string(typed, tiny_buffers()).unwrap(),
            "case {index}"
        );
    }
    let mut nodes = Nodes::new();
    nodes.push(htpy::html().children(b().children(1)));
    nodes.push(htpy::td().children(7));
    assert_eq!(
        nodes.render_to_string().unwrap(),
        "<!doctype html><html><b>1</b></html><td>7</td>"
    );
}

/// What a list keeps to render later still runs when the chunk iterator
/// reaches it, not when it is pushed.
#[test]
fn a_lazy_child_runs_when_the_chunk_iterator_reaches_it() {
    let ran = Rc::new(Cell::new(false));
    let mut nodes = Nodes::new();
    nodes.push(element("td").unwrap().children(1));
    let flag = Rc::clone(&ran);
    nodes.push(lazy(move || {
        flag.set(true);
        "late"
    }));
    let mut chunks = nodes.iter_chunks();
    for expected in ["<td>", "1", "</td>"] {
        assert_eq!(chunks.next().unwrap().unwrap(), expected);
        assert!(
            !ran.get(),
            "the lazy child ran before {expected:?} was handed on"
        );
    }
    assert_eq!(chunks.next().unwrap().unwrap(), "late");
    assert!(ran.get());
    assert!(chunks.next().is_none());
}

fn bytes_so_far(scope: &htpy::Scope<'_>) -> u64 {
    scope.bytes_rendered()
}

/// User code that asks how many bytes were rendered counts the children
/// written before it.
#[test]
fn bytes_rendered_counts_the_children_written_before() {
    let make = || {
        let mut nodes = Nodes::new();
        nodes.push("abc");
        nodes.push(element("td").unwrap().children(1));
        nodes.push(scoped(bytes_so_far));
        nodes
    };
    assert_renders(make, "abc<td>1</td>13");
}

#[test]
fn a_future_in_a_list_is_awaited_in_its_place() {
    let make = || {
        let mut nodes = Nodes::new();
        nodes.push("a");
        nodes.push(future(async { element("i").unwrap().children("b") }));
        nodes.push(element("td").unwrap().children(3));
        nodes
    };
    assert_renders_async(make, "a<i>b</i><td>3</td>");
    let error = Node::new(make()).render_to_string().unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::AsyncInSync { .. }),
        "{error}"
    );
}

/// An attribute name refused when it is written fails a list where it fails
/// a `Vec<Node>`: the element is kept and fails the render in its place,
/// with the same error, after the same chunks and bytes; a void element's
/// too.
#[test]
fn a_refused_attribute_name_fails_a_list_as_it_fails_a_vec_of_nodes() {
    fn failing<'a, L: List<'a>, const VOID: bool>() -> Node<'a> {
        let mut list = L::new();
        list.put(element("td").unwrap().children(1));
        if VOID {
            list.put(htpy::img().attr("x y", 2));
            list.put(htpy::void_element("br").unwrap().attr("a=b", 4));
        } else {
            list.put(htpy::td().attr("x y", 2).children(3));
            list.put(
                element("td")
                    .unwrap()
                    .attr("a=b", 4)
                    .children(lazy(|| "kept")),
            );
        }
        list.put("never");
        list.into_node()
    }
    fn failure(tree: impl Fn() -> Node<'static>) -> (String, Vec<String>, Vec<u8>) {
        let error = tree().render_to_string().unwrap_err().to_string();
        let mut chunks = Vec::new();
        for chunk in tree().iter_chunks() {
            match chunk {
                Ok(chunk) => chunks.push(chunk),
                Err(chunks_error) => {
                    assert_eq!(chunks_error.to_string(), error);
                    break;
                }
            }
        }
        let items = stream_items(tree(), StreamOptions::default());
        let (last, before) = items.split_last().unwrap();
        assert_eq!(last.as_ref().unwrap_err().to_string(), error);
        let sent = before
            .iter()
            .flat_map(|item| item.as_ref().unwrap().to_vec());
        (error, chunks, sent.collect())
    }
    fn assert_fails_alike<const VOID: bool>(element: &str) {
        let from_vec = failure(failing::<Vec<Node<'_>>, VOID>);
        assert_eq!(
            from_vec.0,
            format!(
                "invalid attribute name \"x y\": it holds whitespace, which ends a name \
                 and starts another attribute (in <{element}>)"
            )
        );
        assert_eq!(from_vec.1, ["<td>", "1", "</td>"]);
        assert!(from_vec.2.starts_with(b"<td>1</td>"), "{:?}", from_vec.2);
        assert_eq!(failure(failing::<NodesOfNodes<'_>, VOID>), from_vec);
        assert_eq!(failure(failing::<Nodes<'_>, VOID>), from_vec);
    }
    assert_fails_alike::<false>("td");
    assert_fails_alike::<true>("img");
}

/// A child that fails midway fails the page there: the stream hands on the
/// children written before it, then ends in the error.
#[test]
fn a_child_that_fails_midway_ends_the_stream_after_the_bytes_before_it() {
    let make = || {
        let mut nodes = Nodes::new();
        nodes.push(element("td").unwrap().children(1));
        nodes.push(lazy(|| -> Result<&str, std::io::Error> {
            Err(std::io::Error::other("no data"))
        }));
        nodes.push("never");
        nodes
    };
    assert!(make().render_to_string().is_err());
    let items = stream_items(make(), StreamOptions::default());
    let (last, before) = items.split_last().unwrap();
    let sent: Vec<u8> = before
        .iter()
        .flat_map(|item| item.as_ref().unwrap().to_vec())
        .collect();
    assert_eq!(sent, b"<td>1</td>");
    let error = last.as_ref().unwrap_err();
    assert!(error.to_string().contains("no data"), "{error}");
}

/// Lists nest as deep as nodes do, through every renderer, on a runtime
/// worker's stack.
#[test]
fn lists_1000_deep_render_through_every_renderer() {
    fn nested(depth: usize) -> Nodes<'static> {
        let mut list = Nodes::new();
        list.push(element("td").unwrap().children(0));
        for level in 1..=depth {
            let mut outer = Nodes::new();
            outer.push(level);
            outer.push(element("div").unwrap().children(list));
            list = outer;
        }
        list
    }
    let mut expected = String::new();
    for level in (1..=1000).rev() {
        write!(expected, "{level}<div>").unwrap();
    }
    expected.push_str("<td>0</td>");
    expected.push_str(&"</div>".repeat(1000));
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || assert_renders(|| nested(1000), &expected))
        .unwrap()
        .join()
        .unwrap();
}

/// A node made for a long lifetime serves where a shorter one is asked for.
#[test]
fn a_node_serves_for_a_shorter_lifetime() {
    fn shorter<'a>(node: Node<'static>, _borrowed: &'a str) -> Node<'a> {
        node
    }
    let text = String::from("b");
    let mut nodes = Nodes::new();
    nodes.push(shorter(Node::new(1), &text));
    nodes.push(text.as_str());
    assert_eq!(nodes.render_to_string().unwrap(), "1b");
}

/// A table of rows, each a list of cells, pushed on a list of rows.
fn rows_of_cells<'a>() -> Nodes<'a> {
    let mut rows = Nodes::with_capacity(3);
    for row in 0..3 {
        let mut cells = Nodes::with_capacity(50);
        for cell in 0..50 {
            cells.push(htpy::td().children(row * 50 + cell));
        }
        rows.push(htpy::tr().children(cells));
    }
    rows
}

/// A list of rows becomes a `String` render's output, what was written
/// before it moved in front (its caller's bytes too), rather than being
/// copied into a new buffer: the bytes are the same.
#[test]
fn a_list_taken_over_as_the_output_keeps_what_came_before_it() {
    let page = || {
        htpy::div().children((
            htpy::h1().children("t"),
            htpy::table().children(rows_of_cells()),
            "end",
        ))
    };
    let typed = htpy::div()
        .children((
            htpy::h1().children("t"),
            htpy::table().children((0..3).map(|row| {
                htpy::tr().children((0..50).map(move |cell| htpy::td().children(row * 50 + cell)))
            })),
            "end",
        ))
        .render_to_string()
        .unwrap();
    // Twice: the second render's buffer is sized from the first.
    assert_eq!(page().render_to_string().unwrap(), typed);
    assert_eq!(page().render_to_string().unwrap(), typed);
    let mut html = String::from("<!-- before -->");
    page().render_into(&mut html).unwrap();
    assert_eq!(html, format!("<!-- before -->{typed}"));
    assert_renders(|| Node::new(page()), &typed);

    // A failure after the list leaves the caller's `String` as it was.
    let failing = htpy::div().children((
        htpy::table().children(rows_of_cells()),
        Err::<&str, _>(std::fmt::Error),
    ));
    let mut html = String::from("kept");
    assert!(failing.render_into(&mut html).is_err());
    assert_eq!(html, "kept");
}

/// A list told to expect many children makes room for them after its first
/// row, but no more than 16 MiB: a first child larger than the rest is no
/// guide to them.
#[test]
fn a_list_makes_room_for_what_it_expects_up_to_16_mib() {
    let rows = |expected: usize| {
        let mut rows = Nodes::with_capacity(expected);
        let mut cells = Nodes::with_capacity(100);
        for cell in 0..100 {
            cells.push(htpy::td().children(cell));
        }
        rows.push(htpy::tr().children(cells));
        rows.push(htpy::tr().children("last"));
        htpy::table().children(rows).render_to_string().unwrap()
    };
    let few = rows(3);
    assert!(few.starts_with("<table><tr><td>0</td>") && few.ends_with("<tr>last</tr></table>"));
    // Room for three rows of the first one's size, taken over as the output.
    assert!(few.capacity() >= 3 * few.len() / 2, "{}", few.capacity());
    let many = rows(1_000_000_000);
    assert_eq!(many, few);
    assert!(many.capacity() <= 17 << 20, "{}", many.capacity());
    assert!(many.capacity() >= 16 << 20, "{}", many.capacity());
}
