//! Errors: messages and paths, failing components, caught panics, and what
//! each renderer leaves behind after a failure.

mod common;

use std::error::Error as _;
use std::io;

use common::{assert_fails, assert_fails_async, stream_items};
use htpy::{
    Context, Error, ErrorKind, Node, Render, StreamOptions, b, div, future, lazy, li, p, ul,
};

static USER: Context<String> = Context::new("user");

fn database_down() -> Result<&'static str, io::Error> {
    Err(io::Error::other("database down"))
}

#[test]
fn result_child_error_ends_the_render() {
    let err = assert_fails(
        || ul().children(li().children(database_down())),
        "a component failed: database down (in <ul> > <li>)",
    );
    assert!(matches!(err.kind(), ErrorKind::Component(_)));
    assert_eq!(err.path(), ["ul", "li"]);
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("database down")
    );
}

#[test]
fn result_child_ok_renders() {
    common::assert_renders(
        || div().children(Ok::<_, io::Error>("fine")),
        "<div>fine</div>",
    );
}

#[test]
fn result_child_with_an_htpy_error_keeps_it() {
    let err = assert_fails(
        || {
            let inner = Error::new(ErrorKind::Panic {
                message: "inner".into(),
            });
            div().children(Err::<&str, _>(inner))
        },
        "a component panicked: inner (in <div>)",
    );
    assert!(matches!(err.kind(), ErrorKind::Panic { .. }));
}

#[test]
fn error_messages() {
    assert_eq!(
        Error::component("plain text").to_string(),
        "a component failed: plain text"
    );
    assert_eq!(
        Error::new(ErrorKind::Panic {
            message: "x".into()
        })
        .to_string(),
        "a component panicked: x"
    );
    assert_eq!(
        Error::new(ErrorKind::Write(io::Error::other("disk full"))).to_string(),
        "writing the page failed: disk full"
    );
}

fn boom() -> &'static str {
    panic!("boom")
}

/// Asserts that every renderer catches the panic in `make`'s tree, with the
/// elements it was in.
#[track_caller]
fn assert_panic_caught<T: Render + htpy::Synchronous>(
    make: impl Fn() -> T,
    message: &str,
    path: &str,
) {
    let err = assert_fails(make, &format!("{message} (in {path})"));
    assert!(matches!(err.kind(), ErrorKind::Panic { .. }));
}

#[test]
fn panic_is_caught_by_every_renderer() {
    assert_panic_caught(
        || div().children(("before", lazy(boom))),
        "a component panicked: boom",
        "<div>",
    );
}

#[test]
fn panic_with_a_formatted_message() {
    assert_panic_caught(
        || p().children(lazy(|| -> &str { panic!("row {} failed", 3) })),
        "a component panicked: row 3 failed",
        "<p>",
    );
}

#[test]
fn panic_without_a_message() {
    assert_panic_caught(
        || p().children(lazy(|| -> &str { std::panic::panic_any(7_u8) })),
        "a component panicked: a panic without a message",
        "<p>",
    );
}

#[test]
fn panic_inside_a_future() {
    assert_fails_async(
        || div().children(future(async { boom() })),
        "a component panicked: boom",
    );
}

#[test]
fn render_into_leaves_the_string_untouched_on_error() {
    let mut html = String::from("<main>");
    let err = div()
        .children(("lost", USER.consume(Clone::clone)))
        .render_into(&mut html)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ContextMissing { .. }));
    assert_eq!(html, "<main>");

    let mut html = String::from("<main>");
    div()
        .children(("lost", lazy(boom)))
        .render_into(&mut html)
        .unwrap_err();
    assert_eq!(html, "<main>");

    let mut html = String::from("<main>");
    div().children("kept").render_into(&mut html).unwrap();
    assert_eq!(html, "<main><div>kept</div>");
}

#[test]
fn iter_chunks_ends_after_err() {
    // htpy yields ['<div>', 'before'] and then raises.
    let mut chunks = div()
        .children(("before", USER.consume(Clone::clone)))
        .iter_chunks();
    assert_eq!(chunks.next().unwrap().unwrap(), "<div>");
    assert_eq!(chunks.next().unwrap().unwrap(), "before");
    let err = chunks.next().unwrap().unwrap_err();
    assert_eq!(err.path(), ["div"]);
    assert!(chunks.next().is_none());
    assert!(chunks.next().is_none());
}

#[test]
fn iter_chunks_ends_after_a_panic() {
    let mut chunks = div()
        .children(("before", lazy(boom), "after"))
        .iter_chunks();
    assert_eq!(chunks.next().unwrap().unwrap(), "<div>");
    assert_eq!(chunks.next().unwrap().unwrap(), "before");
    let err = chunks.next().unwrap().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Panic { .. }));
    assert!(chunks.next().is_none());
}

#[test]
fn future_inside_a_node_fails_a_sync_render() {
    let make = || div().children(Node::new(future(async { "x" })));
    let message = make().render_to_string().unwrap_err().to_string();
    assert!(message.starts_with("the future `"), "{message}");
    assert!(
        message.ends_with(
            "` can not be rendered synchronously; render the page as a stream \
             (`render_stream`) to await it (in <div>)"
        ),
        "{message}"
    );
    for err in [
        make().iter_chunks().find_map(Result::err).unwrap(),
        make().write_to(Vec::new()).unwrap_err(),
    ] {
        assert!(matches!(err.kind(), ErrorKind::AsyncInSync { .. }), "{err}");
    }
    // The async renderers await it.
    common::assert_renders_async(make, "<div>x</div>");
}

#[test]
fn stream_inside_a_node_fails_a_sync_render() {
    let err = Node::new(htpy::stream(futures::stream::iter(["a"])))
        .render_to_string()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::AsyncInSync { what } if what.starts_with("the stream `"))
    );
}

struct FailingWriter;

impl io::Write for FailingWriter {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("disk full"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_to_reports_the_writer_failure() {
    let err = div().children("x").write_to(FailingWriter).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Write(_)));
    assert_eq!(err.to_string(), "writing the page failed: disk full");
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
}

#[test]
fn render_fmt_writes_and_fails_like_write_to() {
    let mut html = String::new();
    b().children("<x>").render_fmt(&mut html).unwrap();
    assert_eq!(html, "<b>&lt;x&gt;</b>");
    let err = b()
        .children(lazy(boom))
        .render_fmt(&mut String::new())
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Panic { .. }));
}

#[test]
fn error_path_of_a_byte_stream() {
    let items = stream_items(
        ul().children(li().children(database_down())),
        StreamOptions::default(),
    );
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.path(), ["ul", "li"]);
}
