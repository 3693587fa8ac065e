//! What a page's code uses besides the elements, without names that clash
//! with the standard library's or yours (htpy's `Result`, `Error` and
//! `Display` stay at the crate's root, and the elements in [`el`](crate::el)).
//!
//! ```
//! use htpy::el::{li, ul};
//! use htpy::prelude::*;
//!
//! let page = ul().children((1..=2).map(|n| li().children(n)));
//! assert_eq!(page.render_to_string()?, "<ul><li>1</li><li>2</li></ul>");
//! # Ok::<(), htpy::Error>(())
//! ```

pub use crate::{
    Context, Either, Either3, Either4, Node, Nodes, RawHtml, Render, StreamOptions, Synchronous,
    comment, concurrent, css, decimals, display, element, fragment, future, iter, js, lazy, scoped,
    sel, stream, suspense, toggle, void_element,
};
