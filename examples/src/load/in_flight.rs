//! A count of the renders in flight: [`Tracked`] counts its page from the
//! moment its render starts until the render ends or is dropped.

use std::sync::atomic::{AtomicUsize, Ordering};

use htpy::prelude::*;
use htpy::{Cx, Out, RenderKind, Result};

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// How many renders of [`Tracked`] pages have started and not yet ended
/// (finished, failed, or dropped with the response).
pub fn renders_in_flight() -> usize {
    IN_FLIGHT.load(Ordering::SeqCst)
}

/// How many renders of [`Tracked`] pages have started since the process did.
pub fn renders_started() -> usize {
    STARTED.load(Ordering::SeqCst)
}

/// Counts one render in flight for as long as it lives.
struct InFlight;

impl InFlight {
    fn start() -> Self {
        STARTED.fetch_add(1, Ordering::SeqCst);
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        Self
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A page whose render is counted in [`renders_in_flight`].
///
/// The count is held by the render itself, not by a child of the tree: a
/// render consumes the tree child by child, so a guard placed in the tree
/// would be dropped when the render reaches it, not when the render ends.
/// Held across `render_async`, it is dropped exactly when the producer lets
/// go of the render: at its end, or when the client leaves and the
/// response body, and with it the render, is dropped.
///
/// ```
/// use htpy::{Render, p};
/// use htpy_examples::load::{Tracked, renders_in_flight, renders_started};
///
/// let before = renders_started();
/// assert_eq!(Tracked(p().children("hi")).render_to_string().unwrap(), "<p>hi</p>");
/// assert_eq!(renders_started(), before + 1);
/// assert_eq!(renders_in_flight(), 0);
/// ```
pub struct Tracked<R>(pub R);

impl<R: Render> Render for Tracked<R> {
    const KIND: RenderKind = R::KIND;

    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let _in_flight = InFlight::start();
        self.0.render(out, cx)
    }

    async fn render_async(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        let _in_flight = InFlight::start();
        self.0.render_async(out, cx).await
    }
}
