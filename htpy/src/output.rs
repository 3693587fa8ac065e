//! [`Out`]: where a render writes, how many bytes it has produced, and, for
//! the renders that hand their output on as they go (the chunk iterator, the
//! byte stream), when a piece is ready to be handed on.

use std::cell::{Cell, OnceCell};
use std::collections::VecDeque;
use std::fmt::{self, Write as _};
use std::mem::{self, ManuallyDrop};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::escape::{Escaper, escape_into};
use crate::task::MAX_NESTING;

/// Appends `text` to `buf`: every write of a page's markup and text goes
/// through here (only the out-of-order stream's section markers, a few per
/// section, are formatted with `write!`). The test for room comes first,
/// and a buffer that must grow is handed by value to one cold function,
/// where `String::push_str` keeps its own test and a call to the standard
/// library's growth path at each place it is written; the buffer goes to
/// that function by value, so no call is handed its address. Always
/// inlined, in cold paths too: a call handed the buffer makes the optimiser
/// keep its length in memory throughout the render (see
/// `docs/src/performance.md`).
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "a call handed the buffer keeps its length out of registers"
)]
pub(crate) fn append(buf: &mut String, text: &str) {
    if buf.capacity() - buf.len() >= text.len() {
        buf.push_str(text);
    } else {
        *buf = grown(mem::take(buf), text);
    }
}

/// `buf` followed by `text`, in a larger allocation.
#[cold]
#[inline(never)]
fn grown(mut buf: String, text: &str) -> String {
    buf.push_str(text);
    buf
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
    /// The fill at which a render that hands its output on pauses to do so.
    limit: usize,
    /// The fill at which a list rendered in one go looks up from its items
    /// ([`Out::must_look`]): `limit`, or 0 once user code holds a
    /// [`Position`], so that one test after each item covers both.
    look_at: Cell<usize>,
    /// htpy's exact chunks, finished and not yet handed on, when asked for.
    /// Dropped by `Out`'s `Drop`, as `position` is.
    chunks: ManuallyDrop<Option<VecDeque<String>>>,
    /// Whether futures and streams must be refused (a synchronous render).
    sync_only: bool,
    /// The byte count user code holds, once it asked for one.
    position: ManuallyDrop<OnceCell<Position>>,
    /// How many [`Node`](crate::Node)s a synchronous render is inside.
    nesting: u8,
    /// Bytes taken over as they were rather than copied
    /// ([`Out::append_owned`]): a `String` render's size guess leaves them
    /// out.
    adopted: usize,
}

impl Drop for Out {
    /// Hands everything an `Out` owns by value to a function out of line,
    /// so that dropping one, even while unwinding, is a few moves short
    /// enough to be inlined into the render: no code out of line is handed
    /// the output's address, which lets the optimiser keep the buffer's
    /// length in a register (see `docs/src/performance.md`).
    #[inline]
    fn drop(&mut self) {
        drop_parts(
            mem::take(&mut self.buf),
            ManuallyDrop::into_inner(mem::take(&mut self.chunks)),
            ManuallyDrop::into_inner(mem::take(&mut self.position)).into_inner(),
        );
    }
}

/// Drops the parts of an `Out`.
#[inline(never)]
fn drop_parts(buf: String, chunks: Option<VecDeque<String>>, position: Option<Position>) {
    drop((buf, chunks, position));
}

impl Out {
    /// Output appended to `buf`, all kept there.
    pub(crate) fn keep(buf: String, sync_only: bool) -> Self {
        Self::new(buf, usize::MAX, false, sync_only)
    }

    /// Output handed on in pieces: htpy's exact chunks (`exact`), or runs
    /// of about `limit` bytes.
    pub(crate) fn new(buf: String, limit: usize, exact: bool, sync_only: bool) -> Self {
        Self {
            start: buf.len(),
            buf,
            sent: 0,
            limit,
            look_at: Cell::new(limit),
            chunks: ManuallyDrop::new(exact.then(VecDeque::new)),
            sync_only,
            position: ManuallyDrop::new(OnceCell::new()),
            nesting: 0,
            adopted: 0,
        }
    }

    /// The output of a render that goes on from `self` in the caller's
    /// frame: it takes the buffer, keeps the limit, and counts bytes on from
    /// `self`'s count. [`Out::resume`] gives the buffer back. Not for htpy's
    /// exact chunks, which stay with `self`.
    pub(crate) fn in_frame(&mut self) -> Self {
        debug_assert!(!self.is_exact(), "exact chunks stay in their output");
        let sent = self.bytes_rendered();
        let buf = mem::take(&mut self.buf);
        Self {
            start: buf.len(),
            sent,
            buf,
            limit: self.limit,
            look_at: self.look_at.clone(),
            chunks: ManuallyDrop::new(None),
            sync_only: self.sync_only,
            position: self.position.clone(),
            nesting: self.nesting,
            adopted: 0,
        }
    }

    /// The output of a synchronous render that goes on from `self` through
    /// a task: as [`Out::in_frame`], with no limit.
    pub(crate) fn go_on(&mut self) -> Self {
        let mut out = self.in_frame();
        out.set_limit(usize::MAX);
        out.sync_only = true;
        out.nesting = 0;
        out
    }

    /// The buffer, the render over: what a `String` render keeps. An output
    /// that owns nothing else, as a `String` render's does unless user code
    /// asked for a position, is forgotten rather than dropped: its `Drop`
    /// would hand the empty parts to a call (see `docs/src/performance.md`).
    #[inline]
    pub(crate) fn into_buf(mut self) -> String {
        let buf = mem::take(&mut self.buf);
        if self.chunks.is_none() && self.position.get().is_none() {
            mem::forget(self);
        }
        buf
    }

    /// Takes the buffer back from the output made by [`Out::in_frame`], and
    /// the byte count user code asked for there, if it did, so that it is
    /// kept up to date from here on too.
    pub(crate) fn resume(&mut self, mut from: Self) {
        self.buf = mem::take(&mut from.buf);
        self.adopted += from.adopted;
        if let Some(position) = from.position.take() {
            self.position.get_or_init(|| position);
            self.look_at.set(0);
        }
    }

    /// Counts one more nested [`Node`](crate::Node) render: `false` when
    /// there are too many already, and the node must be rendered through a
    /// task, which keeps the call stack short.
    #[inline]
    pub(crate) fn enter_node(&mut self) -> bool {
        if u32::from(self.nesting) >= MAX_NESTING {
            return false;
        }
        self.nesting += 1;
        true
    }

    /// Ends a render counted by [`Out::enter_node`].
    #[inline]
    pub(crate) fn leave_node(&mut self) {
        self.nesting -= 1;
    }

    /// What is buffered, taken out to be handed on.
    pub(crate) fn take_buf(&mut self) -> String {
        let taken = mem::take(&mut self.buf);
        self.sent += taken.len() as u64;
        taken
    }

    /// The next finished chunk, when exact chunks were asked for.
    pub(crate) fn next_chunk(&mut self) -> Option<String> {
        self.chunks.as_mut()?.pop_front()
    }

    /// Whether finished chunks wait to be handed on.
    #[inline]
    pub(crate) fn has_chunks(&self) -> bool {
        self.chunks
            .as_ref()
            .is_some_and(|chunks| !chunks.is_empty())
    }

    /// Whether htpy's exact chunks were asked for.
    pub(crate) fn is_exact(&self) -> bool {
        self.chunks.is_some()
    }

    /// Ends one of htpy's chunks, when exact chunks were asked for.
    #[inline]
    pub(crate) fn end_chunk(&mut self) {
        if self.chunks.is_some() {
            let chunk = self.take_buf();
            if let Some(chunks) = &mut *self.chunks {
                chunks.push_back(chunk);
            }
        }
    }

    /// Appends `html`, which the caller owns and is done with. When the
    /// buffer has no room for `html` and holds less than it, `html` becomes
    /// the buffer, what the buffer held moved in front of it: a list's bytes
    /// are not copied into a new allocation, which would hold the page twice
    /// for a moment. (Copied, they would all be in the buffer too: a render
    /// that hands its output on does so between children.)
    pub(crate) fn append_owned(&mut self, mut html: String) {
        let room = self.buf.capacity() - self.buf.len();
        if room >= html.len() || self.buf.len() > html.len() {
            append(&mut self.buf, &html);
            return;
        }
        self.adopted += html.len();
        html.insert_str(0, &self.buf);
        self.buf = html;
    }

    /// The bytes [`Out::append_owned`] took over rather than copied.
    pub(crate) fn adopted(&self) -> usize {
        self.adopted
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
        append(&mut self.buf, markup);
    }

    /// The fill at which a render that hands its output on pauses.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Sets the fill at which a render that hands its output on pauses.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
        if !self.is_observed() {
            self.look_at.set(limit);
        }
    }

    /// Whether the buffer holds enough to be handed on.
    #[inline]
    pub(crate) fn is_full(&self) -> bool {
        self.buf.len() >= self.limit
    }

    /// Whether a list rendered in one go must look up after its item: the
    /// buffer is full, or user code holds a [`Position`].
    #[inline]
    pub(crate) fn must_look(&self) -> bool {
        self.buf.len() >= self.look_at.get()
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
        self.look_at.set(0);
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

#[cfg(test)]
mod tests {
    use super::append;

    /// Appending into a full buffer grows it and keeps what it held, as into
    /// one with room.
    #[test]
    fn append_grows_a_full_buffer() {
        let mut buf = String::with_capacity(4);
        append(&mut buf, "<td>");
        assert_eq!(buf.capacity() - buf.len(), 0);
        append(&mut buf, "1");
        append(&mut buf, "</td>");
        append(&mut buf, "");
        assert_eq!(buf, "<td>1</td>");
        let mut roomy = String::with_capacity(64);
        append(&mut roomy, "é€");
        assert_eq!((roomy.as_str(), roomy.capacity()), ("é€", 64));
    }
}
