//! A guess of how long a page renders, learnt per page type, so that a render
//! to a new `String` allocates once instead of growing by doubling (each
//! doubling copies what was rendered so far), and a byte stream renders a
//! page that fits in a buffer in one go.

use std::any::type_name;
use std::sync::atomic::{AtomicU64, Ordering};

/// Hints by a hash of the page's type: its length above, the type's key
/// below, so that two types sharing a slot take turns rather than each
/// other's guess.
static HINTS: [AtomicU64; 64] = [const { AtomicU64::new(0) }; 64];

/// The largest capacity guessed, so one huge page does not make every later
/// render of its type reserve as much; and the most a list reserves from a
/// guess of its own ([`Nodes::with_capacity`](crate::Nodes::with_capacity)).
pub(crate) const MAX_HINT: usize = 16 * 1024 * 1024;

/// The slot of a `T`, and its key.
fn slot<T>() -> (&'static AtomicU64, u32) {
    let key = type_name::<T>().as_ptr().addr();
    #[expect(clippy::cast_possible_truncation, reason = "a key, not a number")]
    (&HINTS[(key >> 4) % HINTS.len()], key as u32)
}

/// The length of the last render of a `T`, or 0 when none is known.
pub(crate) fn guess<T>() -> usize {
    let (slot, key) = slot::<T>();
    let hint = slot.load(Ordering::Relaxed);
    if hint & u64::from(u32::MAX) == u64::from(key) {
        usize::try_from(hint >> 32).unwrap_or(0)
    } else {
        0
    }
}

/// Remembers how long a render of a `T` was.
pub(crate) fn learn<T>(len: usize) {
    let (slot, key) = slot::<T>();
    let len = len.min(MAX_HINT) as u64;
    slot.store(len << 32 | u64::from(key), Ordering::Relaxed);
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

    #[test]
    fn a_type_never_takes_another_types_guess() {
        struct Page<const N: u8>;
        macro_rules! each {
            ($f:ident: $($n:literal)*) => {$( $f::<$n>(); )*};
        }
        fn learn_own<const N: u8>() {
            learn::<Page<N>>(usize::from(N) + 1);
        }
        fn own_or_none<const N: u8>() {
            assert!(matches!(guess::<Page<N>>(), 0) || guess::<Page<N>>() == usize::from(N) + 1);
        }
        // 65 types for 64 slots: some share one.
        each!(learn_own: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
            27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54
            55 56 57 58 59 60 61 62 63 64);
        each!(own_or_none: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25
            26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53
            54 55 56 57 58 59 60 61 62 63 64);
    }
}
