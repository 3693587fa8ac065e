//! The pages every engine renders, and the data each one is rendered from.
//!
//! The data is built once, on first use, and lives for the whole program, so
//! every engine renders from the same `&'static` values.

mod big_table;
mod dashboard;
mod htpy_bench;
mod page;
mod teams;

pub use big_table::BigTable;
pub use dashboard::{Activity, Dashboard, Delays, Layout, NavLink, Order, Sources, Stat, User};
pub use htpy_bench::HtpyBench;
pub use page::Page;
pub use teams::{Team, Teams};
