//! The byte stream: a producer renders into buffers and sends them through a
//! bounded channel; the receiver is a `Stream` of `Bytes`.

use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::channel::{mpsc, oneshot};
use futures::future::{Either, select};
use futures::{Stream, StreamExt as _};

use crate::context::Cx;
use crate::error::Result;
use crate::output::Out;
use crate::render::{Render, caught};
use crate::size_hint;

/// How a byte stream buffers.
///
/// ```
/// let options = htpy::StreamOptions::default().buffer_size(16 * 1024).channel_capacity(2);
/// assert_eq!(options.memory_bound(), 48 * 1024);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct StreamOptions {
    buffer_size: usize,
    channel_capacity: usize,
}

impl Default for StreamOptions {
    /// 8 KiB buffers, at most 4 in the channel.
    fn default() -> Self {
        Self {
            buffer_size: 8 * 1024,
            channel_capacity: 4,
        }
    }
}

impl StreamOptions {
    /// The size a buffer reaches before it is sent (it is sent earlier when
    /// rendering has to wait). A piece larger than this goes out whole.
    ///
    /// ```
    /// let options = htpy::StreamOptions::default().buffer_size(4096);
    /// assert_eq!(options.memory_bound(), 5 * 4096);
    /// ```
    #[must_use]
    pub fn buffer_size(mut self, bytes: usize) -> Self {
        self.buffer_size = bytes.max(1);
        self
    }

    /// How many buffers may wait in the channel before the producer waits
    /// for the receiver (at least 1).
    ///
    /// ```
    /// let options = htpy::StreamOptions::default().channel_capacity(1);
    /// assert_eq!(options.memory_bound(), 2 * 8 * 1024);
    /// ```
    #[must_use]
    pub fn channel_capacity(mut self, buffers: usize) -> Self {
        self.channel_capacity = buffers.max(1);
        self
    }

    /// About the most page bytes held at once: the buffers in the channel
    /// plus the one being filled (a single piece larger than a buffer adds
    /// its own size).
    ///
    /// ```
    /// assert_eq!(htpy::StreamOptions::default().memory_bound(), 40 * 1024);
    /// ```
    pub fn memory_bound(&self) -> usize {
        (self.channel_capacity + 1) * self.buffer_size
    }
}

/// The receiving end of a render: `Bytes` as they are rendered.
///
/// - **Coalescing.** The producer sends buffers of about
///   [`StreamOptions::buffer_size`] bytes, not one message per htpy chunk.
/// - **Flushing at waits.** When rendering reaches a future or stream that
///   is not ready, everything rendered before it is sent first.
/// - **Backpressure.** The channel holds at most
///   [`StreamOptions::channel_capacity`] buffers; a slow reader makes the
///   producer wait, so memory stays bounded whatever the page's size.
/// - **Cancellation.** Dropping the stream stops the producer at once, even
///   while it awaits a slow future (which is dropped).
/// - **Failures.** A failure mid-page (a missing context, a component's
///   error, a panic, caught) sends what was rendered before it, then the
///   error as the last item: the stream never ends cleanly after a failure.
///
/// ```
/// use futures::StreamExt;
/// use htpy::{Context, Render, StreamOptions, div};
///
/// static USER: Context<String> = Context::new("user");
/// let page = div().children(("before", USER.consume(|u| u.clone())));
/// let (producer, stream) = page.render_stream(StreamOptions::default());
/// let (_, items) = futures::executor::block_on(futures::future::join(producer, stream.collect::<Vec<_>>()));
/// assert_eq!(items[0].as_ref().unwrap().as_ref(), b"<div>before");
/// assert!(items[1].is_err());
/// assert_eq!(items.len(), 2);
/// ```
#[must_use = "a stream does nothing unless polled"]
pub struct ByteStream {
    rx: mpsc::Receiver<Result<Bytes>>,
    /// Dropped with the stream, which tells the producer to stop.
    _alive: oneshot::Receiver<()>,
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_next_unpin(cx)
    }
}

/// The producer and the receiver of a render; see [`Render::render_stream`].
pub(crate) fn render_stream<T: Render>(
    tree: T,
    options: StreamOptions,
) -> (impl Future<Output = ()>, ByteStream) {
    // A futures channel holds `buffer + senders` messages; there is one sender.
    let (tx, rx) = mpsc::channel(options.channel_capacity - 1);
    let (mut alive, alive_rx) = oneshot::channel();
    let producer = async move {
        // A page smaller than a buffer (learnt from its last render) gets a
        // first buffer of its size, not a full one.
        let guess = size_hint::guess::<T>();
        let first = if guess == 0 {
            options.buffer_size
        } else {
            guess.min(options.buffer_size)
        };
        let mut out = Out::channel(tx, options.buffer_size, first);
        let outcome = {
            let render = pin!(caught(tree.render_async(&mut out, Cx::root())));
            let receiver_gone = pin!(alive.cancellation());
            // The receiver's absence is checked first, so that no user code
            // runs once it is gone.
            match select(receiver_gone, render).await {
                Either::Right((result, _)) => result,
                Either::Left(_) => return,
            }
        };
        size_hint::learn::<T>(usize::try_from(out.bytes_rendered()).unwrap_or(usize::MAX));
        out.finish(outcome).await;
    };
    (
        producer,
        ByteStream {
            rx,
            _alive: alive_rx,
        },
    )
}
