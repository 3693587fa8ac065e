//! The load test's machinery (`--bin load`) with tiny counts, quick enough
//! for every `cargo test`: whole pages over shared keep-alive connections
//! without an error, and clients that leave mid-page leaving no render
//! running. Nothing here measures time; the waits are bounded only so that
//! a broken server fails the test instead of hanging it.

use std::time::Duration;

use htpy::prelude::*;
use htpy_examples::demo_page::Pace;
use htpy_examples::load::{
    DEMO_PATH, Pages, Server, TABLE_PATH, disconnects, load, renders_in_flight, table_page,
    wait_for_no_renders,
};

const ROWS: u64 = 500;
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

#[test]
fn load_without_errors_and_disconnects_without_renders_left() {
    // The real pace: a client that leaves after the first chunk leaves a
    // render waiting on the demo's first slow source.
    let server = Server::start(Pages {
        pace: Pace::REAL,
        table_rows: ROWS,
    })
    .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let table_len = table_page(ROWS).render_to_string().unwrap().len();

    let table = runtime.block_on(load(server.addr(), TABLE_PATH, table_len, 64, 8));
    assert_eq!((table.requests, table.errors), (64, 0), "{table:?}");
    assert_eq!(table.last_byte.len(), 64);
    assert!(runtime.block_on(wait_for_no_renders(DRAIN_LIMIT)).is_some());

    let left = runtime.block_on(disconnects(server.addr(), DEMO_PATH, 50, 8, DRAIN_LIMIT));
    assert_eq!((left.requests, left.errors), (50, 0), "{left:?}");
    assert_eq!(left.renders_started, 50);
    assert!(left.drained_after.is_some(), "{left:?}");
    assert_eq!(renders_in_flight(), 0);

    server.stop().unwrap();
}
