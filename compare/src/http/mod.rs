//! The pages over HTTP: each engine served by actix on loopback, loaded by a
//! client that times every response.

mod load;
mod run;
mod server;

pub use load::{LoadError, Timing, client, load};
pub use run::{Conditions, HttpError, HttpMeasurement, HttpRun, Settings, run};
pub use server::{Served, serve};
