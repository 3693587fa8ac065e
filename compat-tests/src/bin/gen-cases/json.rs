//! A JSON value that keeps object keys in insertion order.
//!
//! `serde_json::Value` sorts keys unless its `preserve_order` feature is on,
//! and turning that on would change it for every crate of the workspace; the
//! case files read better with `"el"` first, so the generator builds this
//! small tree and only borrows `serde_json`'s string escaping.

use std::fmt::{self, Write};

/// A JSON value; objects are ordered lists of pairs.
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in the order given.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub(crate) fn str(s: impl Into<String>) -> Self {
        Self::Str(s.into())
    }

    /// An object from its pairs.
    pub(crate) fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Self {
        Self::Obj(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// Adds a key to an object (no-op on other values).
    pub(crate) fn with(mut self, key: &str, value: Json) -> Self {
        if let Self::Obj(pairs) = &mut self {
            pairs.push((key.to_owned(), value));
        }
        self
    }
}

/// Writes `s` as a JSON string literal.
fn write_str(f: &mut impl Write, s: &str) -> fmt::Result {
    // Serializing a &str to JSON cannot fail.
    f.write_str(&serde_json::to_string(s).unwrap_or_default())
}

impl fmt::Display for Json {
    /// Compact JSON with a space after `,` and `:`, as in the hand-written
    /// case files.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => f.write_str("null"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Str(s) => write_str(f, s),
            Self::Arr(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Self::Obj(pairs) => {
                f.write_char('{')?;
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write_str(f, key)?;
                    write!(f, ": {value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn keeps_key_order_and_escapes() {
        let j = Json::obj([
            ("el", Json::str("a\"\u{0}")),
            ("attrs", Json::Arr(vec![Json::Int(-1), Json::Null])),
        ]);
        assert_eq!(j.to_string(), r#"{"el": "a\"\u0000", "attrs": [-1, null]}"#);
    }
}
