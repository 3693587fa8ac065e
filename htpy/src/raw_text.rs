//! The text of `<style>` and `<script>`, written unescaped and checked so
//! that it cannot end its element early.
//!
//! HTML reads these two elements' content as raw text: `&lt;` stays the four
//! characters `&lt;`, so escaped text breaks CSS (`ul > li`) and scripts
//! (`a < b`). [`css`] and [`js`] write the text as it is, and accept it
//! exactly when the HTML tokenizer, reading the element's start tag, the
//! text and its end tag, gives back that same text.

use std::borrow::Cow;

use crate::context::Cx;
use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::{Render, RenderKind};

/// Text for a `<style>` or a `<script>`, checked by [`css`], [`js`],
/// [`css!`](crate::css!) or [`js!`](crate::js!), and written unescaped.
///
/// ```
/// use htpy::{Render, style};
///
/// let sheet = style().children(htpy::css("ul > li { content: \"&\" }")?);
/// assert_eq!(sheet.render_to_string()?, "<style>ul > li { content: \"&\" }</style>");
/// # Ok::<(), htpy::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawText {
    text: Cow<'static, str>,
    element: &'static str,
}

impl RawText {
    /// The text.
    ///
    /// ```
    /// assert_eq!(htpy::js!("f(a < b)").as_str(), "f(a < b)");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The element the text was checked for: `"style"` or `"script"`.
    ///
    /// ```
    /// assert_eq!(htpy::css!("p {}").element(), "style");
    /// ```
    pub fn element(&self) -> &'static str {
        self.element
    }

    /// The text of [`css!`](crate::css!), checked at compile time. Not public API.
    #[doc(hidden)]
    pub const fn __literal_css(text: &'static str) -> Self {
        Self::literal(text, Kind::Style)
    }

    /// The text of [`js!`](crate::js!), checked at compile time. Not public API.
    #[doc(hidden)]
    pub const fn __literal_js(text: &'static str) -> Self {
        Self::literal(text, Kind::Script)
    }

    /// A literal, checked in a `const` context: a compile error when refused.
    const fn literal(text: &'static str, kind: Kind) -> Self {
        if let Err(problem) = check(text.as_bytes(), kind) {
            problem.rule.fail();
        }
        Self {
            text: Cow::Borrowed(text),
            element: kind.name(),
        }
    }
}

impl Render for RawText {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        // Safe: `check` accepted the text, so the tokenizer reads it back as
        // it is and only the element's own end tag ends the element.
        out.dangerously_write_raw(&self.text);
        Ok(())
    }
}

/// Text for a `<style>` element, written as it is.
///
/// # Errors
///
/// [`ErrorKind::RawText`] when the text would not read back as itself:
/// it holds `</style` followed by a character that ends a tag name
/// (whitespace, `/` or `>`), so the style would end there, or a NUL or a
/// carriage return, which the parser replaces.
///
/// ```
/// use htpy::{Render, css, style};
///
/// let theme = String::from(":root { --accent: #c00 } a > b { color: var(--accent) }");
/// assert_eq!(
///     style().children(css(theme)?).render_to_string()?,
///     "<style>:root { --accent: #c00 } a > b { color: var(--accent) }</style>"
/// );
/// assert_eq!(
///     css("p {} </STYLE >").unwrap_err().to_string(),
///     "invalid text for <style>: at byte 5, `</style` followed by whitespace, `/` or `>` \
///      would end the element early"
/// );
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn css(text: impl Into<Cow<'static, str>>) -> Result<RawText> {
    checked(text.into(), Kind::Style)
}

/// Text for a `<script>` element (a script, or a data block such as JSON),
/// written as it is.
///
/// # Errors
///
/// [`ErrorKind::RawText`] when the text would not read back as itself:
/// it holds `</script` followed by whitespace, `/` or `>` where the parser
/// would end the script; it leaves open a `<!--` that a later `<script`
/// turned into a section in which `</script>` no longer ends the element
/// (close it with `-->`); or it holds a NUL or a carriage return, which the
/// parser replaces.
///
/// ```
/// use htpy::{Render, js, script};
///
/// let code = r#"if (a < b && c > "d") { go(); }"#;
/// assert_eq!(
///     script().children(js(code)?).render_to_string()?,
///     r#"<script>if (a < b && c > "d") { go(); }</script>"#
/// );
/// assert!(js(r#"document.write("<!-- <script>")"#).is_err());
/// assert!(js(r#"document.write("<!-- <script></scr" + "ipt> -->")"#).is_ok());
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn js(text: impl Into<Cow<'static, str>>) -> Result<RawText> {
    checked(text.into(), Kind::Script)
}

/// Checks `text` for the element `kind`, at run time.
fn checked(text: Cow<'static, str>, kind: Kind) -> Result<RawText> {
    match check(text.as_bytes(), kind) {
        Ok(()) => Ok(RawText {
            text,
            element: kind.name(),
        }),
        Err(problem) => Err(Error::new(ErrorKind::RawText {
            element: kind.name(),
            reason: problem.rule.reason(),
            offset: problem.offset,
        })),
    }
}

/// The text of a `<style>`, checked at compile time: a literal that would
/// end the element early does not compile. See [`css`](fn@css).
///
/// ```
/// use htpy::{Render, css, style};
///
/// let sheet = style().children(css!("a > b { color: red }"));
/// assert_eq!(sheet.render_to_string().unwrap(), "<style>a > b { color: red }</style>");
/// ```
///
/// ```compile_fail
/// let _ = htpy::css!("p {} </style> <script>");
/// ```
#[macro_export]
macro_rules! css {
    ($text:literal $(,)?) => {
        const { $crate::RawText::__literal_css($text) }
    };
}

/// The text of a `<script>`, checked at compile time: a literal that would
/// end the element early does not compile. See [`js`](fn@js).
///
/// ```
/// use htpy::{Render, js, script};
///
/// let code = script().children(js!("for (let i = 0; i < 3; i++) log(`<${i}>`)"));
/// assert_eq!(
///     code.render_to_string().unwrap(),
///     "<script>for (let i = 0; i < 3; i++) log(`<${i}>`)</script>"
/// );
/// ```
///
/// ```compile_fail
/// let _ = htpy::js!("s = '</script>'");
/// ```
#[macro_export]
macro_rules! js {
    ($text:literal $(,)?) => {
        const { $crate::RawText::__literal_js($text) }
    };
}

/// The element a text is checked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Style,
    Script,
}

impl Kind {
    const fn name(self) -> &'static str {
        match self {
            Self::Style => "style",
            Self::Script => "script",
        }
    }
}

rules! {
    /// A rule a text broke.
    Rule, "invalid raw text: ";
    StyleEnd => "`</style` followed by whitespace, `/` or `>` would end the element early",
    ScriptEnd => "`</script` followed by whitespace, `/` or `>` would end the element early",
    DoubleEscaped => "`<!--` then `<script` leave the script in a state where its end tag \
                      `</script>` does not end it: close the `<!--` with `-->`",
    Nul => "a NUL character, which the parser replaces with U+FFFD",
    CarriageReturn => "a carriage return, which the parser reads as a line feed",
}

/// A refused text: the rule broken, and the byte where the trouble starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Problem {
    rule: Rule,
    offset: usize,
}

/// Where the tokenizer stands in a script's text (HTML's script data states,
/// folded: the states between are the lookahead of [`starts_with_at`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Script data.
    Data,
    /// Script data escaped: after a `<!--`.
    Escaped,
    /// Script data double escaped: after a `<script` in an escaped section;
    /// the offset of that `<script`.
    DoubleEscaped(usize),
}

/// Whether `bytes[i..]` starts with `pattern`, ASCII case-insensitively.
const fn starts_with_at(bytes: &[u8], i: usize, pattern: &[u8]) -> bool {
    if bytes.len() - i < pattern.len() {
        return false;
    }
    let mut k = 0;
    while k < pattern.len() {
        if bytes[i + k].to_ascii_lowercase() != pattern[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// Whether a tag name `name` starts at `bytes[i]` and is ended there by a
/// character that ends a tag name (tab, LF, FF, CR, space, `/`, `>`); the
/// end of the text does not end it, since the element's end tag follows.
const fn tag_name_at(bytes: &[u8], i: usize, name: &[u8]) -> bool {
    starts_with_at(bytes, i, name)
        && i + name.len() < bytes.len()
        && matches!(
            bytes[i + name.len()],
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
        )
}

/// Checks that the tokenizer reads `bytes`, between the element's start and
/// end tags, back as itself: HTML's RAWTEXT state for `style`, its script
/// data states for `script`, and the input stream's preprocessing (NUL is
/// replaced, CR becomes LF) for both.
const fn check(bytes: &[u8], kind: Kind) -> Result<(), Problem> {
    let mut state = State::Data;
    let mut i = 0;
    while i < bytes.len() {
        let found = match bytes[i] {
            0 => Some(Rule::Nul),
            b'\r' => Some(Rule::CarriageReturn),
            b'<' => match (kind, state) {
                (Kind::Style, _) if tag_name_at(bytes, i, b"</style") => Some(Rule::StyleEnd),
                (Kind::Script, State::Data | State::Escaped)
                    if tag_name_at(bytes, i, b"</script") =>
                {
                    Some(Rule::ScriptEnd)
                }
                (Kind::Script, State::DoubleEscaped(_)) if tag_name_at(bytes, i, b"</script") => {
                    state = State::Escaped;
                    None
                }
                (Kind::Script, State::Data) if starts_with_at(bytes, i, b"<!--") => {
                    state = State::Escaped;
                    // The dashes of `<!--` count towards a `-->`: `<!-->`
                    // opens and closes at once. Go on from the first dash.
                    i += 1;
                    None
                }
                (Kind::Script, State::Escaped) if tag_name_at(bytes, i, b"<script") => {
                    state = State::DoubleEscaped(i);
                    None
                }
                _ => None,
            },
            b'-' if starts_with_at(bytes, i, b"-->") && !matches!(state, State::Data) => {
                state = State::Data;
                None
            }
            _ => None,
        };
        if let Some(rule) = found {
            return Err(Problem { rule, offset: i });
        }
        i += 1;
    }
    match state {
        State::DoubleEscaped(offset) => Err(Problem {
            rule: Rule::DoubleEscaped,
            offset,
        }),
        State::Data | State::Escaped => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(text: &str) -> Result<(), Problem> {
        check(text.as_bytes(), Kind::Style)
    }

    fn script(text: &str) -> Result<(), Problem> {
        check(text.as_bytes(), Kind::Script)
    }

    fn refused(rule: Rule, offset: usize) -> Result<(), Problem> {
        Err(Problem { rule, offset })
    }

    #[test]
    fn style_end_tags_are_refused_in_any_case_with_any_ending() {
        for end in ["\t", "\n", "\x0c", " ", "/", ">"] {
            for name in ["</style", "</STYLE", "</StYlE"] {
                let text = format!("a{{}}{name}{end}b");
                assert_eq!(style(&text), refused(Rule::StyleEnd, 3), "{text:?}");
            }
        }
    }

    #[test]
    fn style_text_that_only_looks_like_an_end_tag_is_kept() {
        for text in [
            "",
            "ul > li { color: red }",
            "a::after { content: \"</\" }",
            "</styles>",
            "</styl>",
            "</ style>",
            "</style",
            "x</style",
            "<!-- </style",
            "</script>",
            "@import url(\"a&amp;b\");",
            "é { content: '→' }",
        ] {
            assert_eq!(style(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn nul_and_carriage_return_are_refused_in_both() {
        for check in [style, script] {
            assert_eq!(check("ab\0"), refused(Rule::Nul, 2));
            assert_eq!(check("a\r\nb"), refused(Rule::CarriageReturn, 1));
        }
    }

    #[test]
    fn script_end_tags_are_refused_outside_a_double_escape() {
        for text in ["</script>", "</SCRIPT >", "x</script/", "<!-- </script\t"] {
            let offset = text.find("</").unwrap_or_default();
            assert_eq!(script(text), refused(Rule::ScriptEnd, offset), "{text:?}");
        }
    }

    #[test]
    fn script_text_that_reads_back_as_itself_is_kept() {
        for text in [
            "",
            "if (a < b && c > d) {}",
            "s = \"</scrip\" + \"t>\"",
            "</scripts>",
            "</script",
            "<!--",
            "<!-- old browsers -->",
            "<!-- x //-->",
            "<!-->",
            "<!--><script>",
            "<!--->",
            "<!-- <script> -->",
            "<!-- <script> </script> -->",
            "<!-- <script> </script>",
            "<!-- <scriptx>",
            "<script>",
            "<!-- <script",
            "-->",
            "<!-- --> <script>",
            "é → <🙂>",
        ] {
            assert_eq!(script(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn an_open_double_escape_is_refused_at_its_script_tag() {
        assert_eq!(script("<!-- <script>"), refused(Rule::DoubleEscaped, 5));
        assert_eq!(script("<!--<SCRIPT "), refused(Rule::DoubleEscaped, 4));
        assert_eq!(
            script("<!-- <script></script> <script>"),
            refused(Rule::DoubleEscaped, 23)
        );
        // Inside the double escape `</script>` returns to the escaped
        // state; after the escaped section closed it would end the script.
        assert_eq!(
            script("<!-- <script></script> --> </script>"),
            refused(Rule::ScriptEnd, 27)
        );
    }

    #[test]
    fn run_time_and_compile_time_checks_agree() {
        for (text, kind) in [
            ("ok", Kind::Style),
            ("</style>", Kind::Style),
            ("ok", Kind::Script),
            ("<!-- <script>", Kind::Script),
        ] {
            let literal = std::panic::catch_unwind(|| RawText::literal(text, kind));
            let run_time = checked(Cow::Borrowed(text), kind);
            assert_eq!(literal.ok(), run_time.ok(), "{text:?}");
        }
    }

    #[test]
    fn errors_name_the_element_and_the_byte() {
        let err = js("a = 1; </script>").unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::RawText {
                element: "script",
                offset: 7,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "invalid text for <script>: at byte 7, `</script` followed by whitespace, `/` or `>` \
             would end the element early"
        );
    }
}
