//! [`Nodes`]: a list of children built at run time, written as they are
//! pushed where that changes nothing.

use std::fmt;
use std::iter::Peekable;
use std::vec;

use crate::context::Cx;
use crate::error::Result;
use crate::node::{Node, Plain};
use crate::output::{Out, append};
use crate::render::{Render, RenderKind};
use crate::size_hint::MAX_HINT;
use crate::task::Task;

/// A list of children built at run time: a `Vec<Node>` that keeps bytes
/// rather than values where it can.
///
/// A child whose render runs no user code and reads no context is written
/// when it is pushed: rendering it then or when the page renders is the
/// same. That is text, an integer, a list of children all written (in
/// which no text meets text and no text is empty), and an element holding
/// one such child or none: one of the element functions' but `html` and
/// `body` (named at run time by [`element`](fn@crate::element) or
/// [`void_element`](fn@crate::void_element), or typed, such as `td()` and
/// `img()`) with any attributes, or an element of another name with none
/// or an [`AttrList`](crate::AttrList). Any other child is kept as a
/// [`Node`] and rendered in its place when the page renders: lazy children
/// run then, futures are awaited then, and errors are raised there, as in a
/// `Vec<Node>`. The page's bytes and htpy's chunks
/// ([`Render::iter_chunks`]) are a `Vec<Node>`'s.
///
/// ```
/// use htpy::{AttrList, Nodes, Render, element, lazy};
///
/// let mut cells = Nodes::new();
/// for (kind, value) in [("td", "a<b"), ("th", "c")] {
///     cells.push(element(kind)?.attrs(AttrList::new())?.children(value.to_owned()));
/// }
/// cells.push(lazy(|| 3));
/// let row = element("tr")?.children(cells);
/// assert_eq!(row.render_to_string()?, "<tr><td>a&lt;b</td><th>c</th>3</tr>");
/// # Ok::<(), htpy::Error>(())
/// ```
#[derive(Default)]
#[must_use = "a list of nodes does nothing until it is rendered"]
pub struct Nodes<'a> {
    /// The children written as they were pushed.
    written: Written,
    /// The other children, each where it stands among the written ones.
    later: Vec<Later<'a>>,
    /// The children [`Nodes::with_capacity`] was told to expect, until the
    /// first that holds a list or a node is written: 0 after it.
    expected: usize,
}

/// A child of a [`Nodes`] kept to render in its place.
struct Later<'a> {
    /// Where it stands in the written bytes.
    at: usize,
    /// How many of the written breaks come before it.
    breaks: usize,
    node: Node<'a>,
}

impl<'a> Nodes<'a> {
    /// An empty list.
    ///
    /// ```
    /// use htpy::{Nodes, Render};
    ///
    /// assert_eq!(Nodes::new().render_to_string().unwrap(), "");
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty list with room for `children` children of a table cell's
    /// size, written, before it allocates again. When the first child that
    /// holds a list or a node is written (a row of cells, say), room is made
    /// at once for `children` more of its size: a list of rows then holds
    /// its page once, where growing by doubling held up to twice its bytes.
    /// Each guess makes room for 16 MiB at most.
    ///
    /// ```
    /// use htpy::{Nodes, Render, element};
    ///
    /// let mut cells = Nodes::with_capacity(2);
    /// for value in [1, 2] {
    ///     cells.push(element("td")?.children(value));
    /// }
    /// assert_eq!(cells.render_to_string()?, "<td>1</td><td>2</td>");
    /// # Ok::<(), htpy::Error>(())
    /// ```
    pub fn with_capacity(children: usize) -> Self {
        Self {
            written: Written {
                html: String::with_capacity(children.saturating_mul(CHILD_BYTES).min(MAX_HINT)),
                ..Written::default()
            },
            later: Vec::new(),
            expected: children,
        }
    }

    /// Adds `child` at the end of the list: written now when that changes
    /// nothing (see [`Nodes`]), else kept to render in its place.
    ///
    /// ```
    /// use htpy::{Nodes, Render, b};
    ///
    /// let mut nodes = Nodes::new();
    /// nodes.push("a & ");
    /// nodes.push(b().children(1));
    /// assert_eq!(nodes.render_to_string().unwrap(), "a &amp; <b>1</b>");
    /// ```
    // Always inlined: left out of line, as the compiler did in some loops
    // and not in others, each child is built in the caller's frame and
    // handed over (see `docs/src/performance.md`).
    #[inline(always)]
    #[expect(
        clippy::inline_always,
        reason = "measured: see `docs/src/performance.md`"
    )]
    pub fn push<C: Render + 'a>(&mut self, child: C) {
        let written = &mut self.written;
        let start = written.html.len();
        match child.write_or_node(&mut written.html) {
            Ok(plain) => written.end(start, plain),
            Err(node) => self.keep(start, node),
        }
        if matches!(C::KIND, RenderKind::Dynamic) && self.expected > 1 {
            self.size_after(start);
        }
    }

    /// Makes room, once, for as many more children as the list was told to
    /// expect, each of the size of the one just written from `start` (the
    /// first that holds a list or a node, a row of cells, say, whose size
    /// says more than a cell's), and for one more: the tags of the element
    /// that takes the list, which a render writes around the list's
    /// own buffer ([`Out::append_owned`]). Grown by doubling instead, a
    /// list of rows held up to twice its bytes. At most 16 MiB, as a size
    /// guess: a first child larger than the rest is no guide.
    #[cold]
    #[inline(never)]
    fn size_after(&mut self, start: usize) {
        let html = &mut self.written.html;
        let child = html.len() - start;
        if child > 0 {
            html.reserve_exact(child.saturating_mul(self.expected).min(MAX_HINT));
            self.expected = 0;
        }
    }

    /// Keeps `node`, written at `at`, to render in its place. Out of line,
    /// so that a loop that pushes children it writes does not build each
    /// child's node in memory for this path.
    #[cold]
    #[inline(never)]
    fn keep(&mut self, at: usize, node: Node<'a>) {
        self.later.push(Later {
            at,
            breaks: self.written.breaks.len(),
            node,
        });
    }
}

/// The bytes [`Nodes::with_capacity`] allows for a child: `<td>` and
/// `</td>` around a few digits.
const CHILD_BYTES: usize = 12;

/// The children of a [`Nodes`] written as they were pushed: their bytes,
/// and where htpy's chunks split in them that the bytes do not show.
///
/// The bytes show the rest: a tag is a chunk from its `<` to its first `>`
/// (names are checked, attribute values escaped), and text, escaped, runs
/// to the next `<`. What they do not show is where two pieces of text meet
/// and where a chunk is empty: those are the breaks.
#[derive(Default)]
struct Written {
    html: String,
    breaks: Vec<Break>,
}

impl Written {
    /// Notes the breaks of the piece [`Node::write_plain`] wrote from
    /// `start`, as it says. Text splits from text just before it, which
    /// is the only piece that does not end with `>` (text is escaped).
    #[inline]
    fn end(&mut self, start: usize, plain: Plain) {
        match plain {
            Plain::Shown => {}
            Plain::Text => {
                let after = self.html.as_bytes()[..start].last();
                if after.is_some_and(|&last| last != b'>') {
                    self.breaks.push(Break::split(start));
                }
            }
            Plain::Empty { at } => self.breaks.push(Break::empty(at)),
        }
    }

    /// Hands the bytes from `from` to `to`, with `breaks`, the breaks among
    /// them, to `out` in htpy's chunks, [`CHUNKS_AT_ONCE`] at most: where
    /// it stopped, and how many of the breaks it took.
    fn write_chunks(
        &self,
        mut from: usize,
        to: usize,
        breaks: &[Break],
        out: &mut Out,
    ) -> (usize, usize) {
        let (mut taken, mut chunks) = (0, 0);
        let html = &self.html;
        loop {
            while let Some(at) = breaks.get(taken).filter(|at| at.offset() == from) {
                if at.is_empty() {
                    out.end_chunk();
                    chunks += 1;
                }
                taken += 1;
            }
            if from == to || chunks >= CHUNKS_AT_ONCE {
                return (from, taken);
            }
            let rest = &html.as_bytes()[from..to];
            let shown = if rest[0] == b'<' {
                rest.iter()
                    .position(|&b| b == b'>')
                    .map_or(rest.len(), |gt| gt + 1)
            } else {
                rest.iter().position(|&b| b == b'<').unwrap_or(rest.len())
            };
            let end = breaks
                .get(taken)
                .map_or(from + shown, |at| at.offset().min(from + shown));
            append(out.buf(), &html[from..end]);
            out.end_chunk();
            chunks += 1;
            from = end;
        }
    }
}

/// How many of htpy's chunks a list hands on in one turn before the
/// iterator takes them: they wait in memory, each a `String`, so a long
/// run of written children is not split into all its chunks at once. The
/// same speed as no bound (`docs/src/performance.md`).
const CHUNKS_AT_ONCE: usize = 64;

/// A break in [`Written`]'s bytes: its offset, and, in the lowest bit,
/// whether an empty chunk stands there (else two pieces of text meet).
#[derive(Clone, Copy)]
struct Break(usize);

impl Break {
    #[inline]
    fn split(at: usize) -> Self {
        Self(at << 1)
    }

    #[inline]
    fn empty(at: usize) -> Self {
        Self(at << 1 | 1)
    }

    fn offset(self) -> usize {
        self.0 >> 1
    }

    fn is_empty(self) -> bool {
        self.0 & 1 == 1
    }
}

impl<'a, C: Render + 'a> Extend<C> for Nodes<'a> {
    fn extend<I: IntoIterator<Item = C>>(&mut self, children: I) {
        for child in children {
            self.push(child);
        }
    }
}

/// ```
/// use htpy::{Nodes, Render};
///
/// let nodes: Nodes = (1..=3).collect();
/// assert_eq!(nodes.render_to_string().unwrap(), "123");
/// ```
impl<'a, C: Render + 'a> FromIterator<C> for Nodes<'a> {
    fn from_iter<I: IntoIterator<Item = C>>(children: I) -> Self {
        let mut nodes = Self::new();
        nodes.extend(children);
        nodes
    }
}

impl fmt::Debug for Nodes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Nodes")
            .field("written", &self.written.html)
            .field("later", &self.later.len())
            .finish()
    }
}

impl Render for Nodes<'_> {
    const KIND: RenderKind = RenderKind::Dynamic;

    // A list that kept no child and holds no break is its bytes: written
    // when pushed, as its children were, so that a list of lists (rows of
    // cells) holds its page once, not a buffer per row beside the output.
    fn write_or_node<'n>(self, html: &mut String) -> std::result::Result<Plain, Node<'n>>
    where
        Self: 'n,
    {
        if !(self.later.is_empty() && self.written.breaks.is_empty()) {
            return Err(self.into_node());
        }
        let bytes = &self.written.html;
        append(html, bytes);
        Ok(match bytes.as_bytes().first() {
            Some(b'<') | None => Plain::Shown,
            Some(_) => Plain::Text,
        })
    }

    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        if self.later.is_empty() {
            out.append_owned(self.written.html);
            return Ok(());
        }
        let mut from = 0;
        for Later { at, node, .. } in self.later {
            append(out.buf(), &self.written.html[from..at]);
            from = at;
            node.render(out, cx)?;
        }
        append(out.buf(), &self.written.html[from..]);
        Ok(())
    }

    fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        Self: 't,
    {
        Rest {
            written: self.written,
            later: self.later.into_iter().peekable(),
            done: 0,
            breaks_done: 0,
        }
        .render_parts(task, cx)
    }
}

/// What is left of a [`Nodes`] rendering into a task.
struct Rest<'n> {
    written: Written,
    later: Peekable<vec::IntoIter<Later<'n>>>,
    /// How many of `written`'s bytes, and of its breaks, are rendered.
    done: usize,
    breaks_done: usize,
}

impl<'n> Rest<'n> {
    /// Renders what is left until the task must stop: where a child kept
    /// as a node stopped it, or, before the next child, where the buffer is
    /// full or htpy's chunks wait to be handed on. The written children up
    /// to the next node go out at once, or, when htpy's chunks were asked
    /// for, [`CHUNKS_AT_ONCE`] chunks at a time, as a list of typed items
    /// goes out an item at a time.
    fn render_parts<'t>(mut self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        'n: 't,
    {
        loop {
            if task.must_pause() || task.out().is_full() {
                task.pause_at(task.mark(), cx, move |task, cx| self.render_parts(task, cx));
                return Ok(());
            }
            let (done, breaks_done) = (self.done, self.breaks_done);
            if let Some(Later { node, .. }) = self
                .later
                .next_if(|later| (later.at, later.breaks) == (done, breaks_done))
            {
                let mark = task.mark();
                node.render_parts(task, cx)?;
                if task.is_paused() {
                    task.pause_at(mark, cx, move |task, cx| self.render_parts(task, cx));
                    return Ok(());
                }
                continue;
            }
            let written = &self.written;
            let (upto, breaks_upto) = self
                .later
                .peek()
                .map_or((written.html.len(), written.breaks.len()), |later| {
                    (later.at, later.breaks)
                });
            if (done, breaks_done) == (upto, breaks_upto) {
                return Ok(());
            }
            if task.out().is_exact() {
                let breaks = &written.breaks[breaks_done..breaks_upto];
                let (to, taken) = written.write_chunks(done, upto, breaks, task.out());
                (self.done, self.breaks_done) = (to, breaks_done + taken);
            } else {
                append(task.out().buf(), &written.html[done..upto]);
                (self.done, self.breaks_done) = (upto, breaks_upto);
            }
        }
    }
}
