//! A page with its status and headers, answered once its first bytes are
//! ready.

use actix_web::http::StatusCode;
use actix_web::http::header::TryIntoHeaderPair;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use htpy::{Render, StreamOptions};
use htpy_http::{CONTENT_TYPE, FAILED_PAGE, start};

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
        response.content_type(CONTENT_TYPE);
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

    /// Sets how the page's byte stream buffers (128 KiB buffers by default).
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

    /// Renders on the current actix worker (the task that sends the
    /// response) and answers once the first bytes are ready: the page,
    /// streamed, or a 500 if it failed before them. A `HEAD` renders only
    /// that far.
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
        let request = htpy_http::Request::new(req.method().as_str(), req.path());
        match start(self.tree, self.options, request).await {
            // A failure after the first bytes ends the body with an error,
            // which actix logs (its message names the request) and answers
            // by closing the connection without the final chunk.
            // A page that ended by its first bytes goes out whole, with its
            // length, in one write.
            Ok(body) => match body.into_whole() {
                Ok(whole) => self.response.body(whole),
                Err(body) => self.response.streaming(body),
            },
            Err(error) => {
                log::error!("{error}");
                HttpResponse::InternalServerError()
                    .content_type(CONTENT_TYPE)
                    .body(FAILED_PAGE)
            }
        }
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
