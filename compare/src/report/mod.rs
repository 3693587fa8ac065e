//! The report a person looks at: one HTML page, rendered with htpy, with
//! the tables and SVG bar charts of a bench run and an HTTP run, the goals
//! they show, and the machine they ran on.

mod chart;
mod conclusion;
mod goals;
mod numbers;
mod page;
mod summary;

pub use chart::{Chart, Marker, Row, Scale, Series};
pub use conclusion::conclusion;
pub use goals::{Check, Goal, goals};
pub use page::render;
pub use summary::{Summary, summarise};
