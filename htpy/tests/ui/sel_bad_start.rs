//! A literal shorthand that does not start with `#` or `.` does not compile (as htpy, for "a b").
fn main() {
    let _ = htpy::sel!("a b");
}
