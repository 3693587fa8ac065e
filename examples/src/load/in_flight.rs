//! A count of the renders in flight: [`tracked`] counts its page from the
//! moment it is built until its render ends or is dropped.

use std::sync::atomic::{AtomicUsize, Ordering};

use htpy::Render;

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// How many renders of [`tracked`] pages have started and not yet ended
/// (finished, failed, or dropped with the response).
pub fn renders_in_flight() -> usize {
    IN_FLIGHT.load(Ordering::SeqCst)
}

/// How many renders of [`tracked`] pages have started since the process did.
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

/// A page whose render is counted in [`renders_in_flight`]: from now until
/// the render ends.
///
/// The count is held by the last child of the page, a lazy one that lets go
/// of it when the render reaches it. A render that stops early (a failure,
/// or a client that leaves, which drops the response body and with it the
/// render) drops that child unrun, and the count with it.
///
/// ```
/// use htpy::{Render, p};
/// use htpy_examples::load::{renders_in_flight, renders_started, tracked};
///
/// let before = renders_started();
/// assert_eq!(tracked(p().children("hi")).render_to_string().unwrap(), "<p>hi</p>");
/// assert_eq!(renders_started(), before + 1);
/// assert_eq!(renders_in_flight(), 0);
/// ```
pub fn tracked<R: Render>(page: R) -> impl Render {
    let in_flight = InFlight::start();
    (page, htpy::lazy(move || drop(in_flight)))
}
