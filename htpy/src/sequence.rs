//! Children that hold other children, or nothing: `Option`, `bool`, `()`,
//! `Result`, `Box`, `Vec`s, arrays, slices, tuples and iterators (drained as
//! rendering reaches each item).

use std::error::Error as StdError;

use crate::context::Cx;
use crate::error::{Error, Result};
use crate::node::Node;
use crate::output::Out;
use crate::render::{Render, RenderKind};
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
    render_items(&mut items, out, cx, |_| false).map(drop)
}

/// Renders items in turn until they run out (`true`) or, between two items,
/// `enough` says the output has had enough (`false`; the items left are
/// left in `items`).
#[inline]
fn render_items<I: Iterator<Item: Render>>(
    items: &mut I,
    out: &mut Out,
    cx: Cx<'_>,
    enough: impl Fn(&Out) -> bool,
) -> Result<bool> {
    // Between two items, the trail of one and the lead of the next are one
    // write, unless user code may look at the byte count before the next
    // item: then the trail is written first, as htpy would have. Whether it
    // is joined is decided after each item, not carried in a flag from one
    // item to the next, so that the optimiser keeps the common path (nobody
    // looks) straight however large the items' render grows.
    if out.is_observed() {
        out.publish();
    }
    let Some(mut item) = items.next() else {
        return Ok(true);
    };
    static_text::write(out, I::Item::ENDS.lead);
    loop {
        item.render_inner(out, cx)?;
        let joined = !out.is_observed();
        if !joined {
            static_text::write(out, I::Item::ENDS.trail);
            out.publish();
        }
        if enough(out) {
            if joined {
                static_text::write(out, I::Item::ENDS.trail);
            }
            return Ok(false);
        }
        let Some(next) = items.next() else {
            if joined {
                static_text::write(out, I::Item::ENDS.trail);
            }
            return Ok(true);
        };
        if joined {
            Between::<I::Item, I::Item>::write(out);
        } else {
            static_text::write(out, I::Item::ENDS.lead);
        }
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
    loop {
        if task.must_pause() || task.out().is_full() {
            task.pause(cx, move |task, cx| render_each_parts(items, task, cx));
            return Ok(());
        }
        task.out().publish();
        if whole_items {
            if render_items(&mut items, task.out(), cx, Out::is_full)? {
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
            return task.then(mark, cx, move |task, cx| render_each_parts(items, task, cx));
        }
    }
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
/// One invocation implements every arity up to the longest: it implements
/// the tuple of its names, then recurses on all but the first.
macro_rules! tuples {
    () => {};
    ($first:ident $($rest:ident)*) => {
        tuples!(@impl $first $($rest)*);
        tuples!($($rest)*);
    };
    (@impl $first:ident $($name:ident)*) => {
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

            #[expect(non_snake_case, reason = "the tuple's parts are named after their types")]
            #[inline]
            fn render_inner(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
                let ($first, $($name,)*) = self;
                tuples!(@inner out cx; $first $($name)*);
                Ok(())
            }

            #[expect(non_snake_case, reason = "the tuple's parts are named after their types")]
            fn render_parts<'t>(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>
            where
                Self: 't,
            {
                let ($first, $($name,)*) = self;
                Parts::resume((Some($first), $(Some($name),)*), task, cx)
            }
        }

        impl<'t, $first: Render + 't, $($name: Render + 't),*> Parts<'t>
            for (Option<$first>, $(Option<$name>,)*)
        {
            #[expect(non_snake_case, reason = "the tuple's parts are named after their types")]
            fn resume(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()> {
                let mut parts = self;
                let ($first, $($name,)*) = &mut parts;
                let mark = 'paused: {
                    tuples!(@part task cx 'paused; $first);
                    $(tuples!(@part task cx 'paused; $name);)*
                    return Ok(());
                };
                let rest = move |task: &mut Task<'t>, cx: Cx<'_>| parts.resume(task, cx);
                if task.is_paused() {
                    task.then(mark, cx, rest)
                } else {
                    // The buffer is full: it is handed on before the rest.
                    task.pause(cx, rest);
                    Ok(())
                }
            }
        }
    };
    (@part $task:ident $cx:ident $paused:lifetime; $part:ident) => {
        if let Some(part) = $part.take() {
            let mark = $task.mark();
            part.render_parts($task, $cx)?;
            if $task.is_paused() || $task.out().is_full() {
                break $paused mark;
            }
        }
    };
    (@inner $out:ident $cx:ident; $last:ident) => {
        $last.render_inner($out, $cx)?;
    };
    (@inner $out:ident $cx:ident; $part:ident $next:ident $($rest:ident)*) => {
        $part.render_inner($out, $cx)?;
        Between::<$part, $next>::write($out);
        tuples!(@inner $out $cx; $next $($rest)*);
    };
    (@last $part:ident) => { $part };
    (@last $part:ident $($rest:ident)+) => { tuples!(@last $($rest)+) };
}
tuples!(A B C D E F G H I J K L M N O P);

/// The parts of a tuple left to render into a task, each taken as it is
/// rendered. A tuple whose part pauses the task, or fills its buffer,
/// defers its parts left as one job, which resumes them: one function per tuple type, where
/// deferring each tail tuple would compile one per part.
trait Parts<'t> {
    /// Renders the parts left, in order, until one pauses the task or fills its buffer.
    fn resume(self, task: &mut Task<'t>, cx: Cx<'_>) -> Result<()>;
}
