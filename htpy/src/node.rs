//! [`Node`]: any child behind one type, for trees decided at run time.

use std::fmt;

use crate::context::Cx;
use crate::error::Result;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::Task;

/// The object-safe face of [`Render`].
trait DynRender<'a> {
    fn render_dyn(self: Box<Self>, out: &mut Out, cx: Cx<'_>) -> Result<()>;

    fn render_parts_dyn<'t>(self: Box<Self>, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        'a: 't;
}

impl<'a, T: Render + 'a> DynRender<'a> for T {
    fn render_dyn(self: Box<Self>, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        (*self).render(out, cx)
    }

    fn render_parts_dyn<'t>(self: Box<Self>, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        'a: 't,
    {
        (*self).render_parts(task, cx)
    }
}

/// Any child, boxed: for trees whose shape is decided at run time (a
/// converter, a CMS page, the compat runner), and for components that return
/// different kinds of child on different paths.
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
///         tag => Node::new(element(tag.to_owned()).map(|el| el.children(text.to_owned()))),
///     }
/// }
///
/// let row = vec![cell("bold", "a"), cell("i", "b")];
/// assert_eq!(row.render_to_string().unwrap(), "<b>a</b><i>b</i>");
/// ```
pub struct Node<'a>(Box<dyn DynRender<'a> + 'a>);

impl<'a> Node<'a> {
    /// Boxes a child.
    ///
    /// ```
    /// use htpy::{Node, Render};
    ///
    /// let nodes = vec![Node::new("a"), Node::new(1), Node::new(None::<&str>)];
    /// assert_eq!(nodes.render_to_string().unwrap(), "a1");
    /// ```
    pub fn new(child: impl Render + 'a) -> Self {
        Self(Box::new(child))
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Node(..)")
    }
}

impl Render for Node<'_> {
    const KIND: RenderKind = RenderKind::Dynamic;

    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.0.render_dyn(out, cx)
    }

    // However deep nodes nest (a recursive component, a tree from data), a
    // render into a task keeps a short call stack: past a few dozen nested
    // renders, the rest is put on the task's stack of work.
    fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't,
    {
        let cx = cx.shared();
        task.nested(Box::new(move |task| self.0.render_parts_dyn(task, cx.cx())))
    }
}
