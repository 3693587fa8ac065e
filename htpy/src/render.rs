//! The [`Render`] trait: what every child is, and every way to render a page.

use std::any::Any;
use std::fmt;
use std::future::poll_fn;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::Poll;

use crate::chunks::{Chunks, WRITE_BLOCK};
use crate::context::Cx;
use crate::error::{Error, ErrorKind, Result};
use crate::node::{Node, Plain};
use crate::output::Out;
use crate::size_hint;
use crate::static_text::Ends;
use crate::stream::{ByteStream, StreamOptions};
use crate::task::{Stop, Task};

/// Anything that can be a child, a component or a whole page.
///
/// A render consumes the tree: lazy children run and iterators are drained
/// once. Build the tree afresh (call the component again) to render again.
///
/// Three ways to render, as in htpy: to a `String` (`str(node)`), as an
/// iterator of htpy's chunks (`iter_chunks()`), and as a stream of bytes
/// (`aiter_chunks()`) fed by a producer task through a bounded channel.
///
/// ```
/// use htpy::{Render, li, ul};
///
/// fn list(items: &[&str]) -> impl Render {
///     ul().children(items.iter().map(|item| li().children(*item)))
/// }
///
/// assert_eq!(list(&["a", "b"]).render_to_string().unwrap(), "<ul><li>a</li><li>b</li></ul>");
/// let chunks: Vec<String> = list(&["a"]).iter_chunks().collect::<Result<_, _>>().unwrap();
/// assert_eq!(chunks, ["<ul>", "<li>", "a", "</li>", "</ul>"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rendered as HTML",
    label = "not a child",
    note = "children are elements, text, integers, `Option`s, `Vec`s, tuples, iterators, \
            `lazy(..)`, `future(..)`, `stream(..)`, or your own `impl Render`",
    note = "a float is written in the form you choose: `decimals(x, 2)` for `0.50`, \
            or `display(x)` for Rust's `{{}}`"
)]
pub trait Render: Sized {
    /// What the type tells of its render: it never waits ([`RenderKind::Sync`],
    /// so a byte stream may render it in one go), it holds a future or a
    /// stream ([`RenderKind::Async`], so a synchronous render of it does not
    /// compile), or only the value knows ([`RenderKind::Dynamic`], the default).
    const KIND: RenderKind = RenderKind::Dynamic;

    /// The text every render of this type writes first and last, known from
    /// the type alone, which a parent may write joined with its own. Not
    /// public API.
    #[doc(hidden)]
    const ENDS: Ends = Ends::NONE;

    /// Renders all but [`Render::ENDS`], which the caller writes. Not
    /// public API.
    ///
    /// # Errors
    ///
    /// As [`Render::render`].
    // Always inlined: it only forwards, and a call here is a call per node
    // (in an optimised build; see `Element::render_inner` for why not in a
    // debug build).
    #[doc(hidden)]
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(
        not(debug_assertions),
        expect(clippy::inline_always, reason = "performance.md")
    )]
    fn render_inner(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.render(out, cx)
    }

    /// Renders synchronously into `out`, with the contexts `cx`.
    ///
    /// # Errors
    ///
    /// Whatever a child fails with: a missing context, an async child, a
    /// component's own error.
    ///
    /// ```
    /// use htpy::{Cx, Out, Render, Result, b};
    ///
    /// struct Name<'a>(&'a str);
    /// impl Render for Name<'_> {
    ///     fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
    ///         b().children(self.0).render(out, cx)
    ///     }
    /// }
    /// assert_eq!(Name("Ada").render_to_string().unwrap(), "<b>Ada</b>");
    /// ```
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()>;

    /// Renders into a [`Task`]: a render that may stop (at a future or
    /// stream that is not ready, a full buffer, or between htpy's chunks)
    /// and go on later. The default renders synchronously as one of htpy's
    /// chunks: right for a type that is one piece of text, or whose children
    /// never wait. Not public API: a type made of children delegates to
    /// them in [`Render::render`], and the crate's own types do the rest.
    ///
    /// # Errors
    ///
    /// As [`Render::render`].
    #[doc(hidden)]
    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        self.render(task.out(), cx)?;
        task.out().end_chunk();
        Ok(())
    }

    /// This child as a [`Node`]: boxed, unless the type has a form a node
    /// keeps without a box. Not public API: [`Node::new`] calls it.
    #[doc(hidden)]
    fn into_node<'a>(self) -> Node<'a>
    where
        Self: 'a,
    {
        Node::boxed(self)
    }

    /// Writes this child into `html` now, when that is the same as
    /// rendering it later (see [`Nodes`](crate::Nodes)): what it wrote, as
    /// far as htpy's chunks go; else its node, with `html` as it was. Not
    /// public API: [`Nodes::push`](crate::Nodes::push) calls it, so that a
    /// child it writes is never built as a node.
    #[doc(hidden)]
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_or_node<'a>(self, html: &mut String) -> Result<Plain, Node<'a>>
    where
        Self: 'a,
    {
        self.into_node().write_plain(html)
    }

    /// Renders to a new `String`.
    ///
    /// A tree that holds a future or a stream does not compile here; render
    /// it with [`Render::render_stream`] or [`Render::render_to_string_async`].
    ///
    /// # Errors
    ///
    /// The first failure of the render; no partial output is returned.
    ///
    /// ```
    /// use htpy::{Render, h1};
    ///
    /// assert_eq!(h1().children("Hi <you>").render_to_string().unwrap(), "<h1>Hi &lt;you&gt;</h1>");
    /// ```
    // Inlined where the tree is built, so that the optimiser sees its literal
    // text: no escape scan for `"CSL "`, and copies of known length.
    #[inline]
    fn render_to_string(self) -> Result<String>
    where
        Self: Synchronous,
    {
        let key = size_hint::key::<Self>();
        let mut html = String::with_capacity(size_hint::guess(key));
        let adopted = render_kept(self, &mut html)?;
        size_hint::learn(key, html.len().saturating_sub(adopted));
        Ok(html)
    }

    /// Appends the rendering to `html`. On failure `html` is left as it was.
    ///
    /// # Errors
    ///
    /// As [`Render::render_to_string`].
    ///
    /// ```
    /// use htpy::{Render, li};
    ///
    /// let mut html = String::from("<ul>");
    /// li().children(1).render_into(&mut html).unwrap();
    /// assert_eq!(html, "<ul><li>1</li>");
    /// ```
    #[inline]
    fn render_into(self, html: &mut String) -> Result<()>
    where
        Self: Synchronous,
    {
        render_kept(self, html).map(drop)
    }

    /// Renders chunk by chunk, as htpy's `iter_chunks()`: the same pieces at
    /// the same moments, lazy children running as the iterator reaches them.
    /// After an `Err` the iterator ends.
    ///
    /// ```
    /// use htpy::{Render, html};
    ///
    /// let chunks: Vec<String> = html().iter_chunks().collect::<Result<_, _>>().unwrap();
    /// assert_eq!(chunks, ["<!doctype html>", "<html>", "</html>"]);
    /// ```
    fn iter_chunks<'a>(self) -> Chunks<'a>
    where
        Self: Synchronous + 'a,
    {
        Chunks::new(self, 0)
    }

    /// Writes the rendering to `writer` in blocks of a few KiB, without
    /// holding the page in memory.
    ///
    /// # Errors
    ///
    /// The render's failure, or [`ErrorKind::Write`] when the writer fails.
    ///
    /// ```
    /// use htpy::{Render, p};
    ///
    /// let mut bytes = Vec::new();
    /// p().children("hi").write_to(&mut bytes).unwrap();
    /// assert_eq!(bytes, b"<p>hi</p>");
    /// ```
    fn write_to(self, mut writer: impl io::Write) -> Result<()>
    where
        Self: Synchronous,
    {
        for block in Chunks::new(self, WRITE_BLOCK) {
            writer
                .write_all(block?.as_bytes())
                .map_err(|error| Error::new(ErrorKind::Write(error)))?;
        }
        Ok(())
    }

    /// Writes the rendering to a `fmt::Write`, such as a `Formatter`.
    ///
    /// # Errors
    ///
    /// The render's failure, or [`ErrorKind::Write`] when the writer fails.
    ///
    /// ```
    /// use htpy::{Render, em};
    ///
    /// let mut html = String::new();
    /// em().children("x").render_fmt(&mut html).unwrap();
    /// assert_eq!(html, "<em>x</em>");
    /// ```
    fn render_fmt(self, writer: &mut impl fmt::Write) -> Result<()>
    where
        Self: Synchronous,
    {
        for block in Chunks::new(self, WRITE_BLOCK) {
            writer
                .write_str(&block?)
                .map_err(|error| Error::new(ErrorKind::Write(io::Error::other(error))))?;
        }
        Ok(())
    }

    /// Renders to a `String`, awaiting futures and streams in document order.
    ///
    /// # Errors
    ///
    /// As [`Render::render_to_string`].
    ///
    /// ```
    /// use htpy::{Render, future, li, stream, ul};
    ///
    /// let items = stream(futures::stream::iter(["a", "b"].map(|x| li().children(x))));
    /// let page = ul().children((future(async { li().children("first") }), items));
    /// let html = futures::executor::block_on(page.render_to_string_async()).unwrap();
    /// assert_eq!(html, "<ul><li>first</li><li>a</li><li>b</li></ul>");
    /// ```
    fn render_to_string_async<'a>(self) -> impl Future<Output = Result<String>> + 'a
    where
        Self: 'a,
    {
        let mut task = Task::new(Out::keep(String::new(), false), self);
        async move {
            poll_fn(|cx| match task.drive(cx) {
                Ok(Stop::Wait) => Poll::Pending,
                Ok(Stop::Done | Stop::Full) => Poll::Ready(Ok(())),
                Err(error) => Poll::Ready(Err(error)),
            })
            .await?;
            Ok(task.into_out().take_buf())
        }
    }

    /// Renders as a stream of bytes, rendered as the stream is polled: in
    /// buffers of about [`StreamOptions::buffer_size`] bytes, each future or
    /// stream that is not ready sending what was rendered before it. See
    /// [`ByteStream`] for flushing, memory, cancellation and failures.
    ///
    /// ```
    /// use futures::StreamExt;
    /// use htpy::{Render, StreamOptions, div, future};
    ///
    /// let page = div().children(future(async { "done" }));
    /// let chunks = futures::executor::block_on(page.render_stream(StreamOptions::default()).collect::<Vec<_>>());
    /// let bytes: Vec<u8> = chunks.into_iter().flat_map(|chunk| chunk.unwrap()).collect();
    /// assert_eq!(bytes, b"<div>done</div>");
    /// ```
    fn render_stream<'a>(self, options: StreamOptions) -> ByteStream<'a>
    where
        Self: 'a,
    {
        ByteStream::new(self, &options)
    }
}

/// The types a synchronous render accepts: every child but a future or a
/// stream ([`future`](crate::future), [`stream`](crate::stream)), whose
/// types are not `Unpin`, which is what this trait checks. A tree that holds
/// one is refused where `render_to_string` (or another synchronous render)
/// is called, by `cargo check` already, even behind a component's
/// `impl Render`. (A type of your own that is not `Unpin` is refused too:
/// box it, or render it with `render_to_string_async`.)
///
/// ```compile_fail
/// use htpy::{Render, div, future};
///
/// div().children(future(async { "x" })).render_to_string();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` holds a future or a stream, which a synchronous render cannot await",
    label = "holds a future or a stream",
    note = "render it with `render_stream` or `render_to_string_async`"
)]
pub trait Synchronous {}

impl<T: Unpin> Synchronous for T {}

/// What a type tells of its render; see [`Render::KIND`].
///
/// ```
/// use htpy::{Node, Render, RenderKind, div, future};
///
/// fn kind<T: Render>(_: &T) -> RenderKind {
///     T::KIND
/// }
/// assert_eq!(kind(&div().children("x")), RenderKind::Sync);
/// assert_eq!(kind(&div().children(future(async { "x" }))), RenderKind::Async);
/// assert_eq!(kind(&Node::new("x")), RenderKind::Dynamic);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderKind {
    /// Never waits: the synchronous render is the whole render.
    Sync,
    /// Holds a future or a stream.
    Async,
    /// Decided by the value at run time, as for a [`Node`].
    Dynamic,
}

impl RenderKind {
    /// The kind of a child made of parts of kinds `self` and `other`.
    ///
    /// ```
    /// use htpy::RenderKind::{Async, Dynamic, Sync};
    ///
    /// assert_eq!(Sync.and(Sync), Sync);
    /// assert_eq!(Sync.and(Dynamic), Dynamic);
    /// assert_eq!(Dynamic.and(Async), Async);
    /// ```
    #[must_use]
    pub const fn and(self, other: Self) -> Self {
        match (self, other) {
            (RenderKind::Async, _) | (_, RenderKind::Async) => RenderKind::Async,
            (RenderKind::Dynamic, _) | (_, RenderKind::Dynamic) => RenderKind::Dynamic,
            (RenderKind::Sync, RenderKind::Sync) => RenderKind::Sync,
        }
    }
}

/// Renders `page` onto the end of `html`, all its output kept there, as
/// [`Render::render_into`] does: on failure `html` is left as it was.
/// Returns how many bytes the output took over from lists rather than
/// copied ([`Out::append_owned`]).
#[inline]
fn render_kept<P: Render + Synchronous>(page: P, html: &mut String) -> Result<usize> {
    let len = html.len();
    let mut out = Out::keep(std::mem::take(html), true);
    // The closure borrows the page rather than taking it: each layer of
    // `catch_unwind` moves its closure, a copy of the page in each frame
    // of a debug build.
    let mut page = Some(page);
    let caught = catch_unwind(AssertUnwindSafe(|| {
        page.take()
            .map_or(Ok(()), |page| page.render(&mut out, Cx::root()))
    }));
    let adopted = out.adopted();
    // Ended before a panic is read, so that no unwinding path drops
    // the output: a call that drops it is handed its address.
    *html = out.into_buf();
    let result = caught.unwrap_or_else(|panic| Err(panic_error(&*panic)));
    if result.is_err() {
        html.truncate(len);
    }
    result.map(|()| adopted)
}

/// Runs `render` on an output of this frame that goes on from `out`
/// ([`Out::in_frame`]), and gives `out` the buffer back, after a panic too
/// (an error then). The optimiser keeps the buffer's length in a register
/// only for an output whose address no code out of line is handed, which
/// an output reached through a pointer is not (`docs/src/performance.md`).
#[inline]
pub(crate) fn in_frame(out: &mut Out, render: impl FnOnce(&mut Out) -> Result<()>) -> Result<()> {
    let mut local = out.in_frame();
    let result = user_code(|| render(&mut local)).and_then(|rendered| rendered);
    out.resume(local);
    result
}

/// Runs a lazy child's code, turning a panic in it into
/// [`ErrorKind::Panic`], which then says which elements it was in as any
/// other error does. (A panic elsewhere, in an iterator's closure say, is
/// caught by the render as a whole.)
#[inline]
pub(crate) fn user_code<R>(code: impl FnOnce() -> R) -> Result<R> {
    catch_unwind(AssertUnwindSafe(code)).map_err(|panic| panic_error(&*panic))
}

/// The error for a caught panic, with its message when it has one.
pub(crate) fn panic_error(payload: &(dyn Any + Send)) -> Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    Error::new(ErrorKind::Panic { message })
}
