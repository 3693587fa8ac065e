//! What a page holds at its peak, counted by the allocator `compare bench`
//! installs: a page built from run-time data holds its bytes about once,
//! as the typed page does.

use compare::alloc::{Counting, measure};
use compare::engines::htpy;
use compare::pages::BigTable;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

// One test: the counters are the process's, so measurements must not run
// side by side.
#[test]
fn big_table_from_data_holds_its_page_about_once() {
    let table = BigTable::get();
    // Warmed up as `compare bench` is: the first render of a page type
    // learns its size.
    let typed = htpy::big_table(table);
    assert_eq!(htpy::big_table_from_data(table), typed);
    let (page, typed_counts) = measure(|| htpy::big_table(table));
    let (from_data, counts) = measure(|| htpy::big_table_from_data(table));
    assert_eq!(from_data, page);
    let (typed_counts, counts) = (typed_counts.unwrap(), counts.unwrap());
    let bytes = u64::try_from(page.len()).unwrap();
    assert_eq!(typed_counts.peak_bytes, bytes);
    // The rows' list, sized after its first row, with room for the
    // table's tags, taken over as the output, and a row's cells beside it.
    assert!(
        counts.peak_bytes <= bytes + bytes / 16,
        "held {} bytes at once for a page of {bytes}",
        counts.peak_bytes
    );
}
