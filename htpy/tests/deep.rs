//! Real pages are deep: typed trees 64 levels deep (elements and the tuples
//! that hold their siblings), with and without a future at the bottom, and
//! trees built at run time 1,000 levels deep, and a documentation page of
//! real size, typed and built from data, render through every renderer on
//! a thread with a runtime worker's 2 MiB stack, at the default recursion
//! limit.

mod common;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::rc::Rc;

use common::{
    List, NodesOfNodes, assert_renders, assert_renders_async, chunks_string, list, stream_string,
    tiny_buffers, write_to_string, yield_now,
};
use htpy::{
    AttrList, ErrorKind, Node, Nodes, Render, RenderKind, Selector, StreamOptions, Value, a, body,
    code, div, element, future, h2, head, html, lazy, li, main, p, scoped, section, span, table,
    tbody, td, th, thead, title, tr, ul, void_element,
};

/// A runtime worker's stack.
const STACK: usize = 2 * 1024 * 1024;

/// Runs `test` on a thread with a 2 MiB stack.
fn on_small_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(test)
        .unwrap()
        .join()
        .unwrap();
}

/// One level of a layout: an element whose children are a tuple (two type
/// levels), with siblings before and after what it wraps.
fn level(inner: impl Render) -> impl Render {
    div()
        .class("level")
        .children((span().children("a"), inner, "b"))
}

/// 4, 8, 16 and 32 levels of [`level`]: 32 is a typed depth of 64.
macro_rules! nest4 {
    ($inner:expr) => {
        level(level(level(level($inner))))
    };
}
macro_rules! nest8 {
    ($inner:expr) => {
        nest4!(nest4!($inner))
    };
}
macro_rules! nest16 {
    ($inner:expr) => {
        nest8!(nest8!($inner))
    };
}
macro_rules! nest32 {
    ($inner:expr) => {
        nest16!(nest16!($inner))
    };
}

/// What a tree of [`level`]s `depth` deep around `middle` renders.
fn expected(depth: usize, middle: &str) -> String {
    let open = r#"<div class="level"><span>a</span>"#;
    format!("{}{middle}{}", open.repeat(depth), "b</div>".repeat(depth))
}

#[test]
fn typed_depth_64_renders_through_every_renderer() {
    on_small_stack(|| {
        assert_renders(|| nest32!(li().children("x")), &expected(32, "<li>x</li>"));
    });
}

/// A typed page 64 deep has its parts' auto traits at the default
/// recursion limit: a page that htpy-axum's `Page::new` serves is `Send`.
#[test]
fn typed_depth_64_is_send_sync_unpin_and_unwind_safe() {
    fn assert_auto_traits<T: Send + Sync + Unpin + UnwindSafe + RefUnwindSafe>(_: &T) {}
    assert_auto_traits(&nest32!(li().children("x")));
}

#[test]
fn typed_depth_64_with_a_future_at_the_bottom() {
    on_small_stack(|| {
        assert_renders_async(
            || {
                nest32!(future(async {
                    yield_now().await;
                    "late"
                }))
            },
            &expected(32, "late"),
        );
    });
}

/// A component that panics 64 levels down fails the render with the panic,
/// says every element it was in, and leaves the `String` rendered into as
/// it was, ready for the next render; the byte stream ends in the error.
#[test]
fn typed_depth_64_with_a_panic_at_the_bottom() {
    on_small_stack(|| {
        let page = || nest32!(lazy(|| -> &str { panic!("boom") }));
        let mut html = String::from("<p>kept</p>");
        let error = page().render_into(&mut html).unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Panic { .. }), "{error}");
        let path = vec!["<div>"; 32].join(" > ");
        assert_eq!(
            error.to_string(),
            format!("a component panicked: boom (in {path})")
        );
        assert_eq!(html, "<p>kept</p>");
        nest32!(li().children("x")).render_into(&mut html).unwrap();
        assert_eq!(html, format!("<p>kept</p>{}", expected(32, "<li>x</li>")));
        let streamed = stream_string(page(), StreamOptions::default()).unwrap_err();
        assert_eq!(streamed.to_string(), error.to_string());
    });
}

/// A recursive component, as a comment thread is: `depth` levels of `Node`.
fn thread(depth: usize) -> Node<'static> {
    if depth == 0 {
        Node::new("end")
    } else {
        Node::new(section().children((span().children(depth), thread(depth - 1))))
    }
}

/// The same with a future at every tenth level.
fn slow_thread(depth: usize) -> Node<'static> {
    if depth == 0 {
        return Node::new("end");
    }
    let rest = if depth.is_multiple_of(10) {
        Node::new(future(async move {
            yield_now().await;
            slow_thread(depth - 1)
        }))
    } else {
        slow_thread(depth - 1)
    };
    Node::new(section().children((span().children(depth), rest)))
}

fn thread_html(depth: usize) -> String {
    let mut html = String::new();
    for n in (1..=depth).rev() {
        write!(html, "<section><span>{n}</span>").unwrap();
    }
    html.push_str("end");
    html.push_str(&"</section>".repeat(depth));
    html
}

#[test]
fn nodes_256_deep_render_through_every_renderer() {
    on_small_stack(|| assert_renders(|| thread(256), &thread_html(256)));
}

#[test]
fn nodes_1000_deep_render_through_every_renderer() {
    on_small_stack(|| assert_renders(|| thread(1000), &thread_html(1000)));
}

#[test]
fn nodes_1000_deep_with_futures_render_async() {
    on_small_stack(|| assert_renders_async(|| slow_thread(1000), &thread_html(1000)));
}

/// `depth` levels of `Node`, each a `div` around the next, as a tree from
/// data nests, around `middle`.
fn nested_divs<'a>(depth: usize, middle: impl Render + 'a) -> Node<'a> {
    let mut node = Node::new(middle);
    for _ in 0..depth {
        node = Node::new(div().children(node));
    }
    node
}

fn nested_divs_html(depth: usize, middle: &str) -> String {
    format!(
        "{}{middle}{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn nodes_10_000_deep_render_through_every_renderer() {
    on_small_stack(|| {
        assert_renders(|| nested_divs(10_000, "x"), &nested_divs_html(10_000, "x"));
    });
}

/// Past the nodes a `String` render nests on the call stack, it goes on
/// through a task: the same failure, placed in the same elements, as the
/// chunk iterator's.
#[test]
fn a_failure_deep_in_nodes_says_where_it_happened() {
    let bad = || nested_divs(100, li().attr("x y", 1));
    let error = bad().render_to_string().unwrap_err();
    let path = vec!["<div>"; 100].join(" > ");
    assert_eq!(
        error.to_string(),
        format!(
            "invalid attribute name \"x y\": it holds whitespace, which ends a name \
             and starts another attribute (in {path} > <li>)"
        )
    );
    let chunks_error = bad().iter_chunks().find_map(Result::err).unwrap();
    assert_eq!(chunks_error.to_string(), error.to_string());
}

#[test]
fn a_future_deep_in_nodes_fails_a_synchronous_render() {
    let error = nested_divs(100, future(async { "late" }))
        .render_to_string()
        .unwrap_err();
    assert!(
        matches!(error.kind(), htpy::ErrorKind::AsyncInSync { .. }),
        "{error}"
    );
}

fn bytes_so_far(scope: &htpy::Scope<'_>) -> u64 {
    scope.bytes_rendered()
}

#[test]
fn bytes_rendered_counts_on_deep_in_nodes() {
    let page = nested_divs(100, scoped(bytes_so_far));
    assert_eq!(
        page.render_to_string().unwrap(),
        nested_divs_html(100, "500")
    );
}

#[test]
fn a_long_list_of_ready_stream_items_keeps_the_stack_short() {
    on_small_stack(|| {
        let mut expected = String::from("<ul>");
        for n in 0..20_000 {
            write!(expected, "<li>{n}</li>").unwrap();
        }
        expected.push_str("</ul>");
        assert_renders_async(
            || {
                ul().children(htpy::stream(futures::stream::iter(
                    (0..20_000).map(|n| li().children(n)),
                )))
            },
            &expected,
        );
    });
}

/// The byte counts a page's code read, in order.
type Seen = Rc<RefCell<Vec<u64>>>;

/// A documentation page of real size, as a site generator builds one: 40
/// sections, each a heading, paragraphs with inline code and links, six
/// notes and a figure's three void elements (`notes` makes them), a nested
/// list and a table, made by
/// iterators (the lists the byte stream renders in one go and pauses
/// between): 5,165 elements, about 95 KB, 9 levels deep. A byte count is
/// taken in the first cell of the second section's table, inside a list
/// the byte stream renders in one go, and read as each later row and
/// section is made: that list from the next item on, and every list after
/// it, must publish the count after each item.
fn documentation_page<N: Render + 'static>(
    seen: &Seen,
    notes: fn(usize) -> N,
) -> impl Render + use<N> {
    let seen = Rc::clone(seen);
    let taken = Rc::new(RefCell::new(None::<htpy::Position>));
    let sections = (0..40).map(move |s| {
        if let Some(position) = taken.borrow().as_ref() {
            seen.borrow_mut().push(position.bytes_rendered());
        }
        let paragraphs = (0..4).map(move |n| {
            p().children((
                format!("Paragraph {n} of section {s} says <why> & how: "),
                code().children(format!("fn item_{s}_{n}() -> u64")),
                ", see ",
                a().attr("href", format!("#s{}", (s + n) % 40))
                    .children(format!("section {}", (s + n) % 40)),
                ".",
            ))
        });
        let list = ul().children((0..6).map(move |i| {
            li().children((
                format!("item {i}"),
                ul().children((0..3).map(move |j| li().children(code().children(i * 10 + j)))),
            ))
        }));
        let (seen, taken) = (Rc::clone(&seen), Rc::clone(&taken));
        let rows = tbody().children((0..10).map(move |r| {
            if let Some(position) = taken.borrow().as_ref() {
                seen.borrow_mut().push(position.bytes_rendered());
            }
            let taken = Rc::clone(&taken);
            let first = td().children(scoped(move |scope| {
                if (s, r) == (1, 0) {
                    *taken.borrow_mut() = Some(scope.position());
                }
                s * 1000 + r * 10
            }));
            let rest = (1..4).map(move |c| td().children(s * 1000 + r * 10 + c));
            tr().id(format!("r{s}-{r}")).children((first, rest))
        }));
        section().id(format!("s{s}")).children((
            h2().children(format!("Section {s}")),
            paragraphs,
            div().class("notes").children(notes(s)),
            list,
            table().children((
                thead().children(tr().children((th().children("a"), th().children("b")))),
                rows,
            )),
        ))
    });
    html().children((
        head().children(title().children("A page built from data")),
        body().children(main().children(sections)),
    ))
}

/// The names of a section's notes.
const NOTES: [&str; 6] = ["aside", "em", "x-note", "dfn", "small", "mark"];

/// A section's figure: its image's source and text.
fn figure(s: usize) -> (String, String) {
    (format!("fig-{s}.png"), format!("figure {s} <a & b>"))
}

/// A section's notes as a program reading them from data makes them: named
/// at run time, their attribute in an `AttrList` or, every other note,
/// given by `.attr(..)`, pushed on `Nodes`; then the figure's void
/// elements, an image named at run time with its attributes in an
/// `AttrList`, a typed image with `.attr(..)` and a line break.
fn notes_from_data(s: usize) -> Nodes<'static> {
    let mut notes = Nodes::with_capacity(NOTES.len() + 3);
    for (n, name) in NOTES.into_iter().enumerate() {
        let (note, text) = (element(name).unwrap(), format!("note {n} <{name}>"));
        let value = format!("{s}.{n}");
        if n % 2 == 0 {
            let mut attrs = AttrList::new();
            attrs.push("data-n", Value::Text(value));
            notes.push(note.attrs(attrs).unwrap().children(text));
        } else {
            notes.push(note.attr("data-n", value).children(text));
        }
    }
    let (src, alt) = figure(s);
    let mut attrs = AttrList::new();
    attrs.push("src", Value::Text(src.clone()));
    attrs.push("alt", Value::Text(alt));
    notes.push(void_element("img").unwrap().attrs(attrs).unwrap());
    notes.push(htpy::img().attr("src", src));
    notes.push(void_element("br").unwrap());
    notes
}

/// The same notes typed: the element functions' and `element!`'s.
fn typed_notes(s: usize) -> impl Render {
    let note = move |n: usize, element: &str| (format!("{s}.{n}"), format!("note {n} <{element}>"));
    let [aside, em, x_note, dfn, small, mark] = std::array::from_fn(|n| note(n, NOTES[n]));
    let (src, alt) = figure(s);
    (
        htpy::aside().attr("data-n", aside.0).children(aside.1),
        htpy::em().attr("data-n", em.0).children(em.1),
        htpy::element!("x-note")
            .attr("data-n", x_note.0)
            .children(x_note.1),
        htpy::dfn().attr("data-n", dfn.0).children(dfn.1),
        htpy::small().attr("data-n", small.0).children(small.1),
        htpy::mark().attr("data-n", mark.0).children(mark.1),
        htpy::img().attr("src", src.clone()).attr("alt", alt),
        htpy::img().attr("src", src),
        htpy::br(),
    )
}

#[test]
fn a_documentation_page_from_data_renders_the_same_through_every_renderer() {
    renders_the_same_through_every_renderer(|seen| documentation_page(seen, notes_from_data));
}

/// Typed, the page never waits: after its first render, which fit in a
/// buffer, the byte stream renders it in one go, on an output of its own.
#[test]
fn a_typed_documentation_page_renders_the_same_through_every_renderer() {
    fn kind<T: Render>(_: &T) -> RenderKind {
        T::KIND
    }
    let seen = Rc::new(RefCell::new(Vec::new()));
    assert_eq!(
        kind(&documentation_page(&seen, typed_notes)),
        RenderKind::Sync
    );
    assert_eq!(
        documentation_page(&seen, typed_notes)
            .render_to_string()
            .unwrap(),
        documentation_page(&seen, notes_from_data)
            .render_to_string()
            .unwrap(),
        "the typed page is the page from data"
    );
    renders_the_same_through_every_renderer(|seen| documentation_page(seen, typed_notes));
}

/// A renderer of a page, by name.
type Renderer<'p> = (&'static str, &'p dyn Fn(&Seen) -> htpy::Result<String>);

/// Renders `page` to a `String`, checks its size and the byte counts its
/// code read, then the same bytes and counts through every other
/// renderer, on a 2 MiB stack.
fn renders_the_same_through_every_renderer<P: Render + htpy::Synchronous + 'static>(
    page: fn(&Seen) -> P,
) {
    on_small_stack(move || {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let html = page(&seen).render_to_string().unwrap();
        let counts = seen.take();
        // 126 elements a section (the section, its heading, 12 in its
        // paragraphs, 7 in its notes, 49 in its list, 56 in its table), and
        // `html`, `head`, `title`, `body` and `main`: each closed once.
        assert_eq!(html.matches("</").count(), 40 * 126 + 5);
        // And three void elements a section: two images, a line break.
        assert_eq!(html.matches("<img src=").count(), 40 * 2);
        assert_eq!(html.matches("<br>").count(), 40);
        assert!(html.len() > 80_000, "{} bytes", html.len());
        // Its text escaped, and its two-attribute images written as they
        // come, whatever renders them.
        assert!(!html.contains("<why>"));
        assert_eq!(
            html.matches(" says &lt;why&gt; &amp; how: ").count(),
            40 * 4
        );
        for (n, name) in NOTES.into_iter().enumerate() {
            assert_eq!(
                html.matches(&format!(">note {n} &lt;{name}&gt;</")).count(),
                40
            );
        }
        for s in 0..40 {
            let image = format!(r#"<img src="fig-{s}.png" alt="figure {s} &lt;a &amp; b&gt;">"#);
            assert_eq!(html.matches(&image).count(), 1, "{image}");
        }
        assert_eq!(html.matches("&lt;").count(), 40 * (4 + 6 + 1));
        assert_eq!(html.matches("&amp;").count(), 40 * (4 + 1));
        // Read as the rows after the first of section 1, and sections 2 to
        // 39 and their rows, were made: where each begins.
        let at = |tag: String| html.find(&tag).unwrap() as u64;
        let mut starts: Vec<u64> = (1..10).map(|r| at(format!("<tr id=\"r1-{r}\""))).collect();
        for s in 2..40 {
            starts.push(at(format!("<section id=\"s{s}\"")));
            starts.extend((0..10).map(|r| at(format!("<tr id=\"r{s}-{r}\""))));
        }
        assert_eq!(counts, starts);
        let renders: [Renderer<'_>; 4] = [
            ("iter_chunks", &|seen| chunks_string(page(seen))),
            ("write_to", &|seen| write_to_string(page(seen))),
            ("the byte stream", &|seen| {
                stream_string(page(seen), StreamOptions::default())
            }),
            ("the byte stream, 3-byte buffers", &|seen| {
                stream_string(page(seen), tiny_buffers())
            }),
        ];
        for (renderer, render) in renders {
            assert_eq!(render(&seen).unwrap(), html, "{renderer}");
            assert_eq!(seen.take(), starts, "{renderer}");
        }
    });
}

/// An element named at run time, holding `child`.
fn el(name: &str, child: impl Render + 'static) -> impl Render + 'static {
    element(name).unwrap().children(child)
}

/// An element named at run time with one attribute, holding `child`.
fn with_attr(name: &str, attr: &str, value: String, child: impl Render + 'static) -> impl Render {
    let mut attrs = AttrList::new();
    attrs.push(attr.to_owned(), Value::Text(value));
    element(name).unwrap().attrs(attrs).unwrap().children(child)
}

/// A documentation page of real size built from data with every list of
/// children held as `L`: the pieces whose chunks its bytes do not show
/// (text beside text and integers, empty text alone and in elements)
/// among elements named at run time with attributes and text, elements
/// with no child, the element functions' elements (one holding another),
/// an `Option`, lazy children (alone and in an element), and lists in
/// lists: 50 sections, 4,705 elements, about 66 KB, 7 levels deep.
fn page_of_lists<L: List<'static>>() -> Node<'static> {
    let section = |s: usize| {
        list::<L>(|section| {
            section.put(el("h2", format!("Section {s}")));
            for n in 0..4 {
                section.put(el(
                    "p",
                    list::<L>(|p| {
                        p.put("Paragraph ");
                        p.put(n);
                        p.put(" of section ");
                        p.put(s);
                        p.put("");
                        p.put(": ");
                        p.put(el("code", htpy::var().children(format!("item_{s}_{n}"))));
                        p.put(", see ");
                        p.put(with_attr("a", "href", format!("#s{n}"), "<here>"));
                        p.put(lazy(move || (n % 2 == 0).then_some(".")));
                    }),
                ));
            }
            section.put(el(
                "ul",
                list::<L>(|ul| {
                    for i in 0..6 {
                        ul.put(el(
                            "li",
                            list::<L>(|li| {
                                li.put("item ");
                                li.put(i);
                                li.put(el("em", ""));
                                li.put(htpy::b().children(i));
                                li.put(span().sel(Selector::new("")).children(i));
                                li.put(
                                    element("span")
                                        .unwrap()
                                        .sel(Selector::new(".tag"))
                                        .children("x"),
                                );
                            }),
                        ));
                    }
                }),
            ));
            section.put(el(
                "table",
                list::<L>(|table| {
                    for r in 0..10 {
                        table.put(el(
                            "tr",
                            list::<L>(|tr| {
                                tr.put(el("td", s * 100 + r));
                                tr.put(el("td", lazy(move || (r % 2 == 0).then_some(""))));
                                tr.put(element("td").unwrap());
                                tr.put(td().children(format!("{r} < {s}")));
                                tr.put((r % 3 != 0).then(|| th().children(r)));
                            }),
                        ));
                    }
                }),
            ));
        })
    };
    list::<L>(|page| {
        page.put(el(
            "html",
            list::<L>(|html| {
                html.put(el("head", el("title", "Lists from data")));
                html.put(el(
                    "body",
                    el(
                        "main",
                        list::<L>(|main| {
                            for s in 0..50 {
                                main.put(with_attr("section", "id", format!("s{s}"), section(s)));
                            }
                        }),
                    ),
                ));
            }),
        ));
    })
}

/// htpy's chunks of `page`.
fn chunks(page: Node<'static>) -> Vec<String> {
    page.iter_chunks().collect::<htpy::Result<_>>().unwrap()
}

/// The page with its lists held as `L` makes `expected`, the chunks of
/// the page with its lists in `Vec<Node>`s, and `html` through every
/// renderer.
fn renders_as<L: List<'static>>(expected: &[String], html: &str) {
    assert_eq!(chunks(page_of_lists::<L>()), expected);
    assert_eq!(page_of_lists::<L>().render_to_string().unwrap(), html);
    assert_eq!(write_to_string(page_of_lists::<L>()).unwrap(), html);
    for options in [StreamOptions::default(), tiny_buffers()] {
        assert_eq!(stream_string(page_of_lists::<L>(), options).unwrap(), html);
    }
}

/// The page with its lists in `Nodes`, which writes what it can as it is
/// pushed and reads htpy's chunks back from those bytes, handed each child
/// as a node or as it is, makes the chunks of the page with its lists in
/// `Vec<Node>`s, and the same bytes through every renderer, on a 2 MiB
/// stack.
#[test]
fn a_page_of_lists_from_data_makes_the_chunks_of_vecs_of_nodes() {
    on_small_stack(|| {
        let expected = chunks(page_of_lists::<Vec<Node<'static>>>());
        let html = expected.concat();
        // 106 elements a section, and `html`, `head`, `title`, `body` and
        // `main`: each closed once.
        assert_eq!(html.matches("</").count(), 50 * 106 + 5);
        assert!(html.len() > 60_000, "{} bytes", html.len());
        renders_as::<NodesOfNodes<'static>>(&expected, &html);
        renders_as::<Nodes<'static>>(&expected, &html);
    });
}

/// A documentation page of real size built from data whose lists are all
/// their bytes (no text beside text, no empty text, nothing lazy), each
/// pushed on its parent's list as it is: every list but the one `body` is
/// kept in (which the out-of-order stream puts off) is written as it is
/// pushed, row by row, section by section, and a `String` render takes the
/// sections' list over as its output. 75 sections of a heading, four
/// paragraphs, a list of six items and a table of ten rows of five cells:
/// 7,355 elements, about 98 KB, 7 levels deep.
fn written_page_from_data() -> Node<'static> {
    let mut sections = Nodes::with_capacity(75);
    for s in 0..75 {
        let mut section = Nodes::with_capacity(7);
        section.push(element("h2").unwrap().children(format!("Section {s} <&>")));
        for n in 0..4 {
            let mut para = Nodes::with_capacity(3);
            para.push(code().children(htpy::var().children(format!("item_{s}_{n}"))));
            para.push(", see ");
            para.push(with_attr("a", "href", format!("#s{n}"), "<here>"));
            section.push(p().children(para));
        }
        let mut items = Nodes::with_capacity(6);
        for i in 0..6 {
            let mut item = Nodes::with_capacity(2);
            item.push(htpy::b().children(i));
            item.push(element("span").unwrap().children("x"));
            items.push(li().children(item));
        }
        section.push(element("ul").unwrap().children(items));
        let mut rows = Nodes::with_capacity(10);
        for r in 0..10 {
            let mut cells = Nodes::with_capacity(5);
            for c in 0..5 {
                cells.push(element("td").unwrap().children(s * 100 + r * 5 + c));
            }
            rows.push(tr().children(cells));
        }
        section.push(element("table").unwrap().children(rows));
        sections.push(with_attr("section", "id", format!("s{s}"), section));
    }
    let mut page = Nodes::with_capacity(2);
    page.push(head().children(title().children("Written from data")));
    page.push(body().children(main().children(sections)));
    Node::new(element("html").unwrap().children(page))
}

/// The same page typed.
fn written_page_typed() -> impl Render + Send {
    let section = |s: usize| {
        section().attr("id", format!("s{s}")).children((
            h2().children(format!("Section {s} <&>")),
            (0..4).map(move |n| {
                p().children((
                    code().children(htpy::var().children(format!("item_{s}_{n}"))),
                    ", see ",
                    a().attr("href", format!("#s{n}")).children("<here>"),
                ))
            }),
            ul().children(
                (0..6).map(|i| li().children((htpy::b().children(i), span().children("x")))),
            ),
            table().children((0..10).map(move |r| {
                tr().children((0..5).map(move |c| td().children(s * 100 + r * 5 + c)))
            })),
        ))
    };
    htpy::element!("html").children((
        head().children(title().children("Written from data")),
        body().children(main().children((0..75).map(section))),
    ))
}

/// The page written from data as its lists are pushed makes the typed
/// page's chunks, and its bytes through every renderer (a `String` render
/// twice, its size learnt from the first; into a `String` holding bytes
/// already; `write_to`; the byte stream in its default and in 3-byte
/// buffers), on a 2 MiB stack.
#[test]
fn a_page_written_from_data_as_its_lists_are_pushed_renders_as_the_typed_page() {
    on_small_stack(|| {
        let expected = chunks(Node::new(written_page_typed()));
        let html = expected.concat();
        // 98 elements a section (1 heading, 16 in its paragraphs, 19 in its
        // list, 61 in its table, and itself), and `html`, `head`, `title`,
        // `body` and `main`: each closed once.
        assert_eq!(html.matches("</").count(), 75 * 98 + 5);
        assert!(html.len() > 90_000, "{} bytes", html.len());
        assert_eq!(chunks(written_page_from_data()), expected);
        assert_eq!(written_page_from_data().render_to_string().unwrap(), html);
        assert_eq!(written_page_from_data().render_to_string().unwrap(), html);
        let mut into = String::from("<!-- before -->");
        written_page_from_data().render_into(&mut into).unwrap();
        assert_eq!(into, format!("<!-- before -->{html}"));
        assert_eq!(write_to_string(written_page_from_data()).unwrap(), html);
        for options in [StreamOptions::default(), tiny_buffers()] {
            assert_eq!(
                stream_string(written_page_from_data(), options).unwrap(),
                html
            );
        }
    });
}
