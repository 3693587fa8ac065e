//! Refusals by design: names that the crate refuses where Python htpy
//! writes them, decided from the case alone by the runner's own reading of
//! the documented rules (`docs/src/divergences.md` and the contract's
//! "Refusals by design"), never by asking the crate. A case that holds such
//! a name expects the crate's error in every mode, whatever the fixture
//! holds.

use htpy::ErrorKind;
use serde_json::Value as Json;

/// A rule of refusal that a case's name breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// An attribute name that could start another attribute: the contract's
    /// `attribute_name`.
    AttributeName(String),
    /// An element name that is neither an HTML nor a custom element name, or
    /// that is `plaintext`.
    ElementName(String),
}

impl Refusal {
    /// The first refused name of a case, in document order (the order htpy
    /// builds an eager tree in): an element's name, then its attributes,
    /// then its children. A case that also holds an error that htpy raises
    /// first cannot say which comes first in the crate, so hand-written and
    /// generated cases keep a refused name where it is the first error.
    pub(crate) fn of_case(node: &Json) -> Option<Self> {
        match node {
            Json::Array(items) => items.iter().find_map(Self::of_case),
            Json::Object(object) => {
                let element = object.get("el").and_then(Json::as_str);
                let element = element
                    .filter(|name| refused_element_name(name))
                    .map(|name| Self::ElementName(name.to_owned()));
                let attribute = || {
                    object
                        .get("attrs")
                        .and_then(Json::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|pair| pair.get(0).and_then(Json::as_str))
                        .find(|name| refused_attribute_name(name))
                        .map(|name| Self::AttributeName(name.to_owned()))
                };
                element
                    .or_else(attribute)
                    .or_else(|| object.values().find_map(Self::of_case))
            }
            _ => None,
        }
    }

    /// The error the case must end with, as a failure line names it.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Refusal::AttributeName(_) => "attribute_name",
            Refusal::ElementName(_) => "element_name",
        }
    }

    /// Whether the crate's error is this refusal's.
    pub(crate) fn matches(&self, error: &htpy::Error) -> bool {
        match (self, error.kind()) {
            (Refusal::AttributeName(want), ErrorKind::AttributeName { name, .. })
            | (Refusal::ElementName(want), ErrorKind::ElementName { name, .. }) => want == name,
            _ => false,
        }
    }
}

/// The contract's rule: the empty name, or one holding U+0009, U+000A,
/// U+000C, U+000D, U+0020, `/`, `=`, NUL, another C0 control character, or
/// DEL.
pub(crate) fn refused_attribute_name(name: &str) -> bool {
    name.is_empty()
        || name
            .chars()
            .any(|c| c.is_ascii_control() || c == ' ' || c == '/' || c == '=')
}

/// The rule of `docs/src/divergences.md`: a name from data is an HTML
/// element name (an ASCII letter, then ASCII letters and digits), or a
/// custom element name (an ASCII letter, then, with at least one `-`, ASCII
/// letters of either case and HTML's `PCENChar`s), and never `plaintext`.
pub(crate) fn refused_element_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    if !first.is_ascii_alphabetic() || name.eq_ignore_ascii_case("plaintext") {
        return true;
    }
    if name.contains('-') {
        !chars.all(|c| c.is_ascii_uppercase() || in_pcen_char(c))
    } else {
        !chars.all(|c| c.is_ascii_alphanumeric())
    }
}

/// HTML's `PCENChar` (the characters of a custom element name after its
/// first), as the specification lists them.
fn in_pcen_char(c: char) -> bool {
    const RANGES: &[(u32, u32)] = &[
        (0x2D, 0x2E),
        (0x30, 0x39),
        (0x5F, 0x5F),
        (0x61, 0x7A),
        (0xB7, 0xB7),
        (0xC0, 0xD6),
        (0xD8, 0xF6),
        (0xF8, 0x37D),
        (0x37F, 0x1FFF),
        (0x200C, 0x200D),
        (0x203F, 0x2040),
        (0x2070, 0x218F),
        (0x2C00, 0x2FEF),
        (0x3001, 0xD7FF),
        (0xF900, 0xFDCF),
        (0xFDF0, 0xFFFD),
        (0x1_0000, 0xE_FFFF),
    ];
    let code = u32::from(c);
    RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn attribute_names() {
        for name in [
            "", "x onload", "a\tb", "a/b", "a=b", "\0", "\u{7f}", "\u{b}",
        ] {
            assert!(refused_attribute_name(name), "{name:?}");
        }
        for name in [
            "@click.shift",
            "hx-on::after-request",
            ":class",
            "\u{e9}",
            "x<\"y",
            "\u{85}",
        ] {
            assert!(!refused_attribute_name(name), "{name:?}");
        }
    }

    #[test]
    fn element_names() {
        for name in [
            "",
            "1x",
            "my widget",
            "svg:rect",
            "my_widget",
            "x-y z",
            "plaintext",
            "PlainText",
        ] {
            assert!(refused_element_name(name), "{name:?}");
        }
        for name in [
            "div",
            "h1",
            "foreignObject",
            "My-Widget",
            "x-\u{e4}",
            "a-b.c_d",
            "imaginary-",
            "xmp",
        ] {
            assert!(!refused_element_name(name), "{name:?}");
        }
    }

    #[test]
    fn first_refusal_in_document_order() {
        let case = json!([
            {"lazy": {"el": "p", "attrs": [["a b", 1]]}},
            {"el": "1x", "attrs": [["=", 1]]}
        ]);
        assert_eq!(
            Refusal::of_case(&case),
            Some(Refusal::AttributeName("a b".into()))
        );
        let case = json!({"el": "1x", "attrs": [["=", 1]]});
        assert_eq!(
            Refusal::of_case(&case),
            Some(Refusal::ElementName("1x".into()))
        );
        // A name in a text or a value is no name.
        assert_eq!(
            Refusal::of_case(&json!(["a b", {"el": "p", "attrs": [["t", "a b"]]}])),
            None
        );
    }
}
