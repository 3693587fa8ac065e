//! Attributes: the id/class shorthand, values of every kind, class lists and
//! toggles, duplicates and overrides, and escaping.

mod common;

use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;

use common::{assert_fails, assert_renders};
use htpy::{
    AttrList, ClassItem, ErrorKind, RawHtml, Selector, Value, attr_name, button, decimals, display,
    div, element, input, li, sel, td, toggle, ul,
};

#[test]
fn shorthand_id_and_classes() {
    assert_renders(
        || div().sel(sel!("#a.b.c")),
        r#"<div id="a" class="b c"></div>"#,
    );
    assert_renders(|| div().sel(sel!("#a")), r#"<div id="a"></div>"#);
    assert_renders(|| div().sel(sel!(".a.b")), r#"<div class="a b"></div>"#);
}

#[test]
fn shorthand_edge_cases() {
    assert_renders(|| div().sel(sel!(".a..b")), r#"<div class="a b"></div>"#);
    assert_renders(|| div().sel(sel!("")), "<div></div>");
    assert_renders(|| div().sel(sel!(".")), "<div></div>");
    assert_renders(|| div().sel(sel!("#")), r#"<div id=""></div>"#);
    assert_renders(
        || div().sel(sel!("#a#b.c")),
        r#"<div id="a#b" class="c"></div>"#,
    );
    assert_renders(|| div().sel(sel!(".a&b")), r#"<div class="a&amp;b"></div>"#);
}

#[test]
fn shorthand_comes_before_other_attributes() {
    assert_renders(
        || div().attr("title", "t").sel(sel!("#a.b")),
        r#"<div id="a" class="b" title="t"></div>"#,
    );
}

#[test]
fn runtime_shorthand() {
    assert_renders(
        || div().sel(Selector::parse(format!("#{}.x", "user-42")).unwrap()),
        r#"<div id="user-42" class="x"></div>"#,
    );
    assert_eq!(Selector::parse("").unwrap(), sel!(""));
}

fn selector_error(text: &str) -> String {
    let err = Selector::parse(text.to_owned()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Selector { .. }), "{text}");
    err.to_string()
}

#[test]
fn shorthand_errors_follow_htpys_rules() {
    // htpy: ValueError "id/class strings must start with # or ."
    assert_eq!(
        selector_error("a b"),
        "invalid id/class shorthand \"a b\": it must start with # or ."
    );
    assert_eq!(
        selector_error("main"),
        "invalid id/class shorthand \"main\": it must start with # or ."
    );
    // htpy: ValueError "id (#) must be specified before classes (.)"
    assert_eq!(
        selector_error(".a#b"),
        "invalid id/class shorthand \".a#b\": the id (#) must come before the classes (.)"
    );
    // htpy: ValueError "Whitespace is not allowed in class shorthand."
    assert_eq!(
        selector_error(".a b"),
        "invalid id/class shorthand \".a b\": it must not contain whitespace"
    );
    assert_eq!(
        selector_error("#a #b"),
        "invalid id/class shorthand \"#a #b\": it must not contain whitespace"
    );
    // htpy: AssertionError
    assert_eq!(
        selector_error("#a.#b"),
        "invalid id/class shorthand \"#a.#b\": it may hold only one id (#)"
    );
}

#[test]
fn values_of_every_kind() {
    assert_renders(
        || {
            input()
                .attr("type", "checkbox")
                .attr("checked", true)
                .attr("tabindex", 3)
                .attr("disabled", false)
                .attr("title", None::<&str>)
        },
        r#"<input type="checkbox" checked tabindex="3">"#,
    );
    assert_renders(
        || {
            div()
                .attr("a", true)
                .attr("b", false)
                .attr("c", None::<i32>)
        },
        "<div a></div>",
    );
    assert_renders(
        || div().attr("tabindex", -1),
        r#"<div tabindex="-1"></div>"#,
    );
    assert_renders(
        || div().attr("n", 2_i128.pow(100)),
        r#"<div n="1267650600228229401496703205376"></div>"#,
    );
    assert_renders(
        || div().attr("n", u64::MAX),
        r#"<div n="18446744073709551615"></div>"#,
    );
    assert_renders(
        || div().attr("title", Some(String::from("x"))),
        r#"<div title="x"></div>"#,
    );
    assert_renders(|| td().attr("colspan", 2), r#"<td colspan="2"></td>"#);
}

#[test]
fn markup_values_are_still_escaped() {
    // Safe: the point is that an attribute escapes it anyway, as htpy does.
    assert_renders(
        || div().attr("title", RawHtml::dangerously_new("<b>&amp;</b>")),
        r#"<div title="&lt;b&gt;&amp;amp;&lt;/b&gt;"></div>"#,
    );
    // Safe: as above, for a class.
    assert_renders(
        || div().class(RawHtml::dangerously_new("<x>")),
        r#"<div class="&lt;x&gt;"></div>"#,
    );
}

#[test]
fn names_and_values_are_escaped() {
    assert_renders(
        || div().attr("a<b\"", "<\"'&>"),
        r#"<div a&lt;b&#34;="&lt;&#34;&#39;&amp;&gt;"></div>"#,
    );
    assert_renders(
        || div().attr("title", "<\"'&>"),
        r#"<div title="&lt;&#34;&#39;&amp;&gt;"></div>"#,
    );
}

#[test]
fn framework_attribute_names() {
    assert_renders(
        || div().attr("hx-get", "/x").attr("hx-target", "#t"),
        r##"<div hx-get="/x" hx-target="#t"></div>"##,
    );
    assert_renders(
        || {
            button()
                .attr("@click.shift", "go()")
                .attr(":class", "{a: b}")
        },
        r#"<button @click.shift="go()" :class="{a: b}"></button>"#,
    );
    assert_renders(
        || div().attr("data-user-id", 42).attr("data-name", "Ada"),
        r#"<div data-user-id="42" data-name="Ada"></div>"#,
    );
}

/// The message of a refused attribute name `name` on the elements `path`.
fn attribute_name_message(name: &str, reason: &str, path: &str) -> String {
    format!("invalid attribute name {name:?}: {reason} (in {path})")
}

const WHITESPACE: &str = "it holds whitespace, which ends a name and starts another attribute";

#[test]
fn attribute_name_from_data_cannot_inject_an_attribute() {
    // htpy: div(attrs={"x onload": "alert(1)"}) renders `<div x onload="alert(1)">`.
    let error = assert_fails(
        || div().attr(String::from("x onload"), "alert(1)"),
        &attribute_name_message("x onload", WHITESPACE, "<div>"),
    );
    assert!(matches!(error.kind(), ErrorKind::AttributeName { name, .. } if name == "x onload"));
    assert_eq!(error.path(), ["div"]);
    // htpy: the empty name renders `<div ="x onload=alert(1)">`.
    assert_fails(
        || div().attr(String::new(), "x onload=alert(1)"),
        &attribute_name_message("", "it is empty", "<div>"),
    );
}

#[test]
fn every_refused_character_fails_every_renderer() {
    let reasons = [
        ('\t', WHITESPACE),
        ('\n', WHITESPACE),
        ('\u{c}', WHITESPACE),
        ('\r', WHITESPACE),
        (' ', WHITESPACE),
        ('/', "it holds `/`, which ends a name"),
        ('=', "it holds `=`, which ends a name and starts its value"),
        (
            '\0',
            "it holds a control character (U+0000 to U+001F, or U+007F)",
        ),
        (
            '\u{1}',
            "it holds a control character (U+0000 to U+001F, or U+007F)",
        ),
        (
            '\u{b}',
            "it holds a control character (U+0000 to U+001F, or U+007F)",
        ),
        (
            '\u{1f}',
            "it holds a control character (U+0000 to U+001F, or U+007F)",
        ),
        (
            '\u{7f}',
            "it holds a control character (U+0000 to U+001F, or U+007F)",
        ),
    ];
    for (c, reason) in reasons {
        let name = format!("a{c}b");
        // Refused whatever the value, one that writes nothing included.
        assert_fails(
            || div().attr(name.clone(), false),
            &attribute_name_message(&name, reason, "<div>"),
        );
    }
}

#[test]
fn refused_name_error_names_every_enclosing_element() {
    // Through a constant tag, a tag named at run time, the path of
    // deduplicated attributes, and a literal name.
    let message = attribute_name_message("a/b", "it holds `/`, which ends a name", "<ul> > <li>");
    assert_fails(
        || ul().children(li().attr("id", 1).attr(String::from("a/b"), 2)),
        &message,
    );
    assert_fails(|| ul().children(li().attr("a/b", true)), &message);
    let message = attribute_name_message("a/b", "it holds `/`, which ends a name", "<ul> > <x-y>");
    assert_fails(
        || ul().children(element("x-y").unwrap().sel(sel!("#i")).attr("a/b", 1)),
        &message,
    );
}

#[test]
fn unusual_names_render_as_python_htpy_renders_them() {
    assert_renders(
        || {
            div()
                .attr(String::from("@click.shift"), "go()")
                .attr(String::from("hx-on::after-request"), "done()")
                .attr(String::from(":class"), "x")
                .attr(String::from("\u{e9}"), 1)
                .attr(String::from("x<\"y"), true)
        },
        r#"<div @click.shift="go()" hx-on::after-request="done()" :class="x" é="1" x&lt;&#34;y></div>"#,
    );
}

#[test]
fn attr_name_checks_a_constant() {
    const NAME: &str = attr_name("hx-on::after-request");
    assert_renders(
        || button().attr(NAME, "x"),
        r#"<button hx-on::after-request="x"></button>"#,
    );
}

#[test]
fn runtime_attribute_list_refuses_names_when_added_to_the_element() {
    for (name, reason) in [
        ("", "it is empty"),
        ("x onload", WHITESPACE),
        (
            "a=b",
            "it holds `=`, which ends a name and starts its value",
        ),
    ] {
        let mut attrs = AttrList::new();
        attrs.push("title", Value::Text("ok".into()));
        // The name is refused before a class list under it is.
        attrs.push(name, Value::Toggle(vec![("a".into(), true)]));
        let err = div().attrs(attrs.clone()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::AttributeName { .. }));
        assert_eq!(
            err.to_string(),
            attribute_name_message(name, reason, "<div>")
        );
        assert!(matches!(
            attrs.check().unwrap_err().kind(),
            ErrorKind::AttributeName { .. }
        ));
    }
    // A refused name is refused even when its value leaves it out.
    let mut attrs = AttrList::new();
    attrs.push("x y", Value::None);
    assert!(div().attrs(attrs).is_err());
}

#[test]
fn duplicate_keeps_first_position_and_last_value() {
    assert_renders(
        || {
            button()
                .attr("hx-post", "/like")
                .attr("@click.shift", "go()")
                .attr("hx-post", "/love")
        },
        r#"<button hx-post="/love" @click.shift="go()"></button>"#,
    );
    assert_renders(
        || {
            div()
                .attr("b", "1")
                .attr("a", "2")
                .attr("c", "3")
                .attr("b", "4")
        },
        r#"<div b="4" a="2" c="3"></div>"#,
    );
    assert_renders(|| div().attr("a", "1").attr("a", false), "<div></div>");
}

#[test]
fn explicit_id_and_class_override_the_shorthand() {
    assert_renders(
        || div().sel(sel!("#x.a")).attr("title", "t").id("y"),
        r#"<div id="y" class="a" title="t"></div>"#,
    );
    assert_renders(
        || div().sel(sel!("#x.a")).attr("class", "z"),
        r#"<div id="x" class="z"></div>"#,
    );
    assert_renders(
        || div().sel(sel!(".a")).class("b"),
        r#"<div class="b"></div>"#,
    );
}

#[test]
fn class_rules() {
    assert_renders(|| div().attr("class", ""), "<div></div>");
    assert_renders(|| div().attr("class", 0), "<div></div>");
    assert_renders(|| div().attr("class", true), r#"<div class="True"></div>"#);
    assert_renders(|| div().attr("class", false), "<div></div>");
    assert_renders(|| div().attr("class", None::<&str>), "<div></div>");
    assert_renders(|| div().attr("title", ""), r#"<div title=""></div>"#);
    assert_renders(|| div().attr("title", 0), r#"<div title="0"></div>"#);
}

/// A single class name takes a shorter path than a list; the same rules.
/// Python htpy 26.5.1: `div(class_="a")` → `<div class="a"></div>`,
/// `class_=""` and `class_=None` → `<div></div>`, `class_="a&b"` →
/// `class="a&amp;b"`, `class_='<x> "y"'` → `class="&lt;x&gt; &#34;y&#34;"`.
#[test]
fn single_class_values() {
    assert_renders(|| div().class("a"), r#"<div class="a"></div>"#);
    assert_renders(
        || div().class(String::from("a")),
        r#"<div class="a"></div>"#,
    );
    assert_renders(|| div().class(Some(&"a")), r#"<div class="a"></div>"#);
    assert_renders(|| div().class(""), "<div></div>");
    assert_renders(|| div().class(Some("")), "<div></div>");
    assert_renders(|| div().class(None::<String>), "<div></div>");
    assert_renders(|| div().class("a&b"), r#"<div class="a&amp;b"></div>"#);
    assert_renders(
        || div().class(r#"<x> "y""#),
        r#"<div class="&lt;x&gt; &#34;y&#34;"></div>"#,
    );
}

#[test]
fn class_lists() {
    assert_renders(|| div().class(["a", "", "b"]), r#"<div class="a b"></div>"#);
    assert_renders(
        || div().class(vec![Some("a"), None, Some("b")]),
        r#"<div class="a b"></div>"#,
    );
    assert_renders(|| div().class(("a", "b")), r#"<div class="a b"></div>"#);
    assert_renders(
        || div().class(&["a", "b"][..]),
        r#"<div class="a b"></div>"#,
    );
    assert_renders(|| div().class([None::<&str>, Some("")]), "<div></div>");
    assert_renders(
        || div().class(["<a>", "\"b\""]),
        r#"<div class="&lt;a&gt; &#34;b&#34;"></div>"#,
    );
}

#[test]
fn class_toggles() {
    assert_renders(
        || div().class(toggle([("x", true), ("y", false), ("z", true)])),
        r#"<div class="x z"></div>"#,
    );
    assert_renders(
        || div().class(("a", toggle([("b", true), ("c", false)]))),
        r#"<div class="a b"></div>"#,
    );
    // An empty key of a dict is kept, as htpy keeps it.
    assert_renders(
        || div().class(toggle([("", true), ("a", true)])),
        r#"<div class=" a"></div>"#,
    );
    // As in a Python dict: first position, last value.
    assert_renders(
        || div().class(toggle(vec![("a", true), ("b", true), ("a", false)])),
        r#"<div class="b"></div>"#,
    );
}

#[test]
fn runtime_attribute_list() {
    let make = || {
        let mut attrs = AttrList::new();
        attrs.push("hx-get", Value::Text("/rows?page=2".into()));
        attrs.push("hidden", Value::Bool(true));
        attrs.push("n", Value::Int(-3));
        attrs.push("gone", Value::None);
        attrs.push("off", Value::Bool(false));
        attrs.push("m", Value::Markup("<i>".into()));
        attrs.push(
            "class",
            Value::Classes(vec![
                ClassItem::Text("a".into()),
                ClassItem::Skip,
                ClassItem::Toggle(vec![("b".into(), true), ("c".into(), false)]),
            ]),
        );
        div().attrs(attrs).unwrap()
    };
    assert_renders(
        make,
        r#"<div hx-get="/rows?page=2" hidden n="-3" m="&lt;i&gt;" class="a b"></div>"#,
    );
}

#[test]
fn runtime_class_list_under_another_name_is_an_error() {
    // htpy: TypeError "Attribute value must be a string or an integer , got {'a': True}"
    let mut attrs = AttrList::new();
    attrs.push("data-x", Value::Toggle(vec![("a".into(), true)]));
    let err = div().attrs(attrs.clone()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Attribute { .. }));
    assert_eq!(
        err.to_string(),
        "invalid value for attribute \"data-x\": class lists and toggles are only valid under `class` \
         (in <div>)"
    );
    assert_eq!(
        format!("{} (in <div>)", attrs.check().unwrap_err()),
        err.to_string()
    );
    let mut classes = AttrList::new();
    classes.push("data-x", Value::Classes(vec![ClassItem::Text("a".into())]));
    assert!(classes.check().is_err());
}

#[test]
fn runtime_class_list_overridden_by_a_later_value_is_fine() {
    // htpy: div({"data-x": {"a": True}}, **{"data-x": "ok"})
    let make = || {
        let mut attrs = AttrList::new();
        attrs.push("data-x", Value::Toggle(vec![("a".into(), true)]));
        attrs.push("data-x", Value::Text("ok".into()));
        div().attrs(attrs).unwrap()
    };
    assert_renders(make, r#"<div data-x="ok"></div>"#);
}

#[test]
fn many_attributes() {
    let make = || {
        let mut attrs = AttrList::new();
        for i in 0..40 {
            attrs.push(format!("a{}", i % 20), Value::Int(i));
        }
        div().attrs(attrs).unwrap()
    };
    let mut expected = String::from("<div");
    for i in 20..40 {
        write!(expected, " a{}=\"{i}\"", i % 20).unwrap();
    }
    expected.push_str("></div>");
    assert_renders(make, &expected);
}

#[test]
fn text_of_every_kind_is_a_value() {
    let shared: Arc<str> = "a&b".into();
    let counted: Rc<str> = "<c>".into();
    assert_renders(
        || {
            div()
                .attr("a", shared.clone())
                .attr("b", counted.clone())
                .attr("c", '"')
                .attr("d", Box::<str>::from("e"))
        },
        r#"<div a="a&amp;b" b="&lt;c&gt;" c="&#34;" d="e"></div>"#,
    );
    assert_renders(
        || div().class(shared.clone()),
        r#"<div class="a&amp;b"></div>"#,
    );
}

#[test]
fn display_values_and_floats() {
    assert_renders(
        || {
            div()
                .attr("x", decimals(1.0 / 8.0, 3))
                .attr("y", display("<'>"))
        },
        r#"<div x="0.125" y="&lt;&#39;&gt;"></div>"#,
    );
    // Under `class`, as text: an empty one leaves the attribute out.
    assert_renders(|| div().attr("class", display("")), "<div></div>");
    assert_renders(
        || div().attr("class", display("a b")),
        r#"<div class="a b"></div>"#,
    );
    assert_renders(
        || {
            div()
                .attr("class", display("x"))
                .attr("class", None::<&str>)
                .attr("id", 1)
        },
        r#"<div id="1"></div>"#,
    );
}

#[test]
fn class_again_replaces_and_add_class_appends() {
    assert_renders(|| div().class("a").class("b"), r#"<div class="b"></div>"#);
    assert_renders(
        || div().class("a").add_class("b").add_class(["c", ""]),
        r#"<div class="a b c"></div>"#,
    );
    assert_renders(
        || {
            div()
                .id("x")
                .class(toggle([("on", false)]))
                .add_class(Some("b"))
        },
        r#"<div id="x" class="b"></div>"#,
    );
    // Appending nothing to nothing still leaves the attribute out.
    assert_renders(|| div().class("").add_class(None::<&str>), "<div></div>");
    // A later `.class(..)` replaces the appended list too, at its first position.
    assert_renders(
        || {
            div()
                .class("a")
                .add_class("b")
                .attr("title", "t")
                .class("c")
        },
        r#"<div class="c" title="t"></div>"#,
    );
}
