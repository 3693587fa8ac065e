//! Lazy children: closures run, and iterators drained, only when rendering
//! reaches them.

use std::any::Any;
use std::marker::PhantomData;

use crate::context::{Context, Cx};
use crate::error::Result;
use crate::output::{Out, Position};
use crate::render::{Render, RenderKind, user_code};
use crate::sequence::{render_each, render_each_parts};
use crate::task::Task;

/// A child computed when rendering reaches it; see [`lazy`].
///
/// ```
/// use htpy::{Lazy, Render, lazy};
///
/// let later: Lazy<_, _> = lazy(|| "now");
/// assert_eq!(later.render_to_string().unwrap(), "now");
/// ```
#[derive(Clone, Debug)]
// `R` is named in the type so that where the child lives, so does what it
// returns: work a render puts off may hold on to that.
pub struct Lazy<F, R>(F, PhantomData<fn() -> R>);

/// A child computed only when rendering reaches it: htpy's callable child.
///
/// ```
/// use htpy::{Render, div, lazy};
/// use std::cell::Cell;
///
/// let ran = Cell::new(false);
/// let page = div().children(lazy(|| { ran.set(true); "computed" }));
/// assert!(!ran.get());
/// assert_eq!(page.render_to_string().unwrap(), "<div>computed</div>");
/// assert!(ran.get());
/// ```
pub fn lazy<F: FnOnce() -> R, R: Render>(f: F) -> Lazy<F, R> {
    Lazy(f, PhantomData)
}

impl<F: FnOnce() -> R, R: Render> Render for Lazy<F, R> {
    const KIND: RenderKind = R::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        out.publish();
        user_code(self.0)?.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        task.at_user_code(cx, self.0, |f, task, cx| {
            user_code(f)?.render_parts(task, cx)
        })
    }
}

/// An iterator whose items are children, drained as rendering reaches them;
/// see [`iter`].
///
/// ```
/// use htpy::{Iter, Render, iter};
///
/// let digits: Iter<_> = iter([1, 2, 3]);
/// assert_eq!(digits.render_to_string().unwrap(), "123");
/// ```
#[derive(Clone, Debug)]
pub struct Iter<I>(I);

/// Any iterator as children, drained item by item as rendering reaches it:
/// htpy's generator child. (`Vec`s, arrays and the common iterator adapters
/// such as `map` are children without it.)
///
/// ```
/// use htpy::{Render, iter, li, ul};
///
/// let mut n = 0;
/// let counter = std::iter::from_fn(move || { n += 1; (n <= 3).then(|| li().children(n)) });
/// assert_eq!(
///     ul().children(iter(counter)).render_to_string().unwrap(),
///     "<ul><li>1</li><li>2</li><li>3</li></ul>"
/// );
/// ```
pub fn iter<I: IntoIterator<Item: Render>>(items: I) -> Iter<I::IntoIter> {
    Iter(items.into_iter())
}

impl<I: Iterator<Item: Render>> Render for Iter<I> {
    const KIND: RenderKind = <I::Item as Render>::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        render_each(self.0, out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        render_each_parts(self.0, task, cx)
    }
}

/// What a [`scoped`] child sees of the render it runs in.
///
/// ```
/// use htpy::{Render, Scope, scoped};
///
/// let page = ("xy", scoped(|scope: &Scope<'_>| scope.bytes_rendered()));
/// assert_eq!(page.render_to_string().unwrap(), "xy2");
/// ```
pub struct Scope<'a> {
    out: &'a Out,
    cx: Cx<'a>,
}

impl<'a> Scope<'a> {
    /// How many bytes the render has produced so far.
    ///
    /// ```
    /// use htpy::{Render, scoped};
    ///
    /// let page = ("ab", scoped(|scope| scope.bytes_rendered()));
    /// assert_eq!(page.render_to_string().unwrap(), "ab2");
    /// ```
    pub fn bytes_rendered(&self) -> u64 {
        self.out.bytes_rendered()
    }

    /// A handle on the count of bytes rendered, for code that runs later: a
    /// future, a stream, an iterator's next item.
    ///
    /// ```
    /// use htpy::{Render, iter, scoped};
    ///
    /// let page = scoped(|scope| {
    ///     let position = scope.position();
    ///     iter((0..3).map(move |_| position.bytes_rendered()))
    /// });
    /// assert_eq!(page.render_to_string().unwrap(), "012");
    /// ```
    pub fn position(&self) -> Position {
        self.out.position()
    }

    /// The value of `context` here; see [`Cx::get`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ContextMissing`](crate::ErrorKind::ContextMissing) when
    /// no provider is above and the context has no default.
    ///
    /// ```
    /// use htpy::{Context, Render, scoped};
    ///
    /// static N: Context<u8> = Context::new("n");
    /// let page = N.provide(4, scoped(|scope| scope.context(&N).map(|n| n + 1)));
    /// assert_eq!(page.render_to_string().unwrap(), "5");
    /// ```
    pub fn context<'c, T: Any>(&self, context: &'c Context<T>) -> Result<&'c T>
    where
        'a: 'c,
    {
        self.cx.get(context)
    }
}

/// A lazy child that sees the render it runs in; see [`scoped`].
///
/// ```
/// use htpy::{Render, Scoped, scoped};
///
/// let child: Scoped<_, _> = scoped(|scope| scope.bytes_rendered());
/// assert_eq!(child.render_to_string().unwrap(), "0");
/// ```
#[derive(Clone, Debug)]
pub struct Scoped<F, R>(F, PhantomData<fn() -> R>);

/// A child computed when rendering reaches it, from a [`Scope`]: the bytes
/// rendered so far and the contexts provided above it.
///
/// ```
/// use htpy::{Context, Render, scoped, span};
///
/// static THEME: Context<&str> = Context::with_default("theme", "light");
/// let badge = scoped(|scope| span().attr("data-theme", *scope.context(&THEME).unwrap()));
/// assert_eq!(badge.render_to_string().unwrap(), r#"<span data-theme="light"></span>"#);
/// ```
pub fn scoped<F: FnOnce(&Scope<'_>) -> R, R: Render>(f: F) -> Scoped<F, R> {
    Scoped(f, PhantomData)
}

impl<F: FnOnce(&Scope<'_>) -> R, R: Render> Render for Scoped<F, R> {
    const KIND: RenderKind = R::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        out.publish();
        let child = user_code(|| (self.0)(&Scope { out, cx }))?;
        child.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        task.at_user_code(cx, self.0, |f, task, cx| {
            let out = task.out();
            let child = user_code(|| f(&Scope { out, cx }))?;
            child.render_parts(task, cx)
        })
    }
}
