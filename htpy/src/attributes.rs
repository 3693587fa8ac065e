//! Attributes: values, class lists and conditional classes, and how a list of
//! them is written, with htpy's rules (a repeated name keeps its first
//! position and takes its last value; `false` and `None` leave the attribute
//! out; names and values are escaped), and the one rule htpy does not have:
//! a name that could end itself and start another attribute is refused.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::rc::Rc;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::escape::{Escaper, escape_into};
use crate::output::append;
use crate::selector::Selector;
use crate::text::{Display, Integer, RawHtml};

rules! {
    /// A way an attribute name broke the rule of [`check_attr_name`].
    AttrNameRule, "invalid attribute name: ";
    Empty => "it is empty",
    Whitespace => "it holds whitespace, which ends a name and starts another attribute",
    Slash => "it holds `/`, which ends a name",
    Equals => "it holds `=`, which ends a name and starts its value",
    Control => "it holds a control character (U+0000 to U+001F, or U+007F)",
}

/// The rule each ASCII byte breaks in an attribute name, if any. Bytes of
/// non-ASCII characters (0x80 and up) break none.
const ATTR_NAME_FAULTS: [Option<AttrNameRule>; 128] = {
    let mut table = [None; 128];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = Some(AttrNameRule::Control);
        byte += 1;
    }
    table[0x7f] = Some(AttrNameRule::Control);
    let whitespace = [b'\t', b'\n', 0x0c, b'\r', b' '];
    let mut i = 0;
    while i < whitespace.len() {
        table[whitespace[i] as usize] = Some(AttrNameRule::Whitespace);
        i += 1;
    }
    table[b'/' as usize] = Some(AttrNameRule::Slash);
    table[b'=' as usize] = Some(AttrNameRule::Equals);
    table
};

/// The rule for attribute names, in one place: the run-time check of every
/// name (`.attr`, [`AttrList`]) and the compile-time one of [`attr_name`]
/// both call it. It reports the first character that breaks it.
///
/// A name is refused when it is empty, or holds ASCII whitespace (U+0009,
/// U+000A, U+000C, U+000D, U+0020), `/`, `=`, or any other control
/// character (U+0000 to U+001F, U+007F): each of those ends an attribute
/// name for an HTML parser, so the rest would be read as another attribute
/// (`x onload` is `x` and `onload`) or a value (`=x onload=alert(1)`). That
/// closed list is the whole rule: `"`, `'`, `<`, `>` and `&` are escaped as
/// Python htpy escapes them, and any other name (`@click.shift`,
/// `hx-on::after-request`, `:class`, `é`) is written as it is.
///
/// Inlined, the check of a name the optimiser sees as a constant folds away
/// (`.attr("href", ..)` on the element being rendered); a name it loses
/// track of (a child element moved through memory) costs one pass over its
/// bytes, as its escaping does.
#[inline]
const fn check_attr_name(name: &str) -> Result<(), AttrNameRule> {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return Err(AttrNameRule::Empty);
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            if let Some(rule) = ATTR_NAME_FAULTS[bytes[i] as usize] {
                return Err(rule);
            }
        }
        i += 1;
    }
    Ok(())
}

/// Checks an attribute name from anywhere, as an error naming it.
#[inline]
pub(crate) fn checked_attr_name(name: &str) -> Result<()> {
    match check_attr_name(name) {
        Ok(()) => Ok(()),
        Err(rule) => Err(attr_name_error(name, rule)),
    }
}

/// The error for a refused name: out of line, off the path where names pass.
#[cold]
fn attr_name_error(name: &str, rule: AttrNameRule) -> Error {
    Error::new(ErrorKind::AttributeName {
        name: name.to_owned(),
        reason: rule.reason(),
    })
}

/// An attribute name checked at compile time, for a name kept in a
/// constant: in a `const` (or a `const { .. }` block), a name that breaks
/// the rule does not compile. `.attr(name, ..)` checks every name when it
/// renders, a constant one included, with the same rule; this moves the
/// check of a constant to the build.
///
/// The rule: a name must not be empty, nor hold ASCII whitespace
/// (U+0009, U+000A, U+000C, U+000D, U+0020), `/`, `=`, or a control
/// character (U+0000 to U+001F, U+007F), each of which would end the name
/// and let the rest be read as another attribute. Anything else is written
/// as Python htpy writes it, `& < > " '` escaped.
///
/// # Panics
///
/// When `name` breaks the rule; in a `const`, that is a compile error.
///
/// ```
/// use htpy::{Render, attr_name, button};
///
/// const AFTER_REQUEST: &str = attr_name("hx-on::after-request");
/// let b = button().attr(AFTER_REQUEST, "done()").attr(const { attr_name("@click.shift") }, "go()");
/// assert_eq!(
///     b.render_to_string()?,
///     r#"<button hx-on::after-request="done()" @click.shift="go()"></button>"#
/// );
/// # Ok::<(), htpy::Error>(())
/// ```
///
/// A name that would inject an attribute does not compile:
///
/// ```compile_fail
/// const NAME: &str = htpy::attr_name("x onload");
/// ```
pub const fn attr_name(name: &'static str) -> &'static str {
    if let Err(rule) = check_attr_name(name) {
        rule.fail();
    }
    name
}

/// A value an attribute can take: text, raw markup (still escaped, as in
/// htpy), any integer, `bool` (`true` writes the bare name, `false` leaves the
/// attribute out) and `Option` (`None` leaves it out).
///
/// Under the name `class` a value follows htpy's class rules: an empty text
/// or a zero leaves the attribute out, and `true` writes `class="True"`.
///
/// ```
/// use htpy::{Render, input};
///
/// let field = input().attr("type", "checkbox").attr("checked", true).attr("tabindex", 3)
///     .attr("disabled", false).attr("title", None::<&str>);
/// assert_eq!(
///     field.render_to_string().unwrap(),
///     r#"<input type="checkbox" checked tabindex="3">"#
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an attribute value",
    label = "not an attribute value",
    note = "attribute values are text, integers, `bool`, `Option` of those, or `RawHtml`; \
            class lists and toggles go through `.class(...)`",
    note = "a float is written in the form you choose: `decimals(x, 2)` for `0.50`, \
            or `display(x)` for Rust's `{{}}`"
)]
pub trait AttrValue {
    /// Writes ` name="value"`, ` name`, or nothing, for the attribute `name`.
    fn write_attr(&self, name: &str, out: &mut String);
}

fn write_name(name: &str, out: &mut String) {
    append(out, " ");
    escape_into(name, out);
}

fn write_text_attr(name: &str, value: &str, out: &mut String) {
    if name == "class" {
        write_single_class(value, out);
        return;
    }
    write_name(name, out);
    append(out, "=\"");
    escape_into(value, out);
    append(out, "\"");
}

/// Writes ` class="name"` for one class name, or nothing when it is empty
/// (htpy leaves out an empty `class`): the one place a lone text value
/// becomes a class attribute, whether given as `.class(..)` or `.attr("class", ..)`.
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "a call handed the buffer keeps its length out of registers"
)]
fn write_single_class(name: &str, out: &mut String) {
    if !name.is_empty() {
        append(out, " class=\"");
        escape_into(name, out);
        append(out, "\"");
    }
}

macro_rules! text_attr_values {
    ($($ty:ty)*) => {$(
        impl AttrValue for $ty {
            fn write_attr(&self, name: &str, out: &mut String) {
                write_text_attr(name, self, out);
            }
        }
    )*};
}
text_attr_values!(str String Cow<'_, str> Box<str> Arc<str> Rc<str>);

impl AttrValue for char {
    fn write_attr(&self, name: &str, out: &mut String) {
        write_text_attr(name, self.encode_utf8(&mut [0; 4]), out);
    }
}

/// A `Display` value, escaped as it is formatted: a float through
/// [`decimals`](crate::decimals), or any [`display`](crate::display).
/// Under `class`, as text: nothing written leaves the attribute out.
impl<T: fmt::Display> AttrValue for Display<T> {
    fn write_attr(&self, name: &str, out: &mut String) {
        let start = out.len();
        write_name(name, out);
        append(out, "=\"");
        let value = out.len();
        // Writing into a String cannot fail; a Display impl that reports an
        // error has written what it could, as for a child.
        let _ = write!(Escaper(out), "{}", self.0);
        if name == "class" && out.len() == value {
            out.truncate(start);
        } else {
            append(out, "\"");
        }
    }
}

impl<T: AsRef<str>> AttrValue for RawHtml<T> {
    fn write_attr(&self, name: &str, out: &mut String) {
        write_text_attr(name, self.as_str(), out);
    }
}

impl<T: AttrValue + ?Sized> AttrValue for &T {
    fn write_attr(&self, name: &str, out: &mut String) {
        (**self).write_attr(name, out);
    }
}

impl<T: AttrValue> AttrValue for Option<T> {
    fn write_attr(&self, name: &str, out: &mut String) {
        if let Some(value) = self {
            value.write_attr(name, out);
        }
    }
}

impl AttrValue for bool {
    fn write_attr(&self, name: &str, out: &mut String) {
        match (*self, name == "class") {
            (false, _) => {}
            (true, true) => append(out, " class=\"True\""),
            (true, false) => write_name(name, out),
        }
    }
}

fn write_int_attr(name: &str, value: impl Integer, out: &mut String) {
    if name == "class" && value.is_zero() {
        return;
    }
    write_name(name, out);
    append(out, "=\"");
    value.push_decimal(out);
    append(out, "\"");
}

macro_rules! int_attr_values {
    ($($int:ty)*) => {$(
        impl AttrValue for $int {
            fn write_attr(&self, name: &str, out: &mut String) {
                write_int_attr(name, *self, out);
            }
        }
    )*};
}
int_attr_values!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

/// Where class names are joined: a space between names, each escaped.
///
/// ```
/// use htpy::{ClassList, ClassValue, Render, div};
///
/// struct Both;
/// impl ClassValue for Both {
///     fn write_classes(&self, list: &mut ClassList<'_>) {
///         list.item("a");
///         list.item("b");
///     }
/// }
/// assert_eq!(div().class(Both).render_to_string().unwrap(), r#"<div class="a b"></div>"#);
/// ```
pub struct ClassList<'a> {
    out: &'a mut String,
    first: bool,
}

impl ClassList<'_> {
    /// Adds one class name of a list; an empty name is skipped, as a falsy
    /// item is in htpy.
    ///
    /// ```
    /// use htpy::{ClassList, ClassValue, Render, div};
    ///
    /// struct Size(u8);
    /// impl ClassValue for Size {
    ///     fn write_classes(&self, list: &mut ClassList<'_>) {
    ///         list.item(&format!("size-{}", self.0));
    ///     }
    /// }
    /// assert_eq!(
    ///     div().class(Size(3)).render_to_string().unwrap(),
    ///     r#"<div class="size-3"></div>"#
    /// );
    /// ```
    pub fn item(&mut self, name: &str) {
        if !name.is_empty() {
            self.key(name);
        }
    }

    /// Adds a class name as a key of a toggle does: even when empty.
    fn key(&mut self, name: &str) {
        if !self.first {
            append(self.out, " ");
        }
        self.first = false;
        escape_into(name, self.out);
    }
}

/// A value for the `class` attribute (htpy's classnames rules): text, a list
/// of values (`[..]`, `Vec`, slices, tuples), `Option` (`None` is skipped) and
/// [`toggle`]s of conditional classes. An empty result leaves the attribute out.
///
/// ```
/// use htpy::{Render, button, toggle};
///
/// let active = true;
/// let b = button().class(("btn", Some("btn-lg"), toggle([("active", active), ("off", !active)])));
/// assert_eq!(
///     b.render_to_string().unwrap(),
///     r#"<button class="btn btn-lg active"></button>"#
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a class value",
    note = "class values are text, `Option`s, lists or tuples of those, and `toggle([(name, bool), ..])`"
)]
pub trait ClassValue {
    /// Adds this value's class names to `list`.
    fn write_classes(&self, list: &mut ClassList<'_>);

    /// Writes ` class="…"` for this value alone, or nothing when it holds no
    /// class name. A single name skips the list's bookkeeping.
    #[doc(hidden)]
    fn write_class_attr(&self, out: &mut String) {
        write_class_list(self, out);
    }
}

macro_rules! text_class_values {
    ($($ty:ty)*) => {$(
        impl ClassValue for $ty {
            fn write_classes(&self, list: &mut ClassList<'_>) {
                list.item(self.as_ref());
            }

            // Always inlined: a call handed the buffer keeps its length out
            // of registers. (clippy does not lint a macro's expansion.)
            #[inline(always)]
            fn write_class_attr(&self, out: &mut String) {
                write_single_class(self.as_ref(), out);
            }
        }
    )*};
}
text_class_values!(str String Cow<'_, str> Box<str> Arc<str> Rc<str>);

impl<T: AsRef<str>> ClassValue for RawHtml<T> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        list.item(self.as_str());
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "a call handed the buffer keeps its length out of registers"
    )]
    fn write_class_attr(&self, out: &mut String) {
        write_single_class(self.as_str(), out);
    }
}

impl<T: ClassValue + ?Sized> ClassValue for &T {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        (**self).write_classes(list);
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "a call handed the buffer keeps its length out of registers"
    )]
    fn write_class_attr(&self, out: &mut String) {
        (**self).write_class_attr(out);
    }
}

impl<T: ClassValue> ClassValue for Option<T> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        if let Some(value) = self {
            value.write_classes(list);
        }
    }

    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "a call handed the buffer keeps its length out of registers"
    )]
    fn write_class_attr(&self, out: &mut String) {
        if let Some(value) = self {
            value.write_class_attr(out);
        }
    }
}

impl<T: ClassValue> ClassValue for [T] {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        for value in self {
            value.write_classes(list);
        }
    }
}

impl<T: ClassValue, const N: usize> ClassValue for [T; N] {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        self.as_slice().write_classes(list);
    }
}

impl<T: ClassValue> ClassValue for Vec<T> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        self.as_slice().write_classes(list);
    }
}

macro_rules! tuple_class_values {
    () => {};
    ($first:ident $($rest:ident)*) => {
        tuple_class_values!(@impl $first $($rest)*);
        tuple_class_values!($($rest)*);
    };
    (@impl $($name:ident)+) => {
        impl<$($name: ClassValue),+> ClassValue for ($($name,)+) {
            #[expect(non_snake_case, reason = "the tuple's parts are named after their types")]
            fn write_classes(&self, list: &mut ClassList<'_>) {
                let ($($name,)+) = self;
                $($name.write_classes(list);)+
            }
        }
    };
}
tuple_class_values!(A B C D E F G H);

/// Conditional classes: htpy's `{"name": condition}` dict. Each name whose
/// condition is `true` is a class. As in a Python dict, a name given twice
/// keeps its first position and takes its last condition.
///
/// ```
/// use htpy::{Render, Toggle, div, toggle};
///
/// let classes: Toggle<_> = toggle([("a", true), ("b", false)]);
/// assert_eq!(div().class(classes).render_to_string().unwrap(), r#"<div class="a"></div>"#);
/// ```
#[derive(Clone, Debug)]
pub struct Toggle<T>(T);

/// Conditional classes from `(name, condition)` pairs (an array, a `Vec` or
/// a slice); see [`Toggle`].
///
/// ```
/// use htpy::{Render, li, toggle};
///
/// let item = li().class(toggle([("done", true), ("late", false), ("done", true)]));
/// assert_eq!(item.render_to_string().unwrap(), r#"<li class="done"></li>"#);
/// ```
pub fn toggle<T>(pairs: T) -> Toggle<T>
where
    Toggle<T>: ClassValue,
{
    Toggle(pairs)
}

/// Adds the names of `pairs` whose last condition is true, each at its first position.
fn write_toggles<S: AsRef<str>>(pairs: &[(S, bool)], list: &mut ClassList<'_>) {
    for (i, (name, _)) in pairs.iter().enumerate() {
        let name = name.as_ref();
        if pairs[..i]
            .iter()
            .any(|(earlier, _)| earlier.as_ref() == name)
        {
            continue;
        }
        let final_pair = pairs[i..]
            .iter()
            .rev()
            .find(|(later, _)| later.as_ref() == name);
        if final_pair.is_some_and(|(_, on)| *on) {
            list.key(name);
        }
    }
}

impl<S: AsRef<str>, const N: usize> ClassValue for Toggle<[(S, bool); N]> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        write_toggles(&self.0, list);
    }
}

impl<S: AsRef<str>> ClassValue for Toggle<Vec<(S, bool)>> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        write_toggles(&self.0, list);
    }
}

impl<S: AsRef<str>> ClassValue for Toggle<&[(S, bool)]> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        write_toggles(self.0, list);
    }
}

/// Writes `class="..."` for a class value, or nothing when no class results.
fn write_class_list(value: &(impl ClassValue + ?Sized), out: &mut String) {
    let start = out.len();
    append(out, " class=\"");
    let names = out.len();
    value.write_classes(&mut ClassList { out, first: true });
    if out.len() == names {
        out.truncate(start);
    } else {
        append(out, "\"");
    }
}

/// A class value used as the `class` attribute.
///
/// ```
/// use htpy::{AttrValue, Class};
///
/// fn is_attr_value<V: AttrValue>() {}
/// // What `.class(["a", "b"])` stores as the `class` attribute's value.
/// is_attr_value::<Class<[&str; 2]>>();
/// ```
#[derive(Clone, Debug)]
pub struct Class<V>(pub(crate) V);

impl<V: ClassValue> AttrValue for Class<V> {
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "a call handed the buffer keeps its length out of registers"
    )]
    fn write_attr(&self, _name: &str, out: &mut String) {
        self.0.write_class_attr(out);
    }
}

/// One attribute: a name and a value.
///
/// ```
/// use htpy::{Attr, Element, Render, a};
///
/// let link: Element<((), Attr<&str, &str>), (), _> = a().attr("href", "/");
/// assert_eq!(link.render_to_string().unwrap(), r#"<a href="/"></a>"#);
/// ```
#[derive(Clone, Debug)]
pub struct Attr<N, V> {
    pub(crate) name: N,
    pub(crate) value: V,
}

/// One attribute as seen when a list is written.
///
/// ```
/// use htpy::{AttrRef, Attributes};
///
/// // An element's attributes, as `Attributes::each` sees them.
/// fn names(attrs: &impl Attributes) -> Vec<String> {
///     let mut names = Vec::new();
///     attrs.each(&mut |name, value: AttrRef<'_>| {
///         let kind = match value {
///             AttrRef::ShorthandId(_) | AttrRef::ShorthandClasses(_) => "shorthand",
///             _ => "value",
///         };
///         names.push(format!("{name}: {kind}"));
///     });
///     names
/// }
/// assert_eq!(names(&(htpy::Selector::new("#x"), ())), ["id: shorthand"]);
/// ```
#[derive(Clone, Copy)]
pub enum AttrRef<'a> {
    /// A value that writes itself.
    Value(&'a dyn AttrValue),
    /// The id of a shorthand.
    ShorthandId(&'a str),
    /// The classes part of a shorthand, `.a..b`.
    ShorthandClasses(&'a str),
}

impl AttrRef<'_> {
    fn write(self, name: &str, out: &mut String) {
        match self {
            AttrRef::Value(value) => value.write_attr(name, out),
            AttrRef::ShorthandId(id) => write_text_attr(name, id, out),
            AttrRef::ShorthandClasses(classes) => {
                write_class_list(&ShorthandClasses(classes), out);
            }
        }
    }
}

/// The classes of a shorthand, split on `.`.
struct ShorthandClasses<'a>(&'a str);

impl ClassValue for ShorthandClasses<'_> {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        for part in self.0.split('.') {
            list.item(part);
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// The attributes of an element: built by [`Element::attr`](crate::Element::attr)
/// and its siblings, never implemented outside this crate.
///
/// ```
/// use htpy::{Attributes, Selector};
///
/// // `()` is no attribute; a shorthand is its id and its classes.
/// assert!(().is_empty());
/// assert_eq!((Selector::new("#x.a"), ()).len(), 2);
/// ```
pub trait Attributes: sealed::Sealed {
    /// Calls `f` with every attribute, in order.
    fn each<'a>(&'a self, f: &mut dyn FnMut(&'a str, AttrRef<'a>));

    /// Whether there is no attribute at all.
    fn is_empty(&self) -> bool;

    /// How many attributes `each` gives.
    fn len(&self) -> usize;

    /// Writes every attribute in order, when no name can repeat: the fast
    /// path, with no indirection.
    fn write_unique(&self, out: &mut String);

    /// Checks every name that was not checked when it was added (those of
    /// `.attr`; an [`AttrList`]'s were, by [`Element::attrs`](crate::Element::attrs)),
    /// against the rule of [`attr_name`]. Not public API.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AttributeName`] for the first name that breaks the rule.
    #[doc(hidden)]
    fn check_names(&self) -> Result<()>;

    /// Whether one of the names is `name`. Not public API.
    #[doc(hidden)]
    fn has_name(&self, name: &str) -> bool;

    /// Whether no name repeats, so that the attributes are written as they
    /// come ([`Attributes::write_unique`]). Names given as literals are
    /// compared where the element is rendered, so the test of `.attr("href",
    /// ..).class(..)` is no code at all. Not public API.
    #[doc(hidden)]
    fn names_differ(&self) -> bool;

    /// Whether the type holds no attribute whatever its value (`()`), so
    /// that the opening tag is a constant. Not public API.
    #[doc(hidden)]
    const NONE: bool = false;

    /// The attributes as one [`AttrList`], when they are `()` or `()` and a
    /// list, so that a [`Node`](crate::Node) keeps their element without a
    /// box; else themselves. Not public API.
    #[doc(hidden)]
    fn into_list(self) -> Result<AttrList, Self>
    where
        Self: Sized,
    {
        Err(self)
    }
}

impl sealed::Sealed for () {}
impl Attributes for () {
    const NONE: bool = true;

    fn each<'a>(&'a self, _: &mut dyn FnMut(&'a str, AttrRef<'a>)) {}

    fn is_empty(&self) -> bool {
        true
    }

    fn len(&self) -> usize {
        0
    }

    fn write_unique(&self, _out: &mut String) {}

    #[inline]
    fn check_names(&self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn has_name(&self, _: &str) -> bool {
        false
    }

    #[inline]
    fn names_differ(&self) -> bool {
        true
    }

    fn into_list(self) -> Result<AttrList, Self> {
        Ok(AttrList::new())
    }
}

impl<A: Attributes, N: AsRef<str>, V: AttrValue> sealed::Sealed for (A, Attr<N, V>) {}
impl<A: Attributes, N: AsRef<str>, V: AttrValue> Attributes for (A, Attr<N, V>) {
    fn each<'a>(&'a self, f: &mut dyn FnMut(&'a str, AttrRef<'a>)) {
        self.0.each(f);
        f(self.1.name.as_ref(), AttrRef::Value(&self.1.value));
    }

    fn is_empty(&self) -> bool {
        false
    }

    fn len(&self) -> usize {
        self.0.len() + 1
    }

    #[inline]
    fn write_unique(&self, out: &mut String) {
        self.0.write_unique(out);
        self.1.value.write_attr(self.1.name.as_ref(), out);
    }

    #[inline]
    fn check_names(&self) -> Result<()> {
        self.0.check_names()?;
        checked_attr_name(self.1.name.as_ref())
    }

    #[inline]
    fn has_name(&self, name: &str) -> bool {
        self.0.has_name(name) || self.1.name.as_ref() == name
    }

    #[inline]
    fn names_differ(&self) -> bool {
        self.0.names_differ() && !self.0.has_name(self.1.name.as_ref())
    }
}

impl<A: Attributes> sealed::Sealed for (Selector, A) {}
impl<A: Attributes> Attributes for (Selector, A) {
    fn each<'a>(&'a self, f: &mut dyn FnMut(&'a str, AttrRef<'a>)) {
        if let Some(id) = self.0.id() {
            f("id", AttrRef::ShorthandId(id));
        }
        if let Some(classes) = self.0.classes() {
            f("class", AttrRef::ShorthandClasses(classes));
        }
        self.1.each(f);
    }

    fn is_empty(&self) -> bool {
        self.0.id().is_none() && self.0.classes().is_none() && self.1.is_empty()
    }

    fn len(&self) -> usize {
        usize::from(self.0.id().is_some()) + usize::from(self.0.classes().is_some()) + self.1.len()
    }

    fn write_unique(&self, out: &mut String) {
        if let Some(id) = self.0.id() {
            AttrRef::ShorthandId(id).write("id", out);
        }
        if let Some(classes) = self.0.classes() {
            AttrRef::ShorthandClasses(classes).write("class", out);
        }
        self.1.write_unique(out);
    }

    #[inline]
    fn check_names(&self) -> Result<()> {
        self.1.check_names()
    }

    #[inline]
    fn has_name(&self, name: &str) -> bool {
        (name == "id" && self.0.id().is_some())
            || (name == "class" && self.0.classes().is_some())
            || self.1.has_name(name)
    }

    #[inline]
    fn names_differ(&self) -> bool {
        self.1.names_differ()
            && !(self.0.id().is_some() && self.1.has_name("id"))
            && !(self.0.classes().is_some() && self.1.has_name("class"))
    }
}

/// The most attributes written without a heap allocation.
const INLINE: usize = 16;

/// Writes the attributes of an element with htpy's rules: a name given more
/// than once keeps its first position and takes its last value. Every name
/// is checked first, whatever its value, so that whether a page renders
/// never depends on a value being `false` or `None`.
///
/// # Errors
///
/// [`ErrorKind::AttributeName`] for a name that breaks the rule of
/// [`attr_name`]; nothing is written then.
#[inline]
pub(crate) fn write_attrs(attrs: &impl Attributes, out: &mut String) -> Result<()> {
    attrs.check_names()?;
    if attrs.names_differ() {
        attrs.write_unique(out);
    } else {
        write_deduplicated(attrs, out);
    }
    Ok(())
}

/// Writes attributes, a repeated name at its first position with its last value.
fn write_deduplicated(attrs: &impl Attributes, out: &mut String) {
    let mut inline: [(&str, AttrRef<'_>); INLINE] = [("", AttrRef::ShorthandId("")); INLINE];
    let mut len = 0;
    let mut spilled = Vec::new();
    attrs.each(&mut |name, value| {
        if len < INLINE {
            inline[len] = (name, value);
        } else {
            spilled.push((name, value));
        }
        len += 1;
    });
    let all: Cow<'_, [(&str, AttrRef<'_>)]> = if spilled.is_empty() {
        Cow::Borrowed(&inline[..len])
    } else {
        Cow::Owned(inline.iter().copied().chain(spilled).collect())
    };
    for (i, &(name, first)) in all.iter().enumerate() {
        if all[..i].iter().any(|(earlier, _)| *earlier == name) {
            continue;
        }
        let value = all[i + 1..]
            .iter()
            .rev()
            .find(|(later, _)| *later == name)
            .map_or(first, |&(_, value)| value);
        value.write(name, out);
    }
}

/// An attribute value decided at run time: what a converter or a data-driven
/// page needs. Class lists and toggles are only valid under `class`.
///
/// ```
/// use htpy::{AttrList, ClassItem, Render, Value, div};
///
/// let mut attrs = AttrList::new();
/// attrs.push("class", Value::Classes(vec![ClassItem::Text("a".into()), ClassItem::Skip]));
/// attrs.push("tabindex", Value::Int(-1));
/// assert_eq!(
///     div().attrs(attrs)?.render_to_string()?,
///     r#"<div class="a" tabindex="-1"></div>"#
/// );
/// # Ok::<(), htpy::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// Text, escaped.
    Text(String),
    /// Raw markup; as in htpy it is still escaped in an attribute.
    Markup(String),
    /// An integer.
    Int(i128),
    /// `true` writes the bare name, `false` leaves the attribute out.
    Bool(bool),
    /// Leaves the attribute out.
    None,
    /// A class list.
    Classes(Vec<ClassItem>),
    /// Conditional classes, as [`toggle`].
    Toggle(Vec<(String, bool)>),
}

/// One item of a run-time class list.
///
/// ```
/// use htpy::{AttrList, ClassItem, Render, Value, span};
///
/// let items = vec![
///     ClassItem::Text("x".into()),
///     ClassItem::Toggle(vec![("on".into(), true), ("off".into(), false)]),
/// ];
/// let mut attrs = AttrList::new();
/// attrs.push("class", Value::Classes(items));
/// assert_eq!(span().attrs(attrs)?.render_to_string()?, r#"<span class="x on"></span>"#);
/// # Ok::<(), htpy::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClassItem {
    /// A class name (skipped when empty).
    Text(String),
    /// A class name given as markup (escaped all the same).
    Markup(String),
    /// `None` or `false`: skipped.
    Skip,
    /// Conditional classes.
    Toggle(Vec<(String, bool)>),
}

impl ClassValue for ClassItem {
    fn write_classes(&self, list: &mut ClassList<'_>) {
        match self {
            ClassItem::Text(name) | ClassItem::Markup(name) => list.item(name),
            ClassItem::Skip => {}
            ClassItem::Toggle(pairs) => write_toggles(pairs, list),
        }
    }
}

impl AttrValue for Value {
    fn write_attr(&self, name: &str, out: &mut String) {
        match self {
            Value::Text(text) | Value::Markup(text) => write_text_attr(name, text, out),
            Value::Int(int) => write_int_attr(name, *int, out),
            Value::Bool(flag) => flag.write_attr(name, out),
            Value::None => {}
            Value::Classes(items) => write_class_list(items.as_slice(), out),
            Value::Toggle(pairs) => write_class_list(&toggle(pairs.as_slice()), out),
        }
    }
}

/// Attributes decided at run time, in order.
///
/// ```
/// use htpy::{AttrList, Render, Value, div};
///
/// let mut attrs = AttrList::new();
/// attrs.push("hx-get", Value::Text("/rows?page=2".into()));
/// attrs.push("hidden", Value::Bool(true));
/// assert_eq!(
///     div().attrs(attrs).unwrap().render_to_string().unwrap(),
///     r#"<div hx-get="/rows?page=2" hidden></div>"#
/// );
/// ```
#[derive(Clone, Debug, Default)]
pub struct AttrList(Vec<(Cow<'static, str>, Value)>);

impl AttrList {
    /// An empty list.
    ///
    /// ```
    /// assert!(htpy::AttrList::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the list holds no attribute.
    ///
    /// ```
    /// let mut attrs = htpy::AttrList::new();
    /// attrs.push("id", htpy::Value::Int(1));
    /// assert!(!attrs.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds an attribute. As in a Python dict, a name given again keeps its
    /// first position and takes the last value.
    ///
    /// ```
    /// use htpy::{AttrList, Value};
    ///
    /// let mut attrs = AttrList::new();
    /// attrs.push("title", Value::Toggle(vec![("a".into(), true)]));
    /// attrs.push("title", Value::Text("ok".into()));
    /// assert!(attrs.check().is_ok());
    /// ```
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: Value) {
        self.0.push((name.into(), value));
    }

    /// Checks what htpy checks when an element is built: the value a name
    /// ends with is not a class list or toggle, unless the name is `class`.
    /// First, it checks every name against the rule of [`attr_name`], which
    /// htpy does not have: a name from data must not be able to end itself
    /// and start another attribute.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AttributeName`] for the first name that breaks the rule
    /// (whatever its value); else [`ErrorKind::Attribute`], naming the
    /// attribute (htpy raises a `TypeError`).
    ///
    /// ```
    /// use htpy::{AttrList, Value};
    ///
    /// let mut attrs = AttrList::new();
    /// attrs.push(String::from("x onload"), Value::Text("alert(1)".into()));
    /// assert_eq!(
    ///     attrs.check().unwrap_err().to_string(),
    ///     "invalid attribute name \"x onload\": it holds whitespace, which ends a name \
    ///      and starts another attribute"
    /// );
    /// ```
    ///
    /// ```
    /// use htpy::{AttrList, Value};
    ///
    /// let mut attrs = AttrList::new();
    /// attrs.push("data-x", Value::Toggle(vec![("a".into(), true)]));
    /// assert_eq!(
    ///     attrs.check().unwrap_err().to_string(),
    ///     "invalid value for attribute \"data-x\": class lists and toggles are only valid under `class`"
    /// );
    /// ```
    pub fn check(&self) -> Result<()> {
        for (name, _) in &self.0 {
            checked_attr_name(name)?;
        }
        for (i, (name, value)) in self.0.iter().enumerate() {
            let overridden = self.0[i + 1..].iter().any(|(later, _)| later == name);
            if !overridden
                && name != "class"
                && matches!(value, Value::Classes(_) | Value::Toggle(_))
            {
                return Err(Error::new(ErrorKind::Attribute {
                    name: name.clone().into_owned(),
                    reason: "class lists and toggles are only valid under `class`",
                }));
            }
        }
        Ok(())
    }
}

impl<A: Attributes> sealed::Sealed for (A, AttrList) {}
impl<A: Attributes> Attributes for (A, AttrList) {
    fn each<'a>(&'a self, f: &mut dyn FnMut(&'a str, AttrRef<'a>)) {
        self.0.each(f);
        for (name, value) in &self.1.0 {
            f(name, AttrRef::Value(value));
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty() && self.1.is_empty()
    }

    fn len(&self) -> usize {
        self.0.len() + self.1.0.len()
    }

    fn write_unique(&self, out: &mut String) {
        self.0.write_unique(out);
        for (name, value) in &self.1.0 {
            value.write_attr(name, out);
        }
    }

    #[inline]
    fn check_names(&self) -> Result<()> {
        self.0.check_names()
    }

    fn has_name(&self, name: &str) -> bool {
        self.0.has_name(name) || self.1.0.iter().any(|(listed, _)| listed == name)
    }

    fn names_differ(&self) -> bool {
        let list = &self.1.0;
        self.0.names_differ()
            && list.iter().enumerate().all(|(i, (name, _))| {
                !self.0.has_name(name) && list[..i].iter().all(|(earlier, _)| earlier != name)
            })
    }

    fn into_list(self) -> Result<AttrList, Self> {
        if A::NONE { Ok(self.1) } else { Err(self) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(attrs: &impl Attributes) -> String {
        let mut out = String::new();
        write_attrs(attrs, &mut out).unwrap();
        out
    }

    fn attr<V: AttrValue>(name: &'static str, value: V) -> Attr<&'static str, V> {
        Attr { name, value }
    }

    #[test]
    fn attributes_are_written_as_they_come_exactly_when_no_name_repeats() {
        fn check(attrs: &impl Attributes) {
            let mut names = Vec::new();
            attrs.each(&mut |name, _| names.push(name));
            let differ = names
                .iter()
                .enumerate()
                .all(|(i, name)| !names[..i].contains(name));
            assert_eq!(attrs.names_differ(), differ, "{names:?}");
            let mut deduplicated = String::new();
            write_deduplicated(attrs, &mut deduplicated);
            assert_eq!(written(attrs), deduplicated, "{names:?}");
        }
        let names = ["a", "b", "id", "class"];
        for first in names {
            for second in names {
                for third in names {
                    let chain = || {
                        (
                            (((), attr(first, "1")), attr(second, "2")),
                            attr(third, "3"),
                        )
                    };
                    check(&chain());
                    for shorthand in ["#x", ".c", "#x.c.d"] {
                        check(&(Selector::new(shorthand), chain()));
                    }
                    let mut list = AttrList::new();
                    list.push(second, Value::Text("2".into()));
                    list.push(third, Value::Text("3".into()));
                    check(&(((), attr(first, "1")), list.clone()));
                    check(&((), list));
                }
            }
        }
    }

    #[test]
    fn repeated_name_keeps_first_position_and_last_value() {
        let attrs = ((((), attr("a", "1")), attr("b", "2")), attr("a", "3"));
        assert_eq!(written(&attrs), r#" a="3" b="2""#);
    }

    #[test]
    fn repeated_name_can_be_dropped_by_a_later_false() {
        let attrs = (((), attr("a", "1")), attr("a", false));
        assert_eq!(written(&attrs), "");
    }

    #[test]
    fn explicit_id_and_class_override_the_shorthand_in_place() {
        let attrs = (
            Selector::new("#x.a"),
            (((), attr("title", "t")), attr("id", "y")),
        );
        assert_eq!(written(&attrs), r#" id="y" class="a" title="t""#);
    }

    #[test]
    fn many_attributes_spill_to_the_heap() {
        let mut list = AttrList::new();
        for i in 0..40 {
            list.push(format!("a{}", i % 20), Value::Int(i));
        }
        let out = written(&((), list));
        assert!(out.starts_with(r#" a0="20" a1="21""#), "{out}");
        assert_eq!(out.matches('=').count(), 20);
    }

    #[test]
    fn names_and_values_are_escaped() {
        let attrs = ((), attr("a<b\"", "<\"'&>"));
        assert_eq!(written(&attrs), r#" a&lt;b&#34;="&lt;&#34;&#39;&amp;&gt;""#);
    }

    /// The rule over every ASCII character, alone and inside a name: the
    /// closed list is refused, everything else taken.
    #[test]
    fn attr_name_rule_over_every_ascii_character() {
        for code in 0_u8..0x80 {
            let c = char::from(code);
            let expected = match c {
                '\t' | '\n' | '\u{c}' | '\r' | ' ' => Some(AttrNameRule::Whitespace),
                '/' => Some(AttrNameRule::Slash),
                '=' => Some(AttrNameRule::Equals),
                '\0'..='\u{1f}' | '\u{7f}' => Some(AttrNameRule::Control),
                _ => None,
            };
            for name in [
                c.to_string(),
                format!("a{c}"),
                format!("{c}b"),
                format!("a{c}b"),
            ] {
                assert_eq!(check_attr_name(&name).err(), expected, "{name:?}");
            }
        }
    }

    #[test]
    fn attr_name_rule_takes_unusual_and_non_ascii_names() {
        for name in [
            "@click.shift",
            "hx-on::after-request",
            ":class",
            "x<\"y",
            "'&>",
            "\u{e9}",
            "\u{85}",
            "\u{a0}",
            "\u{2028}",
            "\u{3000}",
            "\u{feff}",
            "\u{1f600}",
            "\u{10ffff}",
        ] {
            assert_eq!(check_attr_name(name), Ok(()), "{name:?}");
        }
        assert_eq!(check_attr_name(""), Err(AttrNameRule::Empty));
        // The first character that breaks the rule is the one reported.
        assert_eq!(check_attr_name("a=b c"), Err(AttrNameRule::Equals));
        assert_eq!(check_attr_name("\u{e9} /"), Err(AttrNameRule::Whitespace));
    }

    /// The compile-time check (`attr_name`, a `const fn` that panics) and
    /// the run-time one take the same names.
    #[test]
    fn attr_name_and_run_time_check_agree() {
        for name in ["", "a", "x onload", "a/b", "a=b", "\u{7f}", "\u{e9}", "@x"] {
            let literal = std::panic::catch_unwind(|| attr_name(name));
            assert_eq!(literal.is_ok(), checked_attr_name(name).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn refused_names_write_nothing() {
        let mut out = String::from("<p");
        let err = write_attrs(&((), attr("a b", false)), &mut out).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::AttributeName { name, .. } if name == "a b"));
        assert_eq!(out, "<p");
        let mut list = AttrList::new();
        list.push("ok", Value::Bool(true));
        list.push("", Value::Text("x onload=alert(1)".into()));
        assert!(matches!(
            list.check().unwrap_err().kind(),
            ErrorKind::AttributeName { name, .. } if name.is_empty()
        ));
    }

    #[test]
    fn class_rules() {
        assert_eq!(written(&((), attr("class", ""))), "");
        assert_eq!(written(&((), attr("class", 0))), "");
        assert_eq!(written(&((), attr("class", true))), r#" class="True""#);
        assert_eq!(written(&((), attr("title", ""))), r#" title="""#);
        assert_eq!(written(&((), attr("title", 0))), r#" title="0""#);
        let toggles = Value::Toggle(vec![(String::new(), true), ("a".into(), true)]);
        assert_eq!(written(&((), attr("class", toggles))), r#" class=" a""#);
        let empty_key = Value::Toggle(vec![(String::new(), true)]);
        assert_eq!(written(&((), attr("class", empty_key))), "");
    }
}
