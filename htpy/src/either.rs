//! [`Either`], [`Either3`] and [`Either4`]: one child of several types, for
//! branches that build different elements, without a box.

use crate::context::Cx;
use crate::error::Result;
use crate::node::Node;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::Task;

/// Declares an enum of children, one variant per branch, and its `Render`:
/// the variant's child renders, and the enum is async as soon as one of its
/// types is.
macro_rules! eithers {
    ($(
        $(#[$doc:meta])*
        $name:ident { $($(#[$variant_doc:meta])* $variant:ident($ty:ident),)+ }
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[must_use = "a child does nothing until it is rendered"]
        pub enum $name<$($ty),+> {
            $($(#[$variant_doc])* $variant($ty),)+
        }

        impl<$($ty: Render),+> Render for $name<$($ty),+> {
            const KIND: RenderKind = RenderKind::Sync $(.and($ty::KIND))+;

            #[inline]
            fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                match self {
                    $(Self::$variant(child) => child.render(out, cx),)+
                }
            }

            fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
            where
                Self: 't,
            {
                match self {
                    $(Self::$variant(child) => child.render_parts(task, cx),)+
                }
            }

            // As a node, the node of the child it holds: boxed only when
            // that child would be.
            #[inline]
            fn into_node<'n>(self) -> Node<'n>
            where
                Self: 'n,
            {
                match self {
                    $(Self::$variant(child) => child.into_node(),)+
                }
            }
        }
    )*};
}

eithers! {
    /// One of two children of different types: what an `if`/`else` returns
    /// when its branches build different elements, which would otherwise
    /// not compile (`E0308`, "`if` and `else` have incompatible types").
    /// Unlike [`Node`](crate::Node) it allocates nothing: it is an enum of
    /// the two, and renders the one it holds.
    ///
    /// ```
    /// use htpy::prelude::*;
    /// use htpy::el::{b, i};
    ///
    /// fn label(strong: bool) -> impl Render {
    ///     if strong { Either::Left(b().children("a")) } else { Either::Right(i().children("b")) }
    /// }
    /// assert_eq!(label(true).render_to_string()?, "<b>a</b>");
    /// assert_eq!(label(false).render_to_string()?, "<i>b</i>");
    /// # Ok::<(), htpy::Error>(())
    /// ```
    Either {
        /// The child of the first branch.
        Left(L),
        /// The child of the second branch.
        Right(R),
    }

    /// One of three children of different types: for a `match` with three
    /// arms; see [`Either`].
    ///
    /// ```
    /// use htpy::prelude::*;
    /// use htpy::el::{b, i, span};
    ///
    /// fn mark(level: u8) -> impl Render {
    ///     match level {
    ///         0 => Either3::A(span().children("-")),
    ///         1 => Either3::B(i().children("!")),
    ///         _ => Either3::C(b().children("!!")),
    ///     }
    /// }
    /// assert_eq!((mark(0), mark(1), mark(2)).render_to_string()?, "<span>-</span><i>!</i><b>!!</b>");
    /// # Ok::<(), htpy::Error>(())
    /// ```
    Either3 {
        /// The child of the first arm.
        A(A),
        /// The child of the second arm.
        B(B),
        /// The child of the third arm.
        C(C),
    }

    /// One of four children of different types: for a `match` with four
    /// arms; see [`Either`]. With more arms, nest them
    /// (`Either::Left(Either4::A(..))`) or box each arm as a
    /// [`Node`](crate::Node).
    ///
    /// ```
    /// use htpy::prelude::*;
    /// use htpy::el::{b, hr, i, span};
    ///
    /// fn mark(level: u8) -> impl Render {
    ///     match level {
    ///         0 => Either4::A(hr()),
    ///         1 => Either4::B(span().children("-")),
    ///         2 => Either4::C(i().children("!")),
    ///         _ => Either4::D(b().children("!!")),
    ///     }
    /// }
    /// assert_eq!((mark(0), mark(3)).render_to_string()?, "<hr><b>!!</b>");
    /// # Ok::<(), htpy::Error>(())
    /// ```
    Either4 {
        /// The child of the first arm.
        A(A),
        /// The child of the second arm.
        B(B),
        /// The child of the third arm.
        C(C),
        /// The child of the fourth arm.
        D(D),
    }
}
