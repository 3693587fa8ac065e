//! The demo's page (`--bin demo`) served by axum through htpy-axum, behind
//! tower-http's gzip compression: the shell still arrives at once, and
//! each section as its slow source answers.
//!
//! ```sh
//! cargo run -p htpy-examples --bin axum_demo    # then open http://127.0.0.1:8080/
//! curl --compressed -N http://127.0.0.1:8080/  # gzip, still streamed
//! ```

use axum::Router;
use axum::response::Response;
use axum::routing::get;
use axum::serve::{Listener as _, ListenerExt as _};
use htpy_axum::{Page, PageRequest};
use htpy_examples::demo_page::{ADA, Pace, page};
use tower_http::compression::CompressionLayer;

async fn index(request: PageRequest) -> Response {
    // Built on the thread that renders it, so its parts need not be `Send`.
    Page::build(|| page(ADA, Pace::REAL)).respond(request).await
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    htpy_examples::log_to_stderr();
    // `get` answers HEAD too: htpy-axum renders it up to the first bytes only.
    let app = Router::new()
        .route("/", get(index))
        // Flushes its encoder whenever the page waits.
        .layer(CompressionLayer::new());
    let listener = tokio::net::TcpListener::bind(htpy_examples::address(8080))
        .await?
        // Send each streamed piece at once, not when the last one is ACKed.
        .tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                log::warn!("could not set TCP_NODELAY: {error}");
            }
        });
    println!("axum_demo: listening on http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await
}
