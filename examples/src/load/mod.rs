//! The machinery of the load test (`--bin load`, and `tests/load_smoke.rs`
//! with tiny counts): an in-process actix server on 127.0.0.1 with the
//! demo page and a large table, a hand-written HTTP/1.1 client that times
//! the first and the last body byte of each response, and a count of the
//! renders in flight, to show that clients who leave mid-page stop theirs.
//!
//! Nothing here reaches any address but the server's, on 127.0.0.1.

mod client;
mod drive;
mod in_flight;
mod server;
mod stats;

pub use client::{Connection, Failure, Timing};
pub use drive::{Disconnects, Load, disconnects, load, wait_for_no_renders};
pub use in_flight::{renders_in_flight, renders_started, tracked};
pub use server::{DEMO_PATH, Pages, Server, TABLE_PATH, table_page};
pub use stats::{Memory, percentile};
