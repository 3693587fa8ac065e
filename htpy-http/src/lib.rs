//! What every htpy web-framework integration shares, with no HTTP or
//! framework types: `htpy-actix` and `htpy-axum` are built on it. Use one
//! of those to serve pages; this crate is for writing another integration.
//!
//! # Starting a page
//!
//! [`start`] renders a page up to its first bytes, which decide the
//! response: the page, streamed as a [`PageBody`] that begins with them, or
//! a [`PageError`] to answer with a `500` and [`FAILED_PAGE`]. A `HEAD`
//! request renders that far too, so it gets the status a `GET` would, and
//! then stops.
//!
//! ```
//! use futures::StreamExt;
//! use htpy::{StreamOptions, future, p};
//! use htpy_http::{Request, start};
//!
//! # futures::executor::block_on(async {
//! let page = p().children(future(async { "late" }));
//! let body = start(page, StreamOptions::default(), Request::new("GET", "/")).await?;
//! let chunks: Vec<_> = body.collect().await;
//! let html: Vec<u8> = chunks.into_iter().flat_map(|chunk| chunk.unwrap()).collect();
//! assert_eq!(html, b"<p>late</p>");
//! # Ok::<(), htpy_http::PageError>(())
//! # }).unwrap();
//! ```
//!
//! # Failures
//!
//! A failure before the first bytes is [`start`]'s error; a failure after
//! them ends the [`PageBody`] with one, and the framework must then cut the
//! response short (close the connection without the final chunk) so that
//! no client takes the page for a whole one. Either error's message names
//! the request and what failed, on one line.
//!
//! ```
//! use htpy::{Context, StreamOptions, p};
//! use htpy_http::{Request, start};
//!
//! static USER: Context<String> = Context::new("user");
//!
//! # futures::executor::block_on(async {
//! let page = p().children(USER.consume(|user| user.clone()));
//! let error = start(page, StreamOptions::default(), Request::new("GET", "/me")).await.unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "GET /me: the page failed before its first bytes, answering 500: \
//!      context \"user\" has no provider above its consumer and no default (in <p>)"
//! );
//! # });
//! ```

#![doc(test(attr(deny(warnings))))]

mod error;
mod request;
mod response;
mod start;

pub use error::PageError;
pub use request::Request;
pub use response::{CONTENT_TYPE, FAILED_PAGE};
pub use start::{PageBody, start};
