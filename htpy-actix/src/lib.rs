//! Streams [htpy] pages from [actix-web](actix_web) handlers: the
//! browser gets the page's head and shell at once and the rest as slow
//! components resolve.
//!
//! # Responding with a page
//!
//! A handler builds its page and hands it to [`Page::respond`] (or the
//! shorthand [`stream_response`]). The render runs on the worker's thread,
//! driven by the task that sends the response, so components need not be
//! `Send`.
//!
//! ```no_run
//! use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
//! use htpy::{Render, body, future, h1, html, p};
//! use htpy_actix::HtpyServerExt as _;
//!
//! fn page() -> impl Render + 'static {
//!     html().children(body().children((
//!         h1().children("Hello"),
//!         future(async { p().children("loaded later") }),
//!     )))
//! }
//!
//! async fn index(req: HttpRequest) -> HttpResponse {
//!     htpy_actix::stream_response(&req, page()).await
//! }
//!
//! #[actix_web::main]
//! async fn main() -> std::io::Result<()> {
//!     HttpServer::new(|| {
//!         App::new()
//!             .route("/", web::get().to(index))
//!             // `web::get()` does not match HEAD: route it to the same handler.
//!             .route("/", web::head().to(index))
//!     })
//!         // A client that leaves mid-page stops its render at once (see below).
//!         .htpy_defaults()
//!         .bind(("127.0.0.1", 8080))?
//!         .run()
//!         .await
//! }
//! ```
//!
//! # What goes out
//!
//! - **Headers with the first bytes.** The first buffer is awaited before
//!   the response is built, with `Content-Type: text/html; charset=utf-8`:
//!   chunked, or, for a page that ended by then, whole with its length.
//! - **Failures before the first bytes** (before the page first waits for a
//!   future or a stream) become a `500 Internal Server Error` with a short
//!   page; the error is logged.
//! - **Failures after the first bytes** end the response with an error:
//!   actix closes the connection without the final zero-length chunk, so no
//!   client, proxy or cache takes the truncated page for a whole one. actix
//!   logs that error itself (`Response payload stream error: ...`); its
//!   message names the request and what failed, so the failure is logged
//!   once, on one line.
//! - **`HEAD`** renders up to the first bytes, so it answers the status a
//!   `GET` would (a `500` for a page failing early), then stops: no body, no
//!   render left running. Actix's `web::get()` guard matches GET only: route
//!   HEAD to the same handler with `web::head()`, as above.
//! - **Compression.** Behind actix's `Compress` middleware the page still
//!   streams: actix-http 3.18.12 and later flush the encoder whenever the page
//!   waits.
//!
//! # Server settings
//!
//! When a client leaves mid-page, actix drops the response body, which stops
//! the render (and drops the component it was waiting for). Actix's
//! defaults get in the way; [`HtpyServerExt::htpy_defaults`] sets, in one
//! call:
//!
//! - `h1_allow_half_closed(false)`: by default (since actix-http 3.11.2)
//!   actix keeps a connection whose client sent FIN alive until a write to
//!   it fails, so a page waiting on a slow component keeps rendering for no
//!   one. With `false` the render stops as soon as the FIN arrives. (A reset
//!   connection is noticed either way.) It costs HTTP/1 clients that
//!   half-close on purpose after sending their request; browsers do not.
//! - `tcp_nodelay(true)`: without it, Nagle's algorithm may hold a small
//!   streamed write (the shell, one list item) until the previous one is
//!   acknowledged.
//!
//! # Logging
//!
//! A failure before the first bytes is logged through the [`log`] facade,
//! which actix-web itself logs through, at the `error` level; one after
//! them is logged by actix-http, through `tracing`, which hands it to `log`
//! when no `tracing` subscriber is installed. Install a logger
//! (`env_logger`, or any other) to see them.

#![doc(test(attr(deny(warnings))))]

mod page;
mod server;

pub use page::{Page, stream_response};
pub use server::HtpyServerExt;
