//! Static text: what a node always writes first (its lead) and last (its
//! trail), known from its type ([`Render::ENDS`]). A parent joins its
//! children's static text with its own at compile time, so that
//! `</title></head><body>` or `</td><td>` is one write instead of several,
//! as a template engine writes the text between its holes.
//!
//! Each constant is evaluated at compile time, once per type of tree node:
//! one per type, and one for the text between two siblings.

use std::marker::PhantomData;

use crate::context::Cx;
use crate::error::Result;
use crate::output::{Out, append};
use crate::render::Render;

/// The static text of a type: what its every render writes first and last.
/// Not public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Ends {
    pub(crate) lead: &'static str,
    pub(crate) trail: &'static str,
}

impl Ends {
    /// No static text: the default, always right.
    pub(crate) const NONE: Self = Self {
        lead: "",
        trail: "",
    };
}

/// The most bytes a joined text holds; longer runs are written in parts.
const CAP: usize = 128;

/// Two texts joined in a `const` buffer; [`StaticText::as_str`] gives the
/// program's constant `str` of it.
pub(crate) struct StaticText {
    bytes: [u8; CAP],
    len: usize,
}

impl StaticText {
    /// `first` then `second`, which must fit together.
    const fn join(first: &str, second: &str) -> Self {
        assert!(fit(first.len(), second.len()), "the texts fit together");
        let mut joined = Self {
            bytes: [0; CAP],
            len: first.len() + second.len(),
        };
        let (head, tail) = joined.bytes.split_at_mut(first.len());
        head.copy_from_slice(first.as_bytes());
        tail.split_at_mut(second.len())
            .0
            .copy_from_slice(second.as_bytes());
        joined
    }

    /// `first` then `second` when they fit together, else `first` alone.
    pub(crate) const fn or_first(first: &str, second: &str) -> Self {
        if fit(first.len(), second.len()) {
            Self::join(first, second)
        } else {
            Self::join(first, "")
        }
    }

    /// `first` then `second` when they fit together, else `second` alone.
    pub(crate) const fn or_second(first: &str, second: &str) -> Self {
        if fit(first.len(), second.len()) {
            Self::join(first, second)
        } else {
            Self::join("", second)
        }
    }

    /// `first` then `second` when they fit together, else nothing (the two
    /// are then written apart).
    pub(crate) const fn or_nothing(first: &str, second: &str) -> Self {
        if fit(first.len(), second.len()) {
            Self::join(first, second)
        } else {
            Self::join("", "")
        }
    }

    /// The lead of an element: none for a tag named at run time; the start
    /// of the opening tag when there are attributes; else the opening tag and
    /// the children's lead, when they fit together.
    ///
    /// (A call with constant arguments, so that `&` of it is the program's
    /// constant data: branches are made here, not in the constant.)
    pub(crate) const fn element_lead(
        constant: bool,
        no_attributes: bool,
        open: &str,
        start: &str,
        children: &str,
    ) -> Self {
        match (constant, no_attributes) {
            (false, _) => Self::join("", ""),
            (true, true) => Self::or_first(open, children),
            (true, false) => Self::join(start, ""),
        }
    }

    /// The trail of an element: none for a tag named at run time; else the
    /// children's trail and the closing tag, when they fit together.
    pub(crate) const fn element_trail(constant: bool, children: &str, close: &str) -> Self {
        if constant {
            Self::or_second(children, close)
        } else {
            Self::join("", "")
        }
    }

    /// The text, as a `str` of the program's constant data: UTF-8, since it
    /// joins whole `str`s.
    pub(crate) const fn as_str(&'static self) -> &'static str {
        match str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => panic!("static text joins whole strings"),
        }
    }
}

/// Whether texts of these lengths fit in one joined text.
pub(crate) const fn fit(first: usize, second: usize) -> bool {
    first + second <= CAP
}

/// Writes static text: markup from htpy's own tags, never user input.
#[inline]
pub(crate) fn write(out: &mut Out, text: &'static str) {
    if !text.is_empty() {
        append(out.buf(), text);
    }
}

/// Writes `first` then `second`, as `joined` when they fit together.
#[inline]
pub(crate) fn write_pair(
    out: &mut Out,
    joined: &'static str,
    first: &'static str,
    second: &'static str,
) {
    if fit(first.len(), second.len()) {
        write(out, joined);
    } else {
        write(out, first);
        write(out, second);
    }
}

/// Renders `node` whole: its lead, the rest, then its trail.
#[inline]
pub(crate) fn render_whole<R: Render>(node: R, out: &mut Out, cx: Cx<'_>) -> Result<()> {
    write(out, R::ENDS.lead);
    node.render_inner(out, cx)?;
    write(out, R::ENDS.trail);
    Ok(())
}

/// What lies between two siblings: the trail of `A`, then the lead of `B`.
pub(crate) struct Between<A, B>(PhantomData<(A, B)>);

impl<A: Render, B: Render> Between<A, B> {
    /// The two, as one text when they fit.
    const JOINED: &'static str =
        StaticText::as_str(&StaticText::or_nothing(A::ENDS.trail, B::ENDS.lead));

    /// Writes the two, in one piece when they fit.
    #[inline]
    pub(crate) fn write(out: &mut Out) {
        write_pair(out, Self::JOINED, A::ENDS.trail, B::ENDS.lead);
    }
}

/// The end of an opening tag with attributes, then the lead of `C`.
pub(crate) struct AfterAttributes<C>(PhantomData<C>);

impl<C: Render> AfterAttributes<C> {
    /// The two, as one text when they fit.
    const JOINED: &'static str = StaticText::as_str(&StaticText::or_nothing(">", C::ENDS.lead));

    /// Writes the two, in one piece when they fit.
    #[inline]
    pub(crate) fn write(out: &mut Out) {
        write_pair(out, Self::JOINED, ">", C::ENDS.lead);
    }
}

#[cfg(test)]
mod tests {
    use std::mem;

    use super::*;
    use crate::{element, td};

    /// What is written between `A` and `B`.
    fn between<A: Render, B: Render>(_: &A, _: &B) -> String {
        let mut out = Out::keep(String::new(), true);
        Between::<A, B>::write(&mut out);
        mem::take(out.buf())
    }

    #[test]
    fn siblings_texts_are_joined() {
        const JOINED: &str = StaticText::as_str(&StaticText::or_nothing("</td>", "<td>é"));
        assert_eq!(JOINED, "</td><td>é");
        let cell = td().children("x");
        assert_eq!(between(&cell, &cell), "</td><td>");
    }

    #[test]
    fn texts_too_long_together_are_written_apart() {
        // 25 bytes per opening tag: six nested pass `CAP`, five do not.
        assert!(!fit(25 * 6, 0) && fit(25 * 5, 0));
        let long = || element!("x-a-long-custom-element");
        let nest = long().children(
            long()
                .children(long().children(long().children(long().children(long().children("x"))))),
        );
        let open = "<x-a-long-custom-element>";
        let close = "</x-a-long-custom-element>";
        // Opening tags: the five inner fit in one text, the sixth does not,
        // so the outer element leads with its own tag alone.
        assert_eq!(between(&td(), &nest), format!("</td>{open}"));
        // Closing tags, 26 bytes: four fit, the fifth starts a text of its
        // own, which the sixth joins.
        assert_eq!(between(&nest, &td()), format!("{}<td>", close.repeat(2)));
    }
}
