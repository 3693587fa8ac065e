//! Parsing with html5ever, and the questions both the converter and the
//! outline ask of the tree: what a node's children are, which whitespace
//! may be dropped, where a node sits.

use std::fmt::Write as _;

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ParseOpts, QualName, local_name, ns, parse_document, parse_fragment};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// A parsed page: a whole document, or a fragment (a snippet of a page).
pub(crate) struct Parsed {
    pub(crate) dom: RcDom,
    pub(crate) document: bool,
}

impl Parsed {
    /// The nodes to convert: the document's children (its doctype aside),
    /// or the fragment's.
    pub(crate) fn roots(&self) -> Vec<Handle> {
        let children = self.dom.document.children.borrow();
        if self.document {
            children
                .iter()
                .filter(|node| !matches!(node.data, NodeData::Doctype { .. }))
                .cloned()
                .collect()
        } else {
            // A fragment's nodes sit in the `html` element the parser made.
            children
                .first()
                .map(|root| root.children.borrow().clone())
                .unwrap_or_default()
        }
    }

    /// The doctype's name, public and system ids, when there is one.
    pub(crate) fn doctype(&self) -> Option<(String, String, String)> {
        self.dom
            .document
            .children
            .borrow()
            .iter()
            .find_map(|node| match &node.data {
                NodeData::Doctype {
                    name,
                    public_id,
                    system_id,
                } => Some((
                    name.to_string(),
                    public_id.to_string(),
                    system_id.to_string(),
                )),
                _ => None,
            })
    }
}

/// Whether `html` is a whole document: its first tag, after any comments,
/// is a doctype, `<html>`, `<head>` or `<body>`. Anything else is a
/// fragment, as a partial template or an htmx response is.
fn is_document(html: &str) -> bool {
    let mut rest = html.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{feff}');
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment
            .find("-->")
            .map_or("", |end| &comment[end + 3..])
            .trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    let lower = rest.get(..9).unwrap_or(rest).to_ascii_lowercase();
    lower.starts_with("<!doctype")
        || ["<html", "<head", "<body"].iter().any(|tag| {
            lower.starts_with(tag)
                && lower[tag.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        })
}

/// Parses `html` as a browser does, with scripting off, so that the content
/// of `<noscript>` is markup (a browser with scripting on reads that same
/// markup as text). A fragment is parsed in the context of a `<template>`,
/// which takes any element at its top level (a `<tr>`, an `<li>`).
pub(crate) fn parse(html: &str) -> Parsed {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    let document = is_document(html);
    let dom = if document {
        parse_document(RcDom::default(), opts).one(html)
    } else {
        let context = QualName::new(None, ns!(html), local_name!("template"));
        parse_fragment(RcDom::default(), opts, context, Vec::new(), false).one(html)
    };
    Parsed { dom, document }
}

/// A node's children; a `<template>`'s are those of its content.
pub(crate) fn children(node: &Handle) -> Vec<Handle> {
    if let NodeData::Element {
        template_contents, ..
    } = &node.data
        && let Some(content) = &*template_contents.borrow()
    {
        return content.children.borrow().clone();
    }
    node.children.borrow().clone()
}

/// The element's name, when `node` is an element.
pub(crate) fn element_name(node: &Handle) -> Option<&QualName> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name),
        _ => None,
    }
}

/// Whether `node` is the HTML element `local`.
pub(crate) fn is_html(node: &Handle, local: &str) -> bool {
    element_name(node).is_some_and(|name| name.ns == ns!(html) && &*name.local == local)
}

/// HTML elements around which whitespace does not show: blocks, table
/// parts, list items, and what is never displayed (`head`, `script`, …).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "caption",
    "col",
    "colgroup",
    "datalist",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
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
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "source",
];

/// Foreign (SVG and `MathML`) elements whose text shows: whitespace in any other
/// foreign element is not displayed.
const FOREIGN_TEXT: &[&str] = &[
    "text",
    "tspan",
    "textPath",
    "title",
    "desc",
    "foreignObject",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
];

/// Elements inside which every whitespace counts.
const PRESERVING: &[&str] = &["pre", "textarea", "listing", "plaintext", "xmp", "script"];

/// Whether `node` is an element around which whitespace does not show.
fn is_block(node: &Handle) -> bool {
    element_name(node).is_some_and(|name| {
        if name.ns == ns!(html) {
            BLOCKS.contains(&&*name.local)
        } else {
            !FOREIGN_TEXT.contains(&&*name.local)
        }
    })
}

/// The parent of `node`.
pub(crate) fn parent(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Whether `text` is whitespace only (HTML's ASCII whitespace).
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_whitespace())
}

/// Whether `node` is whitespace-only text that the converter drops: between
/// two blocks, or at the start or the end of a block (comments aside), and
/// inside no `<pre>` or other element where every whitespace counts.
pub(crate) fn is_droppable_whitespace(node: &Handle, siblings: &[Handle]) -> bool {
    let NodeData::Text { contents } = &node.data else {
        return false;
    };
    if !is_blank(&contents.borrow()) {
        return false;
    }
    let Some(parent) = parent(node) else {
        return true;
    };
    if !is_block(&parent) && element_name(&parent).is_some() {
        return false;
    }
    let mut ancestor = Some(parent);
    while let Some(node) = ancestor {
        if element_name(&node).is_some_and(|name| PRESERVING.contains(&&*name.local)) {
            return false;
        }
        ancestor = self::parent(&node);
    }
    let Some(at) = siblings.iter().position(|s| std::rc::Rc::ptr_eq(s, node)) else {
        return false;
    };
    // Comments and other whitespace are looked through, so that dropping
    // some whitespace never changes the verdict on the rest: the outline of
    // the converted page drops nothing more.
    let is_content = |s: &&Handle| match &s.data {
        NodeData::Comment { .. } => false,
        NodeData::Text { contents } => !is_blank(&contents.borrow()),
        _ => true,
    };
    let before = siblings[..at].iter().rev().find(is_content);
    let after = siblings[at + 1..].iter().find(is_content);
    before.is_none()
        || after.is_none()
        || (before.is_some_and(is_block) && after.is_some_and(is_block))
}

/// Where `node` sits, as a CSS selector a browser's developer tools find
/// (`html > body:nth-child(2) > p:nth-child(1)`); in a fragment, from its
/// top level.
pub(crate) fn path(node: &Handle, document: bool) -> String {
    let mut steps = Vec::new();
    let mut current = Some(node.clone());
    while let Some(node) = current {
        let parent = parent(&node);
        if !document && parent.as_ref().is_some_and(|p| element_name(p).is_none()) {
            // The `html` element the parser wraps a fragment in.
            break;
        }
        if let Some(name) = element_name(&node) {
            let mut step = name.local.to_string();
            if let Some(parent) = &parent
                && element_name(parent).is_some()
            {
                let elements = children(parent);
                let index = elements
                    .iter()
                    .filter(|s| element_name(s).is_some())
                    .position(|s| std::rc::Rc::ptr_eq(s, &node));
                if let Some(index) = index {
                    let _ = write!(step, ":nth-child({})", index + 1);
                }
            }
            steps.push(step);
        }
        current = parent;
    }
    if steps.is_empty() {
        return "the top level".to_owned();
    }
    steps.reverse();
    steps.join(" > ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_fragments() {
        for document in [
            "<!DOCTYPE html><p>",
            "  <html lang=en>",
            "<!-- c --> <HEAD>",
            "<body>",
            "\u{feff}<!doctype html>",
        ] {
            assert!(is_document(document), "{document}");
        }
        for fragment in ["<p>x</p>", "<header>", "<bodyx>", "text", "", "<!-- c -->"] {
            assert!(!is_document(fragment), "{fragment}");
        }
    }

    #[test]
    fn a_fragment_takes_table_rows_at_its_top_level() {
        let parsed = parse("<tr><td>1</td></tr><li>2</li>");
        let names: Vec<_> = parsed
            .roots()
            .iter()
            .filter_map(|node| element_name(node).map(|name| name.local.to_string()))
            .collect();
        assert_eq!(names, ["tr", "li"]);
    }
}
