//! [`Out`]: where a render writes, and what it does at the end of each of
//! htpy's chunks: nothing (a `String` render), hand the chunk to the chunk
//! iterator, or send full buffers down the byte stream's channel.

use std::fmt::{self, Write as _};
use std::mem;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::SinkExt as _;
use futures::channel::mpsc;
use futures::future::poll_fn;

use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Escaper, escape_into};

/// Where finished chunks go.
enum Sink {
    /// Keep everything in the buffer: a render to a `String`.
    Keep,
    /// Hand each chunk (or, with `min > 0`, each run of at least `min` bytes)
    /// to a synchronous driver, such as the chunk iterator.
    Yield {
        slot: Arc<Mutex<Option<String>>>,
        min: usize,
    },
    /// Send buffers of about `target` bytes down a bounded channel.
    Channel {
        tx: mpsc::Sender<Result<Bytes>>,
        target: usize,
    },
}

/// The output of a render in progress: its buffer, the count of bytes it has
/// produced, and where its chunks go.
///
/// A [`Render`](crate::Render) implementation writes through it; most code
/// never sees it, since components are functions that return elements.
///
/// ```
/// use htpy::{Cx, Out, Render, Result};
///
/// /// A price in cents, shown as euros.
/// struct Euros(u64);
///
/// impl Render for Euros {
///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
///         out.write_display(format_args!("€{}.{:02}", self.0 / 100, self.0 % 100));
///         Ok(())
///     }
/// }
///
/// assert_eq!(Euros(1999).render_to_string().unwrap(), "€19.99");
/// ```
pub struct Out {
    buf: String,
    /// Bytes of `buf` that were there before this render began.
    start: usize,
    /// Bytes already handed on, out of `buf`.
    sent: u64,
    sink: Sink,
    /// Whether futures and streams must be refused (a synchronous render).
    sync_only: bool,
    /// Whether the byte stream's receiver was found gone.
    disconnected: bool,
    position: OnceLock<Position>,
}

impl Out {
    fn with_sink(buf: String, sink: Sink, sync_only: bool) -> Self {
        Self {
            start: buf.len(),
            buf,
            sent: 0,
            sink,
            sync_only,
            disconnected: false,
            position: OnceLock::new(),
        }
    }

    /// Output appended to `buf`, all kept there.
    pub(crate) fn keep(buf: String, sync_only: bool) -> Self {
        Self::with_sink(buf, Sink::Keep, sync_only)
    }

    /// Output handed to `slot` one chunk at a time (or in runs of `min` bytes).
    pub(crate) fn yielding(slot: Arc<Mutex<Option<String>>>, min: usize) -> Self {
        Self::with_sink(String::new(), Sink::Yield { slot, min }, true)
    }

    /// Output sent down `tx` in buffers of about `target` bytes.
    /// The first buffer holds `first` bytes, a guess of the page's length
    /// when it is smaller than `target`.
    pub(crate) fn channel(tx: mpsc::Sender<Result<Bytes>>, target: usize, first: usize) -> Self {
        Self::with_sink(
            String::with_capacity(first),
            Sink::Channel { tx, target },
            false,
        )
    }

    /// What is still buffered, taken out.
    pub(crate) fn take_buf(&mut self) -> String {
        let taken = mem::take(&mut self.buf);
        self.sent += taken.len() as u64;
        taken
    }

    /// The buffer, to write into directly.
    #[inline]
    pub(crate) fn buf(&mut self) -> &mut String {
        &mut self.buf
    }

    /// How many bytes this render has produced so far, handed on or not.
    ///
    /// ```
    /// use htpy::{Render, div, scoped};
    ///
    /// let page = div().children(scoped(|scope| scope.bytes_rendered()));
    /// assert_eq!(page.render_to_string().unwrap(), "<div>5</div>");
    /// ```
    pub fn bytes_rendered(&self) -> u64 {
        self.sent + (self.buf.len() - self.start) as u64
    }

    /// Writes text, escaped as markupsafe escapes it.
    ///
    /// ```
    /// use htpy::{Cx, Out, Render, Result};
    ///
    /// struct Shout(&'static str);
    /// impl Render for Shout {
    ///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
    ///         out.write_text(&self.0.to_uppercase());
    ///         Ok(())
    ///     }
    /// }
    /// assert_eq!(Shout("a&b").render_to_string().unwrap(), "A&amp;B");
    /// ```
    #[inline]
    pub fn write_text(&mut self, text: &str) {
        escape_into(text, &mut self.buf);
    }

    /// Writes any `Display` value, escaped as it is formatted.
    ///
    /// ```
    /// use htpy::{Cx, Out, Render, Result};
    ///
    /// struct Ratio(f64);
    /// impl Render for Ratio {
    ///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
    ///         out.write_display(format_args!("{:.1}% <", self.0 * 100.0));
    ///         Ok(())
    ///     }
    /// }
    /// assert_eq!(Ratio(0.25).render_to_string().unwrap(), "25.0% &lt;");
    /// ```
    pub fn write_display(&mut self, value: impl fmt::Display) {
        // Writing into a String cannot fail; a Display impl that reports an
        // error has written what it could, which is what `to_string` keeps too.
        let _ = write!(Escaper(&mut self.buf), "{value}");
    }

    /// Writes markup as it is, unescaped. The caller vouches that it is
    /// well-formed and safe HTML.
    ///
    /// ```
    /// use htpy::{Cx, Out, Render, Result};
    ///
    /// struct Hr;
    /// impl Render for Hr {
    ///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
    ///         // Safe: a constant, well-formed tag.
    ///         out.dangerously_write_raw("<hr>");
    ///         Ok(())
    ///     }
    /// }
    /// assert_eq!(Hr.render_to_string().unwrap(), "<hr>");
    /// ```
    pub fn dangerously_write_raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Marks the end of one of htpy's chunks. A chunk iterator yields it here;
    /// a byte stream sends its buffer on once it holds enough.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Disconnected`] when the byte stream's receiver went away.
    ///
    /// ```
    /// use htpy::{Cx, Out, Render, Result};
    ///
    /// /// Two chunks, as htpy would yield them.
    /// struct Pair;
    /// impl Render for Pair {
    ///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
    ///         out.write_text("a");
    ///         out.write_text("b");
    ///         Ok(())
    ///     }
    ///     async fn render_async(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
    ///         out.write_text("a");
    ///         out.boundary().await?;
    ///         out.write_text("b");
    ///         out.boundary().await
    ///     }
    /// }
    /// let chunks: Vec<String> = Pair.iter_chunks().collect::<Result<_>>().unwrap();
    /// assert_eq!(chunks, ["a", "b"]);
    /// ```
    pub fn boundary(&mut self) -> Boundary<'_> {
        Boundary {
            out: self,
            step: Step::Check,
        }
    }

    /// Hands on whatever is buffered, because rendering is about to wait.
    pub(crate) async fn flush(&mut self) -> Result<()> {
        // Only a channel hands anything on; `send` is a no-op for the others.
        self.send(false).await
    }

    /// Sends the buffer; unless it is the `last`, a new one of the target
    /// size takes its place.
    async fn send(&mut self, last: bool) -> Result<()> {
        poll_fn(|cx| self.poll_send(cx, last)).await
    }

    /// Sends the buffer once the channel has room for it.
    fn poll_send(&mut self, cx: &mut Context<'_>, last: bool) -> Poll<Result<()>> {
        let Sink::Channel { tx, target } = &mut self.sink else {
            return Poll::Ready(Ok(()));
        };
        if self.buf.is_empty() {
            return Poll::Ready(Ok(()));
        }
        let ready = match tx.poll_ready(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(ready) => ready,
        };
        let next = if last {
            String::new()
        } else {
            String::with_capacity(*target)
        };
        let full = mem::replace(&mut self.buf, next);
        self.sent += full.len() as u64;
        let sent = ready.and_then(|()| tx.start_send(Ok(Bytes::from(full))));
        self.disconnected = sent.is_err();
        Poll::Ready(sent.map_err(|_| Error::new(ErrorKind::Disconnected)))
    }

    /// Ends a byte stream: what is buffered, then the error if there is one.
    pub(crate) async fn finish(&mut self, outcome: Result<()>) {
        if let Err(error) = outcome {
            if self.disconnected {
                return;
            }
            if self.send(true).await.is_ok() {
                if let Sink::Channel { tx, .. } = &mut self.sink {
                    // The receiver may be gone already; then no one is left to tell.
                    let _ = tx.send(Err(error)).await;
                }
            }
        } else {
            let _ = self.send(true).await;
        }
    }

    /// Whether the buffer holds enough to be handed on at the next boundary:
    /// a check cheap enough to make before awaiting one.
    #[inline]
    pub(crate) fn is_full(&self) -> bool {
        match &self.sink {
            Sink::Keep => false,
            Sink::Yield { min, .. } => self.buf.len() >= *min,
            Sink::Channel { target, .. } => self.buf.len() >= *target,
        }
    }

    /// Whether chunks may be joined: everything but the exact chunk iterator.
    pub(crate) fn coalesces(&self) -> bool {
        !matches!(self.sink, Sink::Yield { min: 0, .. })
    }

    /// Whether this render is synchronous, so async children must be refused.
    pub(crate) fn is_sync_only(&self) -> bool {
        self.sync_only
    }

    /// Whether user code holds a [`Position`], and so may look at the count
    /// of bytes rendered at any moment.
    #[inline]
    pub(crate) fn is_observed(&self) -> bool {
        self.position.get().is_some()
    }

    /// Makes the count of bytes rendered visible to the user code about to run.
    #[inline]
    pub(crate) fn publish(&self) {
        if let Some(position) = self.position.get() {
            position.0.store(self.bytes_rendered(), Ordering::Relaxed);
        }
    }

    /// A handle on the count of bytes rendered, for code that runs later.
    pub(crate) fn position(&self) -> Position {
        let position = self
            .position
            .get_or_init(|| Position(Arc::new(AtomicU64::new(0))));
        self.publish();
        position.clone()
    }
}

/// A handle on how many bytes a render had produced when the render last
/// handed control to user code (a lazy child, an iterator's next item, a
/// future or a stream). Obtained from [`Scope::position`](crate::Scope::position).
///
/// ```
/// use htpy::{Render, p, scoped};
///
/// let page = p().children(scoped(|scope| {
///     let position = scope.position();
///     htpy::lazy(move || position.bytes_rendered())
/// }));
/// assert_eq!(page.render_to_string().unwrap(), "<p>3</p>");
/// ```
#[derive(Clone, Debug)]
pub struct Position(Arc<AtomicU64>);

impl Position {
    /// The count of bytes rendered, as of the last hand-over to user code.
    ///
    /// ```
    /// use htpy::{Render, scoped};
    ///
    /// let page = ("abc", scoped(|scope| scope.position().bytes_rendered()));
    /// assert_eq!(page.render_to_string().unwrap(), "abc3");
    /// ```
    pub fn bytes_rendered(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Where a [`Boundary`] is.
enum Step {
    /// Not yet looked at the buffer.
    Check,
    /// A chunk was handed to a synchronous driver, which polls again for the next.
    Yielded,
    /// Waiting for room in the channel.
    Sending,
}

/// The future of [`Out::boundary`]: ready at once, unless a chunk is handed
/// to the chunk iterator or a full buffer waits for room in the channel.
///
/// ```
/// use htpy::{Boundary, Cx, Out, Render, Result};
///
/// struct Two;
/// impl Render for Two {
///     fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
///         out.write_text("ab");
///         Ok(())
///     }
///     async fn render_async(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
///         out.write_text("a");
///         let end_of_chunk: Boundary<'_> = out.boundary();
///         end_of_chunk.await?;
///         out.write_text("b");
///         out.boundary().await
///     }
/// }
/// let chunks: Vec<String> = Two.iter_chunks().collect::<Result<_>>().unwrap();
/// assert_eq!(chunks, ["a", "b"]);
/// ```
#[must_use = "a boundary does nothing unless awaited"]
pub struct Boundary<'a> {
    out: &'a mut Out,
    step: Step,
}

impl Future for Boundary<'_> {
    type Output = Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        let this = self.get_mut();
        match this.step {
            Step::Yielded => Poll::Ready(Ok(())),
            Step::Sending => this.out.poll_send(cx, false),
            Step::Check if !this.out.is_full() => Poll::Ready(Ok(())),
            Step::Check => match &this.out.sink {
                Sink::Keep => Poll::Ready(Ok(())),
                Sink::Yield { slot, .. } => {
                    let chunk = mem::take(&mut this.out.buf);
                    this.out.sent += chunk.len() as u64;
                    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(chunk);
                    this.step = Step::Yielded;
                    Poll::Pending
                }
                Sink::Channel { .. } => {
                    this.step = Step::Sending;
                    this.out.poll_send(cx, false)
                }
            },
        }
    }
}
