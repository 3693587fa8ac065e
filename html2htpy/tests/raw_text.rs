//! `htpy::css` and `htpy::js` accept a text exactly when html5ever's
//! tokenizer, reading the element's start tag, the text and its end tag,
//! gives back that same text: checked over every short sequence of the
//! pieces that matter to the tokenizer.

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Whether `<element>text</element>` parses to that element holding
/// exactly `text`, with nothing after it.
fn reads_back(element: &str, text: &str) -> bool {
    let html = format!("<!doctype html><head><{element}>{text}</{element}></head>");
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let document = dom.document.children.borrow();
    let Some(root) = document
        .iter()
        .find(|n| matches!(n.data, NodeData::Element { .. }))
    else {
        return false;
    };
    let parts = root.children.borrow();
    let [head, body] = parts.as_slice() else {
        return false;
    };
    if !body.children.borrow().is_empty() {
        return false;
    }
    let heads = head.children.borrow();
    let [raw] = heads.as_slice() else {
        return false;
    };
    text_of(raw) == text
}

fn text_of(node: &Handle) -> String {
    node.children
        .borrow()
        .iter()
        .map(|child| match &child.data {
            NodeData::Text { contents } => contents.borrow().to_string(),
            _ => "\u{0}element".to_owned(),
        })
        .collect()
}

/// Every sequence of `pieces` up to `len` long.
fn sequences(pieces: &[&str], len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|start| pieces.iter().map(move |piece| format!("{start}{piece}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

fn check(element: &str, accepts: impl Fn(&str) -> bool, pieces: &[&str], len: usize) {
    for text in sequences(pieces, len) {
        assert_eq!(
            accepts(&text),
            reads_back(element, &text),
            "<{element}> with {text:?}: accepted, or reads back"
        );
    }
}

const SHORT: &[&str] = &[
    "<", "/", "!", "-", ">", " ", "\t", "\n", "x", "script", "style", "SCRIPT", "Style", "</",
    "<!--", "-->", "\r", "\0", "é",
];

const FEW: &[&str] = &[
    "</script", "</style", "<script", "<!--", "-->", "-", ">", " ", "/",
];

#[test]
fn css_accepts_exactly_what_reads_back() {
    let accepts = |text: &str| htpy::css(text.to_owned()).is_ok();
    check("style", accepts, SHORT, 3);
    check("style", accepts, FEW, 4);
}

#[test]
fn js_accepts_exactly_what_reads_back() {
    let accepts = |text: &str| htpy::js(text.to_owned()).is_ok();
    check("script", accepts, SHORT, 3);
    check("script", accepts, FEW, 4);
}
