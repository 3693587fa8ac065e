//! Nor does one added to a void element named at run time.
fn main() -> htpy::Result<()> {
    let _ = htpy::void_element("hr")?.child("x");
    Ok(())
}
