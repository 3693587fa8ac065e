//! A guess of how long a page renders, learnt per page type, so that a render
//! to a new `String` allocates once instead of growing by doubling (each
//! doubling copies what was rendered so far), and a byte stream renders a
//! page that fits in a buffer in one go.

use std::any::type_name;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};

/// The hints of every page type rendered so far.
static HINTS: Table = Table::new();

/// The largest capacity guessed, so one huge page does not make every later
/// render of its type reserve as much; and the most a list reserves from a
/// guess of its own ([`Nodes::with_capacity`](crate::Nodes::with_capacity)).
pub(crate) const MAX_HINT: usize = 16 * 1024 * 1024;

/// What tells a page type from another, to guess and learn its length by.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key(NonZeroU64);

/// The key of a `T`: the address of its name. Never inlined, so that a
/// program has one copy of the name: code inlined apart can each hold a
/// copy of its own, at another address, and a byte stream that guesses
/// would then never find what the one that learns remembered (as one did,
/// in a release build of `compare`).
#[inline(never)]
pub(crate) fn key<T>() -> Key {
    // Never 0, and so a byte stream that holds a key is no larger in an
    // enum than it was with the function that learnt its length.
    Key(NonZeroU64::new(type_name::<T>().as_ptr().addr() as u64).unwrap_or(NonZeroU64::MAX))
}

/// The length of the last render of the type of `key`, or 0 when none is
/// known.
#[inline]
pub(crate) fn guess(key: Key) -> usize {
    HINTS.guess(key.0.get())
}

/// Remembers how long a render of the type of `key` was.
#[inline]
pub(crate) fn learn(key: Key, len: usize) {
    HINTS.learn(key.0.get(), len);
}

/// Lengths by a hash of a key, in slots that hold a length above and the
/// key's low half below, so that a type never takes another's guess. A key
/// may sit in either of two slots: in a table of one choice, two of a
/// program's dozen page types share a slot more often than not (a 64-slot
/// table made one page of `compare`'s allocate ten times a render, its
/// guess taken in turns), and with two, three keys must meet in the same
/// two slots for one to lose its guess.
struct Table([AtomicU64; SLOTS]);

/// The table's size: 8 KiB.
const SLOTS: usize = 1024;

/// The low half of a slot: whose length it holds.
const OWNER: u64 = u32::MAX as u64;

impl Table {
    const fn new() -> Self {
        Self([const { AtomicU64::new(0) }; SLOTS])
    }

    /// The first slot `key` may sit in: by its bits above the alignment of
    /// a name.
    #[inline]
    fn first(&self, key: u64) -> &AtomicU64 {
        &self.0[(key >> 4) as usize % SLOTS]
    }

    /// The second: by a multiplicative hash of all its bits.
    fn second(&self, key: u64) -> &AtomicU64 {
        let at = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros());
        #[expect(clippy::cast_possible_truncation, reason = "below SLOTS")]
        &self.0[at as usize % SLOTS]
    }

    /// The two slots `key` may sit in.
    #[cfg(test)]
    fn slots(&self, key: u64) -> [&AtomicU64; 2] {
        [self.first(key), self.second(key)]
    }

    /// The first slot looked at inline, the second out of line.
    #[inline]
    fn guess(&self, key: u64) -> usize {
        held_for(self.first(key).load(Ordering::Relaxed), key)
            .unwrap_or_else(|| self.guess_second(key))
    }

    #[cold]
    #[inline(never)]
    fn guess_second(&self, key: u64) -> usize {
        held_for(self.second(key).load(Ordering::Relaxed), key).unwrap_or(0)
    }

    /// Stores `len` in the key's own slot, else in a free one, else in its
    /// first, whose type loses its guess.
    #[inline]
    fn learn(&self, key: u64, len: usize) {
        let first = self.first(key);
        let held = first.load(Ordering::Relaxed);
        if held_for(held, key).is_some() {
            keep_or_store(first, held, key, len);
        } else {
            self.learn_elsewhere(key, len);
        }
    }

    #[cold]
    #[inline(never)]
    fn learn_elsewhere(&self, key: u64, len: usize) {
        let (first, second) = (self.first(key), self.second(key));
        let held = second.load(Ordering::Relaxed);
        if held_for(held, key).is_some() {
            keep_or_store(second, held, key, len);
        } else if held == 0 && first.load(Ordering::Relaxed) != 0 {
            second.store(hint(key, len), Ordering::Relaxed);
        } else {
            first.store(hint(key, len), Ordering::Relaxed);
        }
    }
}

/// The length `hint` holds, if it is `key`'s.
fn held_for(hint: u64, key: u64) -> Option<usize> {
    (hint & OWNER == key & OWNER).then(|| length(hint))
}

/// A slot's word for `key` and `len`.
fn hint(key: u64, len: usize) -> u64 {
    (len.min(MAX_HINT) as u64) << 32 | key & OWNER
}

/// Stores `len` in `key`'s own slot, which holds `held`, unless the length
/// held is at least `len` and above it by no more than an eighth: the
/// buffer it sizes still holds the page, and renders of one page on many
/// threads, its length a little different each time, then only read the
/// slot's cache line.
#[inline]
fn keep_or_store(slot: &AtomicU64, held: u64, key: u64, len: usize) {
    let len = len.min(MAX_HINT);
    if !(len..=len + len / 8).contains(&length(held)) {
        slot.store(hint(key, len), Ordering::Relaxed);
    }
}

/// The length a slot holds.
fn length(hint: u64) -> usize {
    usize::try_from(hint >> 32).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn learns_the_last_length_per_type() {
        struct Page;
        learn(key::<Page>(), 1234);
        assert_eq!(guess(key::<Page>()), 1234);
        learn(key::<Page>(), usize::MAX);
        assert_eq!(guess(key::<Page>()), MAX_HINT);
    }

    #[test]
    fn keys_that_share_their_first_slot_each_keep_their_guess() {
        let table = Table::new();
        // The same bits above the fourth, modulo the table's size.
        let keys = [16, 16 + 16 * SLOTS as u64, 16 + 32 * SLOTS as u64];
        assert!(
            keys.iter()
                .all(|&key| ptr::eq(table.slots(key)[0], table.slots(16)[0]))
        );
        for (len, &key) in keys.iter().enumerate() {
            table.learn(key, 100 + len);
        }
        let seconds: Vec<_> = keys.iter().map(|&key| table.slots(key)[1]).collect();
        assert!(
            !ptr::eq(seconds[1], seconds[2]),
            "the test's keys must part in their second slots"
        );
        for (len, &key) in keys.iter().enumerate() {
            assert_eq!(table.guess(key), 100 + len);
        }
        table.learn(keys[2], 7);
        assert_eq!(table.guess(keys[2]), 7);
    }

    #[test]
    fn a_length_held_is_kept_for_a_page_up_to_an_eighth_shorter() {
        let table = Table::new();
        let key = 16;
        table.learn(key, 1000);
        table.learn(key, 900);
        assert_eq!(table.guess(key), 1000);
        table.learn(key, 880);
        assert_eq!(table.guess(key), 880);
        table.learn(key, 881);
        assert_eq!(table.guess(key), 881);
        table.learn(key, 0);
        assert_eq!(table.guess(key), 0);
    }

    #[test]
    fn a_length_in_a_second_slot_is_kept_by_the_same_rule() {
        let table = Table::new();
        let (other, key) = (16, 16 + 16 * SLOTS as u64);
        table.learn(other, 5);
        table.learn(key, 1000);
        assert_eq!(
            table.slots(key)[1].load(Ordering::Relaxed),
            1000 << 32 | key
        );
        table.learn(key, 900);
        assert_eq!(table.guess(key), 1000);
        table.learn(key, 1001);
        assert_eq!(table.guess(key), 1001);
        assert_eq!(table.guess(other), 5);
    }

    #[test]
    fn a_key_whose_slots_are_both_held_takes_its_first() {
        let table = Table::new();
        let key = 16;
        let [first, second] = table.slots(key);
        // Two other keys, each holding one of the slots, as keys that hash
        // there would.
        first.store(5 << 32 | 0xAAAA, Ordering::Relaxed);
        second.store(6 << 32 | 0xBBBB, Ordering::Relaxed);
        assert_eq!(table.guess(key), 0);
        table.learn(key, 9);
        assert_eq!(table.guess(key), 9);
        assert_eq!(first.load(Ordering::Relaxed), 9 << 32 | 16);
        assert_eq!(second.load(Ordering::Relaxed), 6 << 32 | 0xBBBB);
    }

    #[test]
    fn a_type_never_takes_another_types_guess() {
        struct Page<const N: u8>;
        macro_rules! each {
            ($f:ident: $($n:literal)*) => {$( $f::<$n>(); )*};
        }
        fn learn_own<const N: u8>() {
            learn(key::<Page<N>>(), usize::from(N) + 1);
        }
        fn own_or_none<const N: u8>() {
            let guessed = guess(key::<Page<N>>());
            assert!(guessed == 0 || guessed == usize::from(N) + 1);
        }
        // 65 types, each of which learns, then guesses its own or nothing.
        each!(learn_own: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
            27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54
            55 56 57 58 59 60 61 62 63 64);
        each!(own_or_none: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25
            26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53
            54 55 56 57 58 59 60 61 62 63 64);
    }
}
