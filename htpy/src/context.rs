//! Contexts: a value provided to a subtree and consumed anywhere below it,
//! without passing it through every component.

use std::any::Any;
use std::borrow::Cow;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::{Render, RenderKind, user_code};
use crate::task::Task;

/// A typed context, with an optional default. Declare it as a `static`: its
/// address is its identity.
///
/// ```
/// use htpy::{Context, Render, div, span};
///
/// static THEME: Context<&str> = Context::with_default("theme", "light");
///
/// fn badge() -> impl Render {
///     THEME.consume(|theme| span().attr("class", format!("badge-{theme}")))
/// }
///
/// let page = div().children((badge(), THEME.provide("dark", badge()), badge()));
/// assert_eq!(
///     page.render_to_string().unwrap(),
///     r#"<div><span class="badge-light"></span><span class="badge-dark"></span><span class="badge-light"></span></div>"#
/// );
/// ```
#[derive(Debug)]
pub struct Context<T> {
    name: Cow<'static, str>,
    default: Option<T>,
}

impl<T> Context<T> {
    /// A context without a default: a consumer with no provider above it fails.
    ///
    /// ```
    /// use htpy::{Context, Render};
    ///
    /// static USER: Context<String> = Context::new("user");
    /// let err = USER.consume(|name| name.clone()).render_to_string().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "context \"user\" has no provider above its consumer and no default"
    /// );
    /// ```
    pub const fn new(name: &'static str) -> Self {
        Self {
            name: Cow::Borrowed(name),
            default: None,
        }
    }

    /// A context whose consumers see `default` where no provider is above them.
    ///
    /// ```
    /// use htpy::{Context, Render};
    ///
    /// static LANG: Context<&str> = Context::with_default("lang", "en");
    /// assert_eq!(LANG.consume(|lang| *lang).render_to_string().unwrap(), "en");
    /// ```
    pub const fn with_default(name: &'static str, default: T) -> Self {
        Self {
            name: Cow::Borrowed(name),
            default: Some(default),
        }
    }

    /// A context named at run time, for contexts declared by data. Keep it
    /// where it does not move (a `Box`, a `static`) while trees use it.
    ///
    /// ```
    /// use htpy::{Context, Render};
    ///
    /// let ctx = Box::new(Context::named(format!("ctx-{}", 1), Some("x".to_owned())));
    /// assert_eq!(ctx.consume(|v| v.clone()).render_to_string().unwrap(), "x");
    /// ```
    pub fn named(name: impl Into<Cow<'static, str>>, default: Option<T>) -> Self {
        Self {
            name: name.into(),
            default,
        }
    }

    /// The context's name.
    ///
    /// ```
    /// static THEME: htpy::Context<u8> = htpy::Context::new("theme");
    /// assert_eq!(THEME.name(), "theme");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    fn key(&self) -> usize {
        std::ptr::from_ref(self).addr()
    }

    /// Provides `value` to every consumer in `node`, inner providers of the
    /// same context shadowing it; after `node` the outer value is back.
    ///
    /// ```
    /// use htpy::{Context, Render};
    ///
    /// static N: Context<i32> = Context::new("n");
    /// let show = || N.consume(|n| *n);
    /// let page = N.provide(1, (show(), N.provide(2, show()), show()));
    /// assert_eq!(page.render_to_string().unwrap(), "121");
    /// ```
    pub fn provide<N: Render>(&self, value: T, node: N) -> Provider<'_, T, N> {
        Provider {
            context: self,
            value,
            node,
        }
    }

    /// A child that renders `f(value)` with the value provided above it, or
    /// the default.
    ///
    /// ```
    /// use htpy::{Context, Render, b};
    ///
    /// static USER: Context<String> = Context::new("user");
    /// let greeting = USER.consume(|user| b().children(user.clone()));
    /// let page = USER.provide("Ada".to_owned(), greeting);
    /// assert_eq!(page.render_to_string().unwrap(), "<b>Ada</b>");
    /// ```
    pub fn consume<F, R>(&self, f: F) -> Consumer<'_, T, F, R>
    where
        F: FnOnce(&T) -> R,
        R: Render,
    {
        Consumer {
            context: self,
            f,
            output: PhantomData,
        }
    }
}

/// One provided value on the way from the root to a child, shared so that
/// work the render puts off (after a wait, or between chunks) keeps the
/// contexts it was reached with.
struct Link<T> {
    key: usize,
    value: T,
    parent: Option<Arc<dyn Linked>>,
}

/// The type-erased face of a [`Link`].
trait Linked {
    fn key(&self) -> usize;
    fn value(&self) -> &dyn Any;
    fn parent(&self) -> Option<&Arc<dyn Linked>>;
}

impl<T: Any> Linked for Link<T> {
    fn key(&self) -> usize {
        self.key
    }

    fn value(&self) -> &dyn Any {
        &self.value
    }

    fn parent(&self) -> Option<&Arc<dyn Linked>> {
        self.parent.as_ref()
    }
}

/// The contexts provided above a child: a chain of shared links, one per
/// provider (one allocation each), which work put off for later holds on to.
///
/// ```
/// use htpy::{Context, Cx, Out, Render, Result};
///
/// static N: Context<u32> = Context::with_default("n", 7);
///
/// struct Twice;
/// impl Render for Twice {
///     fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
///         (cx.get(&N)? * 2).render(out, cx)
///     }
/// }
/// assert_eq!(Twice.render_to_string().unwrap(), "14");
/// ```
#[derive(Clone, Copy, Default)]
pub struct Cx<'a>(Option<&'a Arc<dyn Linked>>);

/// The contexts of a [`Cx`], owned: what work put off for later keeps.
#[derive(Clone, Default)]
pub(crate) struct SharedCx(Option<Arc<dyn Linked>>);

impl SharedCx {
    /// The contexts, to render with.
    pub(crate) fn cx(&self) -> Cx<'_> {
        Cx(self.0.as_ref())
    }
}

impl<'a> Cx<'a> {
    /// No context provided: where every render starts.
    ///
    /// ```
    /// use htpy::{Context, Cx};
    ///
    /// static N: Context<u8> = Context::with_default("n", 1);
    /// assert_eq!(*Cx::root().get(&N).unwrap(), 1);
    /// ```
    pub fn root() -> Self {
        Self(None)
    }

    /// The same contexts, owned, for work put off for later.
    pub(crate) fn shared(self) -> SharedCx {
        SharedCx(self.0.cloned())
    }

    /// The value of `context` here: the innermost provider's, or the default.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ContextMissing`] when there is neither.
    ///
    /// ```
    /// use htpy::{Context, Cx};
    ///
    /// static N: Context<u8> = Context::new("n");
    /// assert!(Cx::root().get(&N).is_err());
    /// ```
    pub fn get<'c, T: Any>(self, context: &'c Context<T>) -> Result<&'c T>
    where
        'a: 'c,
    {
        let key = context.key();
        let mut links = self.0;
        while let Some(link) = links {
            if link.key() == key {
                if let Some(value) = link.value().downcast_ref::<T>() {
                    return Ok(value);
                }
            }
            links = link.parent();
        }
        context.default.as_ref().ok_or_else(|| {
            Error::new(ErrorKind::ContextMissing {
                context: context.name.clone().into_owned(),
            })
        })
    }
}

/// A context's value provided to a subtree; see [`Context::provide`].
///
/// ```
/// use htpy::{Context, Provider, Render};
///
/// static N: Context<u8> = Context::new("n");
/// let provider: Provider<'_, u8, _> = N.provide(3, N.consume(|n| *n));
/// assert_eq!(provider.render_to_string().unwrap(), "3");
/// ```
pub struct Provider<'c, T, N> {
    context: &'c Context<T>,
    value: T,
    node: N,
}

impl<T: Any, N: Render> Render for Provider<'_, T, N> {
    const KIND: RenderKind = N::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let (link, node) = self.link(cx);
        node.render(out, Cx(Some(&link)))
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        let (link, node) = self.link(cx);
        node.render_parts(task, Cx(Some(&link)))
    }
}

impl<T: Any, N> Provider<'_, T, N> {
    /// The link that provides the value below this provider, and the node.
    fn link(self, cx: Cx<'_>) -> (Arc<dyn Linked>, N) {
        let link = Link {
            key: self.context.key(),
            value: self.value,
            parent: cx.0.cloned(),
        };
        (Arc::new(link), self.node)
    }
}

/// A child rendered from a context's value; see [`Context::consume`].
///
/// ```
/// use htpy::{Consumer, Context, Render};
///
/// static N: Context<u8> = Context::with_default("n", 9);
/// let consumer: Consumer<'_, u8, _, _> = N.consume(|n| *n);
/// assert_eq!(consumer.render_to_string().unwrap(), "9");
/// ```
pub struct Consumer<'c, T, F, R> {
    context: &'c Context<T>,
    f: F,
    /// What `f` returns, named so that where the consumer lives, so does
    /// its child: work a render puts off may hold on to that.
    output: PhantomData<fn() -> R>,
}

impl<T: Any, F: FnOnce(&T) -> R, R: Render> Render for Consumer<'_, T, F, R> {
    const KIND: RenderKind = R::KIND;

    #[inline]
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        out.publish();
        let value = cx.get(self.context)?;
        user_code(|| (self.f)(value))?.render(out, cx)
    }

    fn render_parts<'a>(self, task: &mut Task<'a>, cx: Cx<'_>) -> Result<()>
    where
        Self: 'a,
    {
        task.at_user_code(cx, self, |this, task, cx| {
            let value = cx.get(this.context)?;
            user_code(|| (this.f)(value))?.render_parts(task, cx)
        })
    }
}
