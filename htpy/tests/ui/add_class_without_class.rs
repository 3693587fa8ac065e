//! `add_class` appends to a `.class(..)` given just before it, not across
//! another attribute.
fn main() {
    let _ = htpy::div().class("a").id("x").add_class("b");
}
