//! `void_element!` takes only HTML's void elements.
fn main() {
    let _ = htpy::void_element!("div");
}
