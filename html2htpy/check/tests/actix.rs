//! The real pages written as typed trees, served by htpy-actix from a
//! real actix server on 127.0.0.1, arrive over TCP as the bytes
//! `render_to_string` makes of them: whole when they fit the default buffer
//! (they never wait), else in buffers of that size, and streamed in small
//! buffers.

use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread;

use actix_web::{App, HttpRequest, HttpServer, web};
use html2htpy_check::{TypedVisit, visit_typed_pages};
use htpy::{Render, StreamOptions, Synchronous};
use htpy_actix::{HtpyServerExt as _, Page, stream_response};
use htpy_test_client::{Client, HANG_GUARD};

/// The stack of actix's workers: actix-rt spawns each worker's thread with
/// `std::thread::Builder` and no stack size, so it gets Rust's default,
/// 2 MiB, unless `RUST_MIN_STACK` sets another.
const WORKER_STACK: usize = 2 * 1024 * 1024;

/// Requests per page: on one kept-alive connection, then on new ones.
const KEPT_ALIVE: usize = 3;
const CONNECTIONS: usize = 3;

/// The buffer size at `/buffers`: each test page streams in several.
const SMALL_BUFFERS: usize = 4096;

/// A server of one page, with the default options at `/` and in buffers of
/// [`SMALL_BUFFERS`] at `/buffers`, with two workers, on its own thread.
struct Server {
    addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
    stopped: mpsc::Receiver<()>,
}

impl Server {
    fn start<T: Render + 'static>(page: fn() -> T) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (handle_tx, handle_rx) = mpsc::channel();
        let (stopped_tx, stopped) = mpsc::channel();
        thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let index =
                    move |req: HttpRequest| async move { stream_response(&req, page()).await };
                let buffers = move |req: HttpRequest| async move {
                    let options = StreamOptions::default().buffer_size(SMALL_BUFFERS);
                    Page::new(page())
                        .stream_options(options)
                        .respond(&req)
                        .await
                };
                let server = HttpServer::new(move || {
                    App::new()
                        .route("/", web::get().to(index))
                        .route("/buffers", web::get().to(buffers))
                })
                .workers(2)
                .disable_signals()
                .htpy_defaults()
                .listen(listener)
                .unwrap()
                .run();
                handle_tx.send(server.handle()).unwrap();
                server.await.unwrap();
            });
            stopped_tx.send(()).unwrap();
        });
        let handle = handle_rx.recv_timeout(HANG_GUARD).unwrap();
        Self {
            addr,
            handle,
            stopped,
        }
    }

    /// Stops the server and waits, bounded, for its thread to end.
    fn stop(self) {
        // The stop command is sent at once; its completion need not be awaited.
        drop(self.handle.stop(false));
        self.stopped
            .recv_timeout(HANG_GUARD)
            .expect("the server stops");
    }
}

/// Reads a response to `path` for a page of `size` bytes and returns its
/// body: whole with its length at `/` if the page fits the default buffer,
/// else in more than one chunk, as at `/buffers`.
fn body(client: &mut Client, path: &str, size: usize) -> String {
    let head = client.head();
    assert_eq!(head.status, 200);
    if path == "/" && size <= StreamOptions::default().memory_bound() {
        return client.whole_body(&head);
    }
    assert_eq!(head.headers["transfer-encoding"], "chunked");
    let mut chunks = Vec::new();
    while let Some(chunk) = client.chunk() {
        chunks.push(chunk);
    }
    assert!(chunks.len() > 1, "{} chunk(s) at {path}", chunks.len());
    String::from_utf8(chunks.concat()).unwrap()
}

/// Serves each page and asserts every response carries its bytes.
struct ServeEach {
    served: Vec<&'static str>,
}

impl TypedVisit for ServeEach {
    fn page<T: Render + Synchronous + 'static>(&mut self, name: &'static str, page: fn() -> T) {
        let expected = page().render_to_string().unwrap();
        let server = Server::start(page);
        for path in ["/", "/buffers"] {
            let mut client = Client::get(server.addr, path);
            for request in 0..KEPT_ALIVE {
                if request > 0 {
                    client.send("GET", path, "");
                }
                assert!(
                    body(&mut client, path, expected.len()) == expected,
                    "{name} at {path}, request {request}"
                );
            }
            for connection in 0..CONNECTIONS {
                let mut client = Client::get(server.addr, path);
                let body = body(&mut client, path, expected.len());
                assert!(
                    body == expected,
                    "{name} at {path}, connection {connection}"
                );
            }
        }
        server.stop();
        self.served.push(name);
    }
}

/// Whole real pages, typed all the way down, go through htpy-actix on
/// actix's workers (2 MiB stacks), whole and streamed, to the same bytes
/// as `render_to_string`, request after request.
#[test]
fn typed_real_pages_stream_over_tcp_from_actix_workers() {
    let min_stack = std::env::var("RUST_MIN_STACK").map_or(WORKER_STACK, |bytes| {
        bytes.parse().expect("RUST_MIN_STACK is a number of bytes")
    });
    assert!(
        min_stack <= WORKER_STACK,
        "RUST_MIN_STACK gives actix's workers {min_stack} bytes of stack, more than 2 MiB"
    );
    let mut serve = ServeEach { served: Vec::new() };
    visit_typed_pages(&mut serve);
    assert_eq!(
        serve.served,
        [
            "catalogue.html",
            "mdbook-documentation-tests.html",
            "rustdoc-is-x86-feature-detected.html"
        ]
    );
}
