//! The same tree as `sync_render_of_future.rs`, rendered asynchronously, compiles.
use htpy::Render;

fn main() {
    let page = htpy::div().children(htpy::future(async { "x" }));
    let html = futures::executor::block_on(page.render_to_string_async()).unwrap();
    assert_eq!(html, "<div>x</div>");
}
