//! [`Node`]: any child behind one type, for trees decided at run time.

use std::borrow::Cow;
use std::fmt;
use std::mem;

use crate::attributes::AttrList;
use crate::context::Cx;
use crate::element::{DynTag, Element, Tag, write_open};
use crate::error::Result;
use crate::escape::escape_into;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::Task;
use crate::text::Integer;

/// The object-safe face of [`Render`]. Without a lifetime of its own, so
/// that a boxed child, and a [`Node`], may be used for a shorter one.
pub(crate) trait DynRender {
    fn render_dyn(self: Box<Self>, out: &mut Out, cx: Cx<'_>) -> Result<()>;

    fn render_parts_dyn<'t>(self: Box<Self>, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't;
}

impl<T: Render> DynRender for T {
    fn render_dyn(self: Box<Self>, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        (*self).render(out, cx)
    }

    fn render_parts_dyn<'t>(self: Box<Self>, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't,
    {
        (*self).render_parts(task, cx)
    }
}

/// Any child, behind one type: for trees whose shape is decided at run time
/// (a converter, a CMS page, the compat runner), and for components that
/// return different kinds of child on different paths.
///
/// What trees built from data are mostly made of is kept without a box:
/// text, integers, and an element (named at run time by
/// [`element`](fn@crate::element), or one of the element functions' but
/// `html`) whose attributes, if any, are an [`AttrList`], with one such
/// child, each also in an `Option` or an [`Either`](crate::Either). Any
/// other child is boxed.
///
/// A synchronous render that reaches a future or a stream inside a `Node`
/// fails with [`ErrorKind::AsyncInSync`](crate::ErrorKind::AsyncInSync), as
/// htpy does, since the type no longer proves what the tree holds.
///
/// ```
/// use htpy::{Node, Render, b, element};
///
/// fn cell(kind: &str, text: &str) -> Node<'static> {
///     match kind {
///         "bold" => Node::new(b().children(text.to_owned())),
///         tag => Node::new(element(tag).map(|el| el.children(text.to_owned()))),
///     }
/// }
///
/// let row = vec![cell("bold", "a"), cell("i", "b")];
/// assert_eq!(row.render_to_string().unwrap(), "<b>a</b><i>b</i>");
/// ```
pub struct Node<'a>(Repr<'a>);

/// What a node holds.
enum Repr<'a> {
    Leaf(Leaf<'a>),
    Element(CompactElement<'a>),
}

/// An element named at run time whose attributes, if any, are an
/// [`AttrList`], with one [`Leaf`] child: what a tree built from data is
/// made of.
pub(crate) type RunTimeElement<'a> = Element<((), AttrList), Leaf<'a>, DynTag>;

/// A [`RunTimeElement`] as a node keeps it: its attributes boxed when it
/// has any, so that a node, and the lists of nodes a tree is made of, stay
/// small.
struct CompactElement<'a> {
    tag: DynTag,
    attrs: Option<Box<((), AttrList)>>,
    content: Leaf<'a>,
}

impl<'a> CompactElement<'a> {
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn new(element: RunTimeElement<'a>) -> Self {
        let (tag, ((), list), content) = element.into_parts();
        Self {
            tag,
            attrs: (!list.is_empty()).then(|| Box::new(((), list))),
            content,
        }
    }

    /// Renders the element: with no attributes, as the type `()` of
    /// attributes says, so that their test costs nothing.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let Self {
            tag,
            attrs,
            content,
        } = self;
        match attrs {
            None => Element::from_parts(tag, (), content).render_named_at_run_time(out, cx),
            Some(list) => {
                Element::from_parts(tag, *list, content).render_named_at_run_time(out, cx)
            }
        }
    }

    /// Writes the element into `html`, unless its render may run user
    /// code (its child is boxed: a list of nodes among others, whose bytes
    /// are then copied once, when the page renders, rather than once per
    /// level) or is put off (`body`, whose closing tag the out-of-order
    /// stream writes last): then, or if it fails, the element back, with
    /// what it wrote left for the caller to take back.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_plain(self, html: &mut String) -> Result<Plain, Self> {
        if matches!(self.content, Leaf::Boxed(_)) || self.tag.is_body() {
            return Err(self);
        }
        let opened = match &self.attrs {
            // The tag's own write, not through `write_open`: the compiler
            // leaves that out of line here, and made inlined (always, or
            // with the attributes' path apart) it took the table from data
            // to 1,617,000 instructions a render from 1,267,000
            // (`docs/src/performance.md`).
            None => {
                self.tag.write_open_bare(html);
                Ok(())
            }
            Some(attrs) => write_open(&self.tag, &**attrs, html),
        };
        if opened.is_err() {
            return Err(self);
        }
        let Self { tag, content, .. } = self;
        let plain = content
            .write_plain(html)
            .map_or(Plain::Shown, Plain::in_element);
        tag.write_close(html);
        Ok(plain)
    }

    #[inline]
    fn into_element(self) -> RunTimeElement<'a> {
        Element::from_parts(
            self.tag,
            self.attrs
                .map_or_else(|| ((), AttrList::new()), |list| *list),
            self.content,
        )
    }
}

/// A child a node keeps without a box, or boxed: also the children of a
/// [`RunTimeElement`].
pub(crate) enum Leaf<'a> {
    Empty,
    Int(i64),
    Text(Cow<'a, str>),
    Boxed(Box<dyn DynRender + 'a>),
}

/// What [`Node::write_plain`] wrote, as far as htpy's chunks in it are
/// not shown by the bytes. Not public API: it appears only in
/// [`Render::write_or_node`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plain {
    /// Nothing, or an element whose tags, and text between them if any,
    /// are its chunks: the bytes show them.
    Shown,
    /// Text or an integer: one chunk, which the bytes do not split from
    /// text just before it.
    Text,
    /// An empty chunk at `at`: empty text, alone or an element's.
    Empty { at: usize },
}

impl Plain {
    /// Writes `text`, escaped, into `html`: one chunk, empty or not.
    #[inline]
    pub(crate) fn write_text(text: &str, html: &mut String) -> Self {
        escape_into(text, html);
        if text.is_empty() {
            Plain::Empty { at: html.len() }
        } else {
            Plain::Text
        }
    }

    /// What an element wrote whose child wrote `self`: its tags show its
    /// chunks, but for empty text between them.
    #[inline]
    pub(crate) fn in_element(self) -> Self {
        match self {
            empty @ Plain::Empty { .. } => empty,
            _ => Plain::Shown,
        }
    }
}

impl<'a> Leaf<'a> {
    /// Writes the leaf into `html`, unless it is boxed: then the boxed
    /// child.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_plain(self, html: &mut String) -> Result<Plain, Box<dyn DynRender + 'a>> {
        match self {
            Leaf::Empty => Ok(Plain::Shown),
            Leaf::Int(int) => {
                int.push_decimal(html);
                // Owns nothing: forgotten, so that no call to the drop glue
                // of every kind of leaf is made for it (as one was, per
                // cell of a table, when it was left to go out of scope).
                mem::forget(self);
                Ok(Plain::Text)
            }
            Leaf::Text(text) => Ok(Plain::write_text(&text, html)),
            Leaf::Boxed(child) => Err(child),
        }
    }
}

impl<'a> Node<'a> {
    /// Turns a child into a node: boxed, unless it is one of the children
    /// a node keeps as they are (see [`Node`]). A node is kept as it is,
    /// and one made for a longer lifetime serves for a shorter one.
    ///
    /// ```
    /// use htpy::{Node, Render};
    ///
    /// let nodes = vec![Node::new("a"), Node::new(1), Node::new(None::<&str>)];
    /// assert_eq!(nodes.render_to_string().unwrap(), "a1");
    /// ```
    #[inline]
    pub fn new(child: impl Render + 'a) -> Self {
        child.into_node()
    }

    /// A child, boxed.
    #[inline]
    pub(crate) fn boxed(child: impl Render + 'a) -> Self {
        Self(Repr::Leaf(Leaf::Boxed(Box::new(child))))
    }

    /// Nothing.
    #[inline]
    pub(crate) const fn empty() -> Self {
        Self(Repr::Leaf(Leaf::Empty))
    }

    /// An integer, kept as it is when it fits an `i64`.
    #[inline]
    pub(crate) fn integer<I: Render + Copy + TryInto<i64> + 'a>(int: I) -> Self {
        match int.try_into() {
            Ok(int) => Self(Repr::Leaf(Leaf::Int(int))),
            Err(_) => Self::boxed(int),
        }
    }

    /// Text, escaped when rendered.
    #[inline]
    pub(crate) fn text(text: impl Into<Cow<'a, str>>) -> Self {
        Self(Repr::Leaf(Leaf::Text(text.into())))
    }

    /// An element named at run time.
    #[inline]
    pub(crate) fn element(element: RunTimeElement<'a>) -> Self {
        Self(Repr::Element(CompactElement::new(element)))
    }

    /// Writes the node into `html` now, when that is the same as rendering
    /// it later: its render runs no user code and reads no context (text,
    /// an integer, or an element kept without a box with attributes from
    /// an [`AttrList`] and one such child). Else the node back, with `html`
    /// as it was.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    pub(crate) fn write_plain(self, html: &mut String) -> Result<Plain, Self> {
        let len = html.len();
        let left = match self.0 {
            Repr::Leaf(leaf) => leaf
                .write_plain(html)
                .map_err(|child| Repr::Leaf(Leaf::Boxed(child))),
            Repr::Element(element) => element.write_plain(html).map_err(Repr::Element),
        };
        left.map_err(|left| {
            html.truncate(len);
            Self(left)
        })
    }

    /// The node as the child of a [`RunTimeElement`].
    #[inline]
    pub(crate) fn into_leaf(self) -> Leaf<'a> {
        match self.0 {
            Repr::Leaf(leaf) => leaf,
            Repr::Element(_) => Leaf::Boxed(Box::new(self)),
        }
    }
}

impl Node<'_> {
    /// Renders synchronously through a task, whose stack of work holds
    /// what lies deeper.
    fn render_through_task(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let cx = cx.shared();
        let mut task = Task::with_job(
            out.go_on(),
            Box::new(move |task| self.render_parts(task, cx.cx())),
        );
        let result = task.finish();
        out.resume(task.into_out());
        result
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Node(..)")
    }
}

impl Render for Leaf<'_> {
    const KIND: RenderKind = RenderKind::Dynamic;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        match self.write_plain(out.buf()) {
            Ok(_) => Ok(()),
            Err(child) => child.render_dyn(out, cx),
        }
    }

    fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't,
    {
        match self {
            Leaf::Empty => Ok(()),
            Leaf::Int(int) => int.render_parts(task, cx),
            Leaf::Text(text) => text.render_parts(task, cx),
            Leaf::Boxed(child) => child.render_parts_dyn(task, cx),
        }
    }
}

impl Render for Node<'_> {
    const KIND: RenderKind = RenderKind::Dynamic;

    #[inline]
    fn into_node<'a>(self) -> Node<'a>
    where
        Self: 'a,
    {
        self
    }

    // However deep nodes nest, the call stack stays short: past a few dozen
    // nested renders, the rest is rendered through a task, as below.
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        if !out.enter_node() {
            return self.render_through_task(out, cx);
        }
        let result = match self.0 {
            Repr::Leaf(leaf) => leaf.render(out, cx),
            Repr::Element(element) => element.render(out, cx),
        };
        out.leave_node();
        result
    }

    // However deep nodes nest (a recursive component, a tree from data), a
    // render into a task keeps a short call stack: past a few dozen nested
    // renders, the rest is put on the task's stack of work.
    fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't,
    {
        let cx = cx.shared();
        task.nested(move |task| match self.0 {
            Repr::Leaf(leaf) => leaf.render_parts(task, cx.cx()),
            Repr::Element(element) => element.into_element().render_parts(task, cx.cx()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Node;

    /// A tree built from data is mostly lists of nodes, moved as they are
    /// built and rendered: a node holds an element named at run time, its
    /// attributes and one leaf child in six words.
    #[test]
    fn a_node_is_six_words() {
        assert_eq!(size_of::<Node<'_>>(), 6 * size_of::<usize>());
    }
}
