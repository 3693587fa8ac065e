//! The explicit normalisations that bring an engine's output to htpy's bytes
//! where the engine cannot write them itself.
//!
//! Each one changes spelling only, never the document a browser builds from
//! the page; [`Normalisation`] names which ones an engine needs for a page,
//! and `tests/same_bytes.rs` checks every engine with exactly those.

/// How an engine's output is brought to htpy's bytes before they are
/// compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Normalisation {
    /// None: the engine writes htpy's bytes.
    Exact,
    /// Character references and the doctype respelled as htpy writes them:
    /// see [`respell`].
    Spelling,
    /// Leptos's hydration markers removed (see [`dehydrate`]), then
    /// [`Normalisation::Spelling`].
    Hydration,
    /// Leptos's out-of-order sections moved into place (see [`assemble`]),
    /// then [`Normalisation::Hydration`].
    OutOfOrder,
    /// htpy's out-of-order sections moved into place (see [`swap`]): the
    /// page once its scripts have run, with nothing else changed.
    Swapped,
}

impl Normalisation {
    /// Applies the normalisation to `html`.
    pub fn apply(self, html: &str) -> String {
        match self {
            Normalisation::Exact => html.to_owned(),
            Normalisation::Spelling => respell(html),
            Normalisation::Hydration => respell(&dehydrate(html)),
            Normalisation::OutOfOrder => respell(&dehydrate(&assemble(html))),
            Normalisation::Swapped => swap(html),
        }
    }
}

/// Respells `html` the way htpy (like Python's markupsafe) writes it:
///
/// - `&`, `<`, `>`, `"` and `'` in text and in double-quoted attribute values
///   as `&amp; &lt; &gt; &#34; &#39;`, whether the engine wrote another
///   reference for them (`&#38;`, `&quot;`, `&#039;`, ...) or, where HTML
///   allows it, the character itself (`"` and `'` in text);
/// - the doctype in lower case, `<!doctype html>`.
///
/// It reads tags, text and comments, not the raw text of `<script>` and
/// `<style>`, which the pages have none of.
pub fn respell(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = markup_end(rest);
            respell_markup(&rest[..end], &mut out);
            rest = &rest[end..];
        } else {
            rest = respell_char(rest, &mut out);
        }
    }
    out
}

/// The length of the tag, comment or declaration `html` starts with.
fn markup_end(html: &str) -> usize {
    if html.starts_with("<!--") {
        return html.find("-->").map_or(html.len(), |end| end + "-->".len());
    }
    let mut quoted = false;
    for (i, c) in html.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    html.len()
}

fn respell_markup(markup: &str, out: &mut String) {
    if markup.starts_with("<!") {
        if markup.eq_ignore_ascii_case("<!doctype html>") {
            out.push_str("<!doctype html>");
        } else {
            out.push_str(markup);
        }
        return;
    }
    // In a tag, only what is between double quotes is an attribute value.
    let mut rest = markup;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            quoted = !quoted;
        }
        if quoted && c != '"' {
            rest = respell_char(rest, out);
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Respells the character, or character reference, `text` starts with, and
/// returns the rest of `text`.
fn respell_char<'a>(text: &'a str, out: &mut String) -> &'a str {
    const REFERENCES: [(&str, char); 12] = [
        ("&amp;", '&'),
        ("&#38;", '&'),
        ("&lt;", '<'),
        ("&#60;", '<'),
        ("&gt;", '>'),
        ("&#62;", '>'),
        ("&quot;", '"'),
        ("&#34;", '"'),
        ("&#x27;", '\''),
        ("&#39;", '\''),
        ("&#039;", '\''),
        ("&apos;", '\''),
    ];
    let (c, len) = REFERENCES
        .iter()
        .find(|(reference, _)| text.starts_with(reference))
        .map_or_else(
            || {
                let c = text.chars().next().unwrap_or_default();
                (c, c.len_utf8())
            },
            |&(reference, c)| (c, reference.len()),
        );
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&#34;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
    &text[len..]
}

/// Removes what Leptos adds for hydration and a browser ignores: the empty
/// comments `<!>` it writes between adjacent text nodes and after lists, and
/// the empty `class=""` it writes when an optional class is off.
pub fn dehydrate(html: &str) -> String {
    html.replace("<!>", "").replace(" class=\"\"", "")
}

/// Does what the scripts of a Leptos out-of-order stream do in the browser:
/// moves each section, sent after the document in a
/// `<template id="{id}f">`, in place of its placeholder, the span from
/// `<!--s-{id}o-->` to `<!--s-{id}c-->`; drops the templates and scripts.
pub fn assemble(html: &str) -> String {
    const TEMPLATE_START: &str = "<template id=\"";
    let Some(tail) = html.find(TEMPLATE_START) else {
        return html.to_owned();
    };
    let (mut document, mut rest) = (html[..tail].to_owned(), &html[tail..]);
    while let Some(start) = rest.find(TEMPLATE_START) {
        let after_id = &rest[start + TEMPLATE_START.len()..];
        let Some((id, after_tag)) = after_id.split_once("f\">") else {
            break;
        };
        let Some((section, after_template)) = after_tag.split_once("</template>") else {
            break;
        };
        let (open, close) = (format!("<!--s-{id}o-->"), format!("<!--s-{id}c-->"));
        if let (Some(from), Some(to)) = (document.find(&open), document.find(&close)) {
            document.replace_range(from..to + close.len(), section);
        }
        rest = after_template;
    }
    document
}

/// Does what the scripts of htpy's out-of-order stream do in the browser:
/// moves the content of each section, sent later in
/// `<template id="{id}-c">` and followed by `<script>htpySwap('{id}')</script>`,
/// in place of its fallback, the span from `<template id="{id}-s"></template>`
/// to `<template id="{id}-e"></template>`; drops the script that defines
/// `htpySwap`. Sections go in the order they were sent, as the scripts run,
/// so one sent inside another finds its place.
pub fn swap(html: &str) -> String {
    const CALL: &str = "<script>htpySwap('";
    let mut html = html.to_owned();
    while let Some(call) = html.find(CALL) {
        let after_call = &html[call + CALL.len()..];
        let Some(id_len) = after_call.find("')</script>") else {
            break;
        };
        let id = after_call[..id_len].to_owned();
        let call_end = call + CALL.len() + id_len + "')</script>".len();
        let open = format!("<template id=\"{id}-c\">");
        let close = "</template>";
        let Some(start) = html[..call].rfind(&open) else {
            break;
        };
        let content = html[start + open.len()..call - close.len()].to_owned();
        html.replace_range(start..call_end, "");
        let start_marker = format!("<template id=\"{id}-s\"></template>");
        let end_marker = format!("<template id=\"{id}-e\"></template>");
        if let (Some(from), Some(to)) = (html.find(&start_marker), html.find(&end_marker)) {
            html.replace_range(from..to + end_marker.len(), &content);
        }
    }
    if let Some(definition) = html.find("<script>self.htpySwap=")
        && let Some(end) = html[definition..].find("</script>")
    {
        html.replace_range(definition..definition + end + "</script>".len(), "");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respell_writes_markupsafe_references() {
        assert_eq!(
            respell("&#38;&#60;&#62;&#34;&#39;"),
            "&amp;&lt;&gt;&#34;&#39;"
        );
        assert_eq!(
            respell("&amp;&lt;&gt;&quot;&#039;"),
            "&amp;&lt;&gt;&#34;&#39;"
        );
        assert_eq!(respell("it's \"so\""), "it&#39;s &#34;so&#34;");
    }

    #[test]
    fn respell_keeps_markupsafe_output() {
        let html = r#"<!doctype html><p title="a&#34;b&#39;c&lt;&gt;&amp;">x&#34;y&#39;z&lt;&gt;&amp;</p>"#;
        assert_eq!(respell(html), html);
    }

    #[test]
    fn respell_reads_attribute_values_but_not_tag_syntax() {
        assert_eq!(
            respell(r#"<a href="/" title="O'Brien &quot;">x</a>"#),
            r#"<a href="/" title="O&#39;Brien &#34;">x</a>"#
        );
    }

    #[test]
    fn respell_lowers_the_doctype_only() {
        assert_eq!(
            respell("<!DOCTYPE html><!-- Keep -->"),
            "<!doctype html><!-- Keep -->"
        );
    }

    #[test]
    fn dehydrate_drops_markers_and_empty_classes() {
        assert_eq!(
            dehydrate(r#"<li class=""><b>a</b>: <!>1</li><!>"#),
            "<li><b>a</b>: 1</li>"
        );
    }

    #[test]
    fn swap_moves_sections_into_place_in_the_order_they_were_sent() {
        let html = concat!(
            "<main>",
            r#"<template id="h1-1-s"></template><p>wait</p><template id="h1-1-e"></template>"#,
            r#"<template id="h1-2-s"></template><p>wait</p><template id="h1-2-e"></template>"#,
            "</main><script>self.htpySwap=function(i){};</script>",
            r#"<template id="h1-2-c"><section>two"#,
            r#"<template id="h1-3-s"></template>…<template id="h1-3-e"></template>"#,
            r#"</section></template><script>htpySwap('h1-2')</script>"#,
            r#"<template id="h1-1-c"><section>one</section></template><script>htpySwap('h1-1')</script>"#,
            r#"<template id="h1-3-c"><b>three</b></template><script>htpySwap('h1-3')</script>"#,
            "<footer></footer>",
        );
        assert_eq!(
            swap(html),
            "<main><section>one</section><section>two<b>three</b></section></main><footer></footer>"
        );
    }

    #[test]
    fn swap_keeps_a_page_without_sections() {
        let html = "<main><template id=\"t\"><p>kept</p></template></main>";
        assert_eq!(swap(html), html);
    }

    #[test]
    fn assemble_moves_sections_into_place() {
        let html = concat!(
            "<main><!--s-1-o--><p>wait</p><!--s-1-c--></main>",
            "<template id=\"1-f\"><section>one</section></template><script>swap()</script>",
        );
        assert_eq!(assemble(html), "<main><section>one</section></main>");
    }
}
