//! The one error type of the crate: what went wrong, and where in the page.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

/// A `Result` whose error defaults to [`Error`].
///
/// ```
/// fn page() -> htpy::Result<String> {
///     use htpy::Render;
///     htpy::p().children("x").render_to_string()
/// }
/// assert_eq!(page().unwrap(), "<p>x</p>");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong while building or rendering a page.
///
/// ```
/// use htpy::{ErrorKind, Selector};
///
/// let err = Selector::parse("main").unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Selector { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid id/class shorthand \"main\": it must start with # or ."
/// );
/// ```
///
/// It is one pointer wide, so a `Result<()>` travels in a register on the
/// path where nothing fails.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    /// The elements the failure sat in, innermost first.
    path: Vec<Cow<'static, str>>,
}

/// The kinds of [`Error`].
///
/// ```
/// use htpy::{Context, ErrorKind, Render};
///
/// static USER: Context<String> = Context::new("user");
/// let err = USER.consume(|u| u.clone()).render_to_string().unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::ContextMissing { context } if context == "user"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An id/class shorthand broke one of htpy's rules.
    Selector {
        /// The shorthand as given.
        selector: String,
        /// The rule it broke.
        rule: &'static str,
    },
    /// An element name built at run time is not a valid HTML element name.
    ElementName {
        /// The name as given.
        name: String,
        /// Why it is not valid.
        reason: &'static str,
    },
    /// An attribute name that could end itself and start another attribute
    /// (empty, or holding whitespace, `/`, `=` or a control character): see
    /// [`attr_name`](crate::attr_name). Python htpy writes such names.
    ///
    /// ```
    /// use htpy::{ErrorKind, Render, div};
    ///
    /// let err = div().attr(String::from("x onload"), "alert(1)").render_to_string().unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::AttributeName { name, .. } if name == "x onload"));
    /// assert_eq!(err.path(), ["div"]);
    /// ```
    AttributeName {
        /// The name as given.
        name: String,
        /// The rule it broke.
        reason: &'static str,
    },
    /// An attribute value that the attribute cannot take.
    Attribute {
        /// The attribute's name.
        name: String,
        /// Why the value does not fit.
        reason: &'static str,
    },
    /// The text of a `<style>` or `<script>` ([`css`](crate::css()),
    /// [`js`](crate::js())) would not read back as itself: it would end the
    /// element early, or hold a character the parser replaces.
    RawText {
        /// The element: `"style"` or `"script"`.
        element: &'static str,
        /// What was found there.
        reason: &'static str,
        /// The byte of the text where it was found.
        offset: usize,
    },
    /// A consumer found no provider for its context, and the context has no default.
    ContextMissing {
        /// The context's name.
        context: String,
    },
    /// A synchronous render reached a future or a stream.
    AsyncInSync {
        /// What was reached: the future or stream, and its type.
        what: String,
    },
    /// A component returned an error of its own.
    Component(Box<dyn StdError + Send + Sync>),
    /// A component panicked; the panic was caught and the render stopped.
    Panic {
        /// The panic's message, when it had one.
        message: String,
    },
    /// The writer given to [`Render::write_to`](crate::Render::write_to) or
    /// [`Render::render_fmt`](crate::Render::render_fmt) failed.
    Write(std::io::Error),
}

impl Error {
    /// Builds an error of the given kind, not yet placed in any element.
    ///
    /// ```
    /// use htpy::{Error, ErrorKind};
    ///
    /// let err = Error::new(ErrorKind::Panic { message: "boom".into() });
    /// assert_eq!(err.to_string(), "a component panicked: boom");
    /// ```
    pub fn new(kind: ErrorKind) -> Self {
        Self(Box::new(Inner {
            kind,
            path: Vec::new(),
        }))
    }

    /// Wraps an error of a component: a failed database query, a timeout.
    ///
    /// An [`Error`] passed here is kept as it is.
    ///
    /// ```
    /// use htpy::{Error, ErrorKind};
    ///
    /// let err = Error::component(std::io::Error::other("database down"));
    /// assert!(matches!(err.kind(), ErrorKind::Component(_)));
    /// assert_eq!(err.to_string(), "a component failed: database down");
    /// ```
    pub fn component(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        match error.into().downcast::<Self>() {
            Ok(error) => *error,
            Err(other) => Self::new(ErrorKind::Component(other)),
        }
    }

    /// What went wrong.
    ///
    /// ```
    /// use htpy::{Error, ErrorKind};
    ///
    /// let err = Error::new(ErrorKind::Panic { message: "boom".into() });
    /// assert!(matches!(err.kind(), ErrorKind::Panic { .. }));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The elements the failure sat in, outermost first (`["html", "body", "main"]`).
    ///
    /// ```
    /// use htpy::{Context, Render, body, html, main};
    ///
    /// static USER: Context<String> = Context::new("user");
    /// let page = html().children(body().children(main().children(USER.consume(|u| u.clone()))));
    /// let err = page.render_to_string().unwrap_err();
    /// assert_eq!(err.path(), ["html", "body", "main"]);
    /// ```
    pub fn path(&self) -> Vec<&str> {
        self.0.path.iter().rev().map(AsRef::as_ref).collect()
    }

    /// Records that the error passed out of the element `name`.
    #[cold]
    pub(crate) fn within(mut self, name: Cow<'static, str>) -> Self {
        self.0.path.push(name);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            ErrorKind::Selector { selector, rule } => {
                write!(f, "invalid id/class shorthand {selector:?}: {rule}")?;
            }
            ErrorKind::ElementName { name, reason } => {
                write!(f, "invalid element name {name:?}: {reason}")?;
            }
            ErrorKind::AttributeName { name, reason } => {
                write!(f, "invalid attribute name {name:?}: {reason}")?;
            }
            ErrorKind::Attribute { name, reason } => {
                write!(f, "invalid value for attribute {name:?}: {reason}")?;
            }
            ErrorKind::RawText {
                element,
                reason,
                offset,
            } => write!(
                f,
                "invalid text for <{element}>: at byte {offset}, {reason}"
            )?,
            ErrorKind::ContextMissing { context } => write!(
                f,
                "context {context:?} has no provider above its consumer and no default"
            )?,
            ErrorKind::AsyncInSync { what } => write!(
                f,
                "{what} can not be rendered synchronously; render the page as a stream \
                 (`render_stream`) to await it"
            )?,
            ErrorKind::Component(source) => write!(f, "a component failed: {source}")?,
            ErrorKind::Panic { message } => write!(f, "a component panicked: {message}")?,
            ErrorKind::Write(source) => write!(f, "writing the page failed: {source}")?,
        }
        if !self.0.path.is_empty() {
            f.write_str(" (in ")?;
            for (i, name) in self.0.path.iter().rev().enumerate() {
                if i > 0 {
                    f.write_str(" > ")?;
                }
                write!(f, "<{name}>")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.0.kind {
            ErrorKind::Component(source) => Some(&**source),
            ErrorKind::Write(source) => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Error>();
    }

    #[test]
    fn path_reads_outermost_first() {
        let err = Error::new(ErrorKind::Panic {
            message: "x".into(),
        })
        .within("li".into())
        .within("ul".into());
        assert_eq!(err.to_string(), "a component panicked: x (in <ul> > <li>)");
    }

    #[test]
    fn component_keeps_source() {
        let err = Error::component(std::io::Error::other("boom"));
        assert_eq!(
            err.source().map(ToString::to_string).as_deref(),
            Some("boom")
        );
    }
}
