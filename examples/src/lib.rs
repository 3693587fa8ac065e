//! What the example servers share that is not the point of any of them:
//! printing htpy-actix's logged errors, and the address to listen on; the
//! demo's page ([`demo_page`]), which the load test serves too; and the
//! load test's machinery ([`load`]); and the tutorial's page ([`tutorial`]).
//!
//! The server settings that matter for streaming are not here: each actix
//! example sets them with `htpy_actix::HtpyServerExt::htpy_defaults`, where a
//! reader copying it will see them.

pub mod demo_page;
pub mod load;
pub mod tutorial;

use log::{Level, LevelFilter, Log, Metadata, Record};

/// Prints log records of level `Info` and above to stderr; enough to see
/// what htpy-actix logs when a page fails. A real server would use
/// `env_logger` or `tracing`.
///
/// ```
/// htpy_examples::log_to_stderr();
/// log::info!("shown on stderr");
/// ```
pub fn log_to_stderr() {
    static LOGGER: Stderr = Stderr;
    // A second call finds the logger set already, which is fine.
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
}

struct Stderr;

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= Level::Info
    }

    fn log(&self, record: &Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("[{} {}] {}", record.level(), record.target(), record.args());
        }
    }

    fn flush(&self) {}
}

/// Where to listen: 127.0.0.1, on the port in `PORT` or else `default_port`
/// (`PORT=0` picks a free one; the examples print the address they got).
///
/// ```
/// let (host, _port) = htpy_examples::address(8080);
/// assert_eq!(host, "127.0.0.1");
/// ```
pub fn address(default_port: u16) -> (&'static str, u16) {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(default_port);
    ("127.0.0.1", port)
}
