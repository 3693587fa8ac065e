//! The byte stream: the same bytes as a `String` render, flushed before a
//! wait, stopped when it is dropped, ended by an `Err` after a failure,
//! bounded by its options, and coalesced into few `Bytes`.

mod common;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bytes::Bytes;
use common::{stream_items, stream_string, tiny_buffers, yield_now};
use futures::StreamExt as _;
use futures::channel::oneshot;
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt as _;
use htpy::{
    Context, ErrorKind, Node, RawHtml, Render, StreamOptions, b, body, comment, div, fragment,
    future, html, iter, lazy, li, p, scoped, sel, toggle, ul,
};

static USER: Context<String> = Context::new("user");
static THEME: Context<&str> = Context::with_default("theme", "light");

fn bytes_so_far(scope: &htpy::Scope<'_>) -> u64 {
    scope.bytes_rendered()
}

/// A sample of every kind of tree the other test files cover.
fn cases() -> Vec<fn() -> Node<'static>> {
    vec![
        || Node::new(html().children(body().children(p().children("x")))),
        // A list that fills the buffer just before `</body>`.
        || Node::new(html().children(body().children(vec!["x", "y"]))),
        || {
            Node::new(
                div()
                    .sel(sel!("#a.b"))
                    .attr("title", "<\"'&>")
                    .attr("hidden", true),
            )
        },
        || Node::new(div().class(("a", toggle([("b", true), ("c", false)])))),
        || Node::new(div().children(("<&>", 42, -1, true, None::<&str>, ()))),
        || Node::new(ul().children((0..50).map(|i| li().children(i)))),
        || Node::new(div().children(vec![("a", vec![("b", 1)])])),
        || Node::new(lazy(|| b().children(iter(["x", "y"])))),
        // Safe: a literal written by the test.
        || {
            Node::new(fragment((
                comment("c"),
                RawHtml::dangerously_new("<i>&copy;</i>"),
            )))
        },
        || Node::new(THEME.provide("dark", (THEME.consume(|t| *t), THEME.consume(|t| *t)))),
        || Node::new(scoped(bytes_so_far)),
        || Node::new(div().children("é".repeat(5000))),
        || Node::new(div().children(future(async { p().children(future(async { "deep" })) }))),
        || {
            Node::new(ul().children(htpy::stream(
                futures::stream::iter(0..20).map(|i| li().children(i)),
            )))
        },
    ]
}

#[test]
fn stream_output_equals_the_string_render() {
    let options = [
        StreamOptions::default(),
        tiny_buffers(),
        StreamOptions::default().buffer_size(1),
        StreamOptions::default().buffer_size(64),
    ];
    for (i, case) in cases().into_iter().enumerate() {
        let expected = futures::executor::block_on(case().render_to_string_async()).unwrap();
        for options in &options {
            assert_eq!(
                stream_string(case(), options.clone()).unwrap(),
                expected,
                "case {i}, {options:?}"
            );
        }
    }
}

#[test]
fn stream_output_equals_render_to_string_for_sync_trees() {
    // The sync cases: all but the last two.
    let cases = cases();
    for (i, case) in cases[..cases.len() - 2].iter().enumerate() {
        let expected = case().render_to_string().unwrap();
        assert_eq!(
            stream_string(case(), tiny_buffers()).unwrap(),
            expected,
            "case {i}"
        );
    }
}

/// Runs `test` on one thread until it cannot progress; returns whether it
/// completed.
fn run_until_stalled(test: impl Future<Output = ()> + 'static) -> bool {
    let mut pool = LocalPool::new();
    let test_done = Rc::new(Cell::new(false));
    let t = Rc::clone(&test_done);
    pool.spawner()
        .spawn_local(async move {
            test.await;
            t.set(true);
        })
        .unwrap();
    pool.run_until_stalled();
    test_done.get()
}

#[test]
fn bytes_before_a_slow_future_arrive_before_it_resolves() {
    let (release, slow) = oneshot::channel::<&'static str>();
    let page = div().children((
        "before",
        future(async move { slow.await.unwrap() }),
        "after",
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    let received = Rc::new(RefCell::new(Vec::<Bytes>::new()));
    let log = Rc::clone(&received);
    let test = async move {
        let first = bytes.next().await.unwrap().unwrap();
        log.borrow_mut().push(first);
        // Only now may the slow future resolve.
        release.send("slow").unwrap();
        while let Some(item) = bytes.next().await {
            log.borrow_mut().push(item.unwrap());
        }
    };
    assert!(
        run_until_stalled(test),
        "the first bytes never arrived while the future was pending"
    );
    let received = received.borrow();
    assert_eq!(received[0], "<div>before");
    let all: Vec<u8> = received.iter().flat_map(|b| b.to_vec()).collect();
    assert_eq!(all, b"<div>beforeslowafter</div>");
}

#[test]
fn bytes_before_a_slow_stream_item_arrive_first() {
    let (release, slow) = oneshot::channel::<&'static str>();
    let items = futures::stream::once(async { "a" })
        .chain(futures::stream::once(async move { slow.await.unwrap() }));
    let page = ul().children(htpy::stream(items.map(|x| li().children(x))));
    let mut bytes = page.render_stream(StreamOptions::default());
    let test = async move {
        assert_eq!(bytes.next().await.unwrap().unwrap(), "<ul><li>a</li>");
        release.send("b").unwrap();
        assert_eq!(bytes.next().await.unwrap().unwrap(), "<li>b</li></ul>");
        assert!(bytes.next().await.is_none());
    };
    assert!(run_until_stalled(test));
}

/// Sets its flag when dropped.
struct DropGuard(Rc<Cell<bool>>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[test]
fn dropping_the_stream_drops_the_pending_future() {
    let dropped = Rc::new(Cell::new(false));
    let guard = DropGuard(Rc::clone(&dropped));
    let page = div().children((
        "x",
        future(async move {
            let _guard = guard;
            futures::future::pending::<&str>().await
        }),
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    let seen = Rc::new(Cell::new(false));
    let saw = Rc::clone(&seen);
    let test = async move {
        assert_eq!(bytes.next().await.unwrap().unwrap(), "<div>x");
        saw.set(true);
        // Pending for ever: the test stalls here, holding the stream.
        let _ = bytes.next().await;
    };
    assert!(!run_until_stalled(test), "the page did not wait");
    assert!(seen.get());
    // `run_until_stalled` dropped the stalled test, and the stream with it.
    assert!(dropped.get(), "the pending future was not dropped");
}

#[test]
fn dropping_the_stream_before_polling_runs_nothing() {
    let dropped = Rc::new(Cell::new(false));
    let ran = Rc::new(Cell::new(false));
    let guard = DropGuard(Rc::clone(&dropped));
    let flag = Rc::clone(&ran);
    let page = lazy(move || {
        flag.set(true);
        future(async move {
            let _guard = guard;
            futures::future::pending::<&str>().await
        })
    });
    drop(page.render_stream(StreamOptions::default()));
    assert!(!ran.get());
}

fn assert_ends_with_err<'a>(items: &'a [htpy::Result<Bytes>], before: &str) -> &'a htpy::Error {
    let (last, rest) = items.split_last().expect("no item");
    let bytes: Vec<u8> = rest
        .iter()
        .flat_map(|item| item.as_ref().expect("an Err before the last item").to_vec())
        .collect();
    assert_eq!(String::from_utf8(bytes).unwrap(), before);
    last.as_ref()
        .expect_err("the stream ended cleanly after a failure")
}

#[test]
fn err_is_the_last_item_after_a_failure() {
    for options in [StreamOptions::default(), tiny_buffers()] {
        let items = stream_items(
            div().children(("before", USER.consume(Clone::clone), "after")),
            options,
        );
        let err = assert_ends_with_err(&items, "<div>before");
        assert!(matches!(err.kind(), ErrorKind::ContextMissing { .. }));
        assert_eq!(err.path(), ["div"]);
    }
}

#[test]
fn err_is_the_last_item_after_a_panic() {
    for options in [StreamOptions::default(), tiny_buffers()] {
        let page = div().children(("before", lazy(|| -> &str { panic!("boom") }), "after"));
        let items = stream_items(page, options);
        let err = assert_ends_with_err(&items, "<div>before");
        assert!(matches!(err.kind(), ErrorKind::Panic { message } if message == "boom"));
    }
}

/// Counts up, and panics at 2: a panic no lazy child catches.
struct PanicsAtTwo(u8);

impl std::fmt::Display for PanicsAtTwo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        assert!(self.0 != 2, "boom");
        write!(f, "{}", self.0)
    }
}

/// A panic midway through a list that never waits ends the stream with the
/// bytes before it and then the error, whether the page renders in one go
/// or in small buffers: the list renders on an output of its own frame
/// and gives the buffer back after a panic too.
#[test]
fn a_panic_midway_through_a_list_keeps_the_bytes_before_it() {
    for options in [StreamOptions::default(), tiny_buffers()] {
        let items = (0..4).map(|n| li().children(htpy::display(PanicsAtTwo(n))));
        let page = ul().children(items);
        let stream = stream_items(page, options);
        let err = assert_ends_with_err(&stream, "<ul><li>0</li><li>1</li><li>");
        assert!(matches!(err.kind(), ErrorKind::Panic { message } if message == "boom"));
    }
}

/// A page of one type: the stream renders it in one go once a render of
/// that type fit in a buffer. A failure then still ends the stream with an
/// `Err` after the bytes before it.
fn page_of_one_type(fail: Option<bool>) -> impl Render {
    div().children((
        "before",
        lazy(move || -> htpy::Result<&str> {
            match fail {
                None => Ok("fine"),
                Some(false) => Err(htpy::Error::new(ErrorKind::Component("refused".into()))),
                Some(true) => panic!("boom"),
            }
        }),
    ))
}

#[test]
fn err_is_the_last_item_after_a_failure_in_a_page_rendered_in_one_go() {
    let ok = stream_string(page_of_one_type(None), StreamOptions::default());
    assert_eq!(ok.unwrap(), "<div>beforefine</div>");
    let items = stream_items(page_of_one_type(Some(false)), StreamOptions::default());
    let err = assert_ends_with_err(&items, "<div>before");
    assert_eq!(err.path(), ["div"]);
    let items = stream_items(page_of_one_type(Some(true)), StreamOptions::default());
    let err = assert_ends_with_err(&items, "<div>before");
    assert!(matches!(err.kind(), ErrorKind::Panic { message } if message == "boom"));
}

#[test]
fn err_after_a_wait_follows_the_flushed_bytes() {
    let page = div().children((
        "a",
        future(async {
            yield_now().await;
            p().children(Err::<&str, _>(std::io::Error::other("down")))
        }),
    ));
    let items = stream_items(page, StreamOptions::default());
    assert_eq!(items[0].as_ref().unwrap(), "<div>a");
    let err = assert_ends_with_err(&items, "<div>a<p>");
    assert_eq!(
        items.len(),
        3,
        "the flush before the wait, the <p>, the Err"
    );
    assert_eq!(err.to_string(), "a component failed: down (in <div> > <p>)");
}

/// A page of 10,000 items, counting how many were pulled.
fn counted_items(item: &'static str) -> (impl Render, Rc<Cell<usize>>, Rc<Cell<u64>>) {
    let pulled = Rc::new(Cell::new(0_usize));
    let furthest = Rc::new(Cell::new(0_u64));
    let (count, reach) = (Rc::clone(&pulled), Rc::clone(&furthest));
    let page = scoped(move |scope| {
        let position = scope.position();
        iter((0..10_000).map(move |_| {
            count.set(count.get() + 1);
            reach.set(position.bytes_rendered());
            item
        }))
    });
    (page, pulled, furthest)
}

#[test]
fn a_reader_that_stops_reading_stops_the_render() {
    const ITEM: &str = "0123456789";
    let options = StreamOptions::default().buffer_size(16);
    let (page, pulled, furthest) = counted_items(ITEM);
    let mut bytes = page.render_stream(options.clone());
    let first = futures::executor::block_on(bytes.next()).unwrap().unwrap();
    assert!(first.len() >= 16);
    // Nothing is rendered ahead of what the reader takes: one buffer, which
    // may pass its size by one item.
    let bound_bytes = options.memory_bound() + ITEM.len();
    let bound_items = bound_bytes / ITEM.len() + 1;
    let stalled_at = pulled.get();
    assert!(
        stalled_at > 0 && stalled_at <= bound_items,
        "pulled {stalled_at}, bound {bound_items}"
    );
    assert!(usize::try_from(furthest.get()).unwrap() <= bound_bytes);
    drop(bytes);
    assert_eq!(
        pulled.get(),
        stalled_at,
        "user code ran after the stream was dropped"
    );
}

/// The sizes of the buffers a page streams in buffers of `buffer` bytes.
fn buffer_sizes(page: impl Render, buffer: usize) -> Vec<usize> {
    stream_items(page, StreamOptions::default().buffer_size(buffer))
        .iter()
        .map(|item| item.as_ref().unwrap().len())
        .collect()
}

#[test]
fn many_small_chunks_coalesce_into_few_bytes() {
    const BUFFER: usize = 256;
    let make = || ul().children((0..1000).map(|i| li().children(i)));
    let expected = make().render_to_string().unwrap();
    let sizes = buffer_sizes(make(), BUFFER);
    assert_eq!(sizes.iter().sum::<usize>(), expected.len());
    assert!(
        sizes.len() <= expected.len() / BUFFER + 1,
        "{} Bytes for {} bytes",
        sizes.len(),
        expected.len()
    );
    let (last, full) = sizes.split_last().unwrap();
    assert!(*last > 0);
    for size in full {
        // Each buffer is sent once a chunk makes it reach the target.
        assert!((BUFFER..BUFFER + 16).contains(size), "{sizes:?}");
    }
}

/// A typed page with no list, larger than a buffer, still goes out in
/// buffers: the parts of a tuple stop at a full buffer, as list items do.
#[test]
fn a_typed_page_without_lists_goes_out_in_buffers() {
    const BUFFER: usize = 64;
    let paragraph = || p().children("twenty bytes of text");
    let make = || {
        div().children((
            (paragraph(), paragraph(), paragraph(), paragraph()),
            (paragraph(), paragraph(), paragraph(), paragraph()),
            (paragraph(), paragraph(), paragraph(), paragraph()),
        ))
    };
    let expected = make().render_to_string().unwrap();
    let sizes = buffer_sizes(make(), BUFFER);
    let streamed = stream_string(make(), StreamOptions::default().buffer_size(BUFFER)).unwrap();
    assert_eq!(streamed, expected);
    assert!(sizes.len() >= expected.len() / (BUFFER + 27), "{sizes:?}");
    for size in &sizes {
        // A buffer goes out once a paragraph (27 bytes) makes it full.
        assert!(*size < BUFFER + 27 + 5, "{sizes:?}");
    }
}

#[test]
fn no_empty_bytes_are_sent() {
    let items = stream_items(
        div().children((future(async { "" }), future(async { "" }))),
        StreamOptions::default(),
    );
    assert!(items.iter().all(|item| !item.as_ref().unwrap().is_empty()));
}

/// A list whose items show the count of bytes rendered before each, which
/// user code reads from a position taken before the list.
fn counts_in_a_list() -> impl Render {
    scoped(|scope| {
        let position = scope.position();
        ul().children((0..4).map(move |_| li().children(position.bytes_rendered())))
    })
}

/// A page that never waits and fit in a buffer last time is rendered in
/// one go; user code reading the count between its items sees it as in a
/// `String` render, on the first render (in parts) and on the next.
#[test]
fn a_page_rendered_in_one_go_keeps_the_count_up_to_date() {
    let expected = counts_in_a_list().render_to_string().unwrap();
    let counts: Vec<&str> = expected
        .split("<li>")
        .skip(1)
        .map(|item| item.split('<').next().unwrap())
        .collect();
    assert_eq!(counts.len(), 4);
    assert!(
        counts.windows(2).all(|pair| pair[0] != pair[1]),
        "{expected}"
    );
    for _ in 0..2 {
        let streamed = stream_string(counts_in_a_list(), StreamOptions::default()).unwrap();
        assert_eq!(streamed, expected);
    }
}
