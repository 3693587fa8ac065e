//! The report a person looks at: one HTML page, rendered with htpy, with
//! the tables and SVG bar charts of a bench run and an HTTP run, the goals
//! they show, and the machine they ran on.

mod chart;
mod goals;
mod page;

pub use chart::{Chart, Marker, Row, Scale, Series};
pub use goals::{Goal, goals};
pub use page::render;
