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
use crate::task::Task;

/// A list of children built at run time: a `Vec<Node>` that keeps bytes
/// rather than values where it can.
///
/// A child whose render runs no user code and reads no context (text, an
/// integer, or an element, named at run time by
/// [`element`](fn@crate::element) or one of the element functions' but
/// `html` and `body`, with no attributes or an
/// [`AttrList`](crate::AttrList), holding one such child) is written when it
/// is pushed: rendering it then or when the page renders
/// is the same. Any other child is kept as a [`Node`] and rendered in its
/// place when the page renders: lazy children run then, futures are awaited
/// then, and errors are raised there, as in a `Vec<Node>`. The page's bytes
/// and htpy's chunks ([`Render::iter_chunks`]) are a `Vec<Node>`'s.
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
    /// The other children, each with the count of written pieces before it.
    later: Vec<(usize, Node<'a>)>,
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
    /// size, written, before it allocates again.
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
                html: String::with_capacity(children.saturating_mul(CHILD_BYTES)),
                ends: Vec::with_capacity(children),
            },
            later: Vec::new(),
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
    #[inline]
    pub fn push(&mut self, child: impl Render + 'a) {
        match child.into_node().write_plain(&mut self.written.html) {
            Ok(plain) => self.written.end(plain),
            Err(node) => self.later.push((self.written.ends.len(), node)),
        }
    }
}

/// The bytes [`Nodes::with_capacity`] allows for a child: `<td>` and
/// `</td>` around a few digits.
const CHILD_BYTES: usize = 12;

/// The children of a [`Nodes`] written as they were pushed: their bytes,
/// and where htpy's chunks in them end.
#[derive(Default)]
struct Written {
    html: String,
    ends: Vec<End>,
}

impl Written {
    /// Ends the piece [`Node::write_plain`] wrote last, as it says: none
    /// when it wrote nothing.
    #[inline]
    fn end(&mut self, plain: Plain) {
        let shape = match plain {
            Plain::Nothing => return,
            Plain::Text => End::CHUNK,
            Plain::Element { text: true } => End::ELEMENT,
            Plain::Element { text: false } => End::EMPTY_ELEMENT,
        };
        self.ends.push(End::new(self.html.len(), shape));
    }

    /// Where the piece after the first `count` begins.
    fn offset(&self, count: usize) -> usize {
        count.checked_sub(1).map_or(0, |last| self.ends[last].end())
    }
}

/// Where a piece of [`Written`]'s bytes ends, with, in the top two bits,
/// how it splits into htpy's chunks: one word per piece.
#[derive(Clone, Copy)]
struct End(usize);

impl End {
    /// The bits that hold the end.
    const AT: usize = usize::MAX >> 2;
    /// One chunk.
    const CHUNK: usize = 0;
    /// An element with text: its opening tag, which ends at its first `>`
    /// (names are checked, attribute values escaped), its text, and its
    /// closing tag, which begins at its last `<` (the text is escaped).
    const ELEMENT: usize = 1;
    /// An element without text: its opening tag and its closing tag.
    const EMPTY_ELEMENT: usize = 2;

    #[inline]
    fn new(at: usize, shape: usize) -> Self {
        debug_assert!(at <= Self::AT, "more than 2^62 bytes");
        Self(at | shape << Self::AT.count_ones())
    }

    fn end(self) -> usize {
        self.0 & Self::AT
    }

    /// Hands `piece`, the bytes this ends, to `out` in htpy's chunks.
    fn write_chunks(self, piece: &str, out: &mut Out) {
        let mut write = |chunk: &str| {
            append(out.buf(), chunk);
            out.end_chunk();
        };
        let shape = self.0 >> Self::AT.count_ones();
        if shape == Self::CHUNK {
            return write(piece);
        }
        let (open, rest) = piece.split_at(piece.find('>').map_or(piece.len(), |gt| gt + 1));
        write(open);
        if shape == Self::ELEMENT {
            let (text, close) = rest.split_at(rest.rfind('<').unwrap_or(0));
            write(text);
            write(close);
        } else {
            write(rest);
        }
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

    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let mut from = 0;
        for (before, node) in self.later {
            let to = self.written.offset(before);
            append(out.buf(), &self.written.html[from..to]);
            from = to;
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
        }
        .render_parts(task, cx)
    }
}

/// What is left of a [`Nodes`] rendering into a task.
struct Rest<'n> {
    written: Written,
    later: Peekable<vec::IntoIter<(usize, Node<'n>)>>,
    /// How many of `written`'s pieces are rendered.
    done: usize,
}

impl<'n> Rest<'n> {
    /// Renders what is left until the task must stop: where a child kept
    /// as a node stopped it, or, before the next child, where the buffer is
    /// full or htpy's chunks wait to be handed on. Written children go out
    /// one at a time, in htpy's chunks, when those were asked for, else
    /// all those up to the next node at once.
    fn render_parts<'t>(mut self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
    where
        'n: 't,
    {
        loop {
            if task.must_pause() || task.out().is_full() {
                task.pause_at(task.mark(), cx, move |task, cx| self.render_parts(task, cx));
                return Ok(());
            }
            let done = self.done;
            if let Some((_, node)) = self.later.next_if(|(before, _)| *before == done) {
                let mark = task.mark();
                node.render_parts(task, cx)?;
                if task.is_paused() {
                    task.pause_at(mark, cx, move |task, cx| self.render_parts(task, cx));
                    return Ok(());
                }
                continue;
            }
            let upto = self
                .later
                .peek()
                .map_or(self.written.ends.len(), |(before, _)| *before);
            if done == upto {
                return Ok(());
            }
            let from = self.written.offset(done);
            if task.out().is_exact() {
                let end = self.written.ends[done];
                end.write_chunks(&self.written.html[from..end.end()], task.out());
                self.done += 1;
            } else {
                let to = self.written.offset(upto);
                append(task.out().buf(), &self.written.html[from..to]);
                self.done = upto;
            }
        }
    }
}
