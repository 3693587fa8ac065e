//! Streams [htpy] pages from [actix-web](actix_web) handlers: the
//! browser gets the page's head and shell at once and the rest as slow
//! components resolve.
//!
//! # Responding with a page
//!
//! A handler builds its page and hands it to [`Page::respond`] (or the
//! shorthand [`stream_response`]). The render runs on the worker's own
//! runtime, so components need not be `Send`.
//!
//! ```no_run
//! use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
//! use htpy::{Render, body, future, h1, html, p};
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
//!         // Notice a client that leaves mid-page at once (see below).
//!         .h1_allow_half_closed(false)
//!         // Send small streamed writes without waiting for the client's ACK.
//!         .tcp_nodelay(true)
//!         .bind(("127.0.0.1", 8080))?
//!         .run()
//!         .await
//! }
//! ```
//!
//! # What goes out
//!
//! - **Headers with the first bytes.** The first chunk is awaited before the
//!   response is built, with `Content-Type: text/html; charset=utf-8` and
//!   chunked transfer encoding.
//! - **Failures before the first bytes** (before the page first waits for a
//!   future or a stream) become a `500 Internal Server Error` with a short
//!   page; the error is logged.
//! - **Failures after the first bytes** end the response with an error:
//!   actix closes the connection without the final zero-length chunk, so no
//!   client, proxy or cache takes the truncated page for a whole one. The
//!   error is logged with the request and what failed.
//! - **`HEAD`** answers with the status and headers and does not render.
//!   Actix's `web::get()` guard matches GET only: route HEAD to the same
//!   handler with `web::head()`, as above.
//! - **Compression.** Behind actix's `Compress` middleware the page still
//!   streams: actix-http 3.18.12 and later flush the encoder whenever the page
//!   waits.
//!
//! # Server settings
//!
//! When a client leaves mid-page, actix drops the response body, which stops
//! the render (and drops the component it was waiting for). Two settings of
//! [`HttpServer`](actix_web::HttpServer) matter:
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
//! Errors are logged through the [`log`] facade, which actix-web itself
//! logs through, at the `error` level: install a logger (`env_logger`, or
//! any other) to see them.

#![doc(test(attr(deny(warnings))))]

use std::convert::Infallible;

use actix_web::http::header::TryIntoHeaderPair;
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use bytes::Bytes;
use futures::{FutureExt as _, StreamExt as _, stream};
use htpy::{ByteStream, Render, StreamOptions};

/// The content type of every page.
const HTML: &str = "text/html; charset=utf-8";

/// The body of the 500 response for a page that failed before its first bytes.
const FAILED_PAGE: &str = "<!doctype html><html><head><title>500 Internal Server Error</title></head>\
    <body><h1>Internal Server Error</h1><p>The page could not be rendered.</p></body></html>";

/// A page to stream as an actix response, with its status and headers.
///
/// `Page` is not an actix `Responder`: `Responder::respond_to` is
/// synchronous, so it cannot await the page's first bytes, which decide
/// between the page and a 500. Await [`Page::respond`] in the handler
/// instead.
///
/// ```
/// use actix_web::http::StatusCode;
/// use actix_web::test::TestRequest;
/// use htpy::h1;
///
/// # actix_web::rt::System::new().block_on(async {
/// let req = TestRequest::default().to_http_request();
/// let response = htpy_actix::Page::new(h1().children("Not here"))
///     .status(StatusCode::NOT_FOUND)
///     .insert_header(("cache-control", "no-store"))
///     .respond(&req)
///     .await;
/// assert_eq!(response.status(), StatusCode::NOT_FOUND);
/// assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
/// assert_eq!(response.headers().get("content-type").unwrap(), "text/html; charset=utf-8");
/// # });
/// ```
#[must_use = "a page does nothing until it is responded with"]
pub struct Page<T> {
    tree: T,
    response: HttpResponseBuilder,
    options: StreamOptions,
}

impl<T: Render + 'static> Page<T> {
    /// A page answered with `200 OK` and `Content-Type: text/html; charset=utf-8`.
    ///
    /// ```
    /// use actix_web::test::TestRequest;
    /// use htpy::p;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().to_http_request();
    /// let response = htpy_actix::Page::new(p().children("hi")).respond(&req).await;
    /// let body = actix_web::body::to_bytes(response.into_body()).await.unwrap();
    /// assert_eq!(body, "<p>hi</p>");
    /// # });
    /// ```
    pub fn new(tree: T) -> Self {
        let mut response = HttpResponse::Ok();
        response.content_type(HTML);
        Self {
            tree,
            response,
            options: StreamOptions::default(),
        }
    }

    /// Sets the status of the response (not of the 500 that replaces a page
    /// failing before its first bytes).
    ///
    /// ```
    /// use actix_web::{http::StatusCode, test::TestRequest};
    /// use htpy::p;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().to_http_request();
    /// let page = htpy_actix::Page::new(p().children("gone")).status(StatusCode::GONE);
    /// assert_eq!(page.respond(&req).await.status(), StatusCode::GONE);
    /// # });
    /// ```
    pub fn status(mut self, status: StatusCode) -> Self {
        self.response.status(status);
        self
    }

    /// Inserts a header, replacing any of the same name, the content type
    /// included. An invalid header makes the response actix's error for it.
    ///
    /// ```
    /// use actix_web::test::TestRequest;
    /// use htpy::p;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().to_http_request();
    /// let page = htpy_actix::Page::new(p()).insert_header(("x-frame-options", "DENY"));
    /// assert_eq!(page.respond(&req).await.headers().get("x-frame-options").unwrap(), "DENY");
    /// # });
    /// ```
    pub fn insert_header(mut self, header: impl TryIntoHeaderPair) -> Self {
        self.response.insert_header(header);
        self
    }

    /// Sets how the page's byte stream buffers (8 KiB buffers, 4 in flight,
    /// by default).
    ///
    /// ```
    /// use actix_web::test::TestRequest;
    /// use htpy::{StreamOptions, p};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().to_http_request();
    /// let page = htpy_actix::Page::new(p()).stream_options(StreamOptions::default().buffer_size(1024));
    /// assert!(page.respond(&req).await.status().is_success());
    /// # });
    /// ```
    pub fn stream_options(mut self, options: StreamOptions) -> Self {
        self.options = options;
        self
    }

    /// Starts rendering on the current actix worker and answers once the
    /// first bytes are ready: the page, streamed, or a 500 if it failed
    /// before them. For `HEAD`, answers with the headers and renders nothing.
    ///
    /// Must run inside an actix runtime (a handler does).
    ///
    /// ```
    /// use actix_web::{http::StatusCode, test::TestRequest};
    /// use htpy::{Context, p};
    ///
    /// static USER: Context<String> = Context::new("user");
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().to_http_request();
    /// // No provider for USER: the page fails before its first bytes.
    /// let page = htpy_actix::Page::new(p().children(USER.consume(|user| user.clone())));
    /// assert_eq!(page.respond(&req).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// # });
    /// ```
    pub async fn respond(mut self, req: &HttpRequest) -> HttpResponse {
        if req.method() == Method::HEAD {
            // The headers a GET would get (chunked included), and no render.
            return self
                .response
                .streaming(stream::empty::<Result<Bytes, Infallible>>());
        }
        let mut bytes = self.tree.render_stream(self.options);
        let start = match ready_start(&mut bytes, self.options.memory_bound()).await {
            Ok(start) => start,
            Err(error) => {
                log::error!(
                    "{} {}: the page failed before its first bytes, answering 500: {error}",
                    req.method(),
                    req.path()
                );
                return HttpResponse::InternalServerError()
                    .content_type(HTML)
                    .body(FAILED_PAGE);
            }
        };
        let (method, path) = (req.method().clone(), req.path().to_owned());
        let rest = bytes.inspect(move |item| {
            if let Err(error) = item {
                log::error!(
                    "{method} {path}: the page failed after its first bytes were sent, \
                     cutting the response short: {error}"
                );
            }
        });
        self.response
            .streaming(stream::iter(start.into_iter().map(Ok)).chain(rest))
    }
}

/// Renders `tree` as a `200 OK` page; see [`Page::respond`].
///
/// ```
/// use actix_web::test::TestRequest;
/// use htpy::{future, li, ul};
///
/// # actix_web::rt::System::new().block_on(async {
/// let req = TestRequest::default().to_http_request();
/// let page = ul().children(future(async { li().children("late") }));
/// let response = htpy_actix::stream_response(&req, page).await;
/// let body = actix_web::body::to_bytes(response.into_body()).await.unwrap();
/// assert_eq!(body, "<ul><li>late</li></ul>");
/// # });
/// ```
pub async fn stream_response<T: Render + 'static>(req: &HttpRequest, tree: T) -> HttpResponse {
    Page::new(tree).respond(req).await
}

/// Awaits the first item of `bytes`, then takes what follows without
/// waiting, up to a buffer's worth: what can go out with the headers. An
/// error among them means the page failed before any of it was sent.
async fn ready_start(bytes: &mut ByteStream<'_>, buffer: usize) -> htpy::Result<Vec<Bytes>> {
    let mut start = Vec::new();
    let mut taken = 0;
    let mut next = bytes.next().await;
    while let Some(item) = next {
        let item = item?;
        taken += item.len();
        start.push(item);
        // A full buffer means more page follows: it streams after the
        // headers. A shorter one means the page waits, ends, or failed.
        if taken >= buffer {
            break;
        }
        next = match bytes.next().now_or_never() {
            Some(item) => item,
            None => break,
        };
    }
    Ok(start)
}
