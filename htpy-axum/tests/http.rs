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
use htpy_test_client::{self as scenario, Gates, Guards, failing_page, gated_page, local_page};
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

#[test]
fn page_is_chunked_html() {
    let (server, gates) = gated_server(false);
    scenario::page_is_chunked_html(server.addr, &gates);
}

#[test]
fn first_bytes_arrive_before_a_slow_component_resolves() {
    let (server, gates) = gated_server(false);
    scenario::first_bytes_arrive_before_a_slow_component(server.addr, &gates);
}

#[test]
fn failure_before_the_first_bytes_is_a_500_page_to_get_and_head() {
    let handler = |request: PageRequest| stream_response(request, failing_page());
    let server = serve(Router::new().route("/", get(handler)));
    scenario::failure_before_the_first_bytes_is_a_500(server.addr);
}

#[test]
fn failure_after_the_first_bytes_ends_without_the_final_chunk_logged_once() {
    let (server, gates) = gated_server(false);
    scenario::failure_after_the_first_bytes_ends_without_the_final_chunk(server.addr, &gates);
}

#[test]
fn client_closing_mid_page_stops_the_render() {
    let (server, dropped) = endless_server();
    scenario::leaving_mid_page_stops_the_render(server.addr, &dropped, false);
}

#[test]
fn client_resetting_mid_page_stops_the_render() {
    let (server, dropped) = endless_server();
    scenario::leaving_mid_page_stops_the_render(server.addr, &dropped, true);
}

#[test]
fn head_renders_up_to_the_first_bytes_then_stops() {
    let (server, dropped) = endless_server();
    scenario::head_renders_up_to_the_first_bytes(server.addr, &dropped);
}

#[test]
fn status_and_headers_reach_the_client() {
    async fn not_found(request: PageRequest) -> Response {
        Page::new(ul().children(li().children("none")))
            .status(StatusCode::NOT_FOUND)
            .insert_header("cache-control", "no-store")
            .respond(request)
            .await
    }
    let server = serve(Router::new().route("/", get(not_found)));
    scenario::status_and_headers_reach_the_client(server.addr);
}

#[test]
fn compressed_page_streams_before_a_slow_component_resolves() {
    let (server, gates) = gated_server(true);
    scenario::compressed_page_streams_before_a_slow_component(server.addr, &gates);
}

#[test]
fn components_need_not_be_send_when_built_on_the_render_thread() {
    let handler = |request: PageRequest| Page::build(local_page).respond(request);
    let server = serve(Router::new().route("/", get(handler)));
    scenario::local_page_renders(server.addr);
}
