//! The parsed tree, turned into the calls of the generated expression.

use std::collections::BTreeSet;

use html5ever::{Attribute, ns};
use htpy::Render as _;
use markup5ever_rcdom::{Handle, NodeData};

use crate::dom::{self, Parsed};
use crate::layout::Expr;
use crate::literal::string_literal;
use crate::{Options, Warning};

/// The element functions of `htpy` (`htpy/src/elements.rs`); other names
/// go through `element!`.
pub(crate) const FUNCTIONS: &[&str] = &[
    "html",
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "button",
    "canvas",
    "caption",
    "cite",
    "code",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "i",
    "iframe",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "u",
    "ul",
    "var",
    "video",
];

/// How many elements deep a typed subtree goes by default before the next
/// element is boxed into an `htpy::Node`, which keeps every type of the
/// expression shallow (see `docs/src/converting-html.md`).
pub(crate) const TYPED_DEPTH: usize = 8;

/// The most children a tuple takes; more go in an `htpy::Nodes` list.
const TUPLE_MAX: usize = 16;

/// HTML elements whose text the parser reads raw, so that escaped text
/// would read back with its escapes (`style` and `script` have `css!` and
/// `js!`).
const RAW_TEXT: &[&str] = &["xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Elements whose first line feed the parser drops.
const LEADING_NEWLINE: &[&str] = &["pre", "textarea", "listing"];

/// Whether htpy cannot write `name` as an attribute name: it refuses an
/// empty name, or one with whitespace, `/`, `=` or a control character (any
/// of which would let the name change the markup around it), and it
/// escapes `&<>"'`, which the parser then reads as part of the name.
pub(crate) fn is_refused_attribute(name: &str) -> bool {
    name.is_empty()
        || name.chars().any(|c| {
            c.is_whitespace()
                || c.is_ascii_control()
                || matches!(c, '/' | '=' | '&' | '<' | '>' | '"' | '\'')
        })
}

/// Walks the parsed tree and builds the expression, noting what it cannot
/// write exactly.
pub(crate) struct Converter<'o> {
    options: &'o Options,
    pub(crate) warnings: Vec<Warning>,
    /// The names the `use` line imports, when short names are asked for.
    pub(crate) imports: BTreeSet<&'static str>,
    /// Whether the page is a whole document, not a fragment.
    document: bool,
}

impl<'o> Converter<'o> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Self {
            options,
            warnings: Vec::new(),
            imports: BTreeSet::new(),
            document: true,
        }
    }

    /// `name` of the crate, as a path or imported.
    fn item(&mut self, name: &'static str) -> String {
        if self.options.short_names {
            self.imports.insert(name);
            name.to_owned()
        } else {
            format!("htpy::{name}")
        }
    }

    fn warn(&mut self, node: &Handle, message: String) {
        self.warnings.push(Warning {
            location: dom::path(node, self.document),
            message,
        });
    }

    /// The whole page.
    pub(crate) fn page(&mut self, parsed: &Parsed) -> Expr {
        self.document = parsed.document;
        let roots = parsed.roots();
        let mut items = Vec::new();
        for node in &roots {
            if parsed.document && dom::is_html(node, "html") {
                items.push(self.root_element(parsed, node));
            } else {
                items.extend(self.node(node, &roots, 0));
            }
        }
        self.group(items)
            .unwrap_or_else(|| Expr::Atom("()".to_owned()))
    }

    /// The `html` element of a document: `htpy::html()`, which writes the
    /// doctype, when the page has one, else `element!("html")`.
    fn root_element(&mut self, parsed: &Parsed, node: &Handle) -> Expr {
        let head = match parsed.doctype() {
            Some((name, public, system)) => {
                if name != "html" || !public.is_empty() || !system.is_empty() {
                    self.warn(
                        node,
                        format!(
                            "the doctype {name:?} (public {public:?}, system {system:?}) \
                             becomes `<!doctype html>`, which htpy writes"
                        ),
                    );
                }
                format!("{}()", self.item("html"))
            }
            None => format!("{}!(\"html\")", self.item("element")),
        };
        self.element_with_head(node, head, false, 0)
    }

    /// The code of one node: none for dropped whitespace and for a node
    /// htpy cannot write, several when an element is left out but its
    /// children are kept.
    fn node(&mut self, node: &Handle, siblings: &[Handle], depth: usize) -> Vec<Expr> {
        match &node.data {
            NodeData::Text { contents } => {
                if dom::is_droppable_whitespace(node, siblings) {
                    return Vec::new();
                }
                vec![self.text(node, &contents.borrow(), siblings)]
            }
            NodeData::Comment { contents } => vec![self.comment(node, contents)],
            NodeData::Element { .. } => self.element(node, depth),
            NodeData::Document
            | NodeData::Doctype { .. }
            | NodeData::ProcessingInstruction { .. } => Vec::new(),
        }
    }

    fn text(&mut self, node: &Handle, text: &str, siblings: &[Handle]) -> Expr {
        let parent_name = dom::parent(node).and_then(|p| dom::element_name(&p).cloned());
        let html_parent = parent_name
            .as_ref()
            .filter(|name| name.ns == ns!(html))
            .map(|name| name.local.to_string());
        let parent_is = |names: &[&str]| html_parent.as_deref().is_some_and(|p| names.contains(&p));
        if text.contains('\r') {
            self.warn(
                node,
                "a carriage return in the text: htpy writes it as it is, and the parser \
                 reads it as a line feed"
                    .to_owned(),
            );
        }
        // Long text of a script, a style or a `<pre>` keeps its lines, so
        // that it reads as it runs; short text reads better escaped.
        let keep_newlines = parent_is(&["script", "style", "pre", "textarea", "listing"])
            && text.len() > 60
            && text.contains('\n');
        if parent_is(&["style", "script"]) {
            let (checked, name) = if parent_is(&["style"]) {
                (htpy::css(text.to_owned()), "css")
            } else {
                (htpy::js(text.to_owned()), "js")
            };
            match checked {
                Ok(_) => {
                    let literal = string_literal(text, keep_newlines);
                    return Expr::Atom(format!("{}!({literal})", self.item(name)));
                }
                Err(error) => self.warn(node, format!("{error}; written as escaped text")),
            }
        }
        if parent_is(RAW_TEXT) && text.contains(['&', '<', '>', '"', '\'']) {
            self.warn(
                node,
                "the parser reads this element's text raw, and htpy escapes `&<>\"'` in \
                 text: they will read back as entities"
                    .to_owned(),
            );
        }
        let first = siblings
            .first()
            .is_some_and(|s| std::rc::Rc::ptr_eq(s, node));
        if first && parent_is(LEADING_NEWLINE) && text.starts_with('\n') {
            // The parser drops one line feed right after the start tag: one
            // more keeps the text's own.
            return Expr::Atom(string_literal(&format!("\n{text}"), keep_newlines));
        }
        Expr::Atom(string_literal(text, keep_newlines))
    }

    /// htpy's comment writes `<!-- text -->`, with every `--` removed.
    fn comment(&mut self, node: &Handle, data: &str) -> Expr {
        let text = data.strip_prefix(' ').unwrap_or(data);
        let text = text.strip_suffix(' ').unwrap_or(text);
        // A space at each end is htpy's way of writing a comment, which
        // the outline allows for; a lost `--` is a change of the text.
        if text.contains("--") {
            self.warn(
                node,
                format!(
                    "the comment {data:?} reads back as {:?}: htpy's comment removes every `--`",
                    format!(" {} ", text.replace("--", ""))
                ),
            );
        }
        Expr::Atom(format!(
            "{}({})",
            self.item("comment"),
            string_literal(text, false)
        ))
    }

    /// An element, or its children alone when htpy cannot name it.
    fn element(&mut self, node: &Handle, depth: usize) -> Vec<Expr> {
        let Some(name) = dom::element_name(node) else {
            return Vec::new();
        };
        let local = name.local.to_string();
        let head = if let Some(function) = FUNCTIONS.iter().find(|f| **f == local) {
            format!("{}()", self.item(function))
        } else if htpy::element(&local).is_ok() {
            format!(
                "{}!({})",
                self.item("element"),
                string_literal(&local, false)
            )
        } else {
            self.warn(
                node,
                format!("htpy refuses the element name {local:?}: the element is left out, its children kept"),
            );
            let children = dom::children(node);
            return children
                .iter()
                .flat_map(|child| self.node(child, &children, depth))
                .collect();
        };
        if htpy::is_void(&local) && name.ns != ns!(html) {
            // A foreign element so named is not void: written without its
            // end tag, it takes its following siblings as children.
            let last = dom::parent(node).is_none_or(|parent| {
                dom::children(&parent)
                    .last()
                    .is_some_and(|child| std::rc::Rc::ptr_eq(child, node))
            });
            if !last || !dom::children(node).is_empty() {
                self.warn(
                    node,
                    format!(
                        "htpy writes <{local}> as a void element, without an end tag: it \
                         loses its children, and takes the nodes after it as its own"
                    ),
                );
            }
        }
        let void = htpy::is_void(&local) && FUNCTIONS.contains(&local.as_str());
        vec![self.element_with_head(node, head, void, depth)]
    }

    /// An element from its head (`htpy::div()`): its attributes, then its
    /// children; boxed when it sits [`Options::typed_depth`] elements deep.
    fn element_with_head(&mut self, node: &Handle, head: String, void: bool, depth: usize) -> Expr {
        let boxed = depth >= self.options.typed_depth;
        let depth = if boxed { 1 } else { depth + 1 };
        let calls = match &node.data {
            NodeData::Element { attrs, .. } => self.attributes(node, &attrs.borrow()),
            _ => Vec::new(),
        };
        let children = if void {
            None
        } else {
            let nodes = dom::children(node);
            let kept: Vec<&Handle> = nodes
                .iter()
                .filter(|child| !dom::is_droppable_whitespace(child, &nodes))
                .collect();
            let depth = if kept.len() > TUPLE_MAX { 0 } else { depth };
            let items = kept
                .into_iter()
                .flat_map(|child| self.node(child, &nodes, depth))
                .collect();
            self.group(items).map(Box::new)
        };
        let element = Expr::Chain {
            head,
            calls,
            children,
        };
        if boxed { self.boxed(element) } else { element }
    }

    fn boxed(&mut self, expr: Expr) -> Expr {
        Expr::Call {
            open: format!("{}::new(", self.item("Node")),
            arg: Box::new(expr),
        }
    }

    /// Children as one child: itself, a tuple, or a `Nodes` list made from
    /// an array of nodes, which writes its text and plain elements as it is
    /// made.
    fn group(&mut self, mut items: Vec<Expr>) -> Option<Expr> {
        match items.len() {
            0 => None,
            1 => items.pop(),
            2..=TUPLE_MAX => Some(Expr::List {
                open: "(",
                items,
                close: ")",
            }),
            _ => {
                let items = items
                    .into_iter()
                    .map(|item| match item {
                        Expr::Call { .. } => item,
                        other => self.boxed(other),
                    })
                    .collect();
                Some(Expr::Call {
                    open: format!("{}::from_iter(", self.item("Nodes")),
                    arg: Box::new(Expr::List {
                        open: "[",
                        items,
                        close: "]",
                    }),
                })
            }
        }
    }

    /// The attribute calls: the id/class shorthand when asked for and
    /// exact, then each attribute; a name htpy refuses is left out.
    fn attributes(&mut self, node: &Handle, attrs: &[Attribute]) -> Vec<String> {
        let mut calls = Vec::new();
        let value = |name: &str| {
            attrs
                .iter()
                .find(|a| a.name.prefix.is_none() && &*a.name.local == name && a.name.ns == ns!())
                .map(|a| a.value.to_string())
        };
        let (id, class) = (value("id"), value("class"));
        let shorthand = self
            .options
            .shorthand
            .then(|| shorthand(id.as_deref(), class.as_deref()))
            .flatten();
        if let Some(selector) = &shorthand {
            calls.push(format!(
                ".sel({}!({}))",
                self.item("sel"),
                string_literal(selector, false)
            ));
        }
        for attr in attrs {
            let name = match &attr.name.prefix {
                Some(prefix) => format!("{prefix}:{}", attr.name.local),
                None => attr.name.local.to_string(),
            };
            if shorthand.is_some() && (name == "id" || name == "class") {
                continue;
            }
            if is_refused_attribute(&name) {
                self.warn(
                    node,
                    format!(
                        "htpy cannot write the attribute name {name:?}: the attribute is left out"
                    ),
                );
                continue;
            }
            if attr.value.contains('\r') {
                self.warn(
                    node,
                    format!(
                        "a carriage return in the value of {name:?}: htpy writes it as it is, \
                         and the parser reads it as a line feed"
                    ),
                );
            }
            if name == "class" && attr.value.is_empty() {
                // htpy, as Python htpy, writes no empty class; the outline
                // reads an empty class as none.
                continue;
            }
            let value = if attr.value.is_empty() {
                "true".to_owned()
            } else {
                string_literal(&attr.value, false)
            };
            calls.push(match name.as_str() {
                "id" => format!(".id({value})"),
                _ => format!(".attr({}, {value})", string_literal(&name, false)),
            });
        }
        calls
    }
}

/// The id/class shorthand (`#main.wide.dark`) for these values, when it
/// writes them exactly.
fn shorthand(id: Option<&str>, class: Option<&str>) -> Option<String> {
    if (id.is_none() && class.is_none()) || id == Some("") || class == Some("") {
        return None;
    }
    let mut selector = String::new();
    if let Some(id) = id {
        selector.push('#');
        selector.push_str(id);
    }
    if let Some(class) = class {
        for name in class.split(' ') {
            selector.push('.');
            selector.push_str(name);
        }
    }
    let parsed = htpy::Selector::parse(selector.clone()).ok()?;
    let mut explicit = htpy::AttrList::new();
    if let Some(id) = id {
        explicit.push("id", htpy::Value::Text(id.to_owned()));
    }
    if let Some(class) = class {
        explicit.push("class", htpy::Value::Text(class.to_owned()));
    }
    let written = htpy::div().sel(parsed).render_to_string().ok()?;
    let wanted = htpy::div().attrs(explicit).ok()?.render_to_string().ok()?;
    (written == wanted).then_some(selector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_functions_are_htpys() {
        let source = include_str!("../../htpy/src/elements.rs");
        let list = source
            .rsplit("elements! {")
            .next()
            .and_then(|block| block.split('}').next())
            .unwrap_or_default();
        let mut names: Vec<&str> = list
            .lines()
            .filter_map(|line| line.split_once(':').map(|(_, names)| names))
            .flat_map(|names| names.trim().trim_end_matches(';').split(' '))
            .collect();
        let mut ours = FUNCTIONS.to_vec();
        names.sort_unstable();
        ours.sort_unstable();
        assert_eq!(names, ours);
    }

    #[test]
    fn shorthand_only_when_exact() {
        assert_eq!(shorthand(Some("a"), Some("b c")).as_deref(), Some("#a.b.c"));
        assert_eq!(shorthand(None, Some("b")).as_deref(), Some(".b"));
        assert_eq!(shorthand(Some("a"), None).as_deref(), Some("#a"));
        for (id, class) in [
            (None, Some("")),
            (None, Some("b  c")),
            (None, Some(" b")),
            (None, Some("b\tc")),
            (Some("a.b"), None),
            (Some("a b"), None),
            (Some(""), None),
            (None, Some("#x")),
            (None, None),
        ] {
            assert_eq!(shorthand(id, class), None, "{id:?} {class:?}");
        }
    }

    fn warnings(html: &str) -> Vec<String> {
        crate::convert(html, &Options::default())
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn what_cannot_be_written_exactly_is_reported() {
        assert_eq!(
            warnings("<p>a&#13;b</p>"),
            [
                "p:nth-child(1): a carriage return in the text: htpy writes it as it is, and the \
              parser reads it as a line feed"
            ]
        );
        assert_eq!(
            warnings("<svg><source></source><g></g></svg>"),
            [
                "svg:nth-child(1) > source:nth-child(1): htpy writes <source> as a void element, \
              without an end tag: it loses its children, and takes the nodes after it as its own"
            ]
        );
        assert!(warnings("<svg><g></g><source></source></svg>").is_empty());
        assert_eq!(
            warnings("<xmp>a &amp; b</xmp>"),
            [
                "xmp:nth-child(1): the parser reads this element's text raw, and htpy escapes \
              `&<>\"'` in text: they will read back as entities"
            ]
        );
        assert_eq!(
            warnings("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>x"),
            [
                "html: the doctype \"html\" (public \"-//W3C//DTD HTML 4.01//EN\", system \"\") \
              becomes `<!doctype html>`, which htpy writes"
            ]
        );
        assert_eq!(
            warnings("<a:b>x</a:b>"),
            [
                "a:b:nth-child(1): htpy refuses the element name \"a:b\": the element is left out, \
              its children kept"
            ]
        );
        assert_eq!(
            warnings("<script>x = 1; <!-- <script>"),
            [
                "script:nth-child(1): invalid text for <script>: at byte 12, `<!--` then `<script` \
              leave the script in a state where its end tag `</script>` does not end it: close the \
              `<!--` with `-->`; written as escaped text"
            ]
        );
    }

    #[test]
    fn refused_attribute_names() {
        for name in [
            "", "a b", "a/b", "a=b", "a\0", "a\u{1}", "a\u{7f}", "a\u{a0}b", "a\"b", "a'b", "a<b",
            "a&b",
        ] {
            assert!(is_refused_attribute(name), "{name:?}");
        }
        for name in [
            "id",
            "data-x",
            "@click.shift",
            ":class",
            "xlink:href",
            "é",
            "[x]",
            "#a",
        ] {
            assert!(!is_refused_attribute(name), "{name:?}");
        }
    }
}
