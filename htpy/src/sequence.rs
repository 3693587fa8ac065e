//! Children that hold other children, or nothing: `Option`, `bool`, `()`,
//! `Result`, `Box`, `Vec`s, arrays, slices, tuples and iterators (drained as
//! rendering reaches each item).

use std::error::Error as StdError;

use crate::context::Cx;
use crate::error::{Error, Result};
use crate::node::Node;
use crate::output::Out;
use crate::render::{Render, RenderKind, in_frame};
use crate::static_text::{self, Between, Ends};
use crate::task::Task;

/// `()` renders nothing.
impl Render for () {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Ok(())
    }

    fn render_parts<'a>(self, _task: &mut Task<'a>, _cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        Ok(())
    }

    fn into_node<'a>(self) -> Node<'a> {
        Node::empty()
    }
}

/// `true` and `false` render nothing, as in htpy, so `cond.then(..)` and
/// `Option`s read naturally.
impl Render for bool {
    const KIND: RenderKind = RenderKind::Sync;

    #[inline]
    fn render(self, _out: &mut Out, _cx: Cx<'_>) -> Result<()> {
        Ok(())
    }

    fn render_parts<'a>(self, _task: &mut Task<'a>, _cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        Ok(())
    }
}

/// `None` renders nothing.
impl<T: Render> Render for Option<T> {
    const KIND: RenderKind = T::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.map_or(Ok(()), |child| child.render(out, cx))
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        self.map_or(Ok(()), |child| child.render_parts(task, cx))
    }

    // As a node, the child's node or nothing: an optional cell of a table
    // from data is kept without a box as the cell itself would be.
    #[inline]
    fn into_node<'a>(self) -> Node<'a>
    where
        Self: 'a,
    {
        self.map_or_else(Node::empty, Render::into_node)
    }
}

/// A component that failed ends the render with its error, kept as the
/// [`Error`]'s source.
impl<T: Render, E: Into<Box<dyn StdError + Send + Sync>>> Render for Result<T, E> {
    const KIND: RenderKind = T::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.map_err(Error::component)?.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        self.map_err(Error::component)?.render_parts(task, cx)
    }
}

impl<T: Render> Render for Box<T> {
    const KIND: RenderKind = T::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        (*self).render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        (*self).render_parts(task, cx)
    }
}

/// Renders each item in turn; user code may run to produce the next one.
#[inline]
pub(crate) fn render_each<I: Iterator<Item: Render>>(
    mut items: I,
    out: &mut Out,
    cx: Cx<'_>,
) -> Result<()> {
    render_items(&mut items, out, cx, Out::is_observed, |_| false).map(drop)
}

/// Renders items in turn until they run out (`true`) or, between two items,
/// `enough` says the output has had enough (`false`; the items left are
/// left in `items`). `look`, tested after each item, must hold whenever
/// user code may look at the byte count or `enough` may hold: only then are
/// the two asked.
#[inline]
fn render_items<I: Iterator<Item: Render>>(
    items: &mut I,
    out: &mut Out,
    cx: Cx<'_>,
    look: impl Fn(&Out) -> bool,
    enough: impl Fn(&Out) -> bool,
) -> Result<bool> {
    // Between two items, the trail of one and the lead of the next are one
    // write, unless user code may look at the byte count before the next
    // item: then the trail is written first, as htpy would have. Whether it
    // is joined is decided after each item, not carried in a flag from one
    // item to the next, so that the optimiser keeps the common path (nobody
    // looks) straight however large the items' render grows; and by one
    // test: `Out::is_observed` in a `String` render, which folds away where
    // nothing can look; in a byte stream, one comparison of the buffer's
    // length for the two questions (`Out::must_look`; see
    // `docs/src/performance.md`).
    if out.is_observed() {
        out.publish();
    }
    let Some(mut item) = items.next() else {
        return Ok(true);
    };
    static_text::write(out, I::Item::ENDS.lead);
    loop {
        item.render_inner(out, cx)?;
        if !look(out) {
            let Some(next) = items.next() else {
                static_text::write(out, I::Item::ENDS.trail);
                return Ok(true);
            };
            Between::<I::Item, I::Item>::write(out);
            item = next;
            continue;
        }
        static_text::write(out, I::Item::ENDS.trail);
        if enough(out) {
            return Ok(false);
        }
        out.publish();
        let Some(next) = items.next() else {
            return Ok(true);
        };
        static_text::write(out, I::Item::ENDS.lead);
        item = next;
    }
}

/// The same, into a task: it stops before the next item when the buffer is
/// full or chunks wait to be handed on, and puts the rest of the items
/// after whatever work an item left.
pub(crate) fn render_each_parts<'a, I: Iterator<Item: Render> + 'a>(
    items: I,
    task: &mut Task<'a>,
    cx: Cx<'_>,
) -> Result<()> {
    // Items that never wait are rendered as to a `String` until the buffer
    // is full, unless htpy's exact chunks were asked for: memory stays
    // bounded by an item, and the whole page is as fast as a `String`
    // render.
    let whole_items =
        matches!(<I::Item as Render>::KIND, RenderKind::Sync) && !task.out().is_exact();
    let mut items = items;
    let mark = loop {
        if task.must_pause() || task.out().is_full() {
            break task.mark();
        }
        task.out().publish();
        if whole_items {
            // In an output of this frame: through the task's, the buffer's
            // length would be stored and loaded again at every write.
            let mut ran_out = false;
            in_frame(task.out(), |out| {
                ran_out = render_items(&mut items, out, cx, Out::must_look, Out::is_full)?;
                Ok(())
            })?;
            if ran_out {
                return Ok(());
            }
            continue;
        }
        let Some(item) = items.next() else {
            return Ok(());
        };
        let mark = task.mark();
        item.render_parts(task, cx)?;
        if task.is_paused() {
            break mark;
        }
    };
    task.pause_at(mark, cx, move |task, cx| render_each_parts(items, task, cx));
    Ok(())
}

/// Collections and iterators render their items in order.
macro_rules! sequences {
    ($([$($generics:tt)*] $ty:ty => $items:ty $(, where [$($bounds:tt)+])?;)*) => {$(
        impl<$($generics)*> Render for $ty
        where
            $items: Iterator<Item: Render>,
            $($($bounds)+)?
        {
            const KIND: RenderKind = <<$items as Iterator>::Item as Render>::KIND;

            // Inlined, so that the loop becomes part of its parent's render
            // in whichever codegen unit the page's code lands. Without it a
            // crate built with several units (the release default) called
            // the loop out of line and kept the buffer in memory there:
            // teams 110–114 ns before, 81–94 ns after (`docs/src/performance.md`).
            #[inline]
            fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                render_each(self.into_iter(), out, cx)
            }

            fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
            where
                Self: 't,
            {
                render_each_parts(self.into_iter(), task, cx)
            }
        }
    )*};
}

sequences! {
    [T] Vec<T> => std::vec::IntoIter<T>;
    [T, const N: usize] [T; N] => std::array::IntoIter<T, N>;
    ['a, T] &'a [T] => std::slice::Iter<'a, T>;
    ['a, T] &'a Vec<T> => std::slice::Iter<'a, T>;
    [T] std::vec::IntoIter<T> => Self;
    [T, const N: usize] std::array::IntoIter<T, N> => Self;
    ['a, T] std::slice::Iter<'a, T> => Self;
    [T] std::option::IntoIter<T> => Self;
    [T] std::iter::Once<T> => Self;
    [T] std::iter::Empty<T> => Self;
    [A] std::ops::Range<A> => Self;
    [I, F] std::iter::Map<I, F> => Self;
    [I, P] std::iter::Filter<I, P> => Self;
    [I, F] std::iter::FilterMap<I, F> => Self;
    [I, U, F] std::iter::FlatMap<I, U, F> => Self, where [U: IntoIterator];
    [I] std::iter::Flatten<I> => Self, where [I: Iterator<Item: IntoIterator>];
    [I] std::iter::Take<I> => Self;
    [I] std::iter::Skip<I> => Self;
    [I, P] std::iter::TakeWhile<I, P> => Self;
    [I, P] std::iter::SkipWhile<I, P> => Self;
    [I] std::iter::StepBy<I> => Self;
    [I] std::iter::Rev<I> => Self;
    [I] std::iter::Enumerate<I> => Self;
    [I] std::iter::Peekable<I> => Self, where [I: Iterator];
    [I] std::iter::Copied<I> => Self;
    [I] std::iter::Cloned<I> => Self;
    [A, B] std::iter::Chain<A, B> => Self;
    [A, B] std::iter::Zip<A, B> => Self;
    [I, F] std::iter::Inspect<I, F> => Self;
    [F] std::iter::FromFn<F> => Self;
}

/// Tuples render their parts in order: the way to mix children of different
/// types, as htpy's `div["text", b["bold"], 3]`. A tuple leads with its first
/// part's lead and trails with its last part's trail; between two parts, the
/// trail of one and the lead of the next are one write.
/// One invocation implements every arity up to the longest: the tuple of
/// its first name (each name with its field's index), of its first two, and
/// so on.
///
/// Each part is moved out of the tuple by its field (`self.0`), never bound
/// to a name first: in a debug build every binding and every argument is a
/// copy in the frame, and a tuple of a typed page holds most of the page.
macro_rules! tuples {
    ($($name:ident $index:tt)*) => {
        tuples!(@arities []; $($name $index)*);
    };
    (@arities [$($done:tt)*];) => {};
    (@arities [$($done:tt)*]; $next:ident $next_index:tt $($name:ident $index:tt)*) => {
        tuples!(@impl $($done)* $next $next_index);
        tuples!(@arities [$($done)* $next $next_index]; $($name $index)*);
    };
    (@impl $first:ident $first_index:tt $($name:ident $index:tt)*) => {
        impl<$first: Render, $($name: Render),*> Render for ($first, $($name,)*) {
            const KIND: RenderKind = RenderKind::Sync.and($first::KIND) $(.and($name::KIND))*;
            const ENDS: Ends = Ends {
                lead: $first::ENDS.lead,
                trail: <tuples!(@last $first $($name)*) as Render>::ENDS.trail,
            };

            #[inline]
            fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                static_text::render_whole(self, out, cx)
            }

            #[inline]
            fn render_inner(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                tuples!(@inner self out cx; $first $first_index $($name $index)*);
                Ok(())
            }

            fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
            where
                Self: 't,
            {
                let mut parts = <(Option<$first>, $(Option<$name>,)*)>::new(self);
                if let Some(mark) = parts.resume(task, cx)? {
                    parts.defer(mark, task, cx);
                }
                Ok(())
            }
        }

        impl<'t, $first: Render + 't, $($name: Render + 't),*> Parts<'t>
            for (Option<$first>, $(Option<$name>,)*)
        {
            type Whole = ($first, $($name,)*);

            fn new(whole: Self::Whole) -> Self {
                (Some(whole.$first_index), $(Some(whole.$index),)*)
            }

            fn resume(&mut self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<Option<usize>> {
                if let Some(mark) = render_part(&mut self.$first_index, task, cx)? {
                    return Ok(Some(mark));
                }
                $(if let Some(mark) = render_part(&mut self.$index, task, cx)? {
                    return Ok(Some(mark));
                })*
                Ok(None)
            }
        }
    };
    (@inner $self:ident $out:ident $cx:ident; $last:ident $last_index:tt) => {
        $self.$last_index.render_inner($out, $cx)?;
    };
    (@inner $self:ident $out:ident $cx:ident;
        $part:ident $part_index:tt $next:ident $next_index:tt $($rest:ident $rest_index:tt)*) => {
        $self.$part_index.render_inner($out, $cx)?;
        Between::<$part, $next>::write($out);
        tuples!(@inner $self $out $cx; $next $next_index $($rest $rest_index)*);
    };
    (@last $part:ident) => { $part };
    (@last $part:ident $($rest:ident)+) => { tuples!(@last $($rest)+) };
}
tuples!(A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 I 8 J 9 K 10 L 11 M 12 N 13 O 14 P 15);

/// The parts of a tuple left to render into a task, each taken as it is
/// rendered. A tuple whose part pauses the task, or fills its buffer,
/// defers its parts left as one job, which resumes them: one function per
/// tuple type, where deferring each tail tuple would compile one per part.
/// The parts are rendered in place and moved into the job only when they
/// stop, so that the frames of a render hold them once.
trait Parts<'t>: Sized + 't {
    /// The tuple whose parts these are.
    type Whole;

    /// Every part of `whole`, left to render. A function of its own, so
    /// that the temporaries of a debug build live in its frame, gone when
    /// the parts render.
    fn new(whole: Self::Whole) -> Self;

    /// Renders the parts left, in order, until one pauses the task or fills
    /// its buffer: then the task's mark before that part.
    fn resume(&mut self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<Option<usize>>;

    /// Stops the render: the parts left go after the work since `mark`.
    fn defer(self, mark: usize, task: &mut Task<'t>, cx: Cx<'_>) {
        task.pause_at(mark, cx, move |task, cx| {
            let mut parts = self;
            if let Some(mark) = parts.resume(task, cx)? {
                parts.defer(mark, task, cx);
            }
            Ok(())
        });
    }
}

/// Renders the part in `slot`, if it is left, into `task`: the task's mark
/// before it when it paused the task or filled its buffer. Not inlined in a
/// debug build, so that a tuple's frame does not hold a copy of each part.
#[inline]
fn render_part<'t, P: Render + 't>(
    slot: &mut Option<P>,
    task: &mut Task<'t>,
    cx: Cx<'_>,
) -> Result<Option<usize>> {
    let Some(part) = slot.take() else {
        return Ok(None);
    };
    let mark = task.mark();
    part.render_parts(task, cx)?;
    Ok((task.is_paused() || task.out().is_full()).then_some(mark))
}
