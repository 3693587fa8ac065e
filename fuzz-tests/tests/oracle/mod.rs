//! The oracle: html5ever's tokenizer (not its tree builder, which would
//! repair what it reads), with a sink that switches to the raw text states
//! after the start tags that need them, as a tree builder tells it to, and
//! the tokens that a page should read back as.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, CommentToken, DoctypeToken, EOFToken, EndTag, NullCharacterToken,
    ParseError, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A token as the page reads back: names as the tokenizer gives them
/// (ASCII letters lowercased, attribute names not decoded), values and text
/// decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A start tag and its attributes, in order.
    Start(String, Vec<(String, String)>),
    /// An end tag.
    End(String),
    /// Characters; adjacent ones are one token.
    Text(String),
    /// A comment's text.
    Comment(String),
}

/// How the tokenizer reads the content of the element `name` (lowercase),
/// as HTML's tree construction tells it to (scripting enabled).
pub(crate) fn content_kind(name: &str) -> Option<TokenSinkResult<()>> {
    match name {
        "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(TokenSinkResult::RawData(RawKind::Rawtext))
        }
        "textarea" | "title" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
        "plaintext" => Some(TokenSinkResult::Plaintext),
        _ => None,
    }
}

/// Collects the tokens, and switches the tokenizer's state after a start
/// tag whose content it reads in a state of its own.
#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<Tok>>,
}

impl Sink {
    fn push_text(&self, text: &str) {
        let mut tokens = self.tokens.borrow_mut();
        if let Some(Tok::Text(last)) = tokens.last_mut() {
            last.push_str(text);
        } else {
            tokens.push(Tok::Text(text.to_owned()));
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            CharacterTokens(text) => self.push_text(&text),
            // The tokenizer passes a NUL of the data state on as it is.
            NullCharacterToken => self.push_text("\0"),
            CommentToken(text) => self
                .tokens
                .borrow_mut()
                .push(Tok::Comment(text.to_string())),
            TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == StartTag {
                    let attrs = tag
                        .attrs
                        .iter()
                        .map(|attr| (attr.name.local.to_string(), attr.value.to_string()))
                        .collect();
                    self.tokens
                        .borrow_mut()
                        .push(Tok::Start(name.clone(), attrs));
                    if let Some(kind) = content_kind(&name) {
                        return kind;
                    }
                } else {
                    assert_eq!(tag.kind, EndTag);
                    self.tokens.borrow_mut().push(Tok::End(name));
                }
            }
            DoctypeToken(doctype) => panic!("a doctype where none was written: {doctype:?}"),
            // Parse errors are fine (a name holding `"` is one): what counts is
            // what the page reads as.
            ParseError(_) | EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokens of `html`, as a browser's tokenizer reads them.
pub(crate) fn tokenize(html: &str) -> Vec<Tok> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

/// Text as the tokenizer hands it on: CR LF and lone CR become LF (the
/// input stream's preprocessing).
pub(crate) fn newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Text read where the tokenizer replaces NUL (values, comments, raw text).
pub(crate) fn no_nul(text: &str) -> String {
    newlines(text).replace('\0', "\u{fffd}")
}

/// markupsafe's escaping, as the oracle's own copy: what a raw text element
/// reads back, and what an attribute name reads back as (the tokenizer
/// decodes no character reference in a name).
pub(crate) fn escaped(text: &str) -> String {
    const TABLE: [(char, &str); 5] = [
        ('&', "&amp;"),
        ('<', "&lt;"),
        ('>', "&gt;"),
        ('"', "&#34;"),
        ('\'', "&#39;"),
    ];
    text.chars().fold(String::new(), |mut out, c| {
        match TABLE.iter().find(|(escaped, _)| *escaped == c) {
            Some((_, reference)) => out.push_str(reference),
            None => out.push(c),
        }
        out
    })
}

/// Joins adjacent texts and drops empty ones, then applies the tokenizer's
/// newline preprocessing to each, as the tokenizer sees one stream.
pub(crate) fn normalized(tokens: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for token in tokens {
        match (out.last_mut(), token) {
            (_, Tok::Text(text)) if text.is_empty() => {}
            (Some(Tok::Text(last)), Tok::Text(text)) => last.push_str(&text),
            (_, token) => out.push(token),
        }
    }
    for token in &mut out {
        if let Tok::Text(text) = token {
            *text = newlines(text);
        }
    }
    out
}

/// The documented rule for attribute names, as the oracle's own copy: the
/// empty name, or one holding ASCII whitespace, `/`, `=` or a control
/// character.
pub(crate) fn refused_attr_name(name: &str) -> bool {
    name.is_empty()
        || name
            .chars()
            .any(|c| c.is_ascii_control() || c == ' ' || c == '/' || c == '=')
}
