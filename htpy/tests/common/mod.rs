//! Helpers shared by the test files: every case goes through every renderer.

#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test crate uses its own subset of the helpers"
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use bytes::Bytes;
use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Node, Nodes, Render, Result, StreamOptions, Synchronous};

/// Renders `tree` as a byte stream with `options`; returns every item.
///
/// The trees of these tests wait only on work of their own thread, so a
/// `Pending` that nothing was woken for can never end: it fails the test
/// (a lost wake-up) instead of hanging it.
pub fn stream_items<T: Render>(tree: T, options: StreamOptions) -> Vec<Result<Bytes>> {
    struct Flag(AtomicBool);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let flag = Arc::new(Flag(AtomicBool::new(false)));
    let waker = Waker::from(Arc::clone(&flag));
    let mut stream = tree.render_stream(options);
    let mut items = Vec::new();
    loop {
        match stream.poll_next_unpin(&mut Context::from_waker(&waker)) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return items,
            Poll::Pending => assert!(
                flag.0.swap(false, Ordering::SeqCst),
                "the stream returned Pending and nothing will wake it, after {} items",
                items.len()
            ),
        }
    }
}

/// The bytes of a byte stream render, or its error (which must be the last item).
pub fn stream_string<T: Render>(tree: T, options: StreamOptions) -> Result<String> {
    let mut html = Vec::new();
    let mut items = stream_items(tree, options).into_iter();
    while let Some(item) = items.next() {
        match item {
            Ok(bytes) => html.extend_from_slice(&bytes),
            Err(error) => {
                assert!(items.next().is_none(), "an item after the stream's Err");
                return Err(error);
            }
        }
    }
    Ok(String::from_utf8(html).expect("the byte stream is UTF-8"))
}

/// The chunks of `iter_chunks`, joined, or the first error.
pub fn chunks_string<T: Render + Synchronous>(tree: T) -> Result<String> {
    tree.iter_chunks().collect()
}

/// The output of `write_to` into a `Vec<u8>`.
pub fn write_to_string<T: Render + Synchronous>(tree: T) -> Result<String> {
    let mut bytes = Vec::new();
    tree.write_to(&mut bytes)?;
    Ok(String::from_utf8(bytes).expect("write_to writes UTF-8"))
}

/// Stream options small enough that even short pages are split into several buffers.
pub fn tiny_buffers() -> StreamOptions {
    StreamOptions::default().buffer_size(3)
}

/// Asserts that a fresh tree from `make` renders to `expected` through every
/// renderer: `render_to_string`, `iter_chunks`, `write_to`,
/// `render_to_string_async` and the byte stream (with default and tiny buffers).
#[track_caller]
pub fn assert_renders<T: Render + Synchronous>(make: impl Fn() -> T, expected: &str) {
    let ok = |result: Result<String>, renderer: &str| {
        result.unwrap_or_else(|error| panic!("{renderer} failed: {error}"))
    };
    assert_eq!(
        ok(make().render_to_string(), "render_to_string"),
        expected,
        "render_to_string"
    );
    assert_eq!(
        ok(chunks_string(make()), "iter_chunks"),
        expected,
        "iter_chunks"
    );
    assert_eq!(
        ok(write_to_string(make()), "write_to"),
        expected,
        "write_to"
    );
    assert_renders_async(make, expected);
}

/// The same for a tree that holds futures or streams, which only the async
/// renderers accept: `render_to_string_async` and the byte stream.
#[track_caller]
pub fn assert_renders_async<T: Render>(make: impl Fn() -> T, expected: &str) {
    let ok = |result: Result<String>, renderer: &str| {
        result.unwrap_or_else(|error| panic!("{renderer} failed: {error}"))
    };
    assert_eq!(
        ok(
            block_on(make().render_to_string_async()),
            "render_to_string_async"
        ),
        expected,
        "render_to_string_async"
    );
    assert_eq!(
        ok(
            stream_string(make(), StreamOptions::default()),
            "render_stream"
        ),
        expected,
        "render_stream"
    );
    assert_eq!(
        ok(
            stream_string(make(), tiny_buffers()),
            "render_stream (tiny buffers)"
        ),
        expected,
        "render_stream (tiny buffers)"
    );
}

/// Asserts that `iter_chunks` yields exactly htpy's chunks.
#[track_caller]
pub fn assert_chunks<T: Render + Synchronous>(make: impl Fn() -> T, expected: &[&str]) {
    let chunks: Vec<String> = make()
        .iter_chunks()
        .collect::<Result<_>>()
        .unwrap_or_else(|error| panic!("iter_chunks failed: {error}"));
    assert_eq!(chunks, expected);
}

/// Asserts that every renderer fails with an error whose message is `message`,
/// and returns the error of `render_to_string`.
#[track_caller]
pub fn assert_fails<T: Render + Synchronous>(make: impl Fn() -> T, message: &str) -> htpy::Error {
    let err = |result: Result<String>, renderer: &str| match result {
        Ok(html) => panic!("{renderer} rendered {html:?} instead of failing"),
        Err(error) => error,
    };
    let error = err(make().render_to_string(), "render_to_string");
    assert_eq!(error.to_string(), message, "render_to_string");
    assert_eq!(
        err(chunks_string(make()), "iter_chunks").to_string(),
        message,
        "iter_chunks"
    );
    assert_eq!(
        err(write_to_string(make()), "write_to").to_string(),
        message,
        "write_to"
    );
    assert_fails_async(make, message);
    error
}

/// The same for the async renderers only.
#[track_caller]
pub fn assert_fails_async<T: Render>(make: impl Fn() -> T, message: &str) {
    let err = |result: Result<String>, renderer: &str| match result {
        Ok(html) => panic!("{renderer} rendered {html:?} instead of failing"),
        Err(error) => error,
    };
    assert_eq!(
        err(
            block_on(make().render_to_string_async()),
            "render_to_string_async"
        )
        .to_string(),
        message,
        "render_to_string_async"
    );
    assert_eq!(
        err(
            stream_string(make(), StreamOptions::default()),
            "render_stream"
        )
        .to_string(),
        message,
        "render_stream"
    );
}

/// A future that is pending once (waking itself) and then ready: a wait that
/// any executor gets through.
pub async fn yield_now() {
    let mut yielded = false;
    futures::future::poll_fn(|cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
    .await;
}

/// Where a test puts the children of a list: a `Vec<Node>`, or a `Nodes`
/// handed each child as it is (which it writes from the child's type,
/// never building its node) or as a node ([`NodesOfNodes`]).
pub trait List<'a>: Sized {
    fn new() -> Self;
    fn put(&mut self, child: impl Render + 'a);
    fn into_node(self) -> Node<'a>;
}

impl<'a> List<'a> for Vec<Node<'a>> {
    fn new() -> Self {
        Vec::new()
    }

    fn put(&mut self, child: impl Render + 'a) {
        self.push(Node::new(child));
    }

    fn into_node(self) -> Node<'a> {
        Node::new(self)
    }
}

impl<'a> List<'a> for Nodes<'a> {
    fn new() -> Self {
        Nodes::new()
    }

    fn put(&mut self, child: impl Render + 'a) {
        self.push(child);
    }

    fn into_node(self) -> Node<'a> {
        Node::new(self)
    }
}

/// A `Nodes` handed each child as a node.
pub struct NodesOfNodes<'a>(pub Nodes<'a>);

impl<'a> List<'a> for NodesOfNodes<'a> {
    fn new() -> Self {
        Self(Nodes::new())
    }

    fn put(&mut self, child: impl Render + 'a) {
        self.0.push(Node::new(child));
    }

    fn into_node(self) -> Node<'a> {
        Node::new(self.0)
    }
}

/// A list of the kind `L`, filled by `fill`, as a node.
pub fn list<'a, L: List<'a>>(fill: impl FnOnce(&mut L)) -> Node<'a> {
    let mut list = L::new();
    fill(&mut list);
    list.into_node()
}
