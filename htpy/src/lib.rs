//! HTML built from plain Rust: elements are functions, components are
//! functions, and pages render to a `String`, to htpy's chunks, or as a
//! stream of bytes that reaches the browser while slow data is still loading.
//! A port of Python's [htpy](https://htpy.dev) 26.5.1, byte for byte.
//!
//! Import the elements a page uses from [`el`] and the rest from
//! [`prelude`], whose names clash with none of the standard library's:
//! `use htpy::el::{div, p}; use htpy::prelude::*;`. Everything is also at
//! the crate's root.
//!
//! # Elements
//!
//! Every HTML element is a function; `html` writes the doctype first.
//! Void elements take no children (giving them some does not compile);
//! [`element!`] makes any other name, such as a custom element, checked at
//! compile time, and [`element`](fn@element) a name from data.
//!
//! ```
//! use htpy::{Render, body, br, element, html};
//!
//! let page = html().children(body().children((br(), element!("my-widget"))));
//! assert_eq!(
//!     page.render_to_string()?,
//!     "<!doctype html><html><body><br><my-widget></my-widget></body></html>"
//! );
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Attributes
//!
//! The id/class shorthand is checked at compile time with [`sel!`] (at run
//! time with [`Selector::parse`]); any name is an attribute but one that
//! could start another ([`attr_name`] states the rule), names and values are
//! escaped, `true` is bare and `false`/`None` leave it out; classes follow
//! htpy's (classnames) rules.
//!
//! ```
//! use htpy::{Render, button, sel, toggle};
//!
//! let b = button().sel(sel!("#go.btn")).attr("hx-post", "/run?a=1&b=2").attr("disabled", false)
//!     .class(("big", toggle([("active", true)])));
//! assert_eq!(
//!     b.render_to_string()?,
//!     r#"<button id="go" class="big active" hx-post="/run?a=1&amp;b=2"></button>"#
//! );
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Children
//!
//! Text is escaped as markupsafe escapes it; integers, `Option`, `bool`
//! (nothing), tuples, `Vec`s, arrays and iterator adapters nest freely;
//! [`RawHtml`] is not escaped; [`fragment`] and [`comment`] are htpy's;
//! [`css`](fn@css) and [`js`](fn@js) write a style's or a script's text as
//! it is, refusing text that would end the element early.
//! [`Element::child`] adds children one by one, and [`Either`] holds
//! branches that build different elements; [`Node`] holds any child, and
//! [`Nodes`] a list of them built at run time.
//!
//! ```
//! use htpy::{RawHtml, Render, comment, fragment, li, ul};
//!
//! let items = ul().children((0..2).map(|n| li().children(("#", n))));
//! // Safe: a literal entity.
//! let page = fragment((comment("list"), items, "<&>", RawHtml::dangerously_new("&copy;"), None::<&str>));
//! assert_eq!(
//!     page.render_to_string()?,
//!     "<!-- list --><ul><li>#0</li><li>#1</li></ul>&lt;&amp;&gt;&copy;"
//! );
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Components
//!
//! A component is a function that returns `impl Render`; one that takes
//! children takes them as a parameter.
//!
//! ```
//! use htpy::{Render, div, h2, p};
//!
//! fn card(title: &str, body: impl Render) -> impl Render {
//!     div().class("card").children((h2().children(title.to_owned()), body))
//! }
//!
//! assert_eq!(
//!     card("Hi", p().children("there")).render_to_string()?,
//!     r#"<div class="card"><h2>Hi</h2><p>there</p></div>"#
//! );
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Lazy and async children
//!
//! [`lazy`] closures and [`iter`] iterators run when rendering reaches them;
//! [`future`]s and [`stream`]s are awaited then, in document order.
//!
//! ```
//! use htpy::{Render, future, lazy, li, stream, ul};
//!
//! let page = ul().children((
//!     lazy(|| li().children("now")),
//!     future(async { li().children("soon") }),
//!     stream(futures::stream::iter(["a", "b"]).map(|x| li().children(x))),
//! ));
//! # use futures::StreamExt;
//! let html = futures::executor::block_on(page.render_to_string_async())?;
//! assert_eq!(html, "<ul><li>now</li><li>soon</li><li>a</li><li>b</li></ul>");
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Contexts
//!
//! ```
//! use htpy::{Context, Render, span};
//!
//! static THEME: Context<&str> = Context::with_default("theme", "light");
//! let badge = || THEME.consume(|theme| span().class(*theme));
//! let page = (badge(), THEME.provide("dark", badge()));
//! assert_eq!(
//!     page.render_to_string()?,
//!     r#"<span class="light"></span><span class="dark"></span>"#
//! );
//! # Ok::<(), htpy::Error>(())
//! ```
//!
//! # Rendering
//!
//! To a `String` ([`render_to_string`](Render::render_to_string),
//! [`render_into`](Render::render_into), [`write_to`](Render::write_to)),
//! as htpy's chunks ([`iter_chunks`](Render::iter_chunks)), or as a byte
//! stream ([`render_stream`](Render::render_stream)): a [`ByteStream`],
//! rendered as it is polled, flushed at every wait, bounded, stopped when
//! dropped (the client left), and ended by an `Err` if the page fails midway.
//!
//! ```
//! use futures::StreamExt;
//! use htpy::{Render, StreamOptions, div, future};
//!
//! let page = div().children(future(async { "slow" }));
//! let bytes = page.render_stream(StreamOptions::default());
//! let chunks = futures::executor::block_on(bytes.collect::<Vec<_>>());
//! let html: Vec<u8> = chunks.into_iter().flat_map(|chunk| chunk.unwrap()).collect();
//! assert_eq!(html, b"<div>slow</div>");
//! # Ok::<(), htpy::Error>(())
//! ```

#![doc(test(attr(deny(warnings))))]

#[macro_use]
mod rules;

mod asynchronous;
mod attributes;
mod chunks;
mod concurrent;
mod context;
mod either;
mod element;
mod elements;
mod error;
mod escape;
mod fragment;
mod lazy;
mod node;
mod nodes;
mod output;
pub mod prelude;
mod raw_text;
mod render;
mod selector;
mod sequence;
mod size_hint;
mod static_text;
mod stream;
mod suspense;
mod task;
mod text;

pub use asynchronous::{Async, AsyncIter, future, stream};
pub use attributes::{
    Attr, AttrList, AttrRef, AttrValue, Attributes, Class, ClassItem, ClassList, ClassValue,
    Toggle, Value, attr_name, toggle,
};
pub use chunks::Chunks;
pub use concurrent::{Concurrent, concurrent};
pub use context::{Consumer, Context, Cx, Provider};
pub use either::{Either, Either3, Either4};
pub use element::{
    __literal_element, __literal_void_element, DynTag, Element, EndsWithClass, LiteralName,
    LiteralTag, ParentTag, Tag, Void, element, is_void, void_element,
};
pub use elements::el::*;
pub use elements::{el, tags};
pub use error::{Error, ErrorKind, Result};
pub use fragment::{Comment, Fragment, comment, fragment};
pub use lazy::{Iter, Lazy, Scope, Scoped, iter, lazy, scoped};
pub use node::Node;
pub use nodes::Nodes;
pub use output::{Out, Position};
pub use raw_text::{RawText, css, js};
pub use render::{Render, RenderKind, Synchronous};
pub use selector::Selector;
#[doc(hidden)]
pub use static_text::Ends;
pub use stream::{ByteStream, StreamOptions};
pub use suspense::{Suspense, suspense};
#[doc(hidden)]
pub use task::Task;
pub use text::{Decimals, Display, RawHtml, decimals, display};

/// The `futures` crate, whose streams [`stream`] renders: its
/// `stream::iter` and `StreamExt` without a dependency of your own.
///
/// ```
/// use htpy::futures::StreamExt;
/// use htpy::prelude::*;
/// use htpy::el::li;
///
/// let items = stream(htpy::futures::stream::iter(["a", "b"]).map(|x| li().children(x)));
/// # let html = futures::executor::block_on(items.render_to_string_async())?;
/// assert_eq!(html, "<li>a</li><li>b</li>");
/// # Ok::<(), htpy::Error>(())
/// ```
pub use futures;
