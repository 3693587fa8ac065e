//! What a page's response carries besides the page.

/// The content type of every page, and of the `500` page.
///
/// ```
/// assert_eq!(htpy_http::CONTENT_TYPE, "text/html; charset=utf-8");
/// ```
pub const CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// The body of the `500` response that replaces a page failing before its
/// first bytes. It says nothing of the failure, which is for the logs.
///
/// ```
/// assert!(htpy_http::FAILED_PAGE.contains("<h1>Internal Server Error</h1>"));
/// ```
pub const FAILED_PAGE: &str = "<!doctype html><html><head><title>500 Internal Server Error</title></head>\
    <body><h1>Internal Server Error</h1><p>The page could not be rendered.</p></body></html>";
