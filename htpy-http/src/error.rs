//! A page's failure, with the request it answered and when it failed.

use std::error::Error as StdError;
use std::fmt;

use crate::request::Request;

/// A page that failed while it was rendered for a request.
///
/// Before its first bytes it is [`start`](crate::start)'s error: answer a
/// `500`. After them it is the last item of the [`PageBody`](crate::PageBody):
/// the response must end cut short. Its message, the same through
/// `Display` and `Debug` (frameworks log a body's error with `{:?}`), is
/// one line naming the request, what happened to the response, and what
/// failed; [`source`](StdError::source) is the [`htpy::Error`].
///
/// ```
/// use htpy::{Context, StreamOptions, p};
/// use htpy_http::{Request, start};
///
/// static USER: Context<String> = Context::new("user");
///
/// # futures::executor::block_on(async {
/// let page = p().children(USER.consume(|user| user.clone()));
/// let error = start(page, StreamOptions::default(), Request::new("GET", "/")).await.unwrap_err();
/// assert_eq!(format!("{error:?}"), error.to_string());
/// assert!(std::error::Error::source(&error).unwrap().is::<htpy::Error>());
/// # });
/// ```
pub struct PageError {
    request: Request,
    first_bytes_sent: bool,
    error: htpy::Error,
}

impl PageError {
    pub(crate) fn before_first_bytes(request: Request, error: htpy::Error) -> Self {
        Self {
            request,
            first_bytes_sent: false,
            error,
        }
    }

    pub(crate) fn after_first_bytes(request: Request, error: htpy::Error) -> Self {
        Self {
            request,
            first_bytes_sent: true,
            error,
        }
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let outcome = if self.first_bytes_sent {
            "the page failed after its first bytes were sent, cutting the response short"
        } else {
            "the page failed before its first bytes, answering 500"
        };
        write!(f, "{}: {outcome}: {}", self.request, self.error)
    }
}

impl fmt::Debug for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl StdError for PageError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.error)
    }
}
