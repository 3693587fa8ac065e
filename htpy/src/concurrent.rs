//! Concurrent children: the futures and streams of a part of the page start
//! together, and its output still goes out in document order.

use crate::context::Cx;
use crate::error::Result;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::Task;

/// Children whose futures and streams run together; see [`concurrent`].
///
/// ```
/// use htpy::{Concurrent, Render, concurrent};
///
/// let both: Concurrent<_> = concurrent(("a", "b"));
/// assert_eq!(both.render_to_string().unwrap(), "ab");
/// ```
#[derive(Clone, Debug)]
#[must_use = "children do nothing until they are rendered"]
pub struct Concurrent<C>(C);

/// Starts every future and stream in `children` as soon as rendering
/// reaches them, instead of one after another: a slow section no longer
/// holds back the ones after it. The output is the same, byte for byte, in
/// the same order: what is ready ahead of its turn is kept until then.
///
/// - **Memory.** Each part rendered ahead of its turn keeps at most about a
///   buffer ([`StreamOptions::buffer_size`](crate::StreamOptions::buffer_size))
///   of output before it is polled no further until its turn; what
///   `render_to_string_async` keeps is the page anyway.
/// - **Failures.** When a part fails, the output before it in document
///   order goes out, then its error; the parts after it are dropped.
/// - **Order of side effects.** Lazy children and iterators after a future
///   that is not ready run before it resolves: outside `concurrent`, the
///   render is htpy's, in document order.
/// - A synchronous render renders the children as they are.
///
/// ```
/// use futures::channel::oneshot;
/// use futures::StreamExt;
/// use htpy::{Render, StreamOptions, concurrent, future, li, ul};
///
/// let (slow_tx, slow_rx) = oneshot::channel::<&str>();
/// let (fast_tx, fast_rx) = oneshot::channel::<&str>();
/// let page = ul().children(concurrent((
///     future(async { li().children(slow_rx.await.unwrap()) }),
///     future(async { li().children(fast_rx.await.unwrap()) }),
/// )));
/// let mut bytes = page.render_stream(StreamOptions::default());
/// futures::executor::block_on(async {
///     assert_eq!(bytes.next().await.unwrap()?, "<ul>");
///     // The second item's data comes first: it is kept until its turn.
///     fast_tx.send("fast").unwrap();
///     slow_tx.send("slow").unwrap();
///     assert_eq!(bytes.next().await.unwrap()?, "<li>slow</li><li>fast</li></ul>");
///     Ok::<(), htpy::Error>(())
/// })?;
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn concurrent<C: Render>(children: C) -> Concurrent<C> {
    Concurrent(children)
}

impl<C: Render> Render for Concurrent<C> {
    const KIND: RenderKind = C::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.0.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        if task.out().is_sync_only() || task.is_ahead() {
            return self.0.render_parts(task, cx);
        }
        let cx = cx.shared();
        task.group(Box::new(move |task| self.0.render_parts(task, cx.cx())));
        Ok(())
    }
}
