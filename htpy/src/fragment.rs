//! Fragments (children without a wrapping element) and comments.

use std::borrow::Cow;

use crate::context::Cx;
use crate::error::Result;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::Task;

/// Children without a wrapping element: htpy's `fragment[...]`.
///
/// ```
/// use htpy::{Fragment, Render, fragment};
///
/// let both: Fragment<_> = fragment(("a", 1));
/// assert_eq!(both.render_to_string().unwrap(), "a1");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a fragment does nothing until it is rendered"]
pub struct Fragment<C>(C);

/// Groups children without a wrapping element.
///
/// ```
/// use htpy::{Render, fragment, li};
///
/// let items = fragment((li().children("a"), li().children("b")));
/// assert_eq!(items.render_to_string().unwrap(), "<li>a</li><li>b</li>");
/// ```
pub fn fragment<C: Render>(children: C) -> Fragment<C> {
    Fragment(children)
}

impl<C: Render> Render for Fragment<C> {
    const KIND: RenderKind = C::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.0.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        self.0.render_parts(task, cx)
    }
}

/// An HTML comment: htpy's `comment(text)`.
///
/// ```
/// use htpy::{Comment, Render, comment};
///
/// let note: Comment = comment("todo");
/// assert_eq!(note.render_to_string().unwrap(), "<!-- todo -->");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a comment does nothing until it is rendered"]
pub struct Comment(Cow<'static, str>);

/// An HTML comment. The text is not escaped; every `--` is removed from it,
/// as htpy does, so it cannot end the comment early.
///
/// ```
/// use htpy::{Render, comment};
///
/// assert_eq!(comment("a --> b").render_to_string().unwrap(), "<!-- a > b -->");
/// ```
pub fn comment(text: impl Into<Cow<'static, str>>) -> Comment {
    Comment(text.into())
}

impl Render for Comment {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        // Safe: with every `--` removed the text cannot close the comment.
        out.dangerously_write_raw("<!-- ");
        for piece in self.0.split("--") {
            out.dangerously_write_raw(piece);
        }
        out.dangerously_write_raw(" -->");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_are_removed_left_to_right() {
        for (text, expected) in [
            ("-", "-"),
            ("--", ""),
            ("---", "-"),
            ("----", ""),
            ("-->", ">"),
        ] {
            assert_eq!(
                comment(text).render_to_string().unwrap(),
                format!("<!-- {expected} -->"),
                "{text}"
            );
        }
    }
}
