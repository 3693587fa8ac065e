//! Converts HTML to the Rust source of one htpy expression that renders the
//! same page: parsed as a browser parses it (html5ever), then written back
//! as calls of `htpy` named by full paths (`htpy::div()`), so that the code
//! compiles pasted as the body of any function in a crate that depends on
//! htpy.
//!
//! ```
//! use html2htpy::{Options, convert};
//!
//! let html = r#"<section id="main" class="hero"><p>Welcome &amp; hi</p><br></section>"#;
//! let conversion = convert(html, &Options::default());
//! assert_eq!(
//!     conversion.code,
//!     "htpy::section().sel(htpy::sel!(\"#main.hero\")).children((\n    \
//!      htpy::p().children(\"Welcome & hi\"),\n    htpy::br(),\n))\n"
//! );
//! assert!(conversion.warnings.is_empty());
//! ```
//!
//! What the generated code renders parses to the same tree as the input:
//! [`outline`] is that tree, and `docs/src/converting-html.md` says what
//! "the same" allows.

mod convert;
mod dom;
mod layout;
mod literal;
mod outline;

use std::fmt;

pub use literal::string_literal;
pub use outline::outline;

/// How the code is written.
///
/// ```
/// use html2htpy::{Options, convert};
///
/// let options = Options { short_names: true, function: Some("hello".into()), ..Options::default() };
/// assert_eq!(
///     convert("<p class=x>hi</p>", &options).code,
///     "fn hello() -> impl htpy::Render {\n    use htpy::{p, sel};\n\n    \
///      p().sel(sel!(\".x\")).children(\"hi\")\n}\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Options {
    /// Writes `id` and `class` as the shorthand `.sel(htpy::sel!("#id.class"))`
    /// when it writes them exactly; else as attributes. On by default, as in
    /// Python's html2htpy.
    pub shorthand: bool,
    /// Short names (`div()`) with a `use htpy::{…};` line, instead of full
    /// paths. The expression becomes a block, still one expression.
    pub short_names: bool,
    /// Wraps the expression in `fn NAME() -> impl htpy::Render { … }`. The
    /// name must be a Rust identifier.
    pub function: Option<String>,
    /// Lays the code out on indented lines as rustfmt would (on by
    /// default), or on one line.
    pub indent: bool,
    /// How many elements deep a typed subtree goes before the next element
    /// is boxed into an `htpy::Node` (8 by default), which keeps the
    /// expression's types shallow enough to compile quickly at the default
    /// recursion limit. `usize::MAX` types the whole page.
    pub typed_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            shorthand: true,
            short_names: false,
            function: None,
            indent: true,
            typed_depth: convert::TYPED_DEPTH,
        }
    }
}

/// Something of the page that the code cannot write exactly, and where.
///
/// ```
/// let conversion = html2htpy::convert("<p a=b =c>x</p>", &html2htpy::Options::default());
/// assert_eq!(
///     conversion.warnings[0].to_string(),
///     "p:nth-child(1): htpy cannot write the attribute name \"=c\": the attribute is left out"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where: a CSS selector of the element (`html > body:nth-child(2) > p:nth-child(1)`).
    pub location: String,
    /// What and why.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The code, and what it could not write exactly.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// The Rust source, ending with a line feed.
    pub code: String,
    /// What the code leaves out or changes, in document order.
    pub warnings: Vec<Warning>,
}

/// Converts `html`, a whole document or a fragment, to the source of one
/// expression of type `impl htpy::Render + 'static`.
///
/// A document (its first tag is a doctype, `<html>`, `<head>` or `<body>`)
/// becomes `htpy::html()` when it has a doctype, `htpy::element!("html")`
/// when it has none; anything else is a fragment, its top-level nodes a
/// tuple. Malformed HTML becomes the tree a browser builds from it.
///
/// ```
/// // A browser closes the `<p>` at the `<li>`.
/// let conversion = html2htpy::convert("<div><p>x<li>y</div>", &html2htpy::Options::default());
/// assert_eq!(
///     conversion.code,
///     "htpy::div().children((htpy::p().children(\"x\"), htpy::li().children(\"y\")))\n"
/// );
/// ```
pub fn convert(html: &str, options: &Options) -> Conversion {
    let parsed = dom::parse(html);
    let mut converter = convert::Converter::new(options);
    let expr = converter.page(&parsed);
    let wrapped = options.function.is_some() || options.short_names;
    let indent = if wrapped { 4 } else { 0 };
    let body = if options.indent {
        layout::lay_out(&expr, indent)
    } else {
        layout::one_line(&expr)
    };
    let (open, close) = match &options.function {
        Some(name) => (format!("fn {name}() -> impl htpy::Render {{\n"), "}\n"),
        None if wrapped => ("{\n".to_owned(), "}\n"),
        None => (String::new(), ""),
    };
    let imports = if options.short_names && !converter.imports.is_empty() {
        let names: Vec<&str> = converter.imports.iter().copied().collect();
        format!("    use htpy::{{{}}};\n\n", names.join(", "))
    } else {
        String::new()
    };
    let margin = if wrapped { "    " } else { "" };
    let code = format!("{open}{imports}{margin}{body}\n{close}");
    Conversion {
        code,
        warnings: converter.warnings,
    }
}
