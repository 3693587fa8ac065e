//! Pages served by a real axum server on 127.0.0.1, read by the hand-written
//! HTTP/1.1 client of `htpy-test-client`, whose scenarios htpy-actix's
//! tests run too.

use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use htpy::{li, ul};
use htpy_axum::{Page, PageRequest, stream_response};
use htpy_test_client::{Gates, Guards, failing_page, gated_page, local_page};
use tower_http::compression::CompressionLayer;

/// A server on its own thread and runtime, stopped when dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serves `app` on a free port of 127.0.0.1, as `axum::serve` does by
/// default: no settings needed for a departing client to stop the render.
fn serve(app: Router) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let server = axum::serve(listener, app);
            // Not a graceful shutdown: an endless page would keep it waiting.
            tokio::select! {
                result = server => result.unwrap(),
                _ = stopped => {}
            }
        });
    });
    Server {
        addr,
        stop: Some(stop),
    }
}

fn gated_server(compress: bool) -> (Server, Gates) {
    let gates = Gates::default();
    let handler = {
        let gates = gates.clone();
        move |request: PageRequest| {
            let gate = gates.take();
            async move { stream_response(request, gated_page(gate)).await }
        }
    };
    let mut app = Router::new().route("/", get(handler));
    if compress {
        app = app.layer(CompressionLayer::new());
    }
    (serve(app), gates)
}

fn endless_server() -> (Server, mpsc::Receiver<()>) {
    let (guards, dropped) = Guards::new();
    let handler = move |request: PageRequest| {
        let page = guards.endless_page();
        async move { stream_response(request, page).await }
    };
    (serve(Router::new().route("/", get(handler))), dropped)
}

fn failing_server() -> Server {
    let handler = |request: PageRequest| stream_response(request, failing_page());
    serve(Router::new().route("/", get(handler)))
}

fn not_found_server() -> Server {
    async fn not_found(request: PageRequest) -> Response {
        Page::new(ul().children(li().children("none")))
            .status(StatusCode::NOT_FOUND)
            .insert_header("cache-control", "no-store")
            .respond(request)
            .await
    }
    serve(Router::new().route("/", get(not_found)))
}

/// The `!Send` page is built on the thread that renders it.
fn local_server() -> Server {
    let handler = |request: PageRequest| Page::build(local_page).respond(request);
    serve(Router::new().route("/", get(handler)))
}

htpy_test_client::scenarios!();
