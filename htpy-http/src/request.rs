//! The request a page answers, as far as the page cares.

use std::fmt;

/// What a page needs to know of its request: whether it is a `HEAD`, and
/// how logs name it (its method and path).
///
/// ```
/// let request = htpy_http::Request::new("GET", "/report");
/// assert_eq!(request.to_string(), "GET /report");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Request {
    label: String,
    head: bool,
}

impl Request {
    /// The request for `method` (as sent: methods are case-sensitive) on `path`.
    ///
    /// ```
    /// assert!(htpy_http::Request::new("HEAD", "/").is_head());
    /// assert!(!htpy_http::Request::new("head", "/").is_head());
    /// ```
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            label: format!("{method} {path}"),
            head: method == "HEAD",
        }
    }

    /// Whether the request is a `HEAD`: its page renders only up to its
    /// first bytes, which decide the status, and sends no body.
    ///
    /// ```
    /// assert!(!htpy_http::Request::new("GET", "/").is_head());
    /// ```
    pub fn is_head(&self) -> bool {
        self.head
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}
