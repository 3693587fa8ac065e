//! A synchronous render of a tree holding a future does not compile.
use htpy::Render;

fn main() {
    let _ = htpy::div()
        .children(htpy::future(async { "x" }))
        .render_to_string();
}
