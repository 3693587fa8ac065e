//! A literal style text that would end the element early does not compile.
fn main() {
    let _ = htpy::css!("p {} </style><script>alert(1)</script>");
}
