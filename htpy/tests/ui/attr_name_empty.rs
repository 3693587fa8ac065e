//! An empty attribute name checked in a `const` block does not compile.
fn main() {
    let _ = htpy::div().attr(const { htpy::attr_name("") }, "x onload=alert(1)");
}
