//! A `Vec` cannot be an attribute value (class lists go through `.class`).
fn main() {
    let _ = htpy::div().attr("x", vec!["a", "b"]);
}
