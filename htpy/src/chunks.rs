//! The synchronous chunk iterator: htpy's `iter_chunks()`.

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};

use crate::context::Cx;
use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::{Render, caught};

/// The size of the blocks [`Render::write_to`] writes.
pub(crate) const WRITE_BLOCK: usize = 8 * 1024;

type RenderFuture<'a> = Pin<Box<dyn Future<Output = Result<String>> + 'a>>;

/// An iterator over the chunks of a render, made by [`Render::iter_chunks`].
///
/// The render runs as the iterator is driven: each `next` renders up to the
/// end of one chunk, so lazy children run when the iterator reaches them. It
/// is the same async render as the byte stream's, driven here without a
/// runtime: a future or stream it reaches is an error, not a wait.
///
/// ```
/// use htpy::{Render, lazy, p};
///
/// let mut chunks = p().children(lazy(|| "late")).iter_chunks();
/// assert_eq!(chunks.next().unwrap().unwrap(), "<p>");
/// assert_eq!(chunks.next().unwrap().unwrap(), "late");
/// assert_eq!(chunks.next().unwrap().unwrap(), "</p>");
/// assert!(chunks.next().is_none());
/// ```
#[must_use = "an iterator does nothing unless driven"]
pub struct Chunks<'a> {
    slot: Arc<Mutex<Option<String>>>,
    render: Option<RenderFuture<'a>>,
}

impl<'a> Chunks<'a> {
    /// Chunks of `tree`; with `min > 0`, runs of at least `min` bytes.
    pub(crate) fn new<T: Render + 'a>(tree: T, min: usize) -> Self {
        let slot = Arc::new(Mutex::new(None));
        let mut out = Out::yielding(Arc::clone(&slot), min);
        let render = caught(async move {
            tree.render_async(&mut out, Cx::root()).await?;
            Ok(out.take_buf())
        });
        Self {
            slot,
            render: Some(Box::pin(render)),
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        let render = self.render.as_mut()?;
        match render
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Pending => {
                let chunk = self
                    .slot
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                if chunk.is_none() {
                    self.render = None;
                }
                Some(chunk.ok_or_else(|| {
                    Error::new(ErrorKind::AsyncInSync {
                        what: "a component that waited on something".to_owned(),
                    })
                }))
            }
            Poll::Ready(Ok(tail)) => {
                self.render = None;
                (!tail.is_empty()).then_some(Ok(tail))
            }
            Poll::Ready(Err(error)) => {
                self.render = None;
                Some(Err(error))
            }
        }
    }
}
