//! Async children: futures and streams awaited in document order by
//! `render_to_string_async` and the byte stream.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{assert_fails_async, assert_renders_async, yield_now};
use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Context, Render, b, div, fragment, future, lazy, li, p, stream, ul};

async fn item(text: &'static str) -> impl Render {
    yield_now().await;
    li().children(text)
}

#[test]
fn futures_streams_and_lazy_in_document_order() {
    assert_renders_async(
        || {
            ul().children((
                future(item("a")),
                stream(futures::stream::iter(0..3).then(|i| async move {
                    yield_now().await;
                    li().children(i)
                })),
                lazy(|| li().children("lazy")),
            ))
        },
        "<ul><li>a</li><li>0</li><li>1</li><li>2</li><li>lazy</li></ul>",
    );
}

#[test]
fn future_of_a_future() {
    assert_renders_async(
        || div().children(future(async { future(item("deep")) })),
        "<div><li>deep</li></div>",
    );
}

#[test]
fn futures_inside_fragments_options_and_vecs() {
    assert_renders_async(
        || {
            div().children((
                fragment(future(item("<x>"))),
                None::<&str>,
                vec![future(item("1")), future(item("2"))],
            ))
        },
        "<div><li>&lt;x&gt;</li><li>1</li><li>2</li></div>",
    );
}

#[test]
fn future_of_a_collection() {
    assert_renders_async(
        || p().children(future(async { (vec![b().children("x")], "y", 3) })),
        "<p><b>x</b>y3</p>",
    );
}

#[test]
fn stream_of_futures() {
    assert_renders_async(
        || {
            ul().children(stream(
                futures::stream::iter(["z"]).map(|x| future(item(x))),
            ))
        },
        "<ul><li>z</li></ul>",
    );
}

#[test]
fn futures_run_in_document_order_only_when_reached() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let step = |name: &'static str| {
        let log = Rc::clone(&log);
        future(async move {
            log.borrow_mut().push(name);
            yield_now().await;
            name
        })
    };
    let page = div().children((step("first"), lazy(|| step("second")), step("third")));
    assert!(log.borrow().is_empty(), "a future ran before the render");
    let html = block_on(page.render_to_string_async()).unwrap();
    assert_eq!(html, "<div>firstsecondthird</div>");
    assert_eq!(*log.borrow(), ["first", "second", "third"]);
}

#[test]
fn stream_of_results_ends_at_the_first_error() {
    assert_fails_async(
        || {
            ul().children(stream(futures::stream::iter([
                Ok(li().children("a")),
                Err(std::io::Error::other("row 2 failed")),
                Ok(li().children("c")),
            ])))
        },
        "a component failed: row 2 failed (in <ul>)",
    );
}

#[test]
fn future_returning_an_error() {
    assert_fails_async(
        || {
            div().children(future(async {
                yield_now().await;
                Err::<&str, _>("timed out")
            }))
        },
        "a component failed: timed out (in <div>)",
    );
}

#[test]
fn provider_around_an_async_subtree() {
    static N: Context<u32> = Context::new("n");
    assert_renders_async(
        || {
            N.provide(
                7,
                div().children(future(async {
                    yield_now().await;
                    N.consume(|n| n * 6)
                })),
            )
        },
        "<div>42</div>",
    );
}

#[test]
fn sync_trees_render_the_same_async() {
    let make = || ul().children((0..3).map(|i| li().children(i)));
    assert_eq!(
        block_on(make().render_to_string_async()).unwrap(),
        make().render_to_string().unwrap()
    );
}
