//! `Either`, `Either3` and `Either4`: branches of different types as one
//! child, through every renderer, async branches included.

mod common;

use common::{assert_renders, assert_renders_async, yield_now};
use htpy::el::{b, div, hr, i, li, span, ul};
use htpy::prelude::*;
use htpy::{RenderKind, StreamOptions};

fn kind<T: Render>(_: &T) -> RenderKind {
    T::KIND
}

/// What `if strong { b() } else { i() }` would have been, had it compiled.
fn label(strong: bool, text: &'static str) -> Either<impl Render, impl Render> {
    if strong {
        Either::Left(b().children(text))
    } else {
        Either::Right(i().children(text))
    }
}

#[test]
fn if_else_of_different_elements() {
    assert_renders(
        || div().children(label(true, "<a>")),
        "<div><b>&lt;a&gt;</b></div>",
    );
    assert_renders(|| div().children(label(false, "b")), "<div><i>b</i></div>");
    assert_renders(
        || ul().children([true, false, true].map(|on| li().children(label(on, "x")))),
        "<ul><li><b>x</b></li><li><i>x</i></li><li><b>x</b></li></ul>",
    );
}

#[test]
fn either_is_as_sync_as_its_sides() {
    assert_eq!(kind(&label(true, "x")), RenderKind::Sync);
    let dynamic: Either<&str, Node<'_>> = Either::Left("x");
    assert_eq!(kind(&dynamic), RenderKind::Dynamic);
    let later: Either<&str, _> = Either::Left::<_, htpy::Async<std::future::Ready<&str>>>("x");
    assert_eq!(kind(&later), RenderKind::Async);
}

#[test]
fn an_async_side_renders_through_the_async_renderers() {
    let slow = |ready: bool| {
        if ready {
            Either::Left(span().children("now"))
        } else {
            Either::Right(future(async {
                yield_now().await;
                span().children("later")
            }))
        }
    };
    assert_renders_async(
        || div().children(slow(false)),
        "<div><span>later</span></div>",
    );
    assert_renders_async(|| div().children(slow(true)), "<div><span>now</span></div>");
    // The stream flushes what came before the wait, as for any future child.
    let items = common::stream_items(div().children(("a", slow(false))), StreamOptions::default());
    let chunks: Vec<String> = items
        .into_iter()
        .map(|item| String::from_utf8(item.unwrap().to_vec()).unwrap())
        .collect();
    assert_eq!(chunks, ["<div>a", "<span>later</span></div>"]);
}

#[test]
fn either3_and_either4_for_matches() {
    let three = |n: u8| match n {
        0 => Either3::A(hr()),
        1 => Either3::B("one"),
        _ => Either3::C(b().children(n)),
    };
    assert_renders(|| (three(0), three(1), three(7)), "<hr>one<b>7</b>");
    let four = |n: u8| match n {
        0 => Either4::A(hr()),
        1 => Either4::B("one"),
        2 => Either4::C(i().children(2)),
        _ => Either4::D(Either::Left::<_, ()>(b().children(n))),
    };
    assert_renders(
        || (four(0), four(1), four(2), four(9)),
        "<hr>one<i>2</i><b>9</b>",
    );
}

#[test]
fn a_failing_side_fails_with_its_path() {
    let failing = Either::Right::<&str, _>(span().children(Err::<&str, _>("no data")));
    common::assert_fails(
        move || failing.clone(),
        "a component failed: no data (in <span>)",
    );
}
