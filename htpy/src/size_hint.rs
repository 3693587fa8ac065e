//! A guess of how long a page renders, learnt per page type, so that a render
//! to a new `String` allocates once instead of growing by doubling (each
//! doubling copies what was rendered so far).

use std::any::type_name;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Hints by a hash of the page's type; two types sharing a slot only make
/// each other's guess worse, never the output.
static HINTS: [AtomicUsize; 64] = [const { AtomicUsize::new(0) }; 64];

/// The largest capacity guessed, so one huge page does not make every later
/// render of its type reserve as much.
const MAX_HINT: usize = 16 * 1024 * 1024;

fn slot<T>() -> &'static AtomicUsize {
    let key = type_name::<T>().as_ptr().addr();
    &HINTS[(key >> 4) % HINTS.len()]
}

/// The capacity to start a render of a `T` with: the length of the last one.
pub(crate) fn guess<T>() -> usize {
    slot::<T>().load(Ordering::Relaxed)
}

/// Remembers how long a render of a `T` was.
pub(crate) fn learn<T>(len: usize) {
    slot::<T>().store(len.min(MAX_HINT), Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_the_last_length_per_type() {
        struct Page;
        learn::<Page>(1234);
        assert_eq!(guess::<Page>(), 1234);
        learn::<Page>(usize::MAX);
        assert_eq!(guess::<Page>(), MAX_HINT);
    }
}
