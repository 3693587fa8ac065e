//! Every run-time entry point that takes data, fuzzed against html5ever's
//! tokenizer: the page must read back as exactly the tags, attributes and
//! text that the builder asked for, or the builder must return its error.
//!
//! `PROPTEST_CASES` sets how many inputs each property runs (256 by
//! default, a few seconds in all); `PROPTEST_CASES=20000 cargo test --release
//! -p htpy-fuzz-tests` runs many more.

mod oracle;

use htpy::{
    AttrList, Element, ErrorKind, Node, Nodes, Render, Selector, Value, b, comment, div, element,
    void_element,
};
use oracle::{Tok, escaped, newlines, no_nul, normalized, refused_attr_name, tokenize};
use proptest::prelude::*;

/// Characters that matter to a tokenizer or to htpy's rules, and some that
/// do not: every ASCII character, the markup ones again, and non-ASCII ones
/// (a letter, spaces that are not ASCII, a BOM, an astral one).
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('\0', '\u{7f}'),
        2 => proptest::sample::select(vec![
            '<', '>', '&', '"', '\'', '=', '/', ' ', '\t', '\n', '\r', '\u{c}', '\0', '-', '!',
        ]),
        1 => proptest::sample::select(vec![
            '\u{e9}', '\u{c9}', '\u{85}', '\u{a0}', '\u{2028}', '\u{3000}', '\u{feff}',
            '\u{fffd}', '\u{1f600}',
        ]),
    ]
}

/// A string of up to `max` such characters.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char(), 0..=max).prop_map(String::from_iter)
}

/// Mostly names a page uses, of either case, sometimes any text.
fn attr_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => proptest::sample::select(vec![
            "class", "id", "title", "href", "data-x", "hx-on::after-request", "@click.shift",
            ":class", "DATA-X", "Title",
        ])
        .prop_map(str::to_owned),
        3 => any_text(6),
    ]
}

/// A value of every form but class lists and toggles.
fn attr_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => any_text(8).prop_map(Value::Text),
        1 => any_text(8).prop_map(Value::Markup),
        1 => any::<i64>().prop_map(|int| Value::Int(int.into())),
        1 => Just(Value::Int(0)),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::None),
    ]
}

/// The attributes that `pairs` ask for with htpy's rules (a repeated name at
/// its first position with its last value; `false`, `None`, and an empty or
/// zero `class` left out), then as the tokenizer keeps them: names escaped
/// and ASCII-lowercased, values decoded, and of two names alike once
/// lowercased, the first.
fn expected_attrs(pairs: &[(String, Value)]) -> Vec<(String, String)> {
    let mut dict: Vec<(&str, &Value)> = Vec::new();
    for (name, value) in pairs {
        match dict.iter_mut().find(|(seen, _)| seen == name) {
            Some(entry) => entry.1 = value,
            None => dict.push((name, value)),
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in dict {
        let class = name == "class";
        let value = match value {
            Value::Text(text) | Value::Markup(text) if !(class && text.is_empty()) => no_nul(text),
            Value::Int(int) if !(class && *int == 0) => int.to_string(),
            Value::Bool(true) if class => "True".to_owned(),
            Value::Bool(true) => String::new(),
            _ => continue,
        };
        let name = escaped(name).to_ascii_lowercase();
        if !out.iter().any(|(seen, _)| *seen == name) {
            out.push((name, value));
        }
    }
    out
}

/// The tags of an element `name` around `inner`.
fn element_tokens(name: &str, attrs: Vec<(String, String)>, inner: Vec<Tok>) -> Vec<Tok> {
    let name = name.to_ascii_lowercase();
    let mut tokens = vec![Tok::Start(name.clone(), attrs)];
    tokens.extend(inner);
    tokens.push(Tok::End(name));
    normalized(tokens)
}

/// Renders `page` and asserts it reads back as `expected`.
fn assert_reads_back(
    page: impl Render + htpy::Synchronous,
    expected: &[Tok],
) -> Result<(), TestCaseError> {
    let html = page
        .render_to_string()
        .map_err(|error| TestCaseError::fail(format!("render failed: {error}")))?;
    prop_assert_eq!(tokenize(&html), expected, "page: {:?}", html);
    Ok(())
}

proptest! {
    /// `.attr(name, value)`, three times, on a constant tag: no name can
    /// add an attribute or end the tag, and a refused name fails the render.
    #[test]
    fn attr_names_and_values(pairs in proptest::collection::vec((attr_name(), attr_value()), 3)) {
        let page = div()
            .attr(pairs[0].0.clone(), pairs[0].1.clone())
            .attr(pairs[1].0.clone(), pairs[1].1.clone())
            .attr(pairs[2].0.clone(), pairs[2].1.clone())
            .children("x");
        if let Some((name, _)) = pairs.iter().find(|(name, _)| refused_attr_name(name)) {
            let error = page.render_to_string().map(|_| ()).unwrap_err();
            prop_assert!(
                matches!(error.kind(), ErrorKind::AttributeName { name: refused, .. } if refused == name),
                "{}", error
            );
            prop_assert_eq!(error.path(), ["div"]);
        } else {
            let expected = element_tokens("div", expected_attrs(&pairs), vec![Tok::Text("x".into())]);
            assert_reads_back(page, &expected)?;
        }
    }

    /// `AttrList`, on an element named at run time: refused names fail
    /// `Element::attrs`, the rest read back.
    #[test]
    fn attr_lists(pairs in proptest::collection::vec((attr_name(), attr_value()), 0..6)) {
        let mut list = AttrList::new();
        for (name, value) in &pairs {
            list.push(name.clone(), value.clone());
        }
        let built = element("x-el").and_then(|el| el.attrs(list));
        if pairs.iter().any(|(name, _)| refused_attr_name(name)) {
            let error = built.map(|_| ()).unwrap_err();
            prop_assert!(matches!(error.kind(), ErrorKind::AttributeName { .. }), "{}", error);
            prop_assert_eq!(error.path(), ["x-el"]);
        } else {
            let page = built.map_err(|error| TestCaseError::fail(error.to_string()))?;
            assert_reads_back(page, &element_tokens("x-el", expected_attrs(&pairs), Vec::new()))?;
        }
    }

    /// Text children and comments: the characters read back are the text
    /// (a comment's with its `--` removed, as htpy does).
    #[test]
    fn text_and_comments(text in any_text(24), note in any_text(24), tail in any_text(8)) {
        let page = div().children((text.clone(), comment(note.clone()), tail.clone()));
        let expected = element_tokens(
            "div",
            Vec::new(),
            vec![
                Tok::Text(text),
                Tok::Comment(no_nul(&format!(" {} ", note.replace("--", "")))),
                Tok::Text(tail),
            ],
        );
        assert_reads_back(page, &expected)?;
    }

    /// Elements whose text the tokenizer reads in a state of its own, named
    /// from data in any case: their escaped text cannot close them. Raw text
    /// (`script`, `style`, ...) reads back as the escaped text, undecoded;
    /// escapable raw text (`textarea`, `title`) as the text itself.
    #[test]
    fn raw_text_elements(
        name in proptest::sample::select(vec![
            "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
            "noscript",
        ]),
        upper in any::<bool>(),
        text in any_text(24),
        after in any_text(6),
    ) {
        let name = if upper { name.to_ascii_uppercase() } else { name.to_owned() };
        let el = element(&name).map_err(|error| TestCaseError::fail(error.to_string()))?;
        let page = div().children((el.children(text.clone()), after.clone()));
        let read = if matches!(name.to_ascii_lowercase().as_str(), "textarea" | "title") {
            no_nul(&text)
        } else {
            no_nul(&escaped(&text))
        };
        let mut inner = element_tokens(&name, Vec::new(), vec![Tok::Text(read)]);
        inner.push(Tok::Text(after));
        assert_reads_back(page, &element_tokens("div", Vec::new(), inner))?;
    }

    /// `element(name)` and `void_element(name)`: a name is refused, or the
    /// page reads back as that one element.
    #[test]
    fn element_names(name in prop_oneof![
        any_text(8),
        proptest::sample::select(vec![
            "div", "x-y", "My-Widget", "x-\u{e9}", "br", "img", "plaintext", "PLAINTEXT", "svg:rect",
            "a-b.c_d", "h1", "x-",
        ]).prop_map(str::to_owned),
    ]) {
        let lower = name.to_ascii_lowercase();
        match element(name.clone()) {
            Ok(el) => {
                prop_assert!(lower != "plaintext");
                assert_reads_back(el.children("x"), &element_tokens(&name, Vec::new(), vec![Tok::Text("x".into())]))?;
            }
            Err(error) => prop_assert!(matches!(error.kind(), ErrorKind::ElementName { .. }), "{}", error),
        }
        match void_element(name.clone()) {
            Ok(el) => assert_reads_back(el, &[Tok::Start(lower, Vec::new())])?,
            Err(error) => prop_assert!(matches!(error.kind(), ErrorKind::ElementName { .. }), "{}", error),
        }
    }

    /// `Nodes`, which writes what it can as it is pushed and reads htpy's
    /// chunks back from those bytes (a tag from its `<` to its first `>`,
    /// text to the next `<`):
    /// whatever the names, attributes and text, the same bytes and chunks
    /// as a `Vec<Node>` of the same children, and a page that reads back.
    #[test]
    fn lists_of_nodes_split_as_vecs_of_nodes(cells in proptest::collection::vec(
        (
            proptest::sample::select(vec!["td", "x-el", "P", "body", "b"]),
            proptest::collection::vec((attr_name(), attr_value()), 0..3),
            prop_oneof![
                3 => any_text(8).prop_map(Child::Text),
                1 => any::<i64>().prop_map(Child::Int),
                1 => any_text(4).prop_map(|text| Child::Optional(Some(text))),
                1 => Just(Child::Optional(None)),
                1 => Just(Child::Empty),
            ],
        ),
        0..5,
    )) {
        let build = || -> Vec<Node<'static>> {
            cells
                .iter()
                .filter_map(|(name, pairs, child)| {
                    let mut list = AttrList::new();
                    for (attr, value) in pairs {
                        list.push(attr.clone(), value.clone());
                    }
                    // A refused name is another property's; here it leaves
                    // the cell out.
                    Some(if *name == "b" {
                        child.node(b().attrs(list).ok()?)
                    } else {
                        child.node(element(*name).ok()?.attrs(list).ok()?)
                    })
                })
                .collect()
        };
        let chunks = |page: Node<'_>| -> Result<Vec<String>, TestCaseError> {
            page.iter_chunks()
                .collect::<Result<_, _>>()
                .map_err(|error| TestCaseError::fail(error.to_string()))
        };
        let from_vec = chunks(Node::new(build()))?;
        let list: Nodes<'_> = build().into_iter().collect();
        prop_assert_eq!(chunks(Node::new(list))?, from_vec.clone());
        let html = from_vec.concat();
        let list: Nodes<'_> = build().into_iter().collect();
        prop_assert_eq!(tokenize(&list.render_to_string().unwrap()), tokenize(&html));
    }

    /// `Selector::parse`: a shorthand is refused, or reads back as its id
    /// and its non-empty classes.
    #[test]
    fn selectors(text in prop_oneof![
        any_text(10),
        (any_text(4), any_text(4)).prop_map(|(id, class)| format!("#{id}.{class}")),
        any_text(6).prop_map(|class| format!(".{class}..x")),
    ]) {
        match Selector::parse(text.clone()) {
            Ok(selector) => {
                let (id, classes) = match text.strip_prefix('#') {
                    Some(rest) => match rest.split_once('.') {
                        Some((id, classes)) => (Some(id), classes),
                        None => (Some(rest), ""),
                    },
                    None => (None, text.strip_prefix('.').unwrap_or("")),
                };
                let classes: Vec<&str> = classes.split('.').filter(|class| !class.is_empty()).collect();
                let mut attrs = Vec::new();
                if let Some(id) = id {
                    attrs.push(("id".to_owned(), no_nul(id)));
                }
                if !classes.is_empty() {
                    attrs.push(("class".to_owned(), no_nul(&classes.join(" "))));
                }
                assert_reads_back(div().sel(selector), &element_tokens("div", attrs, Vec::new()))?;
            }
            Err(error) => prop_assert!(matches!(error.kind(), ErrorKind::Selector { .. }), "{}", error),
        }
    }
}

/// The child of a cell of [`lists_of_nodes_split_as_vecs_of_nodes`].
#[derive(Clone, Debug)]
enum Child {
    Text(String),
    Int(i64),
    Optional(Option<String>),
    Empty,
}

impl Child {
    /// `element` with this child, as a node.
    fn node<A: htpy::Attributes + 'static, T: htpy::ParentTag + 'static>(
        &self,
        element: Element<A, (), T>,
    ) -> Node<'static> {
        match self {
            Child::Text(text) => Node::new(element.children(text.clone())),
            Child::Int(int) => Node::new(element.children(*int)),
            Child::Optional(text) => Node::new(element.children(text.clone())),
            Child::Empty => Node::new(element),
        }
    }
}

/// The two injections of Python htpy, as they read back there and here.
#[test]
fn python_htpys_injections_are_refused() {
    // What Python htpy 26.5.1 renders: a tokenizer reads an `onload`.
    assert_eq!(
        tokenize(r#"<div x onload="alert(1)"></div>"#)[0],
        Tok::Start(
            "div".into(),
            vec![
                ("x".into(), String::new()),
                ("onload".into(), "alert(1)".into())
            ]
        )
    );
    assert_eq!(
        tokenize(r#"<div ="x onload=alert(1)"></div>"#)[0],
        Tok::Start(
            "div".into(),
            vec![
                ("=\"x".into(), String::new()),
                ("onload".into(), "alert(1)\"".into())
            ]
        )
    );
    let page: Element<_, _, _> = div().attr(String::from("x onload"), "alert(1)");
    assert!(page.render_to_string().is_err());
    assert!(
        div()
            .attr(String::new(), "x onload=alert(1)")
            .render_to_string()
            .is_err()
    );
    assert_eq!(newlines("a\r\nb\rc"), "a\nb\nc");
}
