//! Every element htpy exports, as a function named after it.
//!
//! The list is htpy 26.5.1's (`htpy/__init__.py`), itself taken from MDN.

use std::borrow::Cow;

use crate::attributes::Attributes;
use crate::element::{DynTag, Element, Tag, Void, sealed};
use crate::node::{Node, Plain};
use crate::output::append;
use crate::render::Render;

/// The void elements: no children, no closing tag.
pub(crate) const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One of the element functions' elements, as [`element`](fn@crate::element)
/// names it: its name, and functions that write its tags (without the
/// doctype, for `html`) as constants of their code, which a tag named at
/// run time calls, where a copy of a length known only at run time would
/// be a call to `memcpy`.
#[derive(Debug)]
pub(crate) struct Known {
    pub(crate) name: &'static str,
    /// The name's [`key`], for [`known`] to check what its slot holds.
    key: u64,
    pub(crate) void: bool,
    /// Appends `<name>`.
    pub(crate) write_open: fn(&mut String),
    /// Appends `</name>`, or nothing for a void element.
    pub(crate) write_close: fn(&mut String),
}

impl Known {
    /// Whether this is `body`: a compare with a constant.
    #[inline]
    pub(crate) fn is_body(&self) -> bool {
        self.name == "body"
    }
}

macro_rules! elements {
    ($($kind:ident $children:ident: $($name:ident)*;)*) => {
        /// The tag types of the element functions, one per element, named
        /// after it. Their strings are constants of their code.
        ///
        /// ```
        /// use htpy::{Element, Render, tags};
        ///
        /// let cell: Element<(), (), tags::td> = htpy::td();
        /// assert_eq!(cell.render_to_string().unwrap(), "<td></td>");
        /// ```
        #[expect(non_camel_case_types, reason = "each tag is named after its element function")]
        pub mod tags {
            $($(
                #[doc = concat!("The tag of `<", stringify!($name), ">`.")]
                ///
                /// ```
                /// use htpy::Tag;
                #[doc = concat!("assert_eq!(htpy::tags::", stringify!($name), " {}.name(), \"", stringify!($name), "\");")]
                /// ```
                #[derive(Clone, Copy, Debug, Default)]
                pub struct $name {}
            )*)*
        }

        $($(
            impl sealed::Sealed for tags::$name {}

            impl Tag for tags::$name {
                const OPEN: &'static str = concat!(elements!(@doctype $kind), "<", stringify!($name), ">");
                const START: &'static str = concat!(elements!(@doctype $kind), "<", stringify!($name));
                const CLOSE: &'static str = elements!(@close $kind $name);

                fn name(&self) -> &str {
                    stringify!($name)
                }

                fn is_void(&self) -> bool {
                    elements!(@is Void $kind)
                }

                fn is_document(&self) -> bool {
                    elements!(@is Document $kind)
                }

                #[inline]
                fn write_open_bare(&self, out: &mut String) {
                    append(out, concat!("<", stringify!($name), ">"));
                }

                fn path_name(&self) -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }

                elements!(@element_node $kind $name);
            }

            elements!(@parent $kind $name);

            impl tags::$name {
                /// The element as [`known`] finds it, and as a node holds it.
                const KNOWN: Known = Known {
                    name: stringify!($name),
                    key: key(stringify!($name).as_bytes()),
                    void: elements!(@is Void $kind),
                    write_open: |out| tags::$name {}.write_open_bare(out),
                    write_close: |out| tags::$name {}.write_close(out),
                };
            }
        )*)*

        /// The element of the element functions named `name` (written as
        /// it is, in lowercase), if any, for [`element`](fn@crate::element)
        /// to check a common name in a few tests and write its tags as
        /// constants. A name of 8 bytes or fewer is read as a number, whose
        /// hash is its slot in [`SLOTS`]: a few instructions and one load
        /// from the table, inlined, with no call.
        #[inline]
        pub(crate) fn known(name: &str) -> Option<&'static Known> {
            let bytes = name.as_bytes();
            if bytes.len() > 8 {
                return known_long(name);
            }
            let key = key(bytes);
            SLOTS[slot(key)].filter(|known| known.key == key && known.name.len() == bytes.len())
        }

        /// The element of the element functions named `name`, of more than
        /// 8 bytes: two names, out of line.
        #[inline(never)]
        fn known_long(name: &str) -> Option<&'static Known> {
            match name {
                $($(stringify!($name) => Some(&<tags::$name>::KNOWN),)*)*
                _ => None,
            }
        }

        /// The element functions' elements of 8 bytes or fewer, each at the
        /// slot of its key; a build in which two share one fails.
        static SLOTS: [Option<&'static Known>; 1 << SLOT_BITS] = {
            let mut slots = [None; 1 << SLOT_BITS];
            $($(
                let known = &<tags::$name>::KNOWN;
                if known.name.len() <= 8 {
                    let slot = slot(known.key);
                    assert!(slots[slot].is_none(), "two element names share a slot: choose another SLOT_FACTOR");
                    slots[slot] = Some(known);
                }
            )*)*
            slots
        };

        /// Every element function's name.
        #[cfg(test)]
        const NAMES: &[&str] = &[$($(stringify!($name),)*)*];

        /// Every element function, as a module of its own: import the
        /// elements a page uses (`use htpy::el::{div, p};`), all of them
        /// (`use htpy::el::*;`, whose names give way to your own), or name
        /// them by path (`el::div()`). They are also at the crate's root.
        ///
        /// ```
        /// use htpy::el;
        /// use htpy::prelude::*;
        ///
        /// let page = el::main().children(el::p().children("hi"));
        /// assert_eq!(page.render_to_string()?, "<main><p>hi</p></main>");
        /// # Ok::<(), htpy::Error>(())
        /// ```
        pub mod el {
            use super::{Element, Unit, Void, tags};

            $($(
                #[doc = concat!("The `<", stringify!($name), ">` element.")]
                ///
                /// ```
                #[doc = concat!("use htpy::Render;")]
                #[doc = concat!(
                    "assert_eq!(htpy::", stringify!($name), "().render_to_string().unwrap(), \"",
                    elements!(@example $kind $name), "\");"
                )]
                /// ```
                #[inline]
                pub fn $name() -> Element<(), $children, tags::$name> {
                    Element::from_tag(tags::$name {}, elements!(@children $children))
                }
            )*)*
        }
    };
    // An element of the element functions, but `html` (which writes the
    // doctype), becomes as a node what an element named at run time
    // becomes (kept without a box when it takes children, its attributes
    // are none or an `AttrList` and its child one a node keeps as it is;
    // boxed when it is void), and is written as such an element is when it
    // is pushed on a `Nodes` list.
    (@element_node Document $name:ident) => {};
    (@element_node $kind:ident $name:ident) => {
        #[inline(always)]
        fn element_node<'a, A: Attributes + 'a, C: Render + 'a>(
            element: Element<A, C, Self>,
        ) -> Node<'a> {
            let (_, attrs, content) = element.into_parts();
            let tag = DynTag::<{ elements!(@is Void $kind) }>::known(&Self::KNOWN);
            DynTag::element_node(Element::from_parts(tag, attrs, content))
        }

        #[inline(always)]
        fn element_write_or_node<'a, A: Attributes + 'a, C: Render + 'a>(
            element: Element<A, C, Self>,
            html: &mut String,
        ) -> Result<Plain, Node<'a>> {
            let (_, attrs, content) = element.into_parts();
            let tag = DynTag::<{ elements!(@is Void $kind) }>::known(&Self::KNOWN);
            DynTag::element_write_or_node(Element::from_parts(tag, attrs, content), html)
        }
    };
    (@is Void Void) => { true };
    (@is Document Document) => { true };
    (@is $wanted:ident $kind:ident) => { false };
    (@doctype Document) => { "<!doctype html>" };
    (@doctype $kind:ident) => { "" };
    (@close Void $name:ident) => { "" };
    (@close $kind:ident $name:ident) => { concat!("</", stringify!($name), ">") };
    (@example Void $name:ident) => { concat!("<", stringify!($name), ">") };
    (@example Document $name:ident) => { concat!("<!doctype html><", stringify!($name), "></", stringify!($name), ">") };
    (@example Normal $name:ident) => { concat!("<", stringify!($name), "></", stringify!($name), ">") };
    (@children Void) => { Void };
    (@parent Void $name:ident) => {};
    (@parent $kind:ident $name:ident) => {
        impl crate::element::ParentTag for tags::$name {}
    };
    (@children $children:ident) => { () };
}

elements! {
    Document Unit: html;
    Void Void: area base br col embed hr img input link meta source track wbr;
    Normal Unit: a abbr address article aside audio b bdi bdo blockquote body button canvas caption cite code colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup i iframe ins kbd label legend li main map mark math menu meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search section select slot small span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr u ul var video;
}

/// The slots of [`known`]'s table: 1,024 for the 112 names of 8 bytes or
/// fewer, enough that a multiplier giving each a slot of its own is found
/// in about a thousand tries.
const SLOT_BITS: u32 = 10;

/// The multiplier whose product's top bits are a key's slot: found by
/// trying random odd numbers until one gave each name a slot of its own
/// (about one in a thousand does), which `SLOTS` checks when it is built.
const SLOT_FACTOR: u64 = 0x874a_9033_5375_2bd3;

/// The slot of a name's [`key`] in [`known`]'s table.
#[inline]
const fn slot(key: u64) -> usize {
    (key.wrapping_mul(SLOT_FACTOR) >> (64 - SLOT_BITS)) as usize
}

/// A name of at most 8 bytes read as a little-endian number, for [`known`]
/// to find with its length: from two halves that overlap, so that it takes
/// the same few loads whatever the length.
const fn key(name: &[u8]) -> u64 {
    let len = name.len();
    match len {
        0 => 0,
        1 => name[0] as u64,
        2 | 3 => {
            let head = u16::from_le_bytes([name[0], name[1]]) as u64;
            let tail = u16::from_le_bytes([name[len - 2], name[len - 1]]) as u64;
            head | tail << (8 * (len - 2))
        }
        _ => {
            let head = u32::from_le_bytes([name[0], name[1], name[2], name[3]]) as u64;
            let tail =
                u32::from_le_bytes([name[len - 4], name[len - 3], name[len - 2], name[len - 1]])
                    as u64;
            head | tail << (8 * (len - 4))
        }
    }
}

/// The empty children of an element that has none yet.
type Unit = ();

#[cfg(test)]
mod tests {
    use super::{NAMES, known};

    /// Each name finds its own element, and a name one byte off none.
    #[test]
    fn every_name_is_known_as_itself() {
        for name in NAMES {
            assert_eq!(known(name).map(|known| known.name), Some(*name));
            for other in [format!("{name}x"), format!("x{name}"), name[1..].to_owned()] {
                assert!(
                    known(&other).is_none_or(|known| known.name == other),
                    "{other}"
                );
            }
        }
    }

    /// A name that differs from one of the element functions' in any one
    /// byte, to any value, is found only if it is another element
    /// function's name: the slot a name's hash picks is checked against
    /// the whole name.
    #[test]
    fn a_name_one_byte_off_is_no_other_element() {
        for name in NAMES {
            for at in 0..name.len() {
                for byte in 0..=0x7f_u8 {
                    let mut other = name.as_bytes().to_vec();
                    other[at] = byte;
                    let other = String::from_utf8(other).unwrap();
                    let found = known(&other).map(|known| known.name);
                    let expected = NAMES.contains(&other.as_str()).then_some(other.as_str());
                    assert_eq!(found, expected, "{other:?}");
                }
            }
        }
    }
}
