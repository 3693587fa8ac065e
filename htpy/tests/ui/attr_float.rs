//! A float cannot be an attribute value.
fn main() {
    let _ = htpy::div().attr("x", 1.5f64);
}
