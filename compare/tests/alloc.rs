//! The counting allocator counts what a piece of work asks of the heap, as
//! `compare bench` installs it.

use compare::alloc::{Allocations, Counting, measure};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

// One test: the counters are the process's, so measurements must not run
// side by side.
#[test]
fn counts_allocations_bytes_and_the_peak() {
    let (string, counts) = measure(|| String::with_capacity(100));
    assert_eq!(string.capacity(), 100);
    assert_eq!(
        counts,
        Some(Allocations {
            allocations: 1,
            bytes: 100,
            peak_bytes: 100,
        })
    );

    // Two buffers held at once, then one dropped and a smaller one made:
    // three allocations, the peak is the two held together.
    let (_, counts) = measure(|| {
        let a = std::hint::black_box(vec![0_u8; 64]);
        let b = std::hint::black_box(vec![0_u8; 32]);
        drop((a, b));
        std::hint::black_box(vec![0_u8; 16]).len()
    });
    assert_eq!(
        counts,
        Some(Allocations {
            allocations: 3,
            bytes: 112,
            peak_bytes: 96,
        })
    );

    // Growing a buffer is a realloc: an allocation of its new size.
    let (_, counts) = measure(|| {
        let mut grown = Vec::<u8>::with_capacity(8);
        grown.reserve_exact(24);
        std::hint::black_box(grown).capacity()
    });
    assert_eq!(
        counts,
        Some(Allocations {
            allocations: 2,
            bytes: 8 + 24,
            peak_bytes: 24,
        })
    );

    // Freeing what was made before the measurement does not lower the peak
    // below zero.
    let before = std::hint::black_box(vec![0_u8; 1_000]);
    let ((), counts) = measure(|| drop(before));
    assert_eq!(counts, Some(Allocations::default()));
}
