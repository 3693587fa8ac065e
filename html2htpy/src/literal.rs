//! Rust string literals that hold any text exactly.

use std::fmt::Write as _;

/// Whether `c` is written as an escape in a literal: controls, and the
/// characters a reader cannot see or that reorder the line around them
/// (no-break and zero-width spaces, bidirectional controls, line and
/// paragraph separators, the byte order mark).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{a0}'
                | '\u{ad}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{180e}'
                | '\u{2000}'..='\u{200f}'
                | '\u{2028}'..='\u{202f}'
                | '\u{205f}'..='\u{206f}'
                | '\u{3000}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{fff0}'..='\u{fffb}'
        )
}

/// `text` as a Rust string literal, as short and as readable as it can be:
/// a plain literal with escapes, or a raw literal (`r#"…"#`) when the text
/// holds quotes or backslashes and nothing that needs an escape. With
/// `keep_newlines`, line feeds and tabs stay as they are in the literal
/// (the text of a script, a style or a `<pre>` then reads as it will run);
/// else they are written `\n` and `\t`.
///
/// ```
/// use html2htpy::string_literal;
///
/// assert_eq!(string_literal("a \"b\"", false), r##"r#"a "b""#"##);
/// assert_eq!(string_literal("x\ny", false), r#""x\ny""#);
/// assert_eq!(string_literal("x\ny", true), "\"x\ny\"");
/// assert_eq!(string_literal("\u{a0}", false), r#""\u{a0}""#);
/// ```
pub fn string_literal(text: &str, keep_newlines: bool) -> String {
    let kept = |c: char| keep_newlines && matches!(c, '\n' | '\t');
    let needs_escape = text.chars().any(|c| is_hidden(c) && !kept(c));
    if !needs_escape && text.contains(['"', '\\']) {
        return raw_literal(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if kept(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if is_hidden(c) => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a raw literal, with one `#` more than the longest run of `#`
/// after a `"` in it, so that no `"#…` in the text ends the literal.
fn raw_literal(text: &str) -> String {
    let mut longest = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].chars().take_while(|&c| c == '#').count();
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{text}\"{hashes}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a literal back, as rustc would: the test's own small parser of
    /// the two forms written above.
    fn read_back(literal: &str) -> String {
        if let Some(rest) = literal.strip_prefix('r') {
            let hashes = rest.chars().take_while(|&c| c == '#').count();
            return rest[hashes + 1..rest.len() - hashes - 1].to_owned();
        }
        let body = &literal[1..literal.len() - 1];
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                assert_ne!(c, '"', "an unescaped quote in {literal}");
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('u') => {
                    let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    let code = u32::from_str_radix(&code, 16).unwrap();
                    out.push(char::from_u32(code).unwrap());
                }
                other => panic!("unknown escape {other:?} in {literal}"),
            }
        }
        out
    }

    const TRICKY: [&str; 22] = [
        "",
        "plain",
        "\"",
        "\"#",
        "\"##\"#",
        "a\"#b\"###c",
        "#\"",
        "\\",
        "\\\"",
        "C:\\path\\",
        "'single'",
        "line\nbreak",
        "tab\there",
        "\r\n",
        "nul\0",
        "\u{1}\u{1f}\u{7f}\u{80}\u{9f}",
        "nbsp\u{a0}zero\u{200b}width\u{feff}",
        "bidi\u{202e}rtl\u{2066}",
        "é ü → 漢字 🙂",
        "\u{2028}\u{2029}",
        "{}{{}}",
        "\"\\\n",
    ];

    #[test]
    fn every_tricky_text_reads_back_as_itself() {
        for text in TRICKY {
            for keep_newlines in [false, true] {
                let literal = string_literal(text, keep_newlines);
                assert_eq!(read_back(&literal), text, "{literal}");
                assert!(
                    !literal.contains('\r') && !literal.contains('\0'),
                    "a bare control in {literal:?}"
                );
            }
        }
    }

    #[test]
    fn raw_literals_take_enough_hashes() {
        assert_eq!(string_literal("a\"#b", false), "r##\"a\"#b\"##");
        assert_eq!(string_literal("\"", false), "r#\"\"\"#");
        assert_eq!(string_literal("\\d+", false), r##"r#"\d+"#"##);
    }

    #[test]
    fn hidden_characters_are_escaped_even_with_quotes() {
        assert_eq!(string_literal("\"\u{a0}\"", false), "\"\\\"\\u{a0}\\\"\"");
        assert_eq!(string_literal("a\"\nb", false), "\"a\\\"\\nb\"");
        assert_eq!(string_literal("a\"\nb", true), "r#\"a\"\nb\"#");
    }
}
