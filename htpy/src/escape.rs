//! Escaping exactly as Python's markupsafe: `& < > " '` become
//! `&amp; &lt; &gt; &#34; &#39;`, and nothing else changes.

use std::fmt;

use crate::output::append;

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
        // Through a `String` of its own: a call handed the page's buffer
        // would keep its length out of registers.
        let mut escaped = std::mem::take(out);
        escape_from(text, &mut escaped);
        *out = escaped;
    } else {
        append(out, text);
    }
}

/// Escapes `text`, which holds something to escape, stretch by stretch.
///
/// Out of line, so the plain path stays small where it is inlined. The
/// bytes kept (most) are passed over eight at a time ([`next_escaped`]);
/// each escaped byte has an arm of its own that appends its replacement as
/// a literal, a copy of known length that compiles to a store or two. Its
/// caller hands it a `String` of its own, so that the page's buffer is
/// never handed to a call; it moves that `String` out of `buf` and back
/// too, so that its own loop keeps the length in a register (fewer
/// instructions on the dashboard, 46,916 against 47,004, and faster; see
/// `docs/src/performance.md`).
#[inline(never)]
fn escape_from(text: &str, buf: &mut String) {
    let mut escaped = std::mem::take(buf);
    let out = &mut escaped;
    let mut start = 0;
    while let Some(at) = next_escaped(text.as_bytes(), start) {
        append(out, &text[start..at]);
        match text.as_bytes()[at] {
            b'&' => append(out, "&amp;"),
            b'<' => append(out, "&lt;"),
            b'>' => append(out, "&gt;"),
            b'"' => append(out, "&#34;"),
            _ => append(out, "&#39;"),
        }
        start = at + 1;
    }
    append(out, &text[start..]);
    *buf = escaped;
}

/// The position of the first byte markupsafe escapes in `bytes` from
/// `from` on. Eight bytes are tested at once, as the bytes of a `u64`: a
/// byte is `"`, or one of `&'` once its lowest bit is set, or one of `<>`
/// once its second bit is set, so three tests for a zero byte find all
/// five. A test for a zero byte can mark, wrongly, a byte above one it
/// marks rightly, never below: the lowest mark is the first match.
#[inline]
fn next_escaped(bytes: &[u8], from: usize) -> Option<usize> {
    const fn each_byte(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    const ONES: u64 = each_byte(0x01);
    let zero = |word: u64| word.wrapping_sub(ONES) & !word & each_byte(0x80);
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let found = zero(word ^ each_byte(b'"'))
            | zero((word | ONES) ^ each_byte(b'\''))
            | zero((word | each_byte(0x02)) ^ each_byte(b'>'));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = words.remainder();
    tail.iter()
        .position(|&byte| ESCAPED[usize::from(byte)])
        .map(|i| at + i)
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

    /// The escaper spelled out char by char, to check the fast one against.
    fn reference(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&#34;".to_owned(),
                '\'' => "&#39;".to_owned(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn stretches_at_the_start_middle_and_end() {
        for text in [
            "&plain",
            "plain&",
            "pl&ain",
            "&&",
            "<a href=\"x\">'y'</a>",
            "'",
            "\"\"",
        ] {
            assert_eq!(escape(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn non_ascii_text_around_escapes() {
        for text in [
            "Zoë O'Brien & \"Friends\" <admin>",
            "€12<€13",
            "😄&😄",
            "日本語'テキスト'",
            "é",
            "\u{7f}\u{80}&\u{10ffff}",
        ] {
            assert_eq!(escape(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn every_byte_of_every_char_is_told_apart_at_every_place_in_a_word() {
        // Every char of one and two bytes, and some of three and four,
        // before an escape and after one, at each place in an eight-byte
        // word: the bytes near those escaped, and those of chars of more
        // than one byte, must be kept.
        let chars = (0..0x800)
            .chain([0x20AC, 0xFFFD, 0x1F604])
            .filter_map(char::from_u32);
        for c in chars {
            for pad in 0..9 {
                let pad = "a".repeat(pad);
                for text in [format!("{pad}{c}{pad}&{c}"), format!("'{pad}{c}{c}{pad}")] {
                    assert_eq!(escape(&text), reference(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn long_text_matches_the_reference() {
        // Every byte class in a long text, escapes dense and sparse.
        let dense: String = "a&b<c>d\"e'f€g".repeat(500);
        let sparse = format!("{}&{}", "x".repeat(10_000), "ü".repeat(3_000));
        for text in [dense.as_str(), sparse.as_str()] {
            assert_eq!(escape(text), reference(text));
        }
    }

    #[test]
    fn appends_to_what_the_buffer_holds() {
        let mut out = String::from("<p>");
        escape_into("a&b", &mut out);
        escape_into("", &mut out);
        escape_into("c", &mut out);
        assert_eq!(out, "<p>a&amp;bc");
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
