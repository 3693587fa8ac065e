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
use htpy_test_client::{Gates, Guards, failing_page, gated_page, local_page};

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

fn failing_server() -> Server {
    serve(false, |req: HttpRequest| async move {
        stream_response(&req, failing_page()).await
    })
}

fn not_found_server() -> Server {
    serve(false, |req: HttpRequest| async move {
        Page::new(ul().children(li().children("none")))
            .status(StatusCode::NOT_FOUND)
            .insert_header(("cache-control", "no-store"))
            .respond(&req)
            .await
    })
}

/// The `!Send` page renders on the worker's own runtime.
fn local_server() -> Server {
    serve(false, |req: HttpRequest| async move {
        stream_response(&req, local_page()).await
    })
}

htpy_test_client::scenarios!();
