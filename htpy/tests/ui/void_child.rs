//! A child added one by one to a void element does not compile.
fn main() {
    let _ = htpy::br().child("x");
}
