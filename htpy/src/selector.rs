//! The id/class shorthand, `"#id.class1.class2"`, checked where htpy checks
//! it: when the element is built. A literal goes through [`sel!`](crate::sel)
//! and is checked at compile time; a string built at run time goes through
//! [`Selector::parse`].

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};

/// A checked id/class shorthand.
///
/// Its `id` and `class` come before every other attribute of the element, and
/// an explicit `id` or `class` attribute overrides them in place.
///
/// ```
/// use htpy::{Render, Selector, div, sel};
///
/// let page = div().sel(sel!("#main.wide.dark")).attr("title", "x");
/// assert_eq!(
///     page.render_to_string().unwrap(),
///     r#"<div id="main" class="wide dark" title="x"></div>"#
/// );
///
/// let from_data = Selector::parse(format!("#{}", "user-42")).unwrap();
/// assert_eq!(
///     div().sel(from_data).render_to_string().unwrap(),
///     r#"<div id="user-42"></div>"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    text: Cow<'static, str>,
    /// The end of the `#id` part, or 0 when there is no id.
    id_end: usize,
}

/// Why a shorthand is invalid, as the rules of htpy state them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    IdAfterClass,
    Start,
    Whitespace,
    TwoIds,
}

impl Rule {
    const fn message(self) -> &'static str {
        match self {
            Rule::IdAfterClass => "the id (#) must come before the classes (.)",
            Rule::Start => "it must start with # or .",
            Rule::Whitespace => "it must not contain whitespace",
            Rule::TwoIds => "it may hold only one id (#)",
        }
    }
}

/// Whether Python's `str.isspace` is true for `c`: Unicode white space plus
/// the four ASCII separators U+001C to U+001F.
pub(crate) const fn is_python_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Decodes the char starting at byte `i` of valid UTF-8, and its length.
pub(crate) const fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = bytes[i] as u32;
    let (len, init) = if b0 < 0x80 {
        (1, b0)
    } else if b0 < 0xE0 {
        (2, b0 & 0x1F)
    } else if b0 < 0xF0 {
        (3, b0 & 0x0F)
    } else {
        (4, b0 & 0x07)
    };
    let mut code = init;
    let mut k = 1;
    while k < len {
        code = (code << 6) | (bytes[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => (c, len),
        None => ('\u{fffd}', len),
    }
}

/// Checks `text` against htpy's rules, in htpy's order, and returns the end
/// of its `#id` part (0 without one).
const fn check(text: &str) -> Result<usize, Rule> {
    let bytes = text.as_bytes();
    let (mut first_hash, mut first_dot) = (usize::MAX, usize::MAX);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' && first_hash == usize::MAX {
            first_hash = i;
        }
        if bytes[i] == b'.' && first_dot == usize::MAX {
            first_dot = i;
        }
        i += 1;
    }
    if first_hash != usize::MAX && first_dot != usize::MAX && first_hash > first_dot {
        return Err(Rule::IdAfterClass);
    }
    if bytes[0] != b'#' && bytes[0] != b'.' {
        return Err(Rule::Start);
    }
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = decode(bytes, i);
        if is_python_space(c) {
            return Err(Rule::Whitespace);
        }
        i += len;
    }
    // Parts are split on '.'; every part that starts with '#' is an id.
    let mut ids = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b'.') {
            ids += 1;
        }
        i += 1;
    }
    if ids > 1 {
        return Err(Rule::TwoIds);
    }
    if bytes[0] == b'#' {
        Ok(if first_dot == usize::MAX {
            bytes.len()
        } else {
            first_dot
        })
    } else {
        Ok(0)
    }
}

impl Selector {
    /// Checks a shorthand in a `const` context; prefer [`sel!`](crate::sel),
    /// which calls this at compile time.
    ///
    /// # Panics
    ///
    /// On an invalid shorthand, which in a `const` is a compile error.
    ///
    /// ```
    /// use htpy::Selector;
    ///
    /// const CARD: Selector = Selector::new(".card.shadow");
    /// assert_eq!(CARD, Selector::parse(".card.shadow").unwrap());
    /// ```
    pub const fn new(text: &'static str) -> Self {
        if text.is_empty() {
            return Self {
                text: Cow::Borrowed(text),
                id_end: 0,
            };
        }
        match check(text) {
            Ok(id_end) => Self {
                text: Cow::Borrowed(text),
                id_end,
            },
            Err(Rule::IdAfterClass) => {
                panic!("invalid id/class shorthand: the id (#) must come before the classes (.)")
            }
            Err(Rule::Start) => panic!("invalid id/class shorthand: it must start with # or ."),
            Err(Rule::Whitespace) => {
                panic!("invalid id/class shorthand: it must not contain whitespace")
            }
            Err(Rule::TwoIds) => panic!("invalid id/class shorthand: it may hold only one id (#)"),
        }
    }

    /// Checks a shorthand built at run time. An empty string is no shorthand.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Selector`], naming the shorthand and the rule it broke.
    ///
    /// ```
    /// use htpy::Selector;
    ///
    /// assert!(Selector::parse("#a.b").is_ok());
    /// assert!(Selector::parse("").is_ok());
    /// let err = Selector::parse(".a#b").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid id/class shorthand \".a#b\": the id (#) must come before the classes (.)"
    /// );
    /// ```
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Result<Self> {
        let text = text.into();
        if text.is_empty() {
            return Ok(Self { text, id_end: 0 });
        }
        match check(&text) {
            Ok(id_end) => Ok(Self { text, id_end }),
            Err(rule) => Err(Error::new(ErrorKind::Selector {
                selector: text.into_owned(),
                rule: rule.message(),
            })),
        }
    }

    /// The id, without its `#`, when the shorthand has one.
    pub(crate) fn id(&self) -> Option<&str> {
        (self.id_end > 0).then(|| &self.text[1..self.id_end])
    }

    /// The classes part (`.a..b`), when it names at least one class.
    pub(crate) fn classes(&self) -> Option<&str> {
        let rest = &self.text[self.id_end..];
        rest.split('.').any(|part| !part.is_empty()).then_some(rest)
    }
}

/// Checks an id/class shorthand literal at compile time and gives a [`Selector`].
///
/// ```
/// use htpy::{Render, sel, span};
///
/// let badge = span().sel(sel!(".badge.badge-ok")).children("ok");
/// assert_eq!(
///     badge.render_to_string().unwrap(),
///     r#"<span class="badge badge-ok">ok</span>"#
/// );
/// ```
///
/// An invalid literal does not compile:
///
/// ```compile_fail
/// let _ = htpy::sel!("main");
/// ```
#[macro_export]
macro_rules! sel {
    ($text:literal) => {
        const { $crate::Selector::new($text) }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Option<&'static str> {
        Selector::parse(text.to_owned())
            .err()
            .map(|err| match err.kind() {
                ErrorKind::Selector { rule, .. } => *rule,
                _ => "other",
            })
    }

    #[test]
    fn rules_in_htpys_order() {
        assert_eq!(rule(".a#b"), Some(Rule::IdAfterClass.message()));
        assert_eq!(rule("a#b"), Some(Rule::Start.message()));
        assert_eq!(rule("a b"), Some(Rule::Start.message()));
        assert_eq!(rule(".a b"), Some(Rule::Whitespace.message()));
        assert_eq!(rule("#a.#b"), Some(Rule::TwoIds.message()));
        assert_eq!(rule("#a#b"), None);
        assert_eq!(rule(""), None);
    }

    #[test]
    fn every_python_space_is_rejected() {
        let spaces = [
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        for code in 0..=0x0010_FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_python_space(c), spaces.contains(&code), "U+{code:04X}");
        }
        for code in spaces {
            let c = char::from_u32(code).unwrap();
            assert_eq!(rule(&format!(".a{c}b")), Some(Rule::Whitespace.message()));
        }
    }

    #[test]
    fn id_and_classes() {
        let s = Selector::new("#x.a..b");
        assert_eq!(s.id(), Some("x"));
        assert_eq!(s.classes(), Some(".a..b"));
        let s = Selector::new(".");
        assert_eq!((s.id(), s.classes()), (None, None));
        let s = Selector::new("#");
        assert_eq!((s.id(), s.classes()), (Some(""), None));
        let s = Selector::new("#a#b.c");
        assert_eq!(s.id(), Some("a#b"));
    }
}
