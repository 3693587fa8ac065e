//! Each engine's rendering of the pages, one module an engine, each with the
//! same functions: `big_table`, `teams`, `htpy_bench` and an async
//! `dashboard` that waits for all the data, to a `String`; plus the other
//! ways to render where the engine has them (htpy's chunks and byte stream,
//! Leptos's streams).

pub mod askama;
pub mod htpy;
pub mod hypertext;
pub mod leptos;
pub mod maud;
pub mod sailfish;
