//! A constant attribute name that could start another attribute does not compile.
fn main() {
    const NAME: &str = htpy::attr_name("x onload");
    let _ = htpy::div().attr(NAME, "alert(1)");
}
