//! Text children: strings (escaped), integers, `Display` values, and raw
//! HTML (not escaped, and named so).

use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use crate::context::Cx;
use crate::error::Result;
use crate::node::{Node, Plain};
use crate::output::{Out, append};
use crate::render::{Render, RenderKind};

impl Render for &str {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        out.write_text(self);
        Ok(())
    }

    fn into_node<'a>(self) -> Node<'a>
    where
        Self: 'a,
    {
        Node::text(self)
    }

    #[inline]
    fn write_or_node<'a>(self, html: &mut String) -> Result<Plain, Node<'a>>
    where
        Self: 'a,
    {
        Ok(Plain::write_text(self, html))
    }
}

/// Owned text; those that are a `Cow<str>` without a copy are kept so in a
/// [`Node`].
macro_rules! owned_text {
    ($($ty:ty $(=> $node:ident)?,)*) => {$(
        impl Render for $ty {
            const KIND: RenderKind = RenderKind::Sync;

            #[inline]
            fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
                out.write_text(&self);
                Ok(())
            }

            $(
                fn into_node<'a>(self) -> Node<'a>
                where
                    Self: 'a,
                {
                    Node::$node(self)
                }

                #[inline]
                fn write_or_node<'a>(self, html: &mut String) -> Result<Plain, Node<'a>>
                where
                    Self: 'a,
                {
                    Ok(Plain::write_text(&self, html))
                }
            )?
        }
    )*};
}
owned_text!(
    String => text,
    &String => text,
    Cow<'_, str> => text,
    Box<str>,
    Arc<str>,
    Rc<str>,
);

impl Render for char {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        out.write_text(self.encode_utf8(&mut [0; 4]));
        Ok(())
    }
}

/// Two decimal digits for every number below 100.
const DIGITS: &str = "\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `n` in decimal, as slices of a digit table (no formatting
/// machinery, no validation of a buffer). Numbers below 100,000 (table
/// cells, counts, scores, years, row numbers) take one to three slices,
/// inline: for five digits, a call had cost more than the digits.
#[inline(always)]
#[expect(
    clippy::inline_always,
    reason = "measured: see `docs/src/performance.md`"
)]
fn write_decimal_u64(n: u64, out: &mut String) {
    if n < 100 {
        write_below_100(n, out);
    } else if n < 100_000 {
        if n < 10_000 {
            write_below_100(n / 100, out);
        } else {
            write_digit(n / 10_000, out);
            write_pair(n / 100 % 100, out);
        }
        write_pair(n % 100, out);
    } else {
        append(out, LargeDecimal::of(n).as_str());
    }
}

/// Writes `n` (below 100) with one or two digits.
#[inline]
fn write_below_100(n: u64, out: &mut String) {
    if n < 10 {
        write_digit(n, out);
    } else {
        write_pair(n, out);
    }
}

/// Writes `n` (below 10) as its digit.
#[inline]
#[expect(
    clippy::cast_possible_truncation,
    reason = "every cast value is below 10"
)]
fn write_digit(n: u64, out: &mut String) {
    // Each write copies a constant length, which compiles to a store.
    let digit = n as usize * 2 + 1;
    append(out, &DIGITS[digit..=digit]);
}

/// Writes `n` (below 100) with two digits, `07` for 7.
#[inline]
#[expect(
    clippy::cast_possible_truncation,
    reason = "every cast value is below 100"
)]
fn write_pair(n: u64, out: &mut String) {
    let pair = n as usize * 2;
    append(out, &DIGITS[pair..pair + 2]);
}

/// The digits of a number of 100,000 or more, at the end of a buffer of
/// their own: made out of line and handed back by value, so that no call
/// in a render's loop is handed the output buffer (see
/// `docs/src/performance.md`).
struct LargeDecimal {
    digits: [u8; 20],
    start: usize,
}

impl LargeDecimal {
    /// `cold`: such numbers are rare in a page, and the hint lays out the
    /// code of the smaller ones first (see `docs/src/performance.md`).
    #[cold]
    #[inline(never)]
    #[expect(
        clippy::cast_possible_truncation,
        reason = "every cast value is below 100"
    )]
    fn of(mut n: u64) -> Self {
        let mut digits = [0; 20];
        let mut start = digits.len();
        while n >= 10 {
            let pair = (n % 100) as usize * 2;
            start -= 2;
            digits[start..start + 2].copy_from_slice(&DIGITS.as_bytes()[pair..pair + 2]);
            n /= 100;
        }
        if n > 0 {
            start -= 1;
            digits[start] = DIGITS.as_bytes()[n as usize * 2 + 1];
        }
        Self { digits, start }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or_default()
    }
}

/// Writes a 128-bit `n` in decimal: 64-bit math for all but the highest digits.
fn write_decimal(n: u128, out: &mut String) {
    const TEN_POW_19: u128 = 10_000_000_000_000_000_000;
    if let Ok(small) = u64::try_from(n) {
        write_decimal_u64(small, out);
        return;
    }
    write_decimal(n / TEN_POW_19, out);
    let start = out.len();
    write_decimal_u64((n % TEN_POW_19) as u64, out);
    let written = out.len() - start;
    out.insert_str(start, &"0000000000000000000"[written..]);
}

/// Integers, written as Python's `str(int)` writes them.
pub(crate) trait Integer: Copy {
    /// Whether the value is zero (falsy in Python).
    fn is_zero(self) -> bool;
    /// Appends the decimal form.
    fn push_decimal(self, out: &mut String);
}

macro_rules! integers {
    ($($int:ty => $wide:ty, $write:ident;)*) => {$(
        impl Integer for $int {
            fn is_zero(self) -> bool {
                self == 0
            }

            #[allow(unused_comparisons, reason = "the same code serves unsigned types")]
            #[inline(always)]
            fn push_decimal(self, out: &mut String) {
                if self < 0 {
                    append(out, "-");
                }
                $write(self.unsigned_abs() as $wide, out);
            }
        }

        impl Render for $int {
            const KIND: RenderKind = RenderKind::Sync;

            // Always inlined, down to `write_decimal_u64`: a number is a few
            // stores, which a call would double (a table cell, a score).
            #[inline(always)]
            fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
                self.push_decimal(out.buf());
                Ok(())
            }

            #[inline]
            fn into_node<'a>(self) -> Node<'a>
            where
                Self: 'a,
            {
                Node::integer(self)
            }

            #[inline(always)]
            fn write_or_node<'a>(self, html: &mut String) -> Result<Plain, Node<'a>>
            where
                Self: 'a,
            {
                self.push_decimal(html);
                Ok(Plain::Text)
            }
        }

        impl Render for &$int {
            const KIND: RenderKind = RenderKind::Sync;

            #[inline]
            fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                (*self).render(out, cx)
            }
        }
    )*};
}

/// `unsigned_abs` for the unsigned types, so that one macro serves all.
trait UnsignedAbs {
    fn unsigned_abs(self) -> Self;
}

macro_rules! unsigned_abs {
    ($($int:ty)*) => {$(
        impl UnsignedAbs for $int {
            fn unsigned_abs(self) -> Self {
                self
            }
        }
    )*};
}
unsigned_abs!(u8 u16 u32 u64 u128 usize);

integers! {
    i8 => u64, write_decimal_u64;
    i16 => u64, write_decimal_u64;
    i32 => u64, write_decimal_u64;
    i64 => u64, write_decimal_u64;
    isize => u64, write_decimal_u64;
    u8 => u64, write_decimal_u64;
    u16 => u64, write_decimal_u64;
    u32 => u64, write_decimal_u64;
    u64 => u64, write_decimal_u64;
    usize => u64, write_decimal_u64;
    i128 => u128, write_decimal;
    u128 => u128, write_decimal;
}

/// HTML that is written as it is, not escaped: htpy's `Markup`.
///
/// The name of its constructor says what it is: the caller vouches that the
/// markup is well-formed and safe (it never holds user input). In an
/// attribute value it is escaped all the same, as in htpy.
///
/// ```
/// use htpy::{RawHtml, Render, div};
///
/// // Safe: a constant, well-formed snippet.
/// let icon = RawHtml::dangerously_new("<svg><use href=\"#star\"/></svg>");
/// assert_eq!(
///     div().children(icon).render_to_string().unwrap(),
///     r##"<div><svg><use href="#star"/></svg></div>"##
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawHtml<T>(T);

impl<T: AsRef<str>> RawHtml<T> {
    /// Wraps markup to be written unescaped. Never pass user input.
    ///
    /// ```
    /// use htpy::{RawHtml, Render};
    ///
    /// // Safe: a literal entity.
    /// assert_eq!(RawHtml::dangerously_new("&nbsp;").render_to_string().unwrap(), "&nbsp;");
    /// ```
    pub fn dangerously_new(markup: T) -> Self {
        Self(markup)
    }

    /// The markup.
    ///
    /// ```
    /// // Safe: a literal tag.
    /// assert_eq!(htpy::RawHtml::dangerously_new("<br>").as_str(), "<br>");
    /// ```
    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }
}

impl<T: AsRef<str>> Render for RawHtml<T> {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        // Safe: RawHtml can only be built through `dangerously_new`, whose
        // caller vouched for the markup.
        out.dangerously_write_raw(self.as_str());
        Ok(())
    }
}

/// A child written with its `Display` impl, escaped as it is formatted.
///
/// ```
/// use htpy::{Render, display, td};
///
/// let cell = td().children(display(3.5_f64));
/// assert_eq!(cell.render_to_string().unwrap(), "<td>3.5</td>");
/// ```
#[derive(Clone, Debug)]
pub struct Display<T>(pub(crate) T);

/// Renders any `Display` value as text; see [`Display`].
///
/// ```
/// use htpy::{Render, display};
///
/// let addr: std::net::Ipv4Addr = "127.0.0.1".parse().unwrap();
/// assert_eq!(display(addr).render_to_string().unwrap(), "127.0.0.1");
/// ```
pub fn display<T: fmt::Display>(value: T) -> Display<T> {
    Display(value)
}

/// A number written with a fixed count of decimals; see [`decimals`].
///
/// ```
/// let price: htpy::Display<htpy::Decimals> = htpy::decimals(9.5, 2);
/// # let _ = price;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Decimals {
    value: f64,
    places: usize,
}

impl fmt::Display for Decimals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.*}", self.places, self.value)
    }
}

/// A float as text, with `places` decimals (`format!("{value:.places$}")`,
/// without the `String`): a child or an attribute value.
///
/// A float is not a child by itself, since Rust and Python write floats
/// differently (`1.0` is `1` in Rust's `{}` and `1.0` in Python, `1e+16`
/// in Python is `10000000000000000` in Rust): choose the form, with this or
/// with [`display`] for Rust's `{}`.
///
/// ```
/// use htpy::el::{meter, td};
/// use htpy::prelude::*;
///
/// let total = 1.0 / 3.0;
/// assert_eq!(td().children(decimals(total, 2)).render_to_string()?, "<td>0.33</td>");
/// assert_eq!(meter().attr("value", decimals(0.5_f32, 1)).render_to_string()?, r#"<meter value="0.5"></meter>"#);
/// # Ok::<(), htpy::Error>(())
/// ```
#[doc(alias("float", "f64", "f32"))]
pub fn decimals(value: impl Into<f64>, places: usize) -> Display<Decimals> {
    Display(Decimals {
        value: value.into(),
        places,
    })
}

impl<T: fmt::Display> Render for Display<T> {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        out.write_display(self.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(value: impl Integer) -> String {
        let mut out = String::new();
        value.push_decimal(&mut out);
        out
    }

    #[test]
    fn integers_as_python_writes_them() {
        assert_eq!(decimal(0u8), "0");
        assert_eq!(decimal(7i32), "7");
        assert_eq!(decimal(10u16), "10");
        assert_eq!(decimal(-99i64), "-99");
        assert_eq!(decimal(100i64), "100");
        assert_eq!(decimal(i64::MIN), "-9223372036854775808");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
        assert_eq!(
            decimal(i128::MIN),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(
            decimal(u128::MAX),
            "340282366920938463463374607431768211455"
        );
        assert_eq!(decimal(isize::MIN), isize::MIN.to_string());
        for n in (0..100_000u64).step_by(7) {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    /// Every number of digits, at the edges where the writer changes path.
    #[test]
    fn powers_of_ten_and_their_neighbours() {
        for power in 0..=38 {
            let ten = 10u128.pow(power);
            let nines_then_zeros = ten.checked_mul(9).map_or(u128::MAX, |n| n + ten / 10 * 9);
            for n in [ten - 1, ten, ten + 1, nines_then_zeros] {
                assert_eq!(decimal(n), n.to_string(), "{n}");
                if let Ok(n) = u64::try_from(n) {
                    assert_eq!(decimal(n), n.to_string(), "{n}");
                }
            }
        }
    }
}
