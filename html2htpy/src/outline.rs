//! The outline of a parsed page: the tree that the converter promises to
//! keep, one node a line, for comparing two pages.

use std::fmt::Write as _;

use html5ever::ns;
use markup5ever_rcdom::{Handle, NodeData};

use crate::dom;

/// The tree a browser builds from `html`, one node a line, normalised as
/// the converter's promise reads: whitespace the converter may drop is left
/// out (between blocks, at the start and end of a block), attributes are
/// sorted by name (their order carries no meaning), an empty `class` reads
/// as none (htpy, as Python htpy, writes no empty class), and comments read as
/// htpy writes them (one space at each end and every `--` removed). Two
/// pages with the same outline have the same elements, attributes, text and
/// comments, in the same places, and the same doctype.
///
/// ```
/// let source = "<!doctype html><title>A &amp; B</title><p class=x id=y>hi\n<!--note-->";
/// let rendered = r#"<!doctype html><html><head><title>A &amp; B</title></head><body><p id="y" class="x">hi
/// <!-- note --></p></body></html>"#;
/// assert_eq!(html2htpy::outline(source), html2htpy::outline(rendered));
/// assert!(html2htpy::outline(source).contains("<p class=\"x\" id=\"y\">"));
/// ```
pub fn outline(html: &str) -> String {
    let parsed = dom::parse(html);
    let mut out = String::new();
    out.push_str(if parsed.document {
        "document\n"
    } else {
        "fragment\n"
    });
    if let Some((name, public, system)) = parsed.doctype() {
        let _ = writeln!(out, "doctype {name:?} {public:?} {system:?}");
    }
    let roots = parsed.roots();
    for node in &roots {
        write_node(node, &roots, 0, &mut out);
    }
    out
}

fn write_node(node: &Handle, siblings: &[Handle], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    match &node.data {
        NodeData::Text { contents } => {
            if !dom::is_droppable_whitespace(node, siblings) {
                let _ = writeln!(out, "{indent}{:?}", &**contents.borrow());
            }
        }
        NodeData::Comment { contents } => {
            let text = contents.strip_prefix(' ').unwrap_or(contents);
            let text = text.strip_suffix(' ').unwrap_or(text);
            let _ = writeln!(out, "{indent}<!-- {:?} -->", text.replace("--", ""));
        }
        NodeData::Element { name, attrs, .. } => {
            let space = if name.ns == ns!(html) {
                ""
            } else if name.ns == ns!(svg) {
                "svg:"
            } else {
                "math:"
            };
            let mut attrs: Vec<(String, String)> = attrs
                .borrow()
                .iter()
                .filter(|a| {
                    !(&*a.name.local == "class" && a.name.prefix.is_none() && a.value.is_empty())
                })
                .map(|a| {
                    let name = match &a.name.prefix {
                        Some(prefix) => format!("{prefix}:{}", a.name.local),
                        None => a.name.local.to_string(),
                    };
                    (name, a.value.to_string())
                })
                .collect();
            attrs.sort();
            let _ = write!(out, "{indent}<{space}{}", name.local);
            for (name, value) in attrs {
                let _ = write!(out, " {name}={value:?}");
            }
            out.push_str(">\n");
            let children = dom::children(node);
            for child in &children {
                write_node(child, &children, depth + 1, out);
            }
        }
        NodeData::Document | NodeData::Doctype { .. } | NodeData::ProcessingInstruction { .. } => {}
    }
}
