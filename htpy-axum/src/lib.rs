//! Streams [htpy] pages from [axum] handlers: the browser gets the page's
//! head and shell at once and the rest as slow components resolve.
//!
//! # Responding with a page
//!
//! A handler takes a [`PageRequest`] (an extractor: the method and path)
//! and hands it, with its page, to [`Page::respond`] or the shorthand
//! [`stream_response`].
//!
//! ```no_run
//! use axum::Router;
//! use axum::response::Response;
//! use axum::routing::get;
//! use htpy::{Render, body, future, h1, html, p};
//! use htpy_axum::PageRequest;
//!
//! fn page() -> impl Render + Send + 'static {
//!     html().children(body().children((
//!         h1().children("Hello"),
//!         future(async { p().children("loaded later") }),
//!     )))
//! }
//!
//! async fn index(request: PageRequest) -> Response {
//!     htpy_axum::stream_response(request, page()).await
//! }
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     // `get` answers HEAD too.
//!     let app = Router::new().route("/", get(index));
//!     let listener = tokio::net::TcpListener::bind(("127.0.0.1", 8080)).await?;
//!     axum::serve(listener, app).await
//! }
//! ```
//!
//! # Where the page renders
//!
//! axum needs a response body to be `Send`; a page's render is not (its
//! components need not be). So each page renders on one thread of a pool
//! of single-threaded runtimes, one thread per core, started with the
//! first page, and its bytes reach the response body through a bounded
//! channel. The page value crosses to that thread, so it must be
//! `Send + 'static` ([`Page::new`]); a page with `!Send` parts (an `Rc`, a
//! future holding one) is built on that thread by a `Send` closure instead
//! ([`Page::build`]). Components may use tokio's timers and I/O there; a
//! task they spawn runs on that thread's runtime.
//!
//! # What goes out
//!
//! - **Headers with the first bytes.** The first buffer (and any rendered
//!   behind it) is awaited before the response is built, with
//!   `Content-Type: text/html; charset=utf-8`: chunked, or, for a page that
//!   ended by then, whole with its length.
//! - **A failure before the first bytes** (before the page first waits for
//!   a future or a stream, or fills its first buffer) becomes a
//!   `500 Internal Server Error` with a short page; the error is logged.
//! - **A failure after the first bytes** ends the body with an error:
//!   hyper closes the connection without the final zero-length chunk, so no
//!   client, proxy or cache takes the truncated page for a whole one. The
//!   error is logged once, with the request and what failed.
//! - **`HEAD`** renders up to the first bytes, so it answers the status a
//!   `GET` would (a `500` for a page failing early), then stops: no body,
//!   no render left running. axum's `get` routes HEAD to the same handler.
//! - **A client that leaves** drops the body, which stops the render at
//!   once, even while it waits for a slow component (which is dropped).
//!   axum's server notices a FIN or a reset mid-response without settings.
//! - **Compression.** Behind tower-http's `CompressionLayer` the page still
//!   streams: its encoder flushes whenever the page waits.
//!
//! # Logging
//!
//! Errors are logged through [`tracing`], as axum's and hyper's own are, at
//! the `error` level: install a subscriber (`tracing-subscriber`) to see
//! them.

#![doc(test(attr(deny(warnings))))]

mod page;
mod pool;
mod request;

pub use page::{Page, stream_response};
pub use request::PageRequest;
