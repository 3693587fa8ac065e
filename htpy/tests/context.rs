//! Contexts: defaults, missing providers, shadowing, and consumers inside
//! lazy, scoped, future and stream children.

mod common;

use common::{
    assert_chunks, assert_fails, assert_fails_async, assert_renders, assert_renders_async,
};
use futures::StreamExt as _;
use htpy::{
    Context, ErrorKind, Render, b, body, div, future, html, i, lazy, main, scoped, span, stream,
};

static THEME: Context<&str> = Context::with_default("theme", "light");
static N: Context<i32> = Context::new("n");
static USER: Context<String> = Context::new("user");

fn badge() -> impl Render {
    THEME.consume(|theme| span().class(*theme))
}

fn show() -> impl Render {
    N.consume(|n| *n)
}

#[test]
fn default_value() {
    assert_renders(badge, r#"<span class="light"></span>"#);
    assert_renders(|| THEME.consume(|theme| *theme), "light");
}

#[test]
fn provided_value() {
    assert_renders(
        || THEME.provide("dark", badge()),
        r#"<span class="dark"></span>"#,
    );
    assert_renders(
        || {
            USER.provide(
                "Ada".to_owned(),
                div().children(lazy(|| USER.consume(|u| b().children(u.clone())))),
            )
        },
        "<div><b>Ada</b></div>",
    );
    assert_chunks(
        || div().children(THEME.provide("dark", badge())),
        &["<div>", r#"<span class="dark">"#, "</span>", "</div>"],
    );
}

#[test]
fn shadowing_and_restore() {
    assert_renders(
        || {
            div().children((
                badge(),
                THEME.provide("dark", (badge(), THEME.provide("x", badge()), badge())),
                badge(),
            ))
        },
        r#"<div><span class="light"></span><span class="dark"></span><span class="x"></span><span class="dark"></span><span class="light"></span></div>"#,
    );
    assert_renders(
        || N.provide(1, (show(), N.provide(2, show()), show())),
        "121",
    );
    assert_chunks(
        || {
            N.provide(
                1,
                div().children((show(), N.provide(2, b().children(show())), show())),
            )
        },
        &["<div>", "1", "<b>", "2", "</b>", "1", "</div>"],
    );
}

#[test]
fn two_contexts_of_the_same_type_are_distinct() {
    static A: Context<i32> = Context::new("a");
    static B: Context<i32> = Context::new("b");
    assert_renders(
        || A.provide(1, B.provide(2, (A.consume(|a| *a), B.consume(|b| *b)))),
        "12",
    );
}

#[test]
fn missing_context_names_the_context_and_the_path() {
    let err = assert_fails(
        || html().children(body().children(main().children(USER.consume(Clone::clone)))),
        "context \"user\" has no provider above its consumer and no default \
         (in <html> > <body> > <main>)",
    );
    assert!(matches!(err.kind(), ErrorKind::ContextMissing { context } if context == "user"));
    assert_eq!(err.path(), ["html", "body", "main"]);
}

#[test]
fn missing_context_at_the_top() {
    let err = assert_fails(
        || USER.consume(Clone::clone),
        "context \"user\" has no provider above its consumer and no default",
    );
    assert!(err.path().is_empty());
}

#[test]
fn provider_does_not_leak_to_siblings() {
    assert_fails(
        || div().children((N.provide(1, show()), show())),
        "context \"n\" has no provider above its consumer and no default (in <div>)",
    );
}

#[test]
fn runtime_named_context() {
    let ctx = Box::new(Context::named(format!("ctx-{}", 1), Some("x".to_owned())));
    assert_eq!(ctx.name(), "ctx-1");
    assert_renders(|| ctx.consume(Clone::clone), "x");
    assert_renders(
        || ctx.provide("y".to_owned(), ctx.consume(Clone::clone)),
        "y",
    );
}

#[test]
fn consumed_inside_lazy_and_scoped() {
    assert_renders(|| N.provide(3, div().children(lazy(show))), "<div>3</div>");
    assert_renders(
        || N.provide(4, scoped(|scope| scope.context(&N).map(|n| n + 1))),
        "5",
    );
    assert_renders(
        || scoped(|scope| scope.context(&THEME).map(|t| t.to_uppercase())),
        "LIGHT",
    );
    assert_fails(
        || div().children(scoped(|scope| scope.context(&N).copied())),
        "context \"n\" has no provider above its consumer and no default (in <div>)",
    );
}

#[test]
fn consumed_inside_future_and_stream() {
    // htpy: ['<div>', '<i>', '5', '</i>', '5', '<b>', '5', '</b>', '5', '</div>']
    assert_renders_async(
        || {
            N.provide(
                5,
                div().children((
                    future(async { i().children(show()) }),
                    stream(futures::stream::iter(0..2).map(|_| b().children(show()))),
                    lazy(show),
                )),
            )
        },
        "<div><i>5</i><b>5</b><b>5</b>5</div>",
    );
    assert_renders_async(
        || {
            N.provide(
                1,
                (
                    future(async { show() }),
                    N.provide(2, future(async { show() })),
                    future(async { show() }),
                ),
            )
        },
        "121",
    );
}

#[test]
fn missing_context_inside_a_future() {
    assert_fails_async(
        || div().children(future(async { b().children(show()) })),
        "context \"n\" has no provider above its consumer and no default (in <div> > <b>)",
    );
}
