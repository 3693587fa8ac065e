//! A page's first bytes, awaited before its response is chosen, and the
//! body that carries them and the rest.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use futures::{FutureExt as _, Stream, StreamExt as _};
use htpy::{ByteStream, Render, StreamOptions};

use crate::error::PageError;
use crate::request::Request;

/// Renders `tree` up to its first bytes, which decide the response: the
/// page, to stream with its status and headers. For `HEAD` the body is
/// empty and the render has stopped.
///
/// # Errors
///
/// The page failed before its first bytes: answer `500` with
/// [`FAILED_PAGE`](crate::FAILED_PAGE).
///
/// The first bytes are the first buffer the page sends (when it fills one
/// or first waits for a future or a stream) and every buffer already
/// rendered behind it, so they leave with the headers in one write.
///
/// ```
/// use htpy::{StreamOptions, h1};
/// use htpy_http::{Request, start};
///
/// # futures::executor::block_on(async {
/// let body = start(h1().children("Hi"), StreamOptions::default(), Request::new("HEAD", "/")).await?;
/// assert_eq!(futures::StreamExt::count(body).await, 0);
/// # Ok::<(), htpy_http::PageError>(())
/// # }).unwrap();
/// ```
pub async fn start<'a, T: Render + 'a>(
    tree: T,
    options: StreamOptions,
    request: Request,
) -> Result<PageBody<'a>, PageError> {
    // The one call into htpy's streaming renderer: the page renders as the
    // body is polled, on the task that reads it; dropping the body drops
    // the render.
    let buffer = options.memory_bound();
    let mut bytes = tree.render_stream(options);
    let (first, ended) = match ready_start(&mut bytes, buffer).await {
        Ok(start) => start,
        Err(error) => return Err(PageError::before_first_bytes(request, error)),
    };
    if request.is_head() {
        // Dropping the stream stops the render.
        return Ok(PageBody {
            first: Vec::new().into_iter(),
            rest: None,
            request,
        });
    }
    Ok(PageBody {
        first: first.into_iter(),
        rest: (!ended).then_some(bytes),
        request,
    })
}

/// Awaits the first item of `bytes`, then takes what follows without
/// waiting, up to a buffer's worth (`buffer` bytes): a full buffer means
/// more page follows, to stream after the headers; a shorter one means the
/// page waits, ended (then `true`), or failed. An error among them means
/// the page failed before any of it was sent.
async fn ready_start(
    bytes: &mut ByteStream<'_>,
    buffer: usize,
) -> htpy::Result<(Vec<Bytes>, bool)> {
    let mut start = Vec::new();
    let mut taken = 0;
    let mut next = bytes.next().await;
    while let Some(item) = next {
        let item = item?;
        taken += item.len();
        start.push(item);
        if taken >= buffer {
            return Ok((start, false));
        }
        next = match bytes.next().now_or_never() {
            Some(item) => item,
            None => return Ok((start, false)),
        };
    }
    Ok((start, true))
}

/// A started page's body: its first bytes, then the rest as they render,
/// and a [`PageError`] as the last item if the page fails after its first
/// bytes. Dropping it stops the render, even while the render waits.
///
/// It is `!Send` (the page's parts need not be `Send`): poll it on the task
/// that started it.
///
/// ```
/// use futures::StreamExt;
/// use futures::channel::oneshot;
/// use htpy::{Context, StreamOptions, future, p};
/// use htpy_http::{Request, start};
///
/// static USER: Context<String> = Context::new("user");
///
/// # futures::executor::block_on(async {
/// let (release, slow) = oneshot::channel::<&str>();
/// let late = future(async { slow.await.unwrap_or("dropped") });
/// let page = p().children((late, USER.consume(|user| user.clone())));
/// // Started: `<p>` is out, the render waits for `slow`.
/// let mut body = start(page, StreamOptions::default(), Request::new("GET", "/")).await?;
/// assert_eq!(body.next().await.unwrap().unwrap(), "<p>");
/// release.send("late").unwrap();
/// assert_eq!(body.next().await.unwrap().unwrap(), "late");
/// let error = body.next().await.unwrap().unwrap_err();
/// assert!(error.to_string().starts_with("GET /: the page failed after its first bytes"));
/// assert!(body.next().await.is_none());
/// # Ok::<(), htpy_http::PageError>(())
/// # }).unwrap();
/// ```
#[must_use = "a body does nothing unless polled"]
pub struct PageBody<'a> {
    first: std::vec::IntoIter<Bytes>,
    /// `None` once the render has ended, with or without an error.
    rest: Option<ByteStream<'a>>,
    request: Request,
}

impl PageBody<'_> {
    /// The whole page, if it had ended by its first bytes and the request
    /// is not a `HEAD`: to send with its length, in one write, as a page
    /// rendered to a `String` is. Otherwise the body, to stream.
    ///
    /// ```
    /// use htpy::{StreamOptions, future, h1};
    /// use htpy_http::{Request, start};
    ///
    /// # futures::executor::block_on(async {
    /// let body = start(h1().children("Hi"), StreamOptions::default(), Request::new("GET", "/")).await?;
    /// assert_eq!(body.into_whole().unwrap(), "<h1>Hi</h1>");
    /// // A page that has to wait streams.
    /// let (_release, slow) = futures::channel::oneshot::channel::<&str>();
    /// let page = h1().children(future(async { slow.await.unwrap_or("gone") }));
    /// let body = start(page, StreamOptions::default(), Request::new("GET", "/")).await?;
    /// assert!(body.into_whole().is_err());
    /// # Ok::<(), htpy_http::PageError>(())
    /// # }).unwrap();
    /// ```
    ///
    /// # Errors
    ///
    /// The body itself, when the page goes on after its first bytes or
    /// the request is a `HEAD`.
    pub fn into_whole(self) -> Result<Bytes, Self> {
        if self.rest.is_some() || self.request.is_head() {
            return Err(self);
        }
        let mut parts = self.first;
        Ok(match parts.len() {
            0 => Bytes::new(),
            1 => parts.next().unwrap_or_default(),
            _ => parts.flatten().collect(),
        })
    }
}

impl fmt::Debug for PageBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageBody")
            .field("request", &self.request)
            .field("first", &self.first.len())
            .field("rendering", &self.rest.is_some())
            .finish()
    }
}

impl Stream for PageBody<'_> {
    type Item = Result<Bytes, PageError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Some(bytes) = self.first.next() {
            return Poll::Ready(Some(Ok(bytes)));
        }
        let Some(rest) = &mut self.rest else {
            return Poll::Ready(None);
        };
        let item = ready!(rest.poll_next_unpin(cx));
        Poll::Ready(match item {
            Some(Ok(bytes)) => Some(Ok(bytes)),
            Some(Err(error)) => {
                self.rest = None;
                let request = std::mem::take(&mut self.request);
                Some(Err(PageError::after_first_bytes(request, error)))
            }
            None => {
                self.rest = None;
                None
            }
        })
    }
}
