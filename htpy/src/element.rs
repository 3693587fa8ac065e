//! Elements: a tag, its attributes and its children.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::attributes::{Attr, AttrList, AttrValue, Attributes, Class, ClassValue, write_attrs};
use crate::context::Cx;
use crate::elements::{Known, VOID, known};
use crate::error::{Error, ErrorKind, Result};
use crate::node::{Node, Plain};
use crate::output::{Out, append};
use crate::render::{Render, RenderKind};
use crate::selector::{Selector, decode};
use crate::static_text::{self, AfterAttributes, Ends, StaticText};
use crate::suspense::{close_body, is_body};
use crate::task::{Run, Task};

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// The tag of an element. Each element function has a tag type of its own
/// ([`tags`](crate::tags)), whose strings are constants of its code, so that
/// writing `<td>` is a store of four bytes however the render is inlined;
/// [`LiteralTag`] does the same for a name written in the code, and
/// [`DynTag`] holds a name decided at run time.
pub trait Tag: sealed::Sealed {
    /// The element's name.
    ///
    /// ```
    /// use htpy::Tag;
    ///
    /// assert_eq!(htpy::tags::td {}.name(), "td");
    /// ```
    fn name(&self) -> &str;

    /// Whether the element is void: no children, no closing tag.
    #[doc(hidden)]
    fn is_void(&self) -> bool;

    /// Whether the element writes the doctype before itself (`html`).
    #[doc(hidden)]
    fn is_document(&self) -> bool;

    /// Writes `<name>`.
    #[doc(hidden)]
    fn write_open_bare(&self, out: &mut String);

    /// Writes `</name>`: [`Tag::CLOSE`], for a constant tag.
    #[doc(hidden)]
    #[inline]
    fn write_close(&self, out: &mut String) {
        append(out, Self::CLOSE);
    }

    /// The name to report in an error's path.
    #[doc(hidden)]
    fn path_name(&self) -> Cow<'static, str>;

    /// `element` as a [`Node`]: boxed, unless the tag is named at run time
    /// ([`DynTag`]). Not public API.
    #[doc(hidden)]
    fn element_node<'a, A: Attributes + 'a, C: Render + 'a>(
        element: Element<A, C, Self>,
    ) -> Node<'a>
    where
        Self: Sized + 'a,
    {
        Node::boxed(element)
    }

    /// [`Render::write_or_node`] of `element`. Not public API.
    #[doc(hidden)]
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn element_write_or_node<'a, A: Attributes + 'a, C: Render + 'a>(
        element: Element<A, C, Self>,
        html: &mut String,
    ) -> Result<Plain, Node<'a>>
    where
        Self: Sized + 'a,
    {
        Self::element_node(element).write_plain(html)
    }

    /// The whole opening tag without attributes (after the doctype, for
    /// `html`) when the tag's strings are constants of its type (all but
    /// [`DynTag`]); else empty.
    #[doc(hidden)]
    const OPEN: &'static str = "";

    /// Whether the tag's strings are constants of its type, so that its
    /// element may join them with its children's.
    #[doc(hidden)]
    const CONSTANT: bool = !Self::OPEN.is_empty();

    /// The opening tag up to its attributes, when [`Tag::CONSTANT`].
    #[doc(hidden)]
    const START: &'static str = "";

    /// The closing tag (empty for a void element), when [`Tag::CONSTANT`].
    #[doc(hidden)]
    const CLOSE: &'static str = "";

    /// Renders all of `element` but its lead and trail: for a constant tag,
    /// what lies between them; a tag named at run time has none, and writes
    /// the element piece by piece. One or the other is compiled per element
    /// type, not both.
    #[doc(hidden)]
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(
        not(debug_assertions),
        expect(clippy::inline_always, reason = "performance.md")
    )]
    fn render_element<A: Attributes, C: Render>(
        element: Element<A, C, Self>,
        out: &mut Out,
        cx: Cx<'_>,
    ) -> Result<()>
    where
        Self: Sized,
    {
        element.render_between_static_text(out, cx)
    }
}

/// A tag named at run time; see [`element`](fn@element). `VOID` says
/// whether it is a void element's ([`void_element`](fn@void_element)), so
/// that giving children to one does not compile.
///
/// ```
/// use htpy::{DynTag, Element, Render, Void, element, void_element};
///
/// let widget: Element<(), (), DynTag> = element("x-card")?;
/// assert_eq!(widget.render_to_string()?, "<x-card></x-card>");
/// let rule: Element<(), Void, DynTag<true>> = void_element("hr")?;
/// assert_eq!(rule.render_to_string()?, "<hr>");
/// # Ok::<(), htpy::Error>(())
/// ```
#[derive(Clone)]
pub struct DynTag<const VOID: bool = false> {
    name: TagName,
}

impl<const VOID: bool> DynTag<VOID> {
    /// The tag of `known`, one of the element functions' elements, void
    /// or not as `VOID` says.
    pub(crate) const fn known(known: &'static Known) -> Self {
        debug_assert!(known.void == VOID, "a known tag's voidness is its type's");
        Self {
            name: TagName::Known(known),
        }
    }

    /// Whether this is `body`'s tag: for one of the element functions', a
    /// compare of its name with a constant.
    #[inline]
    pub(crate) fn is_body(&self) -> bool {
        match &self.name {
            TagName::Known(known) => known.is_body(),
            TagName::Other(name) => is_body(name),
        }
    }
}

/// The name of a [`DynTag`]: one of the element functions', with its tags
/// as constants, or another.
#[derive(Clone)]
enum TagName {
    Known(&'static Known),
    // Owned (a borrowed name is copied), and boxed, so that a tag, and a
    // node holding one, stay small: a `Box<str>` is two words.
    #[expect(
        clippy::box_collection,
        reason = "a thin pointer keeps a node at six words"
    )]
    Other(Box<String>),
}

impl<const VOID: bool> fmt::Debug for DynTag<VOID> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynTag")
            .field("name", &self.name())
            .finish()
    }
}

impl<const VOID: bool> sealed::Sealed for DynTag<VOID> {}

impl<const VOID: bool> Tag for DynTag<VOID> {
    fn name(&self) -> &str {
        match &self.name {
            TagName::Known(known) => known.name,
            TagName::Other(name) => name,
        }
    }

    fn is_void(&self) -> bool {
        VOID
    }

    fn is_document(&self) -> bool {
        false
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_open_bare(&self, out: &mut String) {
        match &self.name {
            TagName::Known(known) => (known.write_open)(out),
            TagName::Other(name) => {
                append(out, "<");
                append(out, name);
                append(out, ">");
            }
        }
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_close(&self, out: &mut String) {
        match &self.name {
            TagName::Known(known) => (known.write_close)(out),
            TagName::Other(name) => {
                append(out, "</");
                append(out, name);
                append(out, ">");
            }
        }
    }

    fn path_name(&self) -> Cow<'static, str> {
        match &self.name {
            TagName::Known(known) => Cow::Borrowed(known.name),
            TagName::Other(name) => Cow::Owned((**name).clone()),
        }
    }

    // Kept without a box when it takes children and its attributes are an
    // `AttrList` or none: what a tree built from data is made of. Always
    // inlined, so that a list that writes the element as it is pushed
    // ([`Nodes`](crate::Nodes)) never moves the node through memory.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn element_node<'a, A: Attributes + 'a, C: Render + 'a>(
        element: Element<A, C, Self>,
    ) -> Node<'a> {
        if VOID {
            return Node::boxed(element);
        }
        let Element {
            tag,
            attrs,
            content,
        } = element;
        match attrs.into_list() {
            Ok(list) => Node::element(Element {
                tag: DynTag { name: tag.name },
                attrs: ((), list),
                content: content.into_node().into_leaf(),
            }),
            Err(attrs) => Node::boxed(Element {
                tag,
                attrs,
                content,
            }),
        }
    }

    // One of the element functions' elements, the common cell of a tree
    // from data, is written from its parts, never built as a node: its
    // tags as constants, the child's own write between them (an integer's
    // digits, a typed element's tags as constants, nothing for a void
    // element); with attributes, the same out of line. The node, which the
    // compiler keeps in memory, is built only if the child is kept.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn element_write_or_node<'a, A: Attributes + 'a, C: Render + 'a>(
        element: Element<A, C, Self>,
        html: &mut String,
    ) -> Result<Plain, Node<'a>> {
        let known = match element.tag.name {
            TagName::Known(known) if !known.is_body() => known,
            _ => return write_as_node(element, html),
        };
        if !element.attrs.is_empty() {
            return write_with_attributes(known, element, html);
        }
        let (tag, _, content) = element.into_parts();
        let start = html.len();
        (known.write_open)(html);
        write_content_and_close(known, content, start, html, |child| {
            Self::element_node(Element::from_parts(tag, (), child))
        })
    }

    fn render_element<A: Attributes, C: Render>(
        element: Element<A, C, Self>,
        out: &mut Out,
        cx: Cx<'_>,
    ) -> Result<()> {
        element.render_named_at_run_time(out, cx)
    }
}

/// Writes an element named at run time that is not written from its parts
/// (`body`, a name of no element function) through its node.
#[inline(never)]
fn write_as_node<'a, A: Attributes + 'a, C: Render + 'a, const VOID: bool>(
    element: Element<A, C, DynTag<VOID>>,
    html: &mut String,
) -> Result<Plain, Node<'a>> {
    DynTag::element_node(element).write_plain(html)
}

/// Writes one of the element functions' elements with attributes from its
/// parts, as [`Tag::element_write_or_node`] does one without: the node is
/// built only if the child is kept, or an attribute's name is refused, so
/// that the render reports it in its place.
#[inline(never)]
fn write_with_attributes<'a, A: Attributes + 'a, C: Render + 'a, const VOID: bool>(
    known: &'static Known,
    element: Element<A, C, DynTag<VOID>>,
    html: &mut String,
) -> Result<Plain, Node<'a>> {
    let (tag, attrs, content) = element.into_parts();
    let start = html.len();
    if write_open(&tag, &attrs, html).is_err() {
        html.truncate(start);
        return Err(DynTag::element_node(Element::from_parts(
            tag, attrs, content,
        )));
    }
    write_content_and_close(known, content, start, html, |child| {
        DynTag::element_node(Element::from_parts(tag, attrs, child))
    })
}

/// Writes an element's child and closing tag after the opening tag that
/// `known`'s element wrote from `start`. If the child is kept, what was
/// written is taken back, and `element` makes the element's node around it.
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "the write of a list's common cell: see `docs/src/performance.md`"
)]
fn write_content_and_close<'a, C: Render + 'a>(
    known: &'static Known,
    content: C,
    start: usize,
    html: &mut String,
    element: impl FnOnce(Node<'a>) -> Node<'a>,
) -> Result<Plain, Node<'a>> {
    match content.write_or_node(html) {
        Ok(plain) => {
            (known.write_close)(html);
            Ok(plain.in_element())
        }
        Err(child) => {
            html.truncate(start);
            Err(element(child))
        }
    }
}

/// Writes an opening tag with its attributes.
///
/// # Errors
///
/// As [`write_attributes`].
#[inline]
pub(crate) fn write_open(tag: &impl Tag, attrs: &impl Attributes, out: &mut String) -> Result<()> {
    if attrs.is_empty() {
        tag.write_open_bare(out);
    } else {
        append(out, "<");
        append(out, tag.name());
        write_attributes(tag, attrs, out)?;
        append(out, ">");
    }
    Ok(())
}

/// Writes the attributes of the element `tag`.
///
/// # Errors
///
/// [`ErrorKind::AttributeName`] for a name that breaks the rule of
/// [`attr_name`](crate::attr_name), placed in the element.
#[inline]
fn write_attributes(tag: &impl Tag, attrs: &impl Attributes, out: &mut String) -> Result<()> {
    write_attrs(attrs, out).map_err(|error| error.within(tag.path_name()))
}

/// Checks the attributes `list` of the element `tag`: [`AttrList::check`],
/// placed in the element. Kept out of line, so that the common empty list
/// costs its caller a test.
#[inline(never)]
fn check_list(tag: &impl Tag, list: &AttrList) -> Result<()> {
    list.check().map_err(|error| error.within(tag.path_name()))
}

/// The `class` attribute, from a class value.
type ClassAttr<V> = Attr<&'static str, Class<V>>;

/// Attributes whose last is a [`class`](Element::class), to which
/// [`add_class`](Element::add_class) appends.
///
/// ```
/// use htpy::{Element, EndsWithClass, Render, Tag, button};
///
/// fn primary<A: EndsWithClass<&'static str>, C, T: Tag>(b: Element<A, C, T>) -> Element<A::Added, C, T> {
///     b.add_class("primary")
/// }
/// assert_eq!(primary(button().class("btn")).render_to_string()?, r#"<button class="btn primary"></button>"#);
/// # Ok::<(), htpy::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`add_class` appends to a `.class(..)` given just before it",
    label = "the last attribute is not a `.class(..)`",
    note = "call `.class(..)` first, or give every class at once: `.class((\"card\", extra))`"
)]
pub trait EndsWithClass<W: ClassValue>: Attributes {
    /// The attributes with `W` appended to the last class value.
    type Added: Attributes;

    /// Appends `value` to the last class value.
    fn add_class(self, value: W) -> Self::Added;
}

impl<A: Attributes, V: ClassValue, W: ClassValue> EndsWithClass<W> for (A, ClassAttr<V>) {
    type Added = (A, ClassAttr<(V, W)>);

    fn add_class(self, value: W) -> Self::Added {
        let (attrs, Attr { name, value: given }) = self;
        (
            attrs,
            Attr {
                name,
                value: Class((given.0, value)),
            },
        )
    }
}

/// The doctype `html` writes before itself.
const DOCTYPE: &str = "<!doctype html>";

/// The children of a void element: none, and none can be given.
///
/// ```
/// use htpy::{Element, Render, Void, hr};
///
/// let rule: Element<(), Void, _> = hr();
/// assert_eq!(rule.render_to_string().unwrap(), "<hr>");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Void;

impl Render for Void {
    const KIND: RenderKind = RenderKind::Sync;

    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Ok(())
    }

    // Nothing to write: a void element pushed on a list is written whole.
    #[inline]
    fn write_or_node<'a>(self, _html: &mut String) -> Result<Plain, Node<'a>> {
        Ok(Plain::Shown)
    }

    fn render_parts<'a>(self, _task: &mut Task<'a>, _cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        Ok(())
    }
}

/// An HTML element: a tag, attributes `A` and children `C`.
///
/// Elements come from the functions named after them ([`div`](crate::div),
/// [`element!`](crate::element!) and [`element`](fn@crate::element) for other names). Attributes are added
/// with [`sel`](Element::sel), [`attr`](Element::attr), [`id`](Element::id),
/// [`class`](Element::class) and [`attrs`](Element::attrs), in any order;
/// children once, with [`children`](Element::children), then one by one
/// with [`child`](Element::child). A void element's children are [`Void`]:
/// it has no `children` method, and `child` does not compile on it.
///
/// ```
/// use htpy::{Render, a, sel};
///
/// let link = a().sel(sel!(".nav")).attr("href", "/about").attr("hx-boost", true).children("About");
/// assert_eq!(
///     link.render_to_string().unwrap(),
///     r#"<a class="nav" href="/about" hx-boost>About</a>"#
/// );
/// ```
#[derive(Clone, Debug)]
#[must_use = "an element does nothing until it is rendered"]
pub struct Element<A = (), C = (), T = DynTag> {
    tag: T,
    attrs: A,
    content: C,
}

impl<C, T: Tag> Element<(), C, T> {
    #[inline]
    pub(crate) const fn from_tag(tag: T, children: C) -> Self {
        Self {
            tag,
            attrs: (),
            content: children,
        }
    }
}

/// Whether `name` is one of HTML's void elements, which take no children.
///
/// ```
/// assert!(htpy::is_void("br"));
/// assert!(!htpy::is_void("div"));
/// ```
pub const fn is_void(name: &str) -> bool {
    let mut i = 0;
    while i < VOID.len() {
        if same(VOID[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// `a == b`, in a `const fn`.
const fn same(a: &str, b: &str) -> bool {
    same_folded(a, b, false)
}

/// `a == b`, in a `const fn`, ASCII letters of either case alike when
/// `fold_case`.
const fn same_folded(a: &str, b: &str, fold_case: bool) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (left, right) = if fold_case {
            (a[i].to_ascii_lowercase(), b[i].to_ascii_lowercase())
        } else {
            (a[i], b[i])
        };
        if left != right {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters allowed after the first in a custom element name (HTML's
/// `PCENChar`), besides ASCII lowercase letters and digits.
const fn is_pcen_char(c: char) -> bool {
    matches!(c,
        '-' | '.' | '_' | '0'..='9' | 'a'..='z' | '\u{B7}' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{203F}'..='\u{2040}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

rules! {
    /// A rule an element name broke.
    NameRule, "invalid element name: ";
    Empty => "it is empty",
    Start => "it must start with an ASCII letter",
    Chars => "it may hold only ASCII letters and digits (or be a custom element name with a `-`)",
    CustomChars => "a custom element name may hold only ASCII letters, digits, \
                    `-`, `.`, `_` and non-ASCII letters",
    Void => "it is a void element: build it with `void_element`",
    NotVoid => "it is not a void element: build it with `element`",
    Plaintext => "nothing can close a `plaintext` element, so all that followed it \
                  would be read as its text (write it in the code with `element!` if meant)",
}

/// Checks an element name: ASCII letters and digits starting with a letter
/// (`h1`, `foreignObject`), or a valid custom element name (`my-widget`),
/// whose ASCII letters may be of either case, since HTML reads tag names
/// case-insensitively (`My-Widget` is the element `my-widget`).
/// A `const fn`, so that [`element!`](crate::element!) checks literals at
/// compile time with the rules [`element`](fn@element) applies at run time.
const fn check_name(name: &str) -> Result<(), NameRule> {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return Err(NameRule::Empty);
    }
    if !bytes[0].is_ascii_alphabetic() {
        return Err(NameRule::Start);
    }
    let mut custom = false;
    let mut i = 0;
    while i < bytes.len() {
        custom |= bytes[i] == b'-';
        i += 1;
    }
    if !custom {
        let mut i = 1;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                return Err(NameRule::Chars);
            }
            i += 1;
        }
        return Ok(());
    }
    let mut i = 1;
    while i < bytes.len() {
        let (c, len) = decode(bytes, i);
        if !(c.is_ascii_uppercase() || is_pcen_char(c)) {
            return Err(NameRule::CustomChars);
        }
        i += len;
    }
    Ok(())
}

/// Checks a name for [`element`](fn@element) (`want_void` false) or [`void_element`](fn@void_element).
const fn check_tag(name: &str, want_void: bool) -> Result<(), NameRule> {
    match (is_void(name), want_void) {
        (true, false) => Err(NameRule::Void),
        (false, true) => Err(NameRule::NotVoid),
        _ => check_name(name),
    }
}

/// Checks a name from data for [`element`](fn@element) or
/// [`void_element`](fn@void_element): [`check_tag`], and not `plaintext` in
/// any case. The HTML tokenizer reads everything after `<plaintext>` as its
/// text, its end tag included, so a name from data that could be
/// `plaintext` could swallow the rest of the page. A literal name is the
/// author's choice, so [`element!`](crate::element!) takes it.
///
/// The other elements whose text the tokenizer reads in a state of its own
/// (`script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`:
/// raw text; `textarea`, `title`: escapable raw text) are taken: their end
/// tag closes them, and escaped text cannot hold one.
const fn check_data_tag(name: &str, want_void: bool) -> Result<(), NameRule> {
    if same_folded(name, "plaintext", true) {
        return Err(NameRule::Plaintext);
    }
    check_tag(name, want_void)
}

/// Checks a run-time name for [`element`](fn@element) or
/// [`void_element`](fn@void_element). Inlined, so that an element function's
/// name costs its caller a few instructions and no call.
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "measured: see `docs/src/performance.md`"
)]
fn dynamic_tag<const VOID: bool>(name: Cow<'_, str>) -> Result<DynTag<VOID>> {
    match known(&name) {
        Some(known) if known.void == VOID => Ok(DynTag {
            name: TagName::Known(known),
        }),
        _ => other_tag(name),
    }
}

/// The tag of a name that is not an element function's of the voidness
/// asked for: checked in full, and kept, owned.
#[inline(never)]
fn other_tag<const VOID: bool>(name: Cow<'_, str>) -> Result<DynTag<VOID>> {
    if let Err(rule) = check_data_tag(&name, VOID) {
        return Err(Error::new(ErrorKind::ElementName {
            name: name.into_owned(),
            reason: rule.reason(),
        }));
    }
    Ok(DynTag {
        name: TagName::Other(Box::new(name.into_owned())),
    })
}

/// The tag of an element named by [`element!`](crate::element!) or
/// [`void_element!`](crate::void_element!): a type per name, which the macro
/// defines, so that its strings are constants as those of [`tags`](crate::tags).
/// `VOID` says whether it is a void element.
///
/// Each name has a type of its own, which cannot be written: a function
/// returns it as `impl Tag`.
///
/// ```
/// use htpy::{Element, Render, Tag, element};
///
/// /// SVG's `rect`, for callers to give attributes.
/// fn rect() -> Element<(), (), impl Tag> {
///     element!("rect")
/// }
///
/// assert_eq!(rect().attr("width", 3).render_to_string().unwrap(), r#"<rect width="3"></rect>"#);
/// ```
pub struct LiteralTag<N, const VOID: bool>(PhantomData<N>);

impl<N, const VOID: bool> Clone for LiteralTag<N, VOID> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<N, const VOID: bool> Copy for LiteralTag<N, VOID> {}

impl<N: LiteralName, const VOID: bool> std::fmt::Debug for LiteralTag<N, VOID> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LiteralTag").field(&N::NAME).finish()
    }
}

/// A name written in the code, with its tags: implemented by the expansion of
/// [`element!`](crate::element!), whose type it names. Not public API.
#[doc(hidden)]
pub trait LiteralName: 'static {
    /// The name.
    const NAME: &'static str;
    /// `<name>`.
    const OPEN: &'static str;
    /// `<name`.
    const START: &'static str;
    /// `</name>`.
    const CLOSE: &'static str;
}

impl<N: LiteralName, const VOID: bool> sealed::Sealed for LiteralTag<N, VOID> {}

impl<N: LiteralName, const VOID: bool> Tag for LiteralTag<N, VOID> {
    const OPEN: &'static str = N::OPEN;
    const START: &'static str = N::START;
    const CLOSE: &'static str = if VOID { "" } else { N::CLOSE };

    fn name(&self) -> &str {
        N::NAME
    }

    fn is_void(&self) -> bool {
        VOID
    }

    fn is_document(&self) -> bool {
        false
    }

    #[inline]
    fn write_open_bare(&self, out: &mut String) {
        append(out, N::OPEN);
    }

    fn path_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(N::NAME)
    }
}

/// Checks a literal name in a `const` context: a compile error when invalid.
const fn check_literal(name: &str, want_void: bool) {
    if let Err(rule) = check_tag(name, want_void) {
        rule.fail();
    }
}

/// The tag of a literal name, checked.
const fn literal_tag<N: LiteralName, const VOID: bool>() -> LiteralTag<N, VOID> {
    check_literal(N::NAME, VOID);
    LiteralTag(PhantomData)
}

/// The element of [`element!`](crate::element!): its name checked at compile
/// time. Not public API.
#[doc(hidden)]
pub const fn __literal_element<N: LiteralName>() -> Element<(), (), LiteralTag<N, false>> {
    Element::from_tag(literal_tag(), ())
}

/// The element of [`void_element!`](crate::void_element!). Not public API.
#[doc(hidden)]
pub const fn __literal_void_element<N: LiteralName>() -> Element<(), Void, LiteralTag<N, true>> {
    Element::from_tag(literal_tag(), Void)
}

/// An element named at run time: a custom element, or any name from data.
/// As Python's `Element(name)`, it writes no doctype, even for `html`: only
/// the [`html`](crate::html) function does.
///
/// Names whose content the HTML tokenizer reads in a state of its own are
/// taken, but one: `plaintext`, in any case, which nothing can close (the
/// rest of the page would be read as its text), is refused. `script`,
/// `style`, `textarea`, `title`, `xmp`, `iframe`, `noembed`, `noframes` and
/// `noscript` are taken, and their text children are escaped like any text,
/// so they cannot be closed early; but a `script` or `style` runs its text:
/// where element names come from untrusted data, allow only the names you
/// mean to.
///
/// # Errors
///
/// [`ErrorKind::ElementName`] when `name` is not a valid HTML element name,
/// names a void element, or is `plaintext`.
///
/// The name may be borrowed from data for as short a time as the call: one
/// of the element functions' names is kept as theirs are, with no
/// allocation, and any other name is copied (or kept, given as a `String`).
/// For a literal name, [`element!`](crate::element!) checks it at compile
/// time and keeps it as a constant.
///
/// ```
/// use htpy::{Render, element};
///
/// let kinds = vec!["td".to_owned(), "x-cell".to_owned()];
/// let cells: Vec<_> = kinds.iter().map(|kind| element(kind)).collect::<Result<_, _>>()?;
/// drop(kinds);
/// assert_eq!(cells.render_to_string()?, "<td></td><x-cell></x-cell>");
///
/// let widget = element("my-widget").unwrap().attr("size", 3).children("hi");
/// assert_eq!(widget.render_to_string().unwrap(), r#"<my-widget size="3">hi</my-widget>"#);
///
/// let err = element("my widget").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid element name \"my widget\": it may hold only ASCII letters and digits \
///      (or be a custom element name with a `-`)"
/// );
/// assert!(element("PlainText").is_err());
/// assert_eq!(element("script")?.children("a < b").render_to_string()?, "<script>a &lt; b</script>");
/// # Ok::<(), htpy::Error>(())
/// ```
// Always inlined, down to the name's lookup: left to the compiler, a loop
// that builds a cell from a name per cell calls it (see
// `docs/src/performance.md`).
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "measured: see `docs/src/performance.md`"
)]
pub fn element<'n>(name: impl Into<Cow<'n, str>>) -> Result<Element> {
    Ok(Element {
        tag: dynamic_tag(name.into())?,
        attrs: (),
        content: (),
    })
}

/// A void element named at run time (`br`, `img`, ...).
///
/// # Errors
///
/// [`ErrorKind::ElementName`] when `name` is not one of HTML's void elements.
///
/// As for [`element`](fn@element), the name may be borrowed for the call.
///
/// ```
/// use htpy::{Render, void_element};
///
/// let name = String::from("hr");
/// let rule = void_element(&name)?;
/// drop(name);
/// assert_eq!(rule.render_to_string()?, "<hr>");
///
/// let br = void_element("br")?;
/// assert_eq!(br.render_to_string()?, "<br>");
/// assert!(void_element("div").is_err());
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn void_element<'n>(name: impl Into<Cow<'n, str>>) -> Result<Element<(), Void, DynTag<true>>> {
    Ok(Element {
        tag: dynamic_tag(name.into())?,
        attrs: (),
        content: Void,
    })
}

impl<A: Attributes, C, T: Tag> Element<A, C, T> {
    /// Adds the id/class shorthand ([`sel!`](crate::sel) for a literal,
    /// [`Selector::parse`] for one built at run time). Its `id` and `class`
    /// come before all other attributes.
    ///
    /// ```
    /// use htpy::{Render, div, sel};
    ///
    /// let d = div().attr("title", "t").sel(sel!("#a.b"));
    /// assert_eq!(d.render_to_string().unwrap(), r#"<div id="a" class="b" title="t"></div>"#);
    /// ```
    pub fn sel(self, selector: Selector) -> Element<(Selector, A), C, T> {
        Element {
            tag: self.tag,
            attrs: (selector, self.attrs),
            content: self.content,
        }
    }

    /// Adds an attribute. A name given again keeps its first position and
    /// takes the last value.
    ///
    /// ```
    /// use htpy::{Render, button};
    ///
    /// let b = button().attr("hx-post", "/like").attr("@click.shift", "go()").attr("hx-post", "/love");
    /// assert_eq!(
    ///     b.render_to_string().unwrap(),
    ///     r#"<button hx-post="/love" @click.shift="go()"></button>"#
    /// );
    /// ```
    ///
    /// The name is escaped as Python htpy escapes it, and checked when the
    /// element renders against the rule of [`attr_name`](crate::attr_name):
    /// a name that could end itself and start another attribute (empty, or
    /// holding whitespace, `/`, `=` or a control character) fails the
    /// render with [`ErrorKind::AttributeName`], naming the attribute and
    /// the element, whatever the value. Python htpy writes such names.
    ///
    /// A method's argument is a value, not a constant, so Rust cannot reject
    /// a bad literal here at compile time: `.attr("x y", ..)` fails on every
    /// render instead, so the first test that renders the page finds it.
    /// For a literal name the check is a few byte tests per render, which
    /// the optimiser folds away where it sees the name as a constant. For a
    /// compile error, keep the name in a constant made by
    /// [`attr_name`](crate::attr_name).
    ///
    /// ```
    /// use htpy::{ErrorKind, Render, div, li};
    ///
    /// let name = String::from("x onload");
    /// let err = li().children(div().attr(name, "alert(1)")).render_to_string().unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::AttributeName { .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid attribute name \"x onload\": it holds whitespace, which ends a name \
    ///      and starts another attribute (in <li> > <div>)"
    /// );
    /// ```
    pub fn attr<N: AsRef<str>, V: AttrValue>(
        self,
        name: N,
        value: V,
    ) -> Element<(A, Attr<N, V>), C, T> {
        Element {
            tag: self.tag,
            attrs: (self.attrs, Attr { name, value }),
            content: self.content,
        }
    }

    /// Adds the `id` attribute.
    ///
    /// ```
    /// use htpy::{Render, section};
    ///
    /// assert_eq!(section().id("top").render_to_string().unwrap(), r#"<section id="top"></section>"#);
    /// ```
    pub fn id<V: AttrValue>(self, value: V) -> Element<(A, Attr<&'static str, V>), C, T> {
        self.attr("id", value)
    }

    /// Adds the `class` attribute from a class value: text, lists, `Option`s
    /// and [`toggle`](crate::toggle)s, joined with htpy's rules.
    ///
    /// Given twice, the last one wins, as for any attribute (htpy's rule):
    /// to add classes to those given, use [`add_class`](Element::add_class),
    /// or give them all at once in a tuple.
    ///
    /// ```
    /// use htpy::{Render, div, toggle};
    ///
    /// let d = div().class(["card", ""]).class(("card", toggle([("open", true)])));
    /// assert_eq!(d.render_to_string().unwrap(), r#"<div class="card open"></div>"#);
    /// ```
    pub fn class<V: ClassValue>(self, value: V) -> Element<(A, ClassAttr<V>), C, T> {
        self.attr("class", Class(value))
    }

    /// Appends classes to the `.class(..)` given just before, where
    /// `.class(..)` again would replace them: for a component that adds to
    /// the classes of an element it is given. The two values are joined as
    /// one class list, `(given, added)`, at the cost of a tuple.
    ///
    /// ```
    /// use htpy::{Render, button, toggle};
    ///
    /// let b = button().class("btn").add_class(("btn-lg", toggle([("on", true)]))).add_class("x");
    /// assert_eq!(b.render_to_string()?, r#"<button class="btn btn-lg on x"></button>"#);
    /// # Ok::<(), htpy::Error>(())
    /// ```
    ///
    /// Another attribute in between, or no `.class(..)` before, does not
    /// compile:
    ///
    /// ```compile_fail
    /// let _ = htpy::div().class("a").id("x").add_class("b");
    /// ```
    pub fn add_class<W: ClassValue>(self, value: W) -> Element<A::Added, C, T>
    where
        A: EndsWithClass<W>,
    {
        Element {
            tag: self.tag,
            attrs: self.attrs.add_class(value),
            content: self.content,
        }
    }

    /// Adds attributes decided at run time, checked as htpy checks them when
    /// an element is built, and their names against the rule of
    /// [`attr_name`](crate::attr_name), once, here rather than at every render.
    ///
    /// # Errors
    ///
    /// As [`AttrList::check`], placed in this element.
    ///
    /// ```
    /// use htpy::{AttrList, Render, Value, td};
    ///
    /// let mut attrs = AttrList::new();
    /// attrs.push("colspan", Value::Int(2));
    /// assert_eq!(td().attrs(attrs)?.render_to_string()?, r#"<td colspan="2"></td>"#);
    /// # Ok::<(), htpy::Error>(())
    /// ```
    // Always inlined, and an empty list not checked: for a tree built from
    // data, where it is often empty, it was a call and moves of the element.
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    pub fn attrs(self, list: AttrList) -> Result<Element<(A, AttrList), C, T>> {
        if !list.is_empty() {
            check_list(&self.tag, &list)?;
        }
        Ok(Element {
            tag: self.tag,
            attrs: (self.attrs, list),
            content: self.content,
        })
    }
}

impl<A, T> Element<A, (), T> {
    /// Gives the element its children: one child, or several in a tuple (of
    /// 16 at most; nest tuples for more), a `Vec`, an array or an iterator.
    /// It comes once, before any [`child`](Element::child).
    ///
    /// ```
    /// use htpy::{Render, b, p};
    ///
    /// let para = p().children(("Hello, ", b().children("world"), "!"));
    /// assert_eq!(para.render_to_string().unwrap(), "<p>Hello, <b>world</b>!</p>");
    /// ```
    pub fn children<C: Render>(self, children: C) -> Element<A, C, T> {
        Element {
            tag: self.tag,
            attrs: self.attrs,
            content: children,
        }
    }
}

/// The tag of an element that takes children: every tag but a void
/// element's, so that [`Element::child`] on `<br>` does not compile.
///
/// ```
/// use htpy::{ParentTag, tags};
///
/// fn takes_children<T: ParentTag>() {}
/// takes_children::<tags::div>();
/// ```
#[diagnostic::on_unimplemented(
    message = "a void element takes no children",
    label = "`{Self}` is the tag of a void element",
    note = "void elements (`br`, `img`, `input`, ...) have no content and no closing tag"
)]
pub trait ParentTag: Tag {}

impl ParentTag for DynTag<false> {}
impl<N: LiteralName> ParentTag for LiteralTag<N, false> {}

impl<A, C, T: Tag> Element<A, C, T> {
    /// Adds one child after those the element has, any number of times,
    /// also after [`children`](Element::children): for children written one
    /// by one, as a page reads.
    ///
    /// Each call nests the children one level deeper in the element's type
    /// (`((a, b), c)`), which costs nothing when rendering but lengthens the
    /// compiler's work: for many children, or children from data, give a
    /// `Vec`, an iterator or [`Node`]s to
    /// [`children`](Element::children) instead.
    ///
    /// ```
    /// use htpy::{Render, b, p};
    ///
    /// let para = p().child("Hello, ").child(b().children("world")).child("!");
    /// assert_eq!(para.render_to_string()?, "<p>Hello, <b>world</b>!</p>");
    /// let more = p().children(("a", 1)).child("b");
    /// assert_eq!(more.render_to_string()?, "<p>a1b</p>");
    /// # Ok::<(), htpy::Error>(())
    /// ```
    pub fn child<X: Render>(self, child: X) -> Element<A, (C, X), T>
    where
        T: ParentTag,
    {
        Element {
            tag: self.tag,
            attrs: self.attrs,
            content: (self.content, child),
        }
    }
}

impl<A, C, T> Element<A, C, T> {
    /// An element from its parts.
    #[inline]
    pub(crate) const fn from_parts(tag: T, attrs: A, content: C) -> Self {
        Self {
            tag,
            attrs,
            content,
        }
    }

    /// Its parts.
    #[inline]
    pub(crate) fn into_parts(self) -> (T, A, C) {
        (self.tag, self.attrs, self.content)
    }
}

impl<A: Attributes, C: Render, T: Tag> Element<A, C, T> {
    /// Renders an element whose tag is named at run time, piece by piece.
    #[inline]
    pub(crate) fn render_named_at_run_time(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        write_open(&self.tag, &self.attrs, out.buf())?;
        if self.tag.is_void() {
            return Ok(());
        }
        if let Err(error) = self.content.render(out, cx) {
            return Err(error.within(self.tag.path_name()));
        }
        self.tag.write_close(out.buf());
        Ok(())
    }

    /// Renders what lies between the lead and the trail of an element whose
    /// tag is constant: the attributes, and the children.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(
        not(debug_assertions),
        expect(clippy::inline_always, reason = "performance.md")
    )]
    fn render_between_static_text(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        if A::NONE {
            if !static_text::fit(T::OPEN.len(), C::ENDS.lead.len()) {
                static_text::write(out, C::ENDS.lead);
            }
        } else {
            write_attributes(&self.tag, &self.attrs, out.buf())?;
            AfterAttributes::<C>::write(out);
        }
        if let Err(error) = self.content.render_inner(out, cx) {
            return Err(error.within(self.tag.path_name()));
        }
        if !static_text::fit(C::ENDS.trail.len(), T::CLOSE.len()) {
            static_text::write(out, C::ENDS.trail);
        }
        Ok(())
    }
}

/// A constant tag joins its static text with its children's: an element
/// without attributes leads with its opening tag and its children's lead,
/// and trails with its children's trail and its closing tag.
impl<A: Attributes, C: Render, T: Tag> Render for Element<A, C, T> {
    const KIND: RenderKind = C::KIND;

    // Each joins with the child's text directly, so that a deep tree's
    // texts take one compile-time step per level.
    const ENDS: Ends = Ends {
        lead: StaticText::as_str(&StaticText::element_lead(
            T::CONSTANT,
            A::NONE,
            T::OPEN,
            T::START,
            C::ENDS.lead,
        )),
        trail: StaticText::as_str(&StaticText::element_trail(
            T::CONSTANT,
            C::ENDS.trail,
            T::CLOSE,
        )),
    };

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        static_text::render_whole(self, out, cx)
    }

    // Always inlined, with `render_element` and `render_between_static_text`,
    // so that an element's render is part of its parent's. With `#[inline]`
    // alone the optimiser kept `<td>`'s render out of line in the compare
    // crate, which renders the same page several ways: a call per cell, and
    // a third more instructions on big-table (`docs/src/performance.md`).
    // Not in a debug build, which does not optimise: there a parent that
    // inlined its children's renders would hold all their frames at once,
    // each with copies of its subtree (a tuple of a typed page, most of the
    // page), where calls hold one child's at a time.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(
        not(debug_assertions),
        expect(clippy::inline_always, reason = "performance.md")
    )]
    fn render_inner(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        T::render_element(self, out, cx)
    }

    #[inline]
    fn into_node<'a>(self) -> Node<'a>
    where
        Self: 'a,
    {
        T::element_node(self)
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    fn write_or_node<'a>(self, html: &mut String) -> Result<Plain, Node<'a>>
    where
        Self: 'a,
    {
        T::element_write_or_node(self, html)
    }

    // The opening and the closing are functions of the tag and attributes
    // alone, so that a page's many element types share them: the children's
    // call is all that is compiled per element type. The children are moved
    // out by their field, not bound first: in a debug build each binding is
    // a copy in the frame.
    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        open_parts(&self.tag, &self.attrs, task.out())?;
        if self.tag.is_void() {
            return Ok(());
        }
        let mark = task.mark();
        if let Err(error) = self.content.render_parts(task, cx) {
            return Err(error.within(self.tag.path_name()));
        }
        close_parts(&self.tag, mark, task)
    }
}

/// Writes the opening of an element into a task: the doctype for `html`,
/// then the opening tag, each one of htpy's chunks.
///
/// # Errors
///
/// As [`write_open`].
fn open_parts(tag: &impl Tag, attrs: &impl Attributes, out: &mut Out) -> Result<()> {
    if tag.is_document() {
        // Safe: a constant doctype.
        out.dangerously_write_raw(DOCTYPE);
        out.end_chunk();
    }
    write_open(tag, attrs, out.buf())?;
    out.end_chunk();
    Ok(())
}

/// Closes the element `tag` in a task whose work since `mark` renders its
/// children: at once when they are done, unless it is a `body`; else
/// through [`close_element`], with the tag's closing text (a constant of a
/// constant tag; written out for a tag named at run time).
#[inline]
fn close_parts<T: Tag>(tag: &T, mark: usize, task: &mut Task<'_>) -> Result<()> {
    if !task.is_paused() && !is_body(tag.name()) {
        tag.write_close(task.out().buf());
        task.out().end_chunk();
        return Ok(());
    }
    let close = if T::CONSTANT {
        Cow::Borrowed(T::CLOSE)
    } else {
        let mut close = String::new();
        tag.write_close(&mut close);
        Cow::Owned(close)
    };
    close_element(tag.path_name(), close, mark, task)
}

/// Writes `close`, which closes the element `name`, at once when its
/// children are done, else after the work left since `mark`; `body`
/// closes after the sections streamed out of order. Not generic: one for
/// every element of a page.
fn close_element<'a>(
    name: Cow<'static, str>,
    close: Cow<'static, str>,
    mark: usize,
    task: &mut Task<'a>,
) -> Result<()> {
    let paused = task.is_paused();
    let body_sections = task.body_sections(&name);
    let close = move |out: &mut Out| {
        append(out.buf(), &close);
        out.end_chunk();
    };
    if let Some(sections) = body_sections {
        // `</body>` goes out after every section streamed out of order.
        if !paused {
            return close_body(sections, task, close);
        }
        let run: Run<'a> = Box::new(move |task| close_body(sections, task, close));
        task.defer(mark, Some(name), run);
    } else if paused {
        task.defer_close(mark, name, close);
    } else {
        close(task.out());
    }
    Ok(())
}

/// An element with a literal name, checked at compile time: a custom element
/// (`my-widget`), or `html` without the doctype that the
/// [`html`](crate::html) function writes. Names decided at run time go
/// through [`element`](fn@crate::element), which returns a `Result` instead.
///
/// ```
/// use htpy::{Render, element};
///
/// let card = element!("x-card").attr("elevation", 2).children("hi");
/// assert_eq!(card.render_to_string().unwrap(), r#"<x-card elevation="2">hi</x-card>"#);
/// assert_eq!(element!("html").render_to_string().unwrap(), "<html></html>");
/// ```
///
/// An invalid name does not compile:
///
/// ```compile_fail
/// let _ = htpy::element!("my widget");
/// ```
#[macro_export]
macro_rules! element {
    ($name:literal $(,)?) => {
        $crate::__literal!(__literal_element $name)
    };
}

/// A void element with a literal name, checked at compile time; see
/// [`void_element`](fn@crate::void_element) for names decided at run time.
///
/// ```
/// use htpy::{Render, void_element};
///
/// let br = void_element!("br").attr("class", "x");
/// assert_eq!(br.render_to_string().unwrap(), r#"<br class="x">"#);
/// ```
///
/// A name that is not a void element does not compile:
///
/// ```compile_fail
/// let _ = htpy::void_element!("div");
/// ```
#[macro_export]
macro_rules! void_element {
    ($name:literal $(,)?) => {
        $crate::__literal!(__literal_void_element $name)
    };
}

/// The expansion of [`element!`](crate::element!) and
/// [`void_element!`](crate::void_element!): a type for the name, whose tags
/// are constants, and the element, built (and its name checked) in a `const`
/// block. Not public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __literal {
    ($build:ident $name:literal) => {{
        #[derive(Debug)]
        struct Name;
        impl $crate::LiteralName for Name {
            const NAME: &'static str = $name;
            const OPEN: &'static str = concat!("<", $name, ">");
            const START: &'static str = concat!("<", $name);
            const CLOSE: &'static str = concat!("</", $name, ">");
        }
        const { $crate::$build::<Name>() }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid element names.
    const VALID: [&str; 11] = [
        "div",
        "h1",
        "foreignObject",
        "my-widget",
        "My-Widget",
        "x-Y",
        "x-ä",
        "a-b.c_d",
        "br",
        "img",
        "html",
    ];

    /// Invalid ones, each breaking a rule.
    const INVALID: [&str; 9] = [
        "",
        "1a",
        "my widget",
        "a>b",
        "x-y z",
        "-x",
        "a\"b",
        "é",
        "x-y/z",
    ];

    #[test]
    fn names() {
        for ok in VALID {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in INVALID {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    /// `plaintext` is refused from data in any case, and taken as a literal.
    #[test]
    fn plaintext_only_as_a_literal() {
        for name in ["plaintext", "PLAINTEXT", "PlainText"] {
            let err = dynamic_tag::<false>(Cow::Borrowed(name)).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::ElementName { reason, .. } if reason.contains("plaintext")),
                "{err}"
            );
            check_literal(name, false);
        }
        for name in [
            "plaintex",
            "plaintexts",
            "x-plaintext",
            "script",
            "xmp",
            "title",
        ] {
            assert!(dynamic_tag::<false>(Cow::Borrowed(name)).is_ok(), "{name}");
        }
    }

    /// The fast path for the names of the element functions takes exactly
    /// what the full check takes.
    #[test]
    fn known_names_take_the_full_check() {
        let names = [
            "td",
            "div",
            "html",
            "svg",
            "br",
            "img",
            "wbr",
            "TD",
            "Br",
            "x-y",
            "plaintext",
            "tdx",
        ];
        for name in names {
            let full = |want_void| check_data_tag(name, want_void).is_ok();
            assert_eq!(
                dynamic_tag::<false>(Cow::Borrowed(name)).is_ok(),
                full(false),
                "{name}"
            );
            assert_eq!(
                dynamic_tag::<true>(Cow::Borrowed(name)).is_ok(),
                full(true),
                "{name}"
            );
        }
        let tags = |known: &Known| {
            let mut out = String::new();
            (known.write_open)(&mut out);
            out.push('|');
            (known.write_close)(&mut out);
            (known.name, out, known.void)
        };
        assert_eq!(
            tags(known("td").unwrap()),
            ("td", "<td>|</td>".to_owned(), false)
        );
        assert_eq!(tags(known("br").unwrap()), ("br", "<br>|".to_owned(), true));
        assert_eq!(
            tags(known("html").unwrap()),
            ("html", "<html>|</html>".to_owned(), false)
        );
        assert_eq!(
            tags(known("blockquote").unwrap()).1,
            "<blockquote>|</blockquote>"
        );
        assert_eq!(
            tags(known("figcaption").unwrap()).1,
            "<figcaption>|</figcaption>"
        );
        // The first 8 bytes of a longer name, or a name padded with what
        // reads as zeros, are none.
        assert!(known("blockquo").is_none());
        assert!(known("blockquotes").is_none());
        assert!(known("td\0").is_none());
        assert!(known("TD").is_none());
        assert!(known("x-y").is_none());
    }

    /// The compile-time check (`literal_tag`, a `const fn` that panics) and
    /// the run-time one (`element`, `void_element`) accept the same names,
    /// `plaintext` aside.
    #[test]
    fn literal_and_run_time_checks_agree() {
        for name in VALID.into_iter().chain(INVALID).chain(["BR"]) {
            for want_void in [false, true] {
                let literal = std::panic::catch_unwind(|| check_literal(name, want_void));
                let run_time = if want_void {
                    dynamic_tag::<true>(Cow::Borrowed(name)).is_ok()
                } else {
                    dynamic_tag::<false>(Cow::Borrowed(name)).is_ok()
                };
                assert_eq!(literal.is_ok(), run_time, "{name:?} void {want_void}");
            }
        }
    }
}
