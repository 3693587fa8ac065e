//! A page with its status and headers, answered once its first bytes are
//! ready.

use std::pin::pin;

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Response};
use bytes::Bytes;
use futures::future::{Either, select};
use futures::{StreamExt as _, stream};
use htpy::{Render, StreamOptions};
use htpy_http::{FAILED_PAGE, PageBody, PageError, start};
use tokio::sync::{mpsc, oneshot};

use crate::pool::pool;
use crate::request::PageRequest;

/// What travels from the render's thread to the response body.
type Item = Result<Bytes, PageError>;

/// How many buffers may wait between the render's thread and the body,
/// on top of the render's own (see [`StreamOptions::memory_bound`]): one
/// in hand for the body's next poll, one behind it.
const FORWARDED: usize = 2;

/// A page to stream as an axum response, with its status and headers.
///
/// `Page` is not an `IntoResponse`: `into_response` is synchronous, so it
/// cannot await the page's first bytes, which decide between the page and
/// a `500`. Await [`Page::respond`] in the handler instead.
///
/// ```
/// use axum::http::{Request, StatusCode};
/// use axum::extract::FromRequestParts;
/// use htpy::h1;
/// use htpy_axum::{Page, PageRequest};
///
/// # futures::executor::block_on(async {
/// # let (mut parts, ()) = Request::get("/missing").body(()).unwrap().into_parts();
/// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
/// let response = Page::new(h1().children("Not here"))
///     .status(StatusCode::NOT_FOUND)
///     .insert_header("cache-control", "no-store")
///     .respond(request)
///     .await;
/// assert_eq!(response.status(), StatusCode::NOT_FOUND);
/// assert_eq!(response.headers()["cache-control"], "no-store");
/// assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
/// # });
/// ```
#[must_use = "a page does nothing until it is responded with"]
pub struct Page<T> {
    build: Box<dyn FnOnce() -> T + Send>,
    status: StatusCode,
    headers: HeaderMap,
    /// The first header that could not be made, answered as a `500`.
    invalid_header: Option<axum::http::Error>,
    options: StreamOptions,
}

impl<T: Render + 'static> Page<T> {
    /// A page answered with `200 OK` and `Content-Type: text/html; charset=utf-8`.
    /// The page moves to the thread it renders on, so it must be `Send`;
    /// see [`Page::build`] for one that is not.
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use htpy::p;
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// let response = Page::new(p().children("hi")).respond(request).await;
    /// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    /// assert_eq!(body, "<p>hi</p>");
    /// # });
    /// ```
    pub fn new(tree: T) -> Self
    where
        T: Send,
    {
        Self::build(move || tree)
    }

    /// A page built by `build` on the thread it renders on, so that its
    /// parts need not be `Send`: only the closure (what it captures) must
    /// be. Answered as [`Page::new`]'s.
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use std::rc::Rc;
    /// use htpy::{future, p};
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// let name = String::from("Ada");
    /// let page = Page::build(move || {
    ///     // An `Rc` held across an await: this future is not `Send`.
    ///     let shared = Rc::new(name);
    ///     p().children(future(async move { shared.to_string() }))
    /// });
    /// let response = page.respond(request).await;
    /// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    /// assert_eq!(body, "<p>Ada</p>");
    /// # });
    /// ```
    pub fn build(build: impl FnOnce() -> T + Send + 'static) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(htpy_http::CONTENT_TYPE),
        );
        Self {
            build: Box::new(build),
            status: StatusCode::OK,
            headers,
            invalid_header: None,
            options: StreamOptions::default(),
        }
    }

    /// Sets the status of the response (not of the `500` that replaces a
    /// page failing before its first bytes).
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use axum::http::StatusCode;
    /// use htpy::p;
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// let page = Page::new(p().children("gone")).status(StatusCode::GONE);
    /// assert_eq!(page.respond(request).await.status(), StatusCode::GONE);
    /// # });
    /// ```
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Inserts a header, replacing any of the same name, the content type
    /// included. A name or value that is not a valid header makes the
    /// response a logged `500`, and the page is not rendered.
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use axum::http::StatusCode;
    /// use htpy::p;
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// # let second = request.clone();
    /// let page = Page::new(p()).insert_header("x-frame-options", "DENY");
    /// assert_eq!(page.respond(request).await.headers()["x-frame-options"], "DENY");
    /// let page = Page::new(p()).insert_header("x-note", "line\nbreak");
    /// assert_eq!(page.respond(second).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// # });
    /// ```
    pub fn insert_header<K, V>(mut self, name: K, value: V) -> Self
    where
        HeaderName: TryFrom<K>,
        <HeaderName as TryFrom<K>>::Error: Into<axum::http::Error>,
        HeaderValue: TryFrom<V>,
        <HeaderValue as TryFrom<V>>::Error: Into<axum::http::Error>,
    {
        let header = HeaderName::try_from(name)
            .map_err(Into::into)
            .and_then(|name| Ok((name, HeaderValue::try_from(value).map_err(Into::into)?)));
        match header {
            Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            Err(error) => {
                self.invalid_header.get_or_insert(error);
            }
        }
        self
    }

    /// Sets how the page's byte stream buffers (128 KiB buffers by default,
    /// and two more in flight to the body).
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use htpy::{StreamOptions, p};
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// let page = Page::new(p()).stream_options(StreamOptions::default().buffer_size(1024));
    /// assert!(page.respond(request).await.status().is_success());
    /// # });
    /// ```
    pub fn stream_options(mut self, options: StreamOptions) -> Self {
        self.options = options;
        self
    }

    /// Starts rendering on a thread of the pool and answers once the first
    /// bytes are ready: the page, streamed, or a `500` if it failed before
    /// them. A `HEAD` renders only that far.
    ///
    /// Needs no runtime of its own: the render runs on the pool's.
    ///
    /// ```
    /// # use axum::{extract::FromRequestParts, http::Request};
    /// use axum::http::StatusCode;
    /// use htpy::{Context, p};
    /// use htpy_axum::{Page, PageRequest};
    ///
    /// static USER: Context<String> = Context::new("user");
    ///
    /// # futures::executor::block_on(async {
    /// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
    /// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
    /// // No provider for USER: the page fails before its first bytes.
    /// let page = Page::new(p().children(USER.consume(|user| user.clone())));
    /// assert_eq!(page.respond(request).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// # });
    /// ```
    pub async fn respond(self, request: PageRequest) -> Response {
        let Self {
            build,
            status,
            headers,
            invalid_header,
            options,
        } = self;
        if let Some(error) = invalid_header {
            tracing::error!("{request}: the page has an invalid header, answering 500: {error}");
            return failed();
        }
        let (verdict_tx, verdict_rx) = oneshot::channel();
        let (body_tx, mut body_rx) = mpsc::channel(FORWARDED);
        let request = request.0;
        let label = request.to_string();
        // Detached: the task ends by itself once the body is done or dropped.
        drop(pool().spawn_pinned(move || render(build, options, request, verdict_tx, body_tx)));
        match verdict_rx.await {
            Ok(Ok(whole)) => {
                let body = match whole {
                    // A page that ended by its first bytes goes out whole,
                    // with its length.
                    Some(whole) => Body::from(whole),
                    // Ends with `None` however often it is polled after its
                    // end (tower-http's compression polls once more).
                    None => Body::from_stream(stream::poll_fn(move |cx| body_rx.poll_recv(cx))),
                };
                let mut response = Response::new(body);
                *response.status_mut() = status;
                *response.headers_mut() = headers;
                response
            }
            Ok(Err(error)) => {
                tracing::error!("{error}");
                failed()
            }
            Err(_) => {
                tracing::error!(
                    "{label}: building the page panicked before its first bytes, answering 500"
                );
                failed()
            }
        }
    }
}

/// Renders `tree` as a `200 OK` page; see [`Page::respond`].
///
/// ```
/// # use axum::{extract::FromRequestParts, http::Request};
/// use htpy::{future, li, ul};
/// use htpy_axum::PageRequest;
///
/// # futures::executor::block_on(async {
/// # let (mut parts, ()) = Request::get("/").body(()).unwrap().into_parts();
/// # let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
/// let page = ul().children(future(async { li().children("late") }));
/// let response = htpy_axum::stream_response(request, page).await;
/// let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
/// assert_eq!(body, "<ul><li>late</li></ul>");
/// # });
/// ```
pub async fn stream_response<T: Render + Send + 'static>(
    request: PageRequest,
    tree: T,
) -> Response {
    Page::new(tree).respond(request).await
}

/// The `500` that replaces a page failing before its first bytes.
fn failed() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(CONTENT_TYPE, htpy_http::CONTENT_TYPE)],
        FAILED_PAGE,
    )
        .into_response()
}

/// On the pool's thread: builds and starts the page, tells the handler
/// whether it started, then forwards its body. Returns as soon as the
/// handler or the body is dropped (the client left), dropping the render.
async fn render<T: Render + 'static>(
    build: Box<dyn FnOnce() -> T + Send>,
    options: StreamOptions,
    request: htpy_http::Request,
    mut verdict: oneshot::Sender<Result<Option<Bytes>, PageError>>,
    body: mpsc::Sender<Item>,
) {
    let started = {
        let started = pin!(start(build(), options, request));
        match select(started, pin!(verdict.closed())).await {
            Either::Left((started, _)) => started,
            Either::Right(((), _)) => return,
        }
    };
    match started {
        Ok(page) => match page.into_whole() {
            Ok(whole) => drop(verdict.send(Ok(Some(whole)))),
            Err(page) => {
                if verdict.send(Ok(None)).is_ok() {
                    forward(page, &body).await;
                }
            }
        },
        // The handler logs it, or is gone.
        Err(error) => drop(verdict.send(Err(error))),
    }
}

/// Sends the page's bytes to the body until the page ends or the body is
/// dropped; logs a failure after the first bytes, which hyper does not.
async fn forward(mut page: PageBody<'_>, body: &mpsc::Sender<Item>) {
    let pump = async {
        while let Some(item) = page.next().await {
            if let Err(error) = &item {
                tracing::error!("{error}");
            }
            if body.send(item).await.is_err() {
                return;
            }
        }
    };
    // The body's absence stops the render even while it waits.
    select(pin!(pump), pin!(body.closed())).await;
}
