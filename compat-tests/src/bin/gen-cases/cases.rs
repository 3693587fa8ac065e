//! Random compat cases: every node kind and attribute value form of the
//! contract (`/work/shared/compat-case-format.md`), within a depth and size
//! budget, with text and shorthand chosen to hit escaping, Unicode and
//! Python's whitespace rules.

use crate::json::Json;
use crate::rng::Rng;

/// Every character for which Python's `str.isspace()` is true: the shorthand
/// rejects these. Rust's `char::is_whitespace` differs (U+001C..U+001F).
const PYTHON_WHITESPACE: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}', ' ', '\u{85}',
    '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}',
    '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}',
    '\u{205f}', '\u{3000}',
];

/// Characters that look like spacing but that Python does not count as
/// whitespace, so the shorthand accepts them.
const NOT_WHITESPACE: &[char] = &[
    '\u{200b}', '\u{180e}', '\u{feff}', '\u{2060}', '\u{0}', '\u{7f}',
];

/// The void elements: they never get `children`.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Ordinary elements, `html` aside.
const NORMAL: &[&str] = &[
    "div", "p", "span", "ul", "li", "a", "section", "b", "i", "h1", "table", "td", "button",
    "form", "label", "select", "option", "textarea", "script", "style", "pre", "del", "template",
];

/// Custom and unusual element names.
const CUSTOM: &[&str] = &["my-widget", "x-foo-bar", "foreignObject", "imaginary-"];

/// Attribute names that real pages use.
const COMMON_ATTRS: &[&str] = &[
    "title",
    "href",
    "data-x",
    "hx-get",
    "aria-label",
    "disabled",
    "checked",
    "style",
    "value",
    "_",
    "@click",
    ":class",
    "for",
];

/// The characters that the crate refuses in an attribute name (the contract's
/// `attribute_name` rule), a sample of the controls among them.
const REFUSED_IN_ATTR_NAMES: &[char] = &[
    '\t', '\n', '\u{c}', '\r', ' ', '/', '=', '\0', '\u{1}', '\u{b}', '\u{1b}', '\u{1f}', '\u{7f}',
];

/// Percent of cases wrapped in an element whose first attribute name the
/// crate refuses, and of those wrapped in `plaintext` instead.
const REFUSED_NAME_CHANCE: usize = 6;
const PLAINTEXT_CHANCE: usize = 1;

/// Deepest nesting of nodes; below it only leaves are generated.
const MAX_DEPTH: usize = 6;

/// Weights of the node kinds, in the order `node_with` matches them: the
/// leaves (text, integer, null/bool, markup, comment, consume, childless
/// element) and then element, list, fragment, lazy, iter, await, aiter,
/// provide.
const NODE_WEIGHTS: &[usize] = &[14, 5, 3, 4, 3, 4, 26, 6, 4, 6, 5, 5, 4, 4];

/// The weights for a case's top node: mostly something with children.
const TOP_WEIGHTS: &[usize] = &[3, 1, 1, 1, 1, 1, 40, 6, 6, 6, 5, 5, 4, 4];

/// How many kinds at the front of the weights are leaves (the element is
/// one when it may not have children).
const LEAF_KINDS: usize = 7;

/// A context declared in the case file.
struct Context {
    /// Its name in the file.
    name: String,
    /// Whether it has a default (consuming it never fails).
    has_default: bool,
}

/// Generates the cases of one file.
pub(crate) struct Generator {
    /// The source of all choices.
    rng: Rng,
    /// The file's contexts.
    contexts: Vec<Context>,
    /// Contexts provided around the node being generated (indices).
    provided: Vec<usize>,
    /// Trace labels used so far in the current case.
    traces: usize,
    /// Nodes the current case may still add.
    budget: usize,
}

impl Generator {
    /// A generator fixed by `seed`, with the file's contexts chosen.
    pub(crate) fn new(seed: u64) -> Self {
        let mut g = Self {
            rng: Rng::new(seed),
            contexts: Vec::new(),
            provided: Vec::new(),
            traces: 0,
            budget: 0,
        };
        let names = [
            "theme",
            "user",
            "lang",
            "\u{3ba}\u{3cc}\u{3c3}\u{3bc}\u{3bf}\u{3c2}",
        ];
        for (i, name) in names.iter().enumerate() {
            // The first always has a default and the second never does, so
            // both forms appear in every file.
            let has_default = match i {
                0 => true,
                1 => false,
                _ => g.rng.chance(50),
            };
            g.contexts.push(Context {
                name: (*name).to_owned(),
                has_default,
            });
        }
        g
    }

    /// The file's `contexts` object, defaults drawn at random.
    pub(crate) fn contexts_json(&mut self) -> Json {
        let mut pairs = Vec::new();
        for i in 0..self.contexts.len() {
            let spec = if self.contexts[i].has_default {
                Json::obj([("default", Json::Str(self.text(8)))])
            } else {
                Json::Obj(Vec::new())
            };
            pairs.push((self.contexts[i].name.clone(), spec));
        }
        Json::Obj(pairs)
    }

    /// One case: `{"name": NAME, "node": NODE}`.
    pub(crate) fn case(&mut self, name: String) -> Json {
        self.traces = 0;
        self.budget = self.rng.range(3, 60);
        self.provided.clear();
        let node = self.node_with(0, TOP_WEIGHTS);
        let node = self.maybe_refused(node);
        Json::obj([("name", Json::Str(name)), ("node", node)])
    }

    /// Now and then wraps a case's node in an element named or given an
    /// attribute that the crate refuses by design. The wrapper is built
    /// first (its name, then its attributes, before its children), so the
    /// refusal is the case's first error in every mode, as the runner,
    /// judging the case by its rule, expects.
    fn maybe_refused(&mut self, node: Json) -> Json {
        if self.rng.chance(PLAINTEXT_CHANCE) {
            let name = *self.rng.pick(&["plaintext", "PLAINTEXT", "PlainText"]);
            return Json::obj([("el", Json::str(name)), ("children", Json::Arr(vec![node]))]);
        }
        if !self.rng.chance(REFUSED_NAME_CHANCE) {
            return node;
        }
        let refused = if self.rng.chance(15) {
            String::new()
        } else {
            let mut name = self.attr_name_text();
            let at = self.char_boundary(&name);
            name.insert(at, *self.rng.pick(REFUSED_IN_ATTR_NAMES));
            name
        };
        let value = self.attr_value(false);
        let mut pairs = vec![Json::Arr(vec![Json::Str(refused), value])];
        if let Json::Arr(more) = self.attrs() {
            pairs.extend(more);
        }
        Json::obj([
            ("el", Json::str(*self.rng.pick(NORMAL))),
            ("attrs", Json::Arr(pairs)),
            ("children", Json::Arr(vec![node])),
        ])
    }

    /// A random node at `depth`.
    fn node(&mut self, depth: usize) -> Json {
        self.node_with(depth, NODE_WEIGHTS)
    }

    /// A random node at `depth`, kinds drawn by `weights` (see
    /// [`NODE_WEIGHTS`]); past the depth or budget only leaves.
    fn node_with(&mut self, depth: usize, weights: &[usize]) -> Json {
        self.budget = self.budget.saturating_sub(1);
        let nested = depth < MAX_DEPTH && self.budget > 0;
        let weights = if nested {
            weights
        } else {
            &weights[..LEAF_KINDS]
        };
        match self.rng.weighted(weights) {
            0 => Json::Str(self.text(12)),
            1 => Json::Int(self.int()),
            2 => match self.rng.below(3) {
                0 => Json::Null,
                n => Json::Bool(n == 1),
            },
            3 => Json::obj([("markup", Json::Str(self.markup()))]),
            4 => Json::obj([("comment", Json::Str(self.comment()))]),
            5 => self.consume(),
            6 => self.element(depth, nested),
            7 => Json::Arr(self.children(depth)),
            8 => Json::obj([("fragment", Json::Arr(self.children(depth)))]),
            9 => {
                let inner = self.node(depth + 1);
                self.traced(Json::obj([("lazy", inner)]))
            }
            10 => {
                let items = self.children(depth);
                self.traced(Json::obj([("iter", Json::Arr(items))]))
            }
            11 => {
                let inner = self.node(depth + 1);
                let node = self.traced(Json::obj([("await", inner)]));
                self.delayed(node)
            }
            12 => {
                let items = self.children(depth);
                let node = self.traced(Json::obj([("aiter", Json::Arr(items))]));
                self.delayed(node)
            }
            _ => self.provide(depth),
        }
    }

    /// 0 to 4 children one level down (fewer when deep or out of budget).
    fn children(&mut self, depth: usize) -> Vec<Json> {
        let max = if self.budget == 0 {
            0
        } else {
            4usize.saturating_sub(depth / 2).max(1)
        };
        let n = self.rng.range(0, max);
        (0..n).map(|_| self.node(depth + 1)).collect()
    }

    /// Adds a unique `trace` label most of the time.
    fn traced(&mut self, node: Json) -> Json {
        if self.rng.chance(75) {
            self.traces += 1;
            node.with("trace", Json::Str(format!("t{}", self.traces)))
        } else {
            node
        }
    }

    /// Adds a `delay_ms` of 0 to 3 half of the time.
    fn delayed(&mut self, node: Json) -> Json {
        if self.rng.chance(50) {
            let delay = i128::try_from(self.rng.below(4)).unwrap_or(0);
            node.with("delay_ms", Json::Int(delay))
        } else {
            node
        }
    }

    /// `{"provide": CTX, "value": S, "node": NODE}`, tracking the scope.
    fn provide(&mut self, depth: usize) -> Json {
        let ctx = self.rng.below(self.contexts.len());
        let value = self.text(8);
        self.provided.push(ctx);
        let node = self.node(depth + 1);
        self.provided.pop();
        Json::obj([
            ("provide", Json::Str(self.contexts[ctx].name.clone())),
            ("value", Json::Str(value)),
            ("node", node),
        ])
    }

    /// `{"consume": CTX, "format": F}`; a context with neither default nor
    /// provider (an error) is picked only now and then.
    fn consume(&mut self) -> Json {
        let mut ctx = self.rng.below(self.contexts.len());
        if !self.contexts[ctx].has_default && !self.provided.contains(&ctx) && !self.rng.chance(15)
        {
            ctx = 0;
        }
        let mut format = self.text(6);
        for _ in 0..self.rng.range(0, 2) {
            let at = self.char_boundary(&format);
            format.insert_str(at, "{}");
        }
        Json::obj([
            ("consume", Json::Str(self.contexts[ctx].name.clone())),
            ("format", Json::Str(format)),
        ])
    }

    /// An element with optional shorthand, attributes and children.
    fn element(&mut self, depth: usize, nested: bool) -> Json {
        let name = match self.rng.weighted(&[60, 20, 3, 8]) {
            0 => *self.rng.pick(NORMAL),
            1 => *self.rng.pick(VOID),
            2 => "html",
            _ => *self.rng.pick(CUSTOM),
        };
        let mut el = Json::obj([("el", Json::str(name))]);
        if self.rng.chance(35) {
            el = el.with("sel", Json::Str(self.shorthand()));
        }
        if self.rng.chance(45) {
            el = el.with("attrs", self.attrs());
        }
        if !VOID.contains(&name) && self.rng.chance(85) {
            let children = if nested {
                self.children(depth)
            } else {
                Vec::new()
            };
            el = el.with("children", Json::Arr(children));
        }
        el
    }

    /// 0 to 4 `[NAME, VALUE]` pairs, names sometimes repeated.
    fn attrs(&mut self) -> Json {
        let mut names: Vec<String> = Vec::new();
        let mut pairs = Vec::new();
        for _ in 0..self.rng.range(0, 4) {
            let name = match self.rng.weighted(&[20, 10, 40, 15, 15]) {
                0 => "class".to_owned(),
                1 => "id".to_owned(),
                2 => (*self.rng.pick(COMMON_ATTRS)).to_owned(),
                3 if !names.is_empty() => self.rng.pick(&names).clone(),
                _ => self.attr_name_text(),
            };
            let value = self.attr_value(name == "class");
            names.push(name.clone());
            pairs.push(Json::Arr(vec![Json::Str(name), value]));
        }
        Json::Arr(pairs)
    }

    /// A random attribute name that the crate takes: random text, without
    /// the characters it refuses, and `x` for an empty one. Refused names go
    /// only where the runner's rule can judge them (`maybe_refused`).
    fn attr_name_text(&mut self) -> String {
        let name: String = self
            .text(5)
            .chars()
            .filter(|c| !REFUSED_IN_ATTR_NAMES.contains(c) && !c.is_ascii_control())
            .collect();
        if name.is_empty() {
            "x".to_owned()
        } else {
            name
        }
    }

    /// A VALUE: class lists and toggles mostly for `class` (elsewhere they
    /// are htpy's attribute error).
    fn attr_value(&mut self, is_class: bool) -> Json {
        let weights: &[usize] = if is_class {
            &[25, 7, 5, 5, 5, 8, 25, 15]
        } else {
            &[40, 12, 12, 8, 8, 10, 2, 1]
        };
        match self.rng.weighted(weights) {
            0 => Json::Str(self.text(10)),
            1 => Json::Int(self.int()),
            2 => Json::Bool(true),
            3 => Json::Bool(false),
            4 => Json::Null,
            5 => Json::obj([("markup", Json::Str(self.markup()))]),
            6 => {
                let items = (0..self.rng.range(0, 5))
                    .map(|_| self.class_item())
                    .collect();
                Json::obj([("classes", Json::Arr(items))])
            }
            _ => self.toggle(),
        }
    }

    /// A class list ITEM: string, null, false, markup or toggle.
    fn class_item(&mut self) -> Json {
        match self.rng.weighted(&[50, 10, 10, 10, 20]) {
            0 => Json::Str(self.class_name()),
            1 => Json::Null,
            2 => Json::Bool(false),
            3 => Json::obj([("markup", Json::Str(self.class_name()))]),
            _ => self.toggle(),
        }
    }

    /// `{"toggle": [[CLASS, BOOL], ...]}` with names from a small pool so
    /// that repeats happen.
    fn toggle(&mut self) -> Json {
        let pool = [self.class_name(), self.class_name(), self.class_name()];
        let pairs = (0..self.rng.range(0, 4))
            .map(|_| {
                Json::Arr(vec![
                    Json::Str(self.rng.pick(&pool).clone()),
                    Json::Bool(self.rng.chance(60)),
                ])
            })
            .collect();
        Json::obj([("toggle", Json::Arr(pairs))])
    }

    /// A class name: usually plain, sometimes empty or odd.
    fn class_name(&mut self) -> String {
        if self.rng.chance(70) {
            self.ident(false)
        } else {
            self.text(4)
        }
    }

    /// An id/class shorthand: mostly valid, sometimes one of the ways htpy
    /// rejects (whitespace, no prefix, class before id, two ids).
    fn shorthand(&mut self) -> String {
        match self.rng.weighted(&[8, 74, 6, 4, 4, 4]) {
            0 => String::new(),
            1 => self.valid_shorthand(),
            2 => {
                let mut s = self.valid_shorthand();
                let at = self.char_boundary(&s);
                s.insert(at, *self.rng.pick(PYTHON_WHITESPACE));
                s
            }
            3 => self.ident(false),
            4 => format!(".{}#{}", self.ident(false), self.ident(false)),
            _ => format!("#{}.#{}", self.ident(false), self.ident(false)),
        }
    }

    /// `#id.cls.cls` with each part optional (possibly just `#` or `.`).
    fn valid_shorthand(&mut self) -> String {
        let mut s = String::new();
        if self.rng.chance(50) {
            s.push('#');
            s.push_str(&self.ident(true));
        }
        for _ in 0..self.rng.range(usize::from(s.is_empty()), 3) {
            s.push('.');
            s.push_str(&self.ident(false));
        }
        s
    }

    /// A shorthand part: no `.`, no Python whitespace; `#` only in an id.
    fn ident(&mut self, in_id: bool) -> String {
        let len = self.rng.range(0, 6);
        (0..len)
            .map(|_| match self.rng.weighted(&[70, 8, 6, 6, 5, 5]) {
                0 => *self.rng.pick(&['a', 'b', 'z', 'Q', '0', '9', '-', '_']),
                1 => *self.rng.pick(&['&', '<', '>', '"', '\'']),
                2 => *self.rng.pick(NOT_WHITESPACE),
                3 => *self.rng.pick(&['\u{e9}', '\u{65e5}', '\u{1f600}', '\u{1}']),
                4 if in_id => '#',
                _ => '-',
            })
            .collect()
    }

    /// Random text of up to `max` characters drawn from every class that
    /// matters: escapes, whitespace, controls, multi-byte and astral.
    fn text(&mut self, max: usize) -> String {
        let len = self.rng.range(0, max);
        let mut s = String::new();
        for _ in 0..len {
            match self.rng.weighted(&[40, 10, 8, 8, 5, 5, 5, 5, 3, 3, 3]) {
                0 => s.push(char::from(
                    b'a' + u8::try_from(self.rng.below(26)).unwrap_or(0),
                )),
                1 => s.push(*self.rng.pick(&['&', '<', '>', '"', '\''])),
                2 => s.push(*self.rng.pick(&[' ', '\n', '\t', '\r'])),
                3 => s.push(self.unicode_char(0xa0, 0x2fff)),
                4 => s.push(self.unicode_char(0x4e00, 0x9fff)),
                5 => s.push(self.unicode_char(0x1_f300, 0x1_f64f)),
                6 => s.push(
                    *self
                        .rng
                        .pick(&['\u{0}', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}']),
                ),
                7 => s.push(*self.rng.pick(PYTHON_WHITESPACE)),
                8 => s.push_str("--"),
                9 => s.push_str("{}"),
                _ => s.push(self.unicode_char(0x1_0000, 0x10_ffff)),
            }
        }
        s
    }

    /// A character in `lo..=hi` (these ranges hold no surrogates).
    fn unicode_char(&mut self, lo: u32, hi: u32) -> char {
        let span = usize::try_from(hi - lo + 1).unwrap_or(1);
        let offset = u32::try_from(self.rng.below(span)).unwrap_or(0);
        char::from_u32(lo + offset).unwrap_or('?')
    }

    /// Raw HTML-ish text for `markup`.
    fn markup(&mut self) -> String {
        let parts = ["<b>", "</b>", "&amp;", "<br>", "<!-- x -->", "&#39;"];
        let mut s = self.text(6);
        for _ in 0..self.rng.range(0, 3) {
            let part = *self.rng.pick(&parts);
            s.push_str(part);
            s.push_str(&self.text(4));
        }
        s
    }

    /// Comment text, often with runs of dashes.
    fn comment(&mut self) -> String {
        let mut s = self.text(6);
        for _ in 0..self.rng.range(0, 2) {
            let at = self.char_boundary(&s);
            let dashes = *self.rng.pick(&["-", "--", "---", "-->", "<!--"]);
            s.insert_str(at, dashes);
        }
        s
    }

    /// An integer: small, negative, an i64 extreme, any i64, or one past
    /// 64 bits (Python's integers have no size limit).
    fn int(&mut self) -> i128 {
        let small = i128::try_from(self.rng.below(100)).unwrap_or(0);
        let any = i128::from(i64::from_ne_bytes(self.rng.next_u64().to_ne_bytes()));
        match self.rng.weighted(&[50, 25, 5, 5, 12, 3]) {
            0 => small,
            1 => -small,
            2 => i64::MAX.into(),
            3 => i64::MIN.into(),
            4 => any,
            _ => any * i128::from(u64::MAX) - small,
        }
    }

    /// A random char boundary of `s` (0 to `s.len()`).
    fn char_boundary(&mut self, s: &str) -> usize {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        *self.rng.pick(&bounds)
    }
}
