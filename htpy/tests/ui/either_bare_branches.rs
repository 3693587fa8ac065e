//! Branches of different elements are different types: the error `Either`
//! answers (see docs/src/components.md).
fn label(strong: bool) -> impl htpy::Render {
    if strong { htpy::b().children("a") } else { htpy::i().children("b") }
}

fn main() {
    let _ = label(true);
}
