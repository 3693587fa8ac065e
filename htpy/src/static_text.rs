//! Static text: what a node always writes first (its lead) and last (its
//! trail), known from its type ([`Render::LEAD`], [`Render::TRAIL`]). A
//! parent joins its children's static text with its own at compile time, so
//! that `</title></head><body>` or `</td><td>` is one write instead of
//! several, as a template engine writes the text between its holes.

use std::marker::PhantomData;

use crate::context::Cx;
use crate::element::Tag;
use crate::error::Result;
use crate::output::Out;
use crate::render::Render;

/// The most bytes a static text holds; longer joins are written in parts.
const CAP: usize = 128;

/// Text known at compile time, of at most [`CAP`] bytes: a lead or a trail.
/// Not public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct StaticText {
    bytes: [u8; CAP],
    len: usize,
}

impl StaticText {
    /// No text.
    pub(crate) const EMPTY: Self = Self {
        bytes: [0; CAP],
        len: 0,
    };

    /// `text`, when it fits.
    pub(crate) const fn new(text: &str) -> Option<Self> {
        Self::EMPTY.join(text.as_bytes())
    }

    /// This text, then `more`, when they fit together.
    const fn join(self, more: &[u8]) -> Option<Self> {
        if self.len + more.len() > CAP {
            return None;
        }
        let mut joined = self;
        let mut i = 0;
        while i < more.len() {
            joined.bytes[self.len + i] = more[i];
            i += 1;
        }
        joined.len += more.len();
        Some(joined)
    }

    /// This text, then `more`, when they fit together.
    pub(crate) const fn then(self, more: &Self) -> Option<Self> {
        self.join(more.bytes.split_at(more.len).0)
    }

    /// The text: UTF-8, since it is made of `str`s joined whole.
    const fn as_str(&'static self) -> &'static str {
        match str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => panic!("static text joins whole strings"),
        }
    }
}

/// `text`, which must fit: the strings of a tag.
const fn tag_text(text: &str) -> StaticText {
    match StaticText::new(text) {
        Some(text) => text,
        None => panic!("a tag's strings are shorter than a static text"),
    }
}

/// A static text known from a type.
pub(crate) trait Text {
    /// The text.
    const TEXT: StaticText;
}

/// What `R` always writes first.
pub(crate) struct Lead<R>(PhantomData<R>);

impl<R: Render> Text for Lead<R> {
    const TEXT: StaticText = R::LEAD;
}

/// What `R` always writes last.
pub(crate) struct Trail<R>(PhantomData<R>);

impl<R: Render> Text for Trail<R> {
    const TEXT: StaticText = R::TRAIL;
}

/// The opening tag of `T`, without attributes.
pub(crate) struct Open<T>(PhantomData<T>);

impl<T: Tag> Text for Open<T> {
    const TEXT: StaticText = tag_text(T::OPEN);
}

/// The opening tag of `T` up to its attributes.
pub(crate) struct Start<T>(PhantomData<T>);

impl<T: Tag> Text for Start<T> {
    const TEXT: StaticText = tag_text(T::START);
}

/// The closing tag of `T`.
pub(crate) struct Close<T>(PhantomData<T>);

impl<T: Tag> Text for Close<T> {
    const TEXT: StaticText = tag_text(T::CLOSE);
}

/// The end of an opening tag with attributes.
pub(crate) struct EndOfOpen;

impl Text for EndOfOpen {
    const TEXT: StaticText = tag_text(">");
}

/// `X` then `Y`, one text when they fit together.
pub(crate) struct Pair<X, Y>(PhantomData<(X, Y)>);

impl<X: Text, Y: Text> Pair<X, Y> {
    /// Whether the two are one text.
    pub(crate) const FITS: bool = X::TEXT.then(&Y::TEXT).is_some();

    /// Writes both, in one piece when they fit.
    #[inline]
    pub(crate) fn write(out: &mut Out) {
        if Self::FITS {
            Str::<Self>::write(out);
        } else {
            Str::<X>::write(out);
            Str::<Y>::write(out);
        }
    }
}

/// The two joined, when they fit (the only case where it is written).
impl<X: Text, Y: Text> Text for Pair<X, Y> {
    const TEXT: StaticText = match X::TEXT.then(&Y::TEXT) {
        Some(joined) => joined,
        None => StaticText::EMPTY,
    };
}

/// The text of `X` as a `str` of the program's constant data.
pub(crate) struct Str<X>(PhantomData<X>);

impl<X: Text> Str<X> {
    const TEXT: &'static StaticText = &X::TEXT;
    const STR: &'static str = Self::TEXT.as_str();

    /// Writes the text: markup from htpy's own tags, never user input.
    #[inline]
    pub(crate) fn write(out: &mut Out) {
        if !Self::STR.is_empty() {
            out.buf().push_str(Self::STR);
        }
    }
}

/// Renders `node` whole: its lead, the rest, then its trail.
#[inline]
pub(crate) fn render_whole<R: Render>(node: R, out: &mut Out, cx: Cx<'_>) -> Result<()> {
    Str::<Lead<R>>::write(out);
    node.render_inner(out, cx)?;
    Str::<Trail<R>>::write(out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct A;
    impl Text for A {
        const TEXT: StaticText = tag_text("</td>");
    }
    struct B;
    impl Text for B {
        const TEXT: StaticText = tag_text("<td>é");
    }
    struct Long;
    impl Text for Long {
        const TEXT: StaticText = tag_text(concat!(
            "0123456789012345678901234567890123456789012345678901234567890123",
            "0123456789012345678901234567890123456789012345678901234567890123",
        ));
    }

    #[test]
    fn texts_that_fit_are_joined() {
        const { assert!(Pair::<A, B>::FITS) };
        assert_eq!(Str::<Pair<A, B>>::STR, "</td><td>é");
        assert_eq!(Str::<Pair<Pair<A, B>, A>>::STR, "</td><td>é</td>");
    }

    #[test]
    fn texts_too_long_together_are_written_apart() {
        // At most `CAP` bytes: one more is written in two parts.
        assert_eq!(Str::<Long>::STR.len(), CAP);
        const { assert!(!Pair::<Long, EndOfOpen>::FITS) };
        let mut out = Out::keep(String::new(), true);
        Pair::<Long, EndOfOpen>::write(&mut out);
        Pair::<A, B>::write(&mut out);
        let written = std::mem::take(out.buf());
        assert_eq!(written, format!("{}></td><td>é", Str::<Long>::STR));
    }
}
