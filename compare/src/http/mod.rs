//! The pages over HTTP: each engine served by actix on loopback, loaded by a
//! client that times every response.

mod arrivals;
mod load;
mod run;
mod server;

pub use arrivals::Arrivals;
pub use load::{LoadError, Timing, client, load};
pub use run::{Conditions, HttpError, HttpMeasurement, HttpRun, SectionArrival, Settings, run};
pub use server::{Served, serve, serve_on};
