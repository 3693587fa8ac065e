//! A float cannot be a child.
fn main() {
    let _ = htpy::div().children(1.5f64);
}
