//! What a page asks of the heap, counted by the allocator `compare bench`
//! installs: a page built from run-time data holds its bytes about once,
//! as the typed page does, and a page rendered before is allocated once, in
//! a `String` and in a byte stream, the length learnt from its last render.

use compare::alloc::{Counting, measure};
use compare::engine::Engine;
use compare::engines::htpy;
use compare::pages::{BigTable, Delays, Page, Sources};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

// One test: the counters are the process's, so measurements must not run
// side by side.
#[test]
fn pages_ask_the_heap_for_their_bytes_once() {
    big_table_from_data_holds_its_page_about_once();
    a_page_rendered_before_is_allocated_once();
}

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

/// The most a render may ask for beyond its page, given the page's bytes.
type Beyond = fn(u64) -> u64;

/// Each page htpy renders, warmed up as `compare bench` is (two renders
/// first). A guess that missed would grow a `String` by doubling, and start
/// a byte stream on a 4 KiB buffer, through the task.
fn a_page_rendered_before_is_allocated_once() {
    let size = |engine: Engine, page| {
        let output = engine
            .render(page, Sources::new(Delays::NONE))
            .expect("htpy renders every page");
        futures::executor::block_on(output.size())
    };
    // The most asked for beyond the page, given its bytes: a `String`
    // render asks for its page alone; the dashboard's, for the future that
    // awaits its data too (264 bytes); a byte stream of a page that fits
    // its buffer, for a box for the render and the `Bytes`' own (88 bytes);
    // one of a page that does not (htpy-bench), for buffers of its size or
    // less, the last sized to what is left, and the task.
    let cases: [(Engine, Page, Beyond); 7] = [
        (Engine::Htpy, Page::BigTable, |_| 0),
        (Engine::Htpy, Page::Teams, |_| 0),
        (Engine::Htpy, Page::HtpyBench, |_| 0),
        (Engine::Htpy, Page::Dashboard, |_| 512),
        (Engine::HtpyStream, Page::BigTable, |_| 128),
        (Engine::HtpyStream, Page::Teams, |_| 128),
        (Engine::HtpyStream, Page::HtpyBench, |bytes| bytes / 8),
    ];
    for (engine, page, beyond) in cases {
        size(engine, page);
        size(engine, page);
        let (bytes, counts) = measure(|| size(engine, page));
        let counts = counts.unwrap();
        let bytes = u64::try_from(bytes).unwrap();
        let most = bytes + beyond(bytes);
        assert!(
            counts.bytes <= most,
            "{engine} on {page}: {} bytes asked for in {} allocations, for a page of {bytes}",
            counts.bytes,
            counts.allocations
        );
    }
}
