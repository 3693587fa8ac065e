//! Children on a void element do not compile.
fn main() {
    let _ = htpy::br().children("x");
}
