//! Async children: futures (htpy's async components) and streams (its async
//! iterators), awaited in document order when rendering reaches them.

use std::any::type_name;
use std::marker::PhantomPinned;
use std::pin::Pin;

use futures::{Stream, StreamExt as _};

use crate::context::{Cx, SharedCx};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::{Run, Task};

/// A future whose output is a child; see [`future`].
///
/// ```
/// use htpy::{Async, Render, future};
///
/// let child: Async<_> = future(async { 1 });
/// assert_eq!(futures::executor::block_on(child.render_to_string_async()).unwrap(), "1");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a future child does nothing until it is rendered"]
pub struct Async<F>(F, AsyncOnly);

/// A future as a child: an async component. It is polled only when rendering
/// reaches it; whatever was rendered before it is flushed to the client
/// first if it is not ready. Its output can be another future, a tree with
/// lazy children, or a `Result` whose error ends the render.
///
/// A synchronous render of a tree that holds one does not compile; inside a
/// run-time [`Node`](crate::Node) it fails with
/// [`ErrorKind::AsyncInSync`].
///
/// ```
/// use htpy::{Render, future, li, ul};
///
/// async fn load_names() -> Vec<&'static str> {
///     vec!["Ada", "Grace"]
/// }
///
/// let page = ul().children(future(async {
///     load_names().await.into_iter().map(|name| li().children(name)).collect::<Vec<_>>()
/// }));
/// let html = futures::executor::block_on(page.render_to_string_async()).unwrap();
/// assert_eq!(html, "<ul><li>Ada</li><li>Grace</li></ul>");
/// ```
pub fn future<F: IntoFuture<Output: Render>>(future: F) -> Async<F::IntoFuture> {
    Async(future.into_future(), AsyncOnly::default())
}

/// What makes a future or stream child, and every tree that holds one,
/// `!Unpin`, so that a synchronous render refuses it at compile time
/// ([`Synchronous`](crate::Synchronous)). Its name is what the compiler's
/// error shows.
#[derive(Clone, Debug, Default)]
struct RenderWithRenderStreamOrRenderToStringAsync(PhantomPinned);

type AsyncOnly = RenderWithRenderStreamOrRenderToStringAsync;

fn async_in_sync<T>(kind: &str) -> Error {
    Error::new(ErrorKind::AsyncInSync {
        what: format!("{kind} `{}`", type_name::<T>()),
    })
}

impl<F: Future<Output: Render>> Render for Async<F> {
    const KIND: RenderKind = RenderKind::Async;

    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Err(async_in_sync::<F>("the future"))
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        if task.out().is_sync_only() {
            return Err(async_in_sync::<F>("the future"));
        }
        let cx = cx.shared();
        task.wait(async move {
            let child = self.0.await;
            Box::new(move |task: &mut Task<'a>| child.render_parts(task, cx.cx())) as Run<'a>
        })
    }
}

/// A stream whose items are children; see [`stream`].
///
/// ```
/// use htpy::{AsyncIter, Render, stream};
///
/// let child: AsyncIter<_> = stream(futures::stream::iter([1, 2]));
/// assert_eq!(futures::executor::block_on(child.render_to_string_async()).unwrap(), "12");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a stream child does nothing until it is rendered"]
pub struct AsyncIter<S>(S, AsyncOnly);

/// A stream as children: htpy's async iterator. Each item is awaited when
/// rendering reaches it, after what came before was flushed if the item is
/// not ready. Items can be `Result`s whose error ends the render.
///
/// ```
/// use futures::StreamExt;
/// use htpy::{Render, li, stream, ul};
///
/// let rows = futures::stream::iter(1..=3).map(|n| li().children(n));
/// let html = futures::executor::block_on(ul().children(stream(rows)).render_to_string_async()).unwrap();
/// assert_eq!(html, "<ul><li>1</li><li>2</li><li>3</li></ul>");
/// ```
pub fn stream<S: Stream<Item: Render>>(stream: S) -> AsyncIter<S> {
    AsyncIter(stream, AsyncOnly::default())
}

impl<S: Stream<Item: Render>> Render for AsyncIter<S> {
    const KIND: RenderKind = RenderKind::Async;

    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Err(async_in_sync::<S>("the stream"))
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        if task.out().is_sync_only() {
            return Err(async_in_sync::<S>("the stream"));
        }
        task.wait(next_item(Box::pin(self.0), cx.shared()))
    }
}

/// The next item of `items`, and what rendering it takes: the item, then
/// (after whatever work it left) the item after it.
async fn next_item<'a, S: Stream<Item: Render> + 'a>(
    mut items: Pin<Box<S>>,
    cx: SharedCx,
) -> Run<'a> {
    let item = items.next().await;
    Box::new(move |task: &mut Task<'a>| {
        let Some(child) = item else {
            return Ok(());
        };
        let mark = task.mark();
        child.render_parts(task, cx.cx())?;
        task.wait_after(mark, next_item(items, cx))
    })
}
