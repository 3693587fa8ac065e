//! A literal shorthand whose id comes after a class does not compile.
fn main() {
    let _ = htpy::sel!(".a#b");
}
