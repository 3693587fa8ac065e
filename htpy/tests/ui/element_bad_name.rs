//! A literal element name that is not a valid HTML element name does not compile.
fn main() {
    let _ = htpy::element!("my widget");
}
