//! A sleep without a runtime: a thread sleeps, then wakes the waiting task
//! through a oneshot channel, so `block_on` can drive timed cases.

use std::thread;
use std::time::Duration;

use futures::channel::oneshot;

/// Waits `ms` milliseconds; returns at once for 0, as a case without delay
/// does not sleep.
pub(crate) async fn sleep(ms: u64) {
    if ms == 0 {
        return;
    }
    let (wake, woken) = oneshot::channel::<()>();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(ms));
        // The waiter may be gone (a render that stopped early): nothing to wake.
        let _ = wake.send(());
    });
    // Only an early end of the thread cancels the wait, which ends it all the same.
    let _ = woken.await;
}
