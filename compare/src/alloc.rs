//! Counting the heap: a global allocator that forwards to the system's and,
//! while [`measure`] runs, counts what is asked of it.
//!
//! `compare`'s binary installs it (`#[global_allocator]`); when it is not
//! installed, as in the tests and under criterion, [`measure`] says so by
//! returning no counts. Outside a measurement the allocator costs one
//! relaxed load per call, so the timings taken in the same process are not
//! skewed by counting.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};

use serde::{Deserialize, Serialize};

/// What one piece of work asked of the heap.
///
/// As in dhat, a `realloc` counts as an allocation of its new size: growing
/// a buffer may move all of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocations {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub allocations: u64,
    /// The bytes those calls asked for, in all.
    pub bytes: u64,
    /// The most bytes held at once beyond what was held when the work
    /// started: the output included.
    pub peak_bytes: u64,
}

/// The system allocator, counting while [`measure`] runs.
pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static HELD: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);

/// Records an allocation of `new` bytes that replaces one of `old` bytes
/// (zero for a fresh allocation).
fn allocated(new: usize, old: usize) {
    ALLOCATIONS.fetch_add(1, Relaxed);
    BYTES.fetch_add(as_u64(new), Relaxed);
    let held = HELD.fetch_add(as_i64(new) - as_i64(old), Relaxed) + as_i64(new) - as_i64(old);
    PEAK.fetch_max(held, Relaxed);
}

fn as_u64(size: usize) -> u64 {
    u64::try_from(size).unwrap_or(u64::MAX)
}

fn as_i64(size: usize) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

// Safety: every call is forwarded unchanged to the system allocator, with
// the caller's own arguments and guarantees; the counting only touches
// atomics and never allocates.
#[expect(unsafe_code, reason = "a global allocator is an unsafe trait")]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            allocated(layout.size(), 0);
        }
        // Safety: the caller's guarantees for `alloc` are `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            allocated(layout.size(), 0);
        }
        // Safety: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            HELD.fetch_sub(as_i64(layout.size()), Relaxed);
        }
        // Safety: `ptr` came from this allocator, that is from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            allocated(new_size, layout.size());
        }
        // Safety: `ptr` came from `System`; forwarding `realloc` keeps its
        // growth in place where it can be, as without counting.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `work` and counts what it asks of the heap, on every thread; `None`
/// if [`Counting`] is not the global allocator.
///
/// Measurements must not overlap: there is one set of counters.
pub fn measure<T>(work: impl FnOnce() -> T) -> (T, Option<Allocations>) {
    if !installed() {
        return (work(), None);
    }
    for counter in [&HELD, &PEAK] {
        counter.store(0, Relaxed);
    }
    let (allocations, bytes) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    COUNTING.store(true, Relaxed);
    let output = work();
    COUNTING.store(false, Relaxed);
    let counts = Allocations {
        allocations: ALLOCATIONS.load(Relaxed) - allocations,
        bytes: BYTES.load(Relaxed) - bytes,
        peak_bytes: u64::try_from(PEAK.load(Relaxed)).unwrap_or(0),
    };
    (output, Some(counts))
}

/// Whether [`Counting`] is the global allocator: whether a box made while
/// counting is counted.
fn installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let before = ALLOCATIONS.load(Relaxed);
        COUNTING.store(true, Relaxed);
        drop(std::hint::black_box(Box::new(0_u64)));
        COUNTING.store(false, Relaxed);
        ALLOCATIONS.load(Relaxed) != before
    })
}
