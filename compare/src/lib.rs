//! The comparison toolkit: the same pages rendered by htpy and its peers,
//! checked to be the same bytes, and timed side by side, in process and over
//! HTTP.
//!
//! - [`pages`]: the pages and their data;
//! - [`engines`]: each engine's rendering of them, and [`engine`] to pick one
//!   by name;
//! - [`python`]: Python htpy, the reference;
//! - [`normalise`]: what is done to an engine's bytes where it cannot write
//!   htpy's;
//! - [`bench`](mod@bench): timing them side by side, on the [`machine`] at hand,
//!   and counting what they allocate ([`alloc`]);
//! - [`runs`]: the runs a results file keeps;
//! - [`http`]: serving them, and timing the responses;
//! - [`report`]: the figures as a page with charts, rendered with htpy.

pub mod alloc;
pub mod bench;
pub mod engine;
pub mod engines;
pub mod http;
pub mod machine;
pub mod normalise;
pub mod pages;
pub mod python;
pub mod report;
pub mod runs;
pub mod stats;
