//! Out-of-order streaming: a section's fallback goes out in place, the rest
//! of the page goes on, and the section's content follows when it is ready,
//! with a small script that moves it into place.

use std::cell::RefCell;
use std::collections::hash_map::RandomState;
use std::fmt::Write as _;
use std::hash::BuildHasher as _;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::context::Cx;
use crate::error::Result;
use crate::escape::escape_into;
use crate::output::Out;
use crate::render::{Render, RenderKind};
use crate::task::{Run, Stop, Task};

/// A section streamed out of order; see [`suspense`].
///
/// ```
/// use htpy::{Render, Suspense, suspense};
///
/// let section: Suspense<_, _> = suspense("Loading…", "Loaded");
/// assert_eq!(section.render_to_string().unwrap(), "Loaded");
/// ```
#[derive(Clone, Debug)]
#[must_use = "a section does nothing until it is rendered"]
pub struct Suspense<F, C> {
    fallback: F,
    content: C,
}

/// A section of the page that does not hold the rest back: when the byte
/// stream reaches it and `content` is not ready, it writes `fallback` in
/// its place and goes on with the page; `content` renders meanwhile, and is
/// sent when it is ready (at the next point of the stream where markup may
/// go: never inside a table, a `select`, `svg` or `math`, a `head`, or a
/// raw-text element; at the latest just before `</body>`) inside a
/// `<template>`, with a one-line inline script that puts it in place of the
/// fallback. `</body>` waits for every section, so a page cut short by a
/// failure never ends with its closing tags.
///
/// - **Other renderers.** `render_to_string`, `iter_chunks`,
///   `render_to_string_async`, and a byte stream with
///   [`StreamOptions::out_of_order`](crate::StreamOptions::out_of_order)
///   off, render `content` in place: the final page, without fallback or
///   script. So does a section inside [`concurrent`](crate::concurrent)
///   children, and one whose content is ready when it is reached.
/// - **Without JavaScript** the visitor sees the fallback; the content is in
///   the page's bytes, inside the `<template>`.
/// - **Bytes.** Each moved section costs its marker and content
///   `<template>`s (134 bytes) and a script of 43 bytes; the first also
///   defines the function (309 bytes). Give a CSP nonce with [`StreamOptions::nonce`](crate::StreamOptions::nonce).
///   Scripts inside `content` do not run when it is moved, as with any
///   markup put in place by script.
/// - **Ids** are `h` and 12 random hex digits per render, then the section's
///   number, so they cannot collide with the page's own.
/// - **Nested** sections are sent after the section that holds them.
///
/// ```
/// use futures::StreamExt;
/// use futures::channel::oneshot;
/// use htpy::{Render, StreamOptions, body, future, html, p, suspense};
///
/// let (data_tx, data_rx) = oneshot::channel::<&str>();
/// let page = html().children(body().children((
///     suspense(p().children("Loading…"), future(async { p().children(data_rx.await.unwrap()) })),
///     p().children("Footer"),
/// )));
/// let mut bytes = page.render_stream(StreamOptions::default());
/// futures::executor::block_on(async {
///     let first = String::from_utf8(bytes.next().await.unwrap()?.to_vec()).unwrap();
///     // The fallback in place, and the rest of the page, before the data.
///     assert!(first.contains("<p>Loading…</p>"));
///     assert!(first.ends_with("<p>Footer</p>"));
///     data_tx.send("42").unwrap();
///     let rest = String::from_utf8(bytes.next().await.unwrap()?.to_vec()).unwrap();
///     assert!(rest.contains("<p>42</p></template><script>"));
///     assert!(rest.ends_with("</body></html>"));
///     Ok::<(), htpy::Error>(())
/// })?;
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn suspense<F: Render, C: Render>(fallback: F, content: C) -> Suspense<F, C> {
    Suspense { fallback, content }
}

impl<F: Render, C: Render> Render for Suspense<F, C> {
    const KIND: RenderKind = C::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.content.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        let Some(sections) = task.sections.clone().filter(|_| !task.is_ahead()) else {
            return self.content.render_parts(task, cx);
        };
        let id = sections.borrow_mut().next_id();
        let shared = cx.shared();
        let content = self.content;
        let mut section = task.child(
            false,
            Box::new(move |task| content.render_parts(task, shared.cx())),
        );
        section.out().set_limit(usize::MAX);
        section.sections = Some(Rc::clone(&sections));
        section.section = Some(id);
        let waker = task.waker().clone();
        match section.drive(&mut Context::from_waker(&waker))? {
            Stop::Done => {
                // Ready at once: in place, with no fallback and no script.
                let html = section.into_out().take_buf();
                // Safe: the content's own rendering, escaped as it rendered.
                task.out().dangerously_write_raw(&html);
                return Ok(());
            }
            Stop::Wait | Stop::Full => {}
        }
        let prefix = sections.borrow().prefix;
        let after = task.section;
        sections.borrow_mut().pending.push(Section {
            id,
            after,
            task: section,
        });
        let out = task.out();
        write!(out.buf(), r#"<template id="{prefix}-{id}-s"></template>"#).ok();
        let mark = task.mark();
        self.fallback.render_parts(task, cx)?;
        let end = move |out: &mut Out| {
            write!(out.buf(), r#"<template id="{prefix}-{id}-e"></template>"#).ok();
        };
        task.then(mark, cx, move |task, _| {
            end(task.out());
            Ok(())
        })
    }
}

/// A section waiting to be sent: the task that renders its content, and
/// the section whose content holds its fallback, if any.
pub(crate) struct Section<'a> {
    id: usize,
    after: Option<usize>,
    task: Task<'a>,
}

/// The sections of one streamed page. Made for every out-of-order stream,
/// it costs nothing more until a page holds a section.
pub(crate) struct Sections<'a> {
    /// Per render, random, drawn at the first section: ids no page of its
    /// own would use.
    prefix: Prefix,
    /// The CSP nonce of the inline scripts.
    nonce: Option<Arc<str>>,
    next: usize,
    pending: Vec<Section<'a>>,
    sent: Vec<usize>,
}

/// Moves section `i`'s content out of its template into the place of its
/// fallback, between the two marker templates.
const SWAP: &str = "self.htpySwap=function(i){var d=document,t=d.getElementById(i+'-c'),\
s=d.getElementById(i+'-s'),e=d.getElementById(i+'-e');if(!t||!s||!e)return;\
var p=e.parentNode;while(s.nextSibling&&s.nextSibling!==e)p.removeChild(s.nextSibling);\
p.insertBefore(t.content,e);s.remove();e.remove();t.remove()};";

/// Elements inside which markup from elsewhere may not go: the HTML parser
/// would move it (tables), read it as text (raw text), or as another
/// language (`svg`, `math`), or it would land in the head.
const UNSAFE: [&str; 23] = [
    "head", "table", "caption", "colgroup", "thead", "tbody", "tfoot", "tr", "select", "datalist",
    "optgroup", "option", "svg", "math", "script", "style", "textarea", "title", "template",
    "noscript", "iframe", "xmp", "noembed",
];

/// The prefix of a page's section ids: `h` and 12 random hex digits.
#[derive(Clone, Copy)]
struct Prefix(u64);

impl std::fmt::Display for Prefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "h{:012x}", self.0 & 0xffff_ffff_ffff)
    }
}

impl Sections<'_> {
    pub(crate) fn new(nonce: Option<Arc<str>>) -> Self {
        Self {
            prefix: Prefix(0),
            nonce,
            next: 0,
            pending: Vec::new(),
            sent: Vec::new(),
        }
    }

    fn next_id(&mut self) -> usize {
        if self.next == 0 {
            self.prefix = Prefix(RandomState::new().hash_one(std::time::SystemTime::now()));
        }
        self.next += 1;
        self.next
    }

    /// Whether sections wait to be sent.
    pub(crate) fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    fn script(&self, out: &mut Out, body: &str) {
        out.dangerously_write_raw("<script");
        if let Some(nonce) = &self.nonce {
            out.dangerously_write_raw(r#" nonce=""#);
            escape_into(nonce, out.buf());
            out.dangerously_write_raw("\"");
        }
        // Safe: constant script text, and ids of hex digits.
        out.dangerously_write_raw(">");
        out.dangerously_write_raw(body);
        out.dangerously_write_raw("</script>");
    }
}

/// Renders what can be rendered of every section, and sends into `main`'s
/// output those that are ready, where `main` stopped, if markup may go
/// there; whether any was sent.
///
/// # Errors
///
/// A section's failure, which ends the page.
pub(crate) fn send_ready<'a>(
    sections: &Rc<RefCell<Sections<'a>>>,
    main: &mut Task<'a>,
    cx: &mut Context<'_>,
) -> Result<bool> {
    // Out of the cell while they render: a section may hold sections.
    let mut pending = std::mem::take(&mut sections.borrow_mut().pending);
    for section in &mut pending {
        if !section.task.is_done() {
            section.task.drive(cx)?;
        }
    }
    let ready = {
        let mut sections = sections.borrow_mut();
        pending.append(&mut sections.pending);
        if !may_send_here(main) {
            sections.pending = pending;
            return Ok(false);
        }
        let sent = sections.sent.clone();
        let (ready, waiting): (Vec<_>, Vec<_>) = pending.into_iter().partition(|section| {
            section.task.is_done() && section.after.is_none_or(|after| sent.contains(&after))
        });
        sections.pending = waiting;
        ready
    };
    if ready.is_empty() {
        return Ok(false);
    }
    let mut sections = sections.borrow_mut();
    for section in ready {
        let out = main.out();
        if sections.sent.is_empty() {
            sections.script(out, SWAP);
        }
        let prefix = sections.prefix;
        let id = section.id;
        write!(out.buf(), r#"<template id="{prefix}-{id}-c">"#).ok();
        // Safe: the section's own rendering, escaped as it rendered.
        out.dangerously_write_raw(&section.task.into_out().take_buf());
        out.dangerously_write_raw("</template>");
        let call = format!("htpySwap('{prefix}-{id}')");
        sections.script(out, &call);
        sections.sent.push(id);
    }
    Ok(true)
}

/// Whether the element `name` is `body` (in any case): the sections
/// streamed out of order go inside it, and its closing tag after them.
pub(crate) fn is_body(name: &str) -> bool {
    name.eq_ignore_ascii_case("body")
}

/// Whether markup may go where `main` stopped: inside `body` (or outside
/// any element, or where `body` waits to close), and inside no element
/// listed in [`UNSAFE`].
fn may_send_here(main: &Task<'_>) -> bool {
    for name in main.open_elements() {
        if is_body(name) {
            return true;
        }
        if UNSAFE
            .iter()
            .any(|unsafe_name| name.eq_ignore_ascii_case(unsafe_name))
        {
            return false;
        }
    }
    true
}

/// Closes `body` with `close` once every section was sent: at once when
/// none waits, else after the wait for them.
pub(crate) fn close_body<'a>(
    sections: Rc<RefCell<Sections<'a>>>,
    task: &mut Task<'a>,
    close: impl FnOnce(&mut Out) + 'a,
) -> Result<()> {
    if sections.borrow().is_empty() {
        close(task.out());
        return Ok(());
    }
    let mut close: Option<Run<'a>> = Some(Box::new(move |task| {
        close(task.out());
        Ok(())
    }));
    task.wait(std::future::poll_fn(move |_| {
        // Sent by the byte stream, which renders again after each send.
        if sections.borrow().is_empty() {
            close.take().map_or(Poll::Pending, Poll::Ready)
        } else {
            Poll::Pending
        }
    }))
}
