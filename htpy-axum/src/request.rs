//! The extractor that tells a page which request it answers.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;

/// What a page needs of its request: whether it is a `HEAD`, and the
/// method and path that its logged errors name. An extractor that never
/// fails; take it as a handler's argument.
///
/// ```
/// use axum::extract::FromRequestParts;
/// use axum::http::Request;
/// use htpy_axum::PageRequest;
///
/// # futures::executor::block_on(async {
/// let (mut parts, ()) = Request::get("/report?page=2").body(()).unwrap().into_parts();
/// let request = PageRequest::from_request_parts(&mut parts, &()).await.unwrap();
/// assert_eq!(request.to_string(), "GET /report");
/// # });
/// ```
#[derive(Clone, Debug)]
pub struct PageRequest(pub(crate) htpy_http::Request);

impl<S: Send + Sync> FromRequestParts<S> for PageRequest {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        // A nested router sees its part of the path; the logs name the whole.
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |original| &original.0);
        Ok(Self(htpy_http::Request::new(
            parts.method.as_str(),
            uri.path(),
        )))
    }
}

impl std::fmt::Display for PageRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
