//! The byte stream: a page rendered as it is polled, into buffers handed on
//! when full and whenever the render has to wait.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;

use crate::context::Cx;
use crate::error::{Error, Result};
use crate::output::Out;
use crate::render::{Render, RenderKind, user_code};
use crate::size_hint;
use crate::suspense::{Sections, send_ready};
use crate::task::{Stop, Task};
use std::cell::RefCell;
use std::rc::Rc;

/// How a byte stream buffers.
///
/// ```
/// let options = htpy::StreamOptions::default().buffer_size(16 * 1024);
/// assert_eq!(options.memory_bound(), 16 * 1024);
/// ```
#[derive(Clone, Debug)]
pub struct StreamOptions {
    buffer_size: usize,
    out_of_order: bool,
    nonce: Option<Arc<str>>,
}

impl Default for StreamOptions {
    /// 128 KiB buffers; [`suspense`](crate::suspense) sections out of order;
    /// no nonce.
    fn default() -> Self {
        Self {
            buffer_size: 128 * 1024,
            out_of_order: true,
            nonce: None,
        }
    }
}

impl StreamOptions {
    /// The size a buffer reaches before it is handed on (it is handed on
    /// earlier when rendering has to wait). A piece larger than this goes out
    /// whole.
    ///
    /// The default, 128 KiB, holds most whole pages: a page that never
    /// waits and fits in it is one buffer, which htpy-actix and htpy-axum
    /// send with its length in one write, as a page rendered to a `String`
    /// is. Larger buffers mean fewer, larger writes; smaller ones, less
    /// memory per response ([`memory_bound`](Self::memory_bound)) and an
    /// earlier first byte on a large page that never waits. A 110 KB page
    /// served in 8 KiB buffers cost its server about 1.5 times the CPU time
    /// of the same page in one buffer (the figures per size are in the
    /// book's performance chapter). A page that waits sends what it has at
    /// each wait, whatever the size.
    ///
    /// ```
    /// let options = htpy::StreamOptions::default().buffer_size(4096);
    /// assert_eq!(options.memory_bound(), 4096);
    /// ```
    #[must_use]
    pub fn buffer_size(mut self, bytes: usize) -> Self {
        self.buffer_size = bytes.max(1);
        self
    }

    /// Whether [`suspense`](crate::suspense) sections stream out of order:
    /// their fallback in place, their content when ready, moved into place
    /// by an inline script (the default). Off, every section renders in
    /// place, in document order, and the page has no script.
    ///
    /// ```
    /// use htpy::{Render, StreamOptions, suspense};
    /// use futures::StreamExt;
    ///
    /// let page = suspense("Loading…", htpy::future(async { "Loaded" }));
    /// let options = StreamOptions::default().out_of_order(false);
    /// let items = futures::executor::block_on(page.render_stream(options).collect::<Vec<_>>());
    /// assert_eq!(items.concat_bytes(), "Loaded");
    /// # trait Concat { fn concat_bytes(self) -> String; }
    /// # impl Concat for Vec<htpy::Result<bytes::Bytes>> {
    /// #     fn concat_bytes(self) -> String {
    /// #         self.into_iter().map(|b| String::from_utf8(b.unwrap().to_vec()).unwrap()).collect()
    /// #     }
    /// # }
    /// ```
    #[must_use]
    pub fn out_of_order(mut self, on: bool) -> Self {
        self.out_of_order = on;
        self
    }

    /// The nonce of the inline scripts that put out-of-order sections in
    /// place, for a Content Security Policy of `script-src 'nonce-…'`.
    ///
    /// ```
    /// let options = htpy::StreamOptions::default().nonce("r4nd0m");
    /// # let _ = options;
    /// ```
    #[must_use]
    pub fn nonce(mut self, nonce: impl Into<Arc<str>>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// About the most page bytes the stream holds at once: one buffer (a
    /// single piece larger than a buffer, such as one long text or one item
    /// of a list that never waits, adds its own size; so does a page that
    /// never waits and grew past a buffer since its last render, which fit
    /// in one and so is rendered in one go), plus a buffer for
    /// each part of [`concurrent`](crate::concurrent) children rendered
    /// ahead of its turn, plus the content of each
    /// [`suspense`](crate::suspense) section that is not sent yet.
    ///
    /// ```
    /// assert_eq!(htpy::StreamOptions::default().memory_bound(), 128 * 1024);
    /// ```
    pub fn memory_bound(&self) -> usize {
        self.buffer_size
    }
}

/// A page as a `Stream` of `Bytes`, rendered as it is polled
/// ([`Render::render_stream`]).
///
/// - **Buffers.** Output goes out in buffers of about
///   [`StreamOptions::buffer_size`] bytes, not one item per htpy chunk.
/// - **Flushing at waits.** When rendering reaches a future or stream that
///   is not ready, everything rendered before it goes out first.
/// - **Bounded memory.** Nothing is rendered ahead of what the reader takes:
///   a slow reader pauses the render, so memory stays bounded whatever the
///   page's size.
/// - **Cancellation.** Dropping the stream stops the render at once, even
///   while it awaits a slow future (which is dropped with it). Nothing is
///   spawned.
/// - **Failures.** A failure mid-page (a missing context, a component's
///   error, a caught panic) sends what was rendered before it, then the
///   error as the last item: the stream never ends cleanly after a failure.
/// - **Depth.** However deep the page, the stream is small and polling it
///   uses little stack: work left for later is a stack of boxed jobs, made
///   only where the render waits.
///
/// The stream is `!Send`: render it on the task that serves the request (an
/// actix handler's response body does), or see the axum integration.
///
/// ```
/// use futures::StreamExt;
/// use htpy::{Context, Render, StreamOptions, div};
///
/// static USER: Context<String> = Context::new("user");
/// let page = div().children(("before", USER.consume(|u| u.clone())));
/// let items = futures::executor::block_on(page.render_stream(StreamOptions::default()).collect::<Vec<_>>());
/// assert_eq!(items[0].as_ref().unwrap().as_ref(), b"<div>before");
/// assert!(items[1].is_err());
/// assert_eq!(items.len(), 2);
/// ```
#[must_use = "a stream does nothing unless polled"]
pub struct ByteStream<'a> {
    /// A page rendered in one go on the first poll (see [`ByteStream::new`]).
    whole: Option<Whole<'a>>,
    /// A page rendered in parts, pausing where it waits or fills a buffer.
    task: Option<Box<Task<'a>>>,
    buffer_size: usize,
    /// The length of the page's type at its last render; 0 if unknown.
    guess: usize,
    /// The failure that ends the stream, once what came before it is out.
    failure: Option<Error>,
    /// Remembers the length of the page's type, for its next first buffer.
    key: size_hint::Key,
}

/// The render of a page that never waits, into an output of its own.
type Whole<'a> = Box<dyn FnOnce() -> (Out, Result<()>) + 'a>;

/// The capacity of a buffer for a page of unknown length, which grows from
/// there as the page needs.
const UNKNOWN: usize = 4 * 1024;

/// The capacity of the next buffer, once `sent` bytes of the page are out:
/// room for what is left of it by its last render (`guess`), up to a buffer
/// and room past it for the piece that fills it, so that neither filling
/// it nor that piece reallocates and copies it.
fn buffer_capacity(guess: usize, buffer_size: usize, sent: u64) -> usize {
    let most = buffer_size.saturating_add(buffer_size / 8);
    let left = u64::try_from(guess).map_or(0, |guess| guess.saturating_sub(sent));
    match usize::try_from(left) {
        Ok(0) => UNKNOWN.min(most),
        Ok(left) => left.min(most),
        Err(_) => most,
    }
}

impl<'a> ByteStream<'a> {
    pub(crate) fn new<T: Render + 'a>(tree: T, options: &StreamOptions) -> Self {
        // A page smaller than a buffer (learnt from its last render) gets a
        // first buffer of its size, not a full one.
        let key = size_hint::key::<T>();
        let guess = size_hint::guess(key);
        // A page that never waits, and whose last render fit in a buffer,
        // renders in one go as to a `String`, without a task: its stream
        // costs little more than that render (`docs/src/performance.md`).
        let whole =
            matches!(T::KIND, RenderKind::Sync) && (1..=options.buffer_size).contains(&guess);
        let (whole, task) = if whole {
            // The output is made where the page renders, so the optimiser
            // sees that no user code holds its count: a list then looks at
            // nothing between its items, as in a `String` render.
            let buffer_size = options.buffer_size;
            let render: Whole<'a> = Box::new(move || {
                let mut out = first_out(guess, buffer_size);
                let result = user_code(|| tree.render(&mut out, Cx::root()));
                (out, result.and_then(|rendered| rendered))
            });
            (Some(render), None)
        } else {
            let mut task = Task::new(first_out(guess, options.buffer_size), tree);
            task.sections = options
                .out_of_order
                .then(|| Rc::new(RefCell::new(Sections::new(options.nonce.clone()))));
            (None, Some(Box::new(task)))
        };
        Self {
            whole,
            task,
            buffer_size: options.buffer_size,
            guess,
            failure: None,
            key,
        }
    }

    /// Renders a page that never waits in one go: all of it, or what came
    /// before its failure and then the failure.
    fn render_whole(&mut self, render: Whole<'a>) -> Option<Result<Bytes>> {
        let (mut out, result) = render();
        end(self.key, &mut self.failure, result, &mut out)
    }
}

/// The output a stream renders its page into first. Inlined: a page
/// rendered in one go makes its own output with this, and a call out of
/// line would be handed the output's address, hiding from the optimiser
/// that no user code holds its count (a stream of big-table took 306,788
/// instructions with the call, 265,949 without).
#[inline]
fn first_out(guess: usize, buffer_size: usize) -> Out {
    let buf = String::with_capacity(buffer_capacity(guess, buffer_size, 0));
    Out::new(buf, buffer_size, false, false)
}

/// The last item of a render that ended with `result`: the rest of the page
/// (its length learnt) or what came before the failure, whose error is then
/// kept in `failure` for the item after; the error itself when nothing came
/// before it.
fn end(
    key: size_hint::Key,
    failure: &mut Option<Error>,
    result: Result<()>,
    out: &mut Out,
) -> Option<Result<Bytes>> {
    let buffered = !out.buf().is_empty();
    match result {
        Ok(()) => {
            size_hint::learn(
                key,
                usize::try_from(out.bytes_rendered()).unwrap_or(usize::MAX),
            );
            buffered.then(|| Ok(Bytes::from(out.take_buf())))
        }
        Err(error) if buffered => {
            *failure = Some(error);
            Some(Ok(Bytes::from(out.take_buf())))
        }
        Err(error) => Some(Err(error)),
    }
}

impl std::fmt::Debug for ByteStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream")
            .field("done", &(self.whole.is_none() && self.task.is_none()))
            .finish_non_exhaustive()
    }
}

impl Stream for ByteStream<'_> {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(render) = this.whole.take() {
            return Poll::Ready(this.render_whole(render));
        }
        let Some(task) = &mut this.task else {
            return Poll::Ready(this.failure.take().map(Err));
        };
        loop {
            let stop = task.drive(cx).and_then(|stop| {
                let sections = task.sections.clone();
                let sent = match &sections {
                    Some(sections) => send_ready(sections, task, cx)?,
                    None => false,
                };
                let pending = sections.is_some_and(|sections| !sections.borrow().is_empty());
                Ok((stop, sent, pending))
            });
            let out = task.out();
            let buffered = !out.buf().is_empty();
            let item = match stop {
                // A section was sent: the page may go on (`</body>`).
                Ok((Stop::Wait | Stop::Done, true, _)) => continue,
                Ok((Stop::Wait, false, _) | (Stop::Done, false, true)) if !buffered => {
                    return Poll::Pending;
                }
                Ok((Stop::Wait | Stop::Full, ..) | (Stop::Done, false, true)) => {
                    let full = out.take_buf();
                    let sent = out.bytes_rendered();
                    out.buf()
                        .reserve(buffer_capacity(this.guess, this.buffer_size, sent));
                    return Poll::Ready(Some(Ok(Bytes::from(full))));
                }
                Ok((Stop::Done, false, false)) => end(this.key, &mut this.failure, Ok(()), out),
                Err(error) => end(this.key, &mut this.failure, Err(error), out),
            };
            this.task = None;
            return Poll::Ready(item);
        }
    }
}
