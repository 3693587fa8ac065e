//! Escaping exactly as Python's markupsafe: `& < > " '` become
//! `&amp; &lt; &gt; &#34; &#39;`, and nothing else changes.

use std::fmt;

/// The replacement for `byte`, if markupsafe escapes it.
fn replacement(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&#34;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Whether markupsafe escapes a byte: a table, so that scanning costs a load
/// and a test per byte.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

/// Appends `text` to `out`, escaped. Text with nothing to escape, the common
/// case, is copied whole; otherwise unescaped stretches are copied as slices.
#[inline]
pub(crate) fn escape_into(text: &str, out: &mut String) {
    // Every byte is tested, with no early exit, so the loop unrolls: text
    // with something to escape is rare, and then scanned again.
    if text
        .bytes()
        .fold(false, |found, byte| found | ESCAPED[usize::from(byte)])
    {
        escape_from(text, out);
    } else {
        out.push_str(text);
    }
}

/// Escapes `text`, which holds something to escape, stretch by stretch.
///
/// Out of line (`cold`), so the plain path stays small where it is inlined.
#[cold]
fn escape_from(text: &str, out: &mut String) {
    let mut start = 0;
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        if let Some(rep) = replacement(byte) {
            out.push_str(&text[start..i]);
            out.push_str(rep);
            start = i + 1;
        }
    }
    out.push_str(&text[start..]);
}

/// A `fmt::Write` that escapes what is written through it, so that `write!`
/// of any `Display` value escapes as it goes, without a temporary `String`.
pub(crate) struct Escaper<'a>(pub(crate) &'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(s, self.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(text, &mut out);
        out
    }

    #[test]
    fn markupsafe_table() {
        assert_eq!(escape("&<>\"'"), "&amp;&lt;&gt;&#34;&#39;");
    }

    #[test]
    fn every_other_ascii_byte_is_kept() {
        for byte in 0u8..128 {
            let text = char::from(byte).to_string();
            let expected = match byte {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&#34;",
                b'\'' => "&#39;",
                _ => &text,
            };
            assert_eq!(escape(&text), expected, "byte {byte}");
        }
    }

    #[test]
    fn unicode_is_kept() {
        assert_eq!(escape("ä<ö>€😄\u{0}"), "ä&lt;ö&gt;€😄\u{0}");
    }

    #[test]
    fn every_length_and_position_is_scanned() {
        // Each length up to 23, with one byte to escape at each position,
        // or none.
        for len in 0..24 {
            let plain = "a".repeat(len);
            assert_eq!(escape(&plain), plain);
            for at in 0..len {
                for (byte, rep) in [
                    ('&', "&amp;"),
                    ('<', "&lt;"),
                    ('>', "&gt;"),
                    ('"', "&#34;"),
                    ('\'', "&#39;"),
                ] {
                    let mut text = plain.clone();
                    text.replace_range(at..=at, &byte.to_string());
                    let expected = format!("{}{rep}{}", &plain[..at], &plain[at + 1..]);
                    assert_eq!(escape(&text), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn runs_between_escapes() {
        assert_eq!(escape("a&&b<c"), "a&amp;&amp;b&lt;c");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn escaper_escapes_display() {
        use std::fmt::Write;
        let mut out = String::new();
        let quote = '\'';
        write!(Escaper(&mut out), "{}<{quote}", 1).unwrap();
        assert_eq!(out, "1&lt;&#39;");
    }
}
