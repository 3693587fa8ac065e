//! A component's `impl Render` does not hide a future from a synchronous
//! render: `cargo check` refuses it at the call.
use htpy::Render;

fn slow_card() -> impl Render {
    htpy::div().children(htpy::future(async { "x" }))
}

fn main() {
    let _ = slow_card().render_to_string();
}
