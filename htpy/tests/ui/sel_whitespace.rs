//! A literal shorthand with whitespace does not compile.
fn main() {
    let _ = htpy::sel!("a b");
}
