//! Pages served by a real actix server on 127.0.0.1, read by the
//! hand-written HTTP/1.1 client of `htpy-test-client`, whose scenarios
//! htpy-axum's tests run too.

use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread;

use actix_web::dev::ServerHandle;
use actix_web::http::StatusCode;
use actix_web::middleware::{Compress, Condition};
use actix_web::{App, Handler, HttpRequest, HttpServer, Responder, web};
use htpy::{li, ul};
use htpy_actix::{HtpyServerExt as _, Page, stream_response};
use htpy_test_client::{self as scenario, Gates, Guards, failing_page, gated_page, local_page};

struct Server {
    addr: SocketAddr,
    handle: ServerHandle,
}

impl Drop for Server {
    fn drop(&mut self) {
        // The stop command is sent at once; its completion need not be awaited.
        drop(self.handle.stop(false));
    }
}

/// Starts a one-worker server with the crate's defaults, behind `Compress`
/// when `compress` is set, on its own thread. `/` answers GET and HEAD.
fn serve<H>(compress: bool, index: H) -> Server
where
    H: Handler<(HttpRequest,)> + Send,
    H::Output: Responder + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (handle_tx, handle_rx) = mpsc::channel();
    thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .wrap(Condition::new(compress, Compress::default()))
                    .route("/", web::get().to(index.clone()))
                    .route("/", web::head().to(index.clone()))
            })
            .workers(1)
            .disable_signals()
            .htpy_defaults()
            .listen(listener)
            .unwrap()
            .run();
            handle_tx.send(server.handle()).unwrap();
            server.await
        })
    });
    Server {
        addr,
        handle: handle_rx.recv().unwrap(),
    }
}

fn gated_server(compress: bool) -> (Server, Gates) {
    let gates = Gates::default();
    let index = {
        let gates = gates.clone();
        move |req: HttpRequest| {
            let gate = gates.take();
            async move { stream_response(&req, gated_page(gate)).await }
        }
    };
    (serve(compress, index), gates)
}

fn endless_server() -> (Server, mpsc::Receiver<()>) {
    let (guards, dropped) = Guards::new();
    let index = move |req: HttpRequest| {
        let page = guards.endless_page();
        async move { stream_response(&req, page).await }
    };
    (serve(false, index), dropped)
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
    let server = serve(false, |req: HttpRequest| async move {
        stream_response(&req, failing_page()).await
    });
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
    let server = serve(false, |req: HttpRequest| async move {
        Page::new(ul().children(li().children("none")))
            .status(StatusCode::NOT_FOUND)
            .insert_header(("cache-control", "no-store"))
            .respond(&req)
            .await
    });
    scenario::status_and_headers_reach_the_client(server.addr);
}

#[test]
fn compressed_page_streams_before_a_slow_component_resolves() {
    let (server, gates) = gated_server(true);
    scenario::compressed_page_streams_before_a_slow_component(server.addr, &gates);
}

#[test]
fn components_need_not_be_send() {
    // The render runs on the worker's own runtime.
    let server = serve(false, |req: HttpRequest| async move {
        stream_response(&req, local_page()).await
    });
    scenario::local_page_renders(server.addr);
}
