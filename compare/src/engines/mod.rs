//! Each engine's rendering of the pages, one module an engine, each with the
//! same functions: `big_table`, `teams`, `htpy_bench` and an async
//! `dashboard` that waits for all the data, plus streaming variants where the
//! engine streams.

pub mod askama;
pub mod hypertext;
pub mod leptos;
pub mod maud;
pub mod sailfish;
