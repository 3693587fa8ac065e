//! `start` and `PageBody` without a server: what a HEAD renders, that the
//! first bytes and the rest make the page, and that dropping a body drops
//! its render.

use std::cell::Cell;
use std::rc::Rc;

use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Render, StreamOptions, div, future, lazy, li, ul};
use htpy_http::{Request, start};

/// Records its drop: proof that a render let go of what it held.
struct Dropped(Rc<Cell<bool>>);

impl Drop for Dropped {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// A page that sends `<div>`, then waits forever holding a [`Dropped`],
/// then would run `after` (a flag that the rest of the page rendered).
fn waiting_page(dropped: &Rc<Cell<bool>>, after: &Rc<Cell<bool>>) -> impl Render + 'static {
    let guard = Dropped(Rc::clone(dropped));
    let after = Rc::clone(after);
    div().children((
        future(async move {
            let _guard = guard;
            futures::future::pending::<&str>().await
        }),
        lazy(move || {
            after.set(true);
            ""
        }),
    ))
}

#[test]
fn head_renders_up_to_the_first_bytes_and_drops_the_render() {
    let (dropped, after) = (Rc::default(), Rc::default());
    let page = waiting_page(&dropped, &after);
    let body = block_on(start(
        page,
        StreamOptions::default(),
        Request::new("HEAD", "/"),
    ))
    .unwrap();
    assert!(
        dropped.get(),
        "the render was dropped when the first bytes were in"
    );
    assert!(!after.get());
    assert_eq!(block_on(body.count()), 0);
}

#[test]
fn dropping_the_body_drops_the_render_mid_wait() {
    let (dropped, after) = (Rc::default(), Rc::default());
    let page = waiting_page(&dropped, &after);
    let mut body = block_on(start(
        page,
        StreamOptions::default(),
        Request::new("GET", "/"),
    ))
    .unwrap();
    assert_eq!(block_on(body.next()).unwrap().unwrap(), "<div>");
    assert!(!dropped.get(), "the render waits");
    drop(body);
    assert!(dropped.get());
    assert!(!after.get());
}

#[test]
fn first_bytes_and_the_rest_add_up_to_the_whole_page_in_order() {
    // Many 16-byte buffers: `start` takes the first, the body yields it,
    // then the rest.
    let page = ul().children((0..40).map(|n| li().children(n)));
    let options = StreamOptions::default().buffer_size(16);
    let body = block_on(start(page, options, Request::new("GET", "/"))).unwrap();
    let html: Vec<u8> = block_on(body.collect::<Vec<_>>())
        .into_iter()
        .flat_map(Result::unwrap)
        .collect();
    let whole = ul().children((0..40).map(|n| li().children(n)));
    assert_eq!(html, whole.render_to_string().unwrap().into_bytes());
}
