//! Slow sections that do not wait for each other: `concurrent` children
//! (same bytes, futures started together, bounded, failures in document
//! order) and `suspense` sections streamed out of order.

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{assert_renders, assert_renders_async, stream_items, yield_now};
use futures::StreamExt as _;
use futures::channel::oneshot;
use futures::executor::block_on;
use htpy::{
    Render, StreamOptions, body, concurrent, div, future, html, iter, lazy, li, p, scoped,
    suspense, table, td, tr, ul,
};

/// Sets its flag when dropped.
struct DropGuard(Rc<Cell<bool>>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

fn text(items: &[htpy::Result<bytes::Bytes>]) -> String {
    items
        .iter()
        .map(|item| String::from_utf8(item.as_ref().unwrap().to_vec()).unwrap())
        .collect()
}

#[test]
fn concurrent_children_render_the_same_bytes() {
    let make = || {
        ul().children(concurrent((
            future(async {
                yield_now().await;
                li().children("a")
            }),
            li().children("b"),
            htpy::stream(futures::stream::iter(["c", "d"]).then(|x| async move {
                yield_now().await;
                li().children(x)
            })),
            future(async { li().children(future(async { "e" })) }),
        )))
    };
    assert_renders_async(
        make,
        "<ul><li>a</li><li>b</li><li>c</li><li>d</li><li>e</li></ul>",
    );
    // A tree that never waits renders as it is, synchronously too.
    assert_renders(
        || div().children(concurrent((p().children(1), p().children(2)))),
        "<div><p>1</p><p>2</p></div>",
    );
}

#[test]
fn futures_after_a_slow_one_start_before_it_resolves() {
    let (release, slow) = oneshot::channel::<&str>();
    let started = Rc::new(Cell::new(false));
    let flag = Rc::clone(&started);
    let page = div().children(concurrent((
        future(async move { slow.await.unwrap() }),
        future(async move {
            flag.set(true);
            "second"
        }),
    )));
    let mut bytes = page.render_stream(StreamOptions::default());
    assert_eq!(block_on(bytes.next()).unwrap().unwrap(), "<div>");
    assert!(started.get(), "the second future waited for the first");
    release.send("first").unwrap();
    assert_eq!(
        block_on(bytes.next()).unwrap().unwrap(),
        "firstsecond</div>"
    );
}

#[test]
fn a_part_ahead_of_its_turn_buffers_at_most_about_a_buffer() {
    const ITEM: &str = "0123456789";
    let (release, slow) = oneshot::channel::<&str>();
    let pulled = Rc::new(Cell::new(0_usize));
    let count = Rc::clone(&pulled);
    let page = concurrent((
        future(async move { slow.await.unwrap() }),
        future(async move {
            iter((0..10_000).map(move |_| {
                count.set(count.get() + 1);
                ITEM
            }))
        }),
    ));
    let options = StreamOptions::default().buffer_size(64);
    let mut bytes = page.render_stream(options.clone());
    assert!(matches!(
        futures::FutureExt::now_or_never(bytes.next()),
        None | Some(Some(Ok(_)))
    ));
    let bound = options.memory_bound() / ITEM.len() + 2;
    assert!(
        pulled.get() <= bound,
        "pulled {} items ahead of their turn, bound {bound}",
        pulled.get()
    );
    release.send("x").unwrap();
    let rest: Vec<_> = block_on(bytes.collect::<Vec<_>>());
    assert_eq!(text(&rest).len(), 1 + 10_000 * ITEM.len());
}

#[test]
fn a_failing_part_ends_the_stream_in_its_turn_and_drops_the_rest() {
    let (release, slow) = oneshot::channel::<&str>();
    let dropped = Rc::new(Cell::new(false));
    let guard = DropGuard(Rc::clone(&dropped));
    let page = div().children(concurrent((
        future(async move { slow.await.unwrap() }),
        future(async {
            yield_now().await;
            Err::<&str, _>(std::io::Error::other("down"))
        }),
        future(async move {
            let _guard = guard;
            futures::future::pending::<&str>().await
        }),
    )));
    let mut bytes = page.render_stream(StreamOptions::default());
    assert_eq!(block_on(bytes.next()).unwrap().unwrap(), "<div>");
    release.send("before the failure").unwrap();
    assert_eq!(
        block_on(bytes.next()).unwrap().unwrap(),
        "before the failure"
    );
    let error = block_on(bytes.next()).unwrap().unwrap_err();
    assert_eq!(error.to_string(), "a component failed: down (in <div>)");
    assert!(block_on(bytes.next()).is_none());
    drop(bytes);
    assert!(dropped.get());
}

#[test]
fn dropping_the_stream_drops_every_pending_part() {
    let guards: Vec<_> = (0..3).map(|_| Rc::new(Cell::new(false))).collect();
    let parts: Vec<_> = guards
        .iter()
        .map(|flag| {
            let guard = DropGuard(Rc::clone(flag));
            future(async move {
                let _guard = guard;
                futures::future::pending::<&str>().await
            })
        })
        .collect();
    let mut bytes = div()
        .children(concurrent(parts))
        .render_stream(StreamOptions::default());
    assert_eq!(block_on(bytes.next()).unwrap().unwrap(), "<div>");
    assert!(guards.iter().all(|flag| !flag.get()));
    drop(bytes);
    assert!(guards.iter().all(|flag| flag.get()));
}

/// A page with a section whose content waits for `data`.
fn page_with_section(data: oneshot::Receiver<&'static str>) -> impl Render {
    html().children(body().children((
        p().children("top"),
        suspense(
            p().children("Loading…"),
            future(async move { p().children(data.await.unwrap()) }),
        ),
        p().children("bottom"),
    )))
}

#[test]
fn a_section_sends_its_fallback_first_and_its_content_when_ready() {
    let (data_tx, data_rx) = oneshot::channel();
    let mut bytes = page_with_section(data_rx).render_stream(StreamOptions::default());
    let first = String::from_utf8(block_on(bytes.next()).unwrap().unwrap().to_vec()).unwrap();
    let prefix = &first[first.find("id=\"h").unwrap() + 4..][..13];
    assert_eq!(
        first,
        format!(
            "<!doctype html><html><body><p>top</p><template id=\"{prefix}-1-s\"></template>\
             <p>Loading…</p><template id=\"{prefix}-1-e\"></template><p>bottom</p>"
        )
    );
    data_tx.send("42").unwrap();
    let rest = text(&block_on(bytes.collect::<Vec<_>>()));
    assert!(
        rest.starts_with("<script>self.htpySwap=function(i){"),
        "{rest}"
    );
    assert!(
        rest.ends_with(&format!(
            "<template id=\"{prefix}-1-c\"><p>42</p></template>\
             <script>htpySwap('{prefix}-1')</script></body></html>"
        )),
        "{rest}"
    );
}

#[test]
fn other_renderers_put_the_content_in_place() {
    let in_place = "<!doctype html><html><body><p>top</p><p>42</p><p>bottom</p></body></html>";
    let (tx, rx) = oneshot::channel();
    tx.send("42").unwrap();
    let page = page_with_section(rx);
    assert_eq!(block_on(page.render_to_string_async()).unwrap(), in_place);
    let (tx, rx) = oneshot::channel();
    tx.send("42").unwrap();
    let items = stream_items(
        page_with_section(rx),
        StreamOptions::default().out_of_order(false),
    );
    assert_eq!(text(&items), in_place);
    assert_renders(
        || suspense("Loading", p().children("ready")),
        "<p>ready</p>",
    );
}

#[test]
fn ids_differ_between_renders_and_scripts_carry_the_nonce() {
    let first_id = |options: StreamOptions| {
        let (tx, rx) = oneshot::channel();
        block_on(async {
            let mut bytes = page_with_section(rx).render_stream(options);
            let first = bytes.next().await.unwrap().unwrap();
            tx.send("x").unwrap();
            let mut all = first.to_vec();
            while let Some(item) = bytes.next().await {
                all.extend_from_slice(&item.unwrap());
            }
            String::from_utf8(all).unwrap()
        })
    };
    let one = first_id(StreamOptions::default().nonce("n\"0"));
    let two = first_id(StreamOptions::default());
    let id = |html: &str| html[html.find("id=\"h").unwrap() + 4..][..13].to_owned();
    assert_ne!(id(&one), id(&two));
    assert_eq!(one.matches("<script nonce=\"n&#34;0\">").count(), 2);
    assert_eq!(one.matches("<script").count(), 2);
}

#[test]
fn a_failing_section_ends_the_stream_without_the_closing_tags() {
    let page = html().children(body().children(suspense(
        "Loading",
        future(async {
            yield_now().await;
            Err::<&str, _>(std::io::Error::other("down"))
        }),
    )));
    let items = stream_items(page, StreamOptions::default());
    let (last, before) = items.split_last().unwrap();
    assert!(last.is_err());
    assert!(!text(before).contains("</body>"));
}

#[test]
fn a_section_in_a_table_is_sent_after_the_table() {
    let (tx, rx) = oneshot::channel::<&str>();
    let (late_tx, late_rx) = oneshot::channel::<&str>();
    let page = body().children((
        table().children(
            tr().children(td().children(suspense("…", future(async move { rx.await.unwrap() })))),
        ),
        future(async move { late_rx.await.unwrap() }),
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    let first = block_on(bytes.next()).unwrap().unwrap();
    assert!(first.ends_with(b"</td></tr></table>"));
    // Ready while the page waits after the table: sent there.
    tx.send("cell").unwrap();
    let section = block_on(bytes.next()).unwrap().unwrap();
    assert!(section.starts_with(b"<script>self.htpySwap"));
    assert!(section.ends_with(b"-1')</script>"));
    late_tx.send("after").unwrap();
    assert_eq!(text(&block_on(bytes.collect::<Vec<_>>())), "after</body>");
}

#[test]
fn a_nested_section_is_sent_after_the_one_that_holds_it() {
    let (outer_tx, outer_rx) = oneshot::channel::<&str>();
    let page = body().children(suspense(
        "outer…",
        future(async move {
            let inner = suspense("inner…", future(async { "inner" }));
            div().children((outer_rx.await.unwrap(), inner))
        }),
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    let _shell = block_on(bytes.next()).unwrap().unwrap();
    outer_tx.send("outer").unwrap();
    let rest = text(&block_on(bytes.collect::<Vec<_>>()));
    let outer = rest.find("<div>outer").unwrap();
    assert!(rest.ends_with("</script></body>"));
    // The inner content was ready when reached: in place, inside the outer.
    assert!(rest[outer..].starts_with("<div>outerinner</div>"), "{rest}");
}

#[test]
fn a_nested_slow_section_follows_its_outer_section() {
    let (outer_tx, outer_rx) = oneshot::channel::<&str>();
    let (inner_tx, inner_rx) = oneshot::channel::<&str>();
    let page = body().children(suspense(
        "outer…",
        future(async move {
            let inner = suspense("inner…", future(async move { inner_rx.await.unwrap() }));
            div().children((outer_rx.await.unwrap(), inner))
        }),
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    let _shell = block_on(bytes.next()).unwrap().unwrap();
    outer_tx.send("outer").unwrap();
    let outer = String::from_utf8(block_on(bytes.next()).unwrap().unwrap().to_vec()).unwrap();
    // The outer section, holding the inner one's fallback.
    assert!(outer.contains("-1-c\"><div>outer<template id="), "{outer}");
    assert!(outer.contains("inner…"), "{outer}");
    inner_tx.send("inner").unwrap();
    let rest = text(&block_on(bytes.collect::<Vec<_>>()));
    assert!(rest.starts_with("<template id=\"h"), "{rest}");
    assert!(rest.contains("-2-c\">inner</template>"), "{rest}");
    assert!(rest.ends_with("-2')</script></body>"), "{rest}");
}

#[test]
fn lazy_children_after_a_pending_part_run_ahead_inside_concurrent() {
    let (release, slow) = oneshot::channel::<&str>();
    let ran = Rc::new(Cell::new(false));
    let flag = Rc::clone(&ran);
    let page = concurrent((
        future(async move { slow.await.unwrap() }),
        lazy(move || {
            flag.set(true);
            "lazy"
        }),
        scoped(|scope| scope.bytes_rendered() > 0),
    ));
    let mut bytes = page.render_stream(StreamOptions::default());
    assert!(futures::FutureExt::now_or_never(bytes.next()).is_none());
    assert!(ran.get());
    release.send("slow").unwrap();
    assert_eq!(text(&block_on(bytes.collect::<Vec<_>>())), "slowlazy");
}
