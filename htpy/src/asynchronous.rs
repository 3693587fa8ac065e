//! Async children: futures (htpy's async components) and streams (its async
//! iterators), awaited in document order when rendering reaches them.

use std::any::type_name;
use std::pin::pin;
use std::task::Poll;

use futures::{Stream, StreamExt as _, poll};

use crate::context::Cx;
use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::{Render, RenderKind};

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
pub struct Async<F>(F);

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
    Async(future.into_future())
}

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

    async fn render_async(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        if out.is_sync_only() {
            return Err(async_in_sync::<F>("the future"));
        }
        out.publish();
        let mut future = pin!(self.0);
        let child = match poll!(future.as_mut()) {
            Poll::Ready(child) => child,
            Poll::Pending => {
                out.flush().await?;
                future.await
            }
        };
        child.render_async(out, cx).await
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
pub struct AsyncIter<S>(S);

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
    AsyncIter(stream)
}

impl<S: Stream<Item: Render>> Render for AsyncIter<S> {
    const KIND: RenderKind = RenderKind::Async;

    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Err(async_in_sync::<S>("the stream"))
    }

    async fn render_async(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        if out.is_sync_only() {
            return Err(async_in_sync::<S>("the stream"));
        }
        let mut items = pin!(self.0);
        loop {
            out.publish();
            let item = match poll!(items.next()) {
                Poll::Ready(item) => item,
                Poll::Pending => {
                    out.flush().await?;
                    items.next().await
                }
            };
            match item {
                Some(child) => child.render_async(out, cx).await?,
                None => return Ok(()),
            }
        }
    }
}
