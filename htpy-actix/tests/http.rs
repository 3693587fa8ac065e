//! Pages served by a real actix server on 127.0.0.1, read by a hand-written
//! HTTP/1.1 client over a `TcpStream`, so every byte on the wire is visible.
//!
//! Nothing here measures time: a slow component is a oneshot the test
//! completes after it has read the first bytes. Sockets have a long read
//! timeout only so that a broken server fails a test instead of hanging it.

use std::collections::HashMap;
use std::io::{self, BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::middleware::{Compress, Condition};
use actix_web::{App, HttpRequest, HttpServer, web};
use futures::channel::oneshot;
use htpy::{Context, Render, body, future, h1, html, lazy, li, main, p, ul};
use htpy_actix::{Page, stream_response};

/// Every message htpy-actix logged, from every test's server.
static LOGGED: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == "htpy_actix"
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            LOGGED.lock().unwrap().push(record.args().to_string());
        }
    }

    fn flush(&self) {}
}

/// Whether a logged message contains every one of `parts`.
fn logged(parts: &[&str]) -> bool {
    static CAPTURE: Capture = Capture;
    let _ = log::set_logger(&CAPTURE);
    log::set_max_level(log::LevelFilter::Error);
    LOGGED
        .lock()
        .unwrap()
        .iter()
        .any(|message| parts.iter().all(|part| message.contains(part)))
}

/// How long a socket read may block before the test fails instead of hanging.
const HANG_GUARD: Duration = Duration::from_secs(30);

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

/// Starts a one-worker server with the settings the crate recommends,
/// behind `Compress` when `compress` is set, on its own thread.
fn serve(
    compress: bool,
    routes: impl Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
) -> Server {
    logged(&[]);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (handle_tx, handle_rx) = mpsc::channel();
    thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .wrap(Condition::new(compress, Compress::default()))
                    .configure(routes.clone())
            })
            .workers(1)
            .disable_signals()
            .h1_allow_half_closed(false)
            .tcp_nodelay(true)
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

/// A raw HTTP/1.1 exchange: the request as bytes, the response read as it comes.
struct Client {
    reader: BufReader<TcpStream>,
}

/// A response's status code and headers (names lowercased).
struct Head {
    status: u16,
    headers: HashMap<String, String>,
}

impl Client {
    fn request(server: &Server, method: &str, path: &str, extra_headers: &str) -> Self {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream.set_read_timeout(Some(HANG_GUARD)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra_headers}\r\n"
        )
        .unwrap();
        Self {
            reader: BufReader::new(stream),
        }
    }

    fn get(server: &Server, path: &str) -> Self {
        Self::request(server, "GET", path, "")
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        line.trim_end_matches("\r\n").to_owned()
    }

    fn head(&mut self) -> Head {
        let status = self.line().split(' ').nth(1).unwrap().parse().unwrap();
        let mut headers = HashMap::new();
        loop {
            let line = self.line();
            if line.is_empty() {
                return Head { status, headers };
            }
            let (name, value) = line.split_once(": ").unwrap();
            headers.insert(name.to_ascii_lowercase(), value.to_owned());
        }
    }

    /// The next chunk's data; `None` for the final zero-length chunk.
    fn chunk(&mut self) -> Option<Vec<u8>> {
        let size = usize::from_str_radix(&self.line(), 16).unwrap();
        let mut data = vec![0; size + 2];
        self.reader.read_exact(&mut data).unwrap();
        assert!(data.ends_with(b"\r\n"), "a chunk ends with CRLF");
        data.truncate(size);
        (size > 0).then_some(data)
    }

    /// The rest of a chunked body, up to and including its final chunk.
    fn body(&mut self) -> String {
        let mut body = Vec::new();
        while let Some(chunk) = self.chunk() {
            body.extend(chunk);
        }
        String::from_utf8(body).unwrap()
    }

    /// Every byte until the server closes the connection.
    fn raw_rest(mut self) -> Vec<u8> {
        let mut rest = Vec::new();
        self.reader.read_to_end(&mut rest).unwrap();
        rest
    }

    fn into_stream(self) -> TcpStream {
        self.reader.into_inner()
    }
}

/// What a gated component renders, or its failure.
type GateValue = Result<&'static str, io::Error>;

/// A slow component's value, sent by the test when it has read enough.
type Gate = oneshot::Receiver<GateValue>;

/// Slow components' values, released by the test: each request takes the
/// next receiver.
#[derive(Clone, Default)]
struct Gates(Arc<Mutex<Vec<Gate>>>);

impl Gates {
    fn open(&self) -> oneshot::Sender<GateValue> {
        let (tx, rx) = oneshot::channel();
        self.0.lock().unwrap().push(rx);
        tx
    }

    fn take(&self) -> Gate {
        self.0.lock().unwrap().pop().unwrap()
    }
}

/// A page whose shell renders at once and whose `<main>` waits for a gate.
fn gated_page(gate: Gate) -> impl Render + 'static {
    html().children(body().children((
        h1().children("Shell"),
        main().children(future(async move {
            gate.await
                .unwrap_or_else(|_| Err(io::Error::other("gate dropped")))
                .map(|text| p().children(text))
        })),
    )))
}

fn gated_server(compress: bool) -> (Server, Gates) {
    let gates = Gates::default();
    let routes = {
        let gates = gates.clone();
        move |cfg: &mut web::ServiceConfig| {
            let gates = gates.clone();
            cfg.route(
                "/",
                web::get().to(move |req: HttpRequest| {
                    let gate = gates.take();
                    async move { stream_response(&req, gated_page(gate)).await }
                }),
            );
        }
    };
    (serve(compress, routes), gates)
}

const SHELL: &str = "<!doctype html><html><body><h1>Shell</h1><main>";

#[test]
fn page_is_chunked_html() {
    let (server, gates) = gated_server(false);
    gates.open().send(Ok("ready")).unwrap();
    let mut client = Client::get(&server, "/");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(head.headers["transfer-encoding"], "chunked");
    assert_eq!(
        client.body(),
        format!("{SHELL}<p>ready</p></main></body></html>")
    );
}

#[test]
fn first_bytes_arrive_before_a_slow_component_resolves() {
    let (server, gates) = gated_server(false);
    let gate = gates.open();
    let mut client = Client::get(&server, "/");
    assert_eq!(client.head().status, 200);
    // The gate is still closed: these bytes cannot wait for it.
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
    gate.send(Ok("late")).unwrap();
    assert_eq!(client.body(), "<p>late</p></main></body></html>");
}

#[test]
fn failure_before_the_first_bytes_is_a_500_page() {
    static USER: Context<String> = Context::new("user");
    let server = serve(false, |cfg| {
        cfg.route(
            "/",
            web::get().to(|req: HttpRequest| async move {
                let page = html()
                    .children(body().children(USER.consume(|user| p().children(user.clone()))));
                stream_response(&req, page).await
            }),
        );
    });
    let mut client = Client::get(&server, "/");
    let head = client.head();
    assert_eq!(head.status, 500);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    let length: usize = head.headers["content-length"].parse().unwrap();
    let mut page = vec![0; length];
    client.reader.read_exact(&mut page).unwrap();
    assert!(
        String::from_utf8(page)
            .unwrap()
            .contains("<h1>Internal Server Error</h1>")
    );
}

#[test]
fn failure_after_the_first_bytes_ends_without_the_final_chunk() {
    let (server, gates) = gated_server(false);
    let gate = gates.open();
    let mut client = Client::get(&server, "/");
    assert_eq!(client.head().status, 200);
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
    gate.send(Err(io::Error::other("database down"))).unwrap();
    // The server closes the connection (read_to_end returns) and the
    // chunked body never got its terminating zero-length chunk.
    let rest = client.raw_rest();
    assert!(
        !rest.ends_with(b"0\r\n\r\n"),
        "a failed page must not end like a complete one: {:?}",
        String::from_utf8_lossy(&rest)
    );
    // Logged before the connection closed, with what failed and where.
    assert!(logged(&[
        "GET /: the page failed after its first bytes were sent",
        "a component failed: database down (in <html> > <body> > <main>)",
    ]));
}

/// Sends on its channel when dropped: proof that the render let go of the
/// component it was waiting on.
struct DropGuard(mpsc::Sender<()>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

/// A server whose page waits forever after its shell, holding a guard.
fn endless_server() -> (Server, mpsc::Receiver<()>) {
    let (dropped_tx, dropped_rx) = mpsc::channel();
    let dropped_tx = Arc::new(Mutex::new(dropped_tx));
    let server = serve(false, move |cfg| {
        let dropped_tx = Arc::clone(&dropped_tx);
        cfg.route(
            "/",
            web::get().to(move |req: HttpRequest| {
                let guard = DropGuard(dropped_tx.lock().unwrap().clone());
                async move {
                    let pending = future(async move {
                        let _guard = guard;
                        futures::future::pending::<&str>().await
                    });
                    let page = html().children(
                        body().children((h1().children("Shell"), main().children(pending))),
                    );
                    stream_response(&req, page).await
                }
            }),
        );
    });
    (server, dropped_rx)
}

fn read_shell_then_leave(reset: bool) {
    let (server, dropped) = endless_server();
    let mut client = Client::get(&server, "/");
    assert_eq!(client.head().status, 200);
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
    assert!(dropped.try_recv().is_err(), "the render is still waiting");
    let stream = client.into_stream();
    if reset {
        // A zero linger makes close send RST instead of FIN.
        socket2::SockRef::from(&stream)
            .set_linger(Some(Duration::ZERO))
            .unwrap();
    }
    drop(stream);
    dropped
        .recv_timeout(HANG_GUARD)
        .expect("the render should stop when the client leaves");
}

#[test]
fn client_closing_mid_page_stops_the_render() {
    read_shell_then_leave(false);
}

#[test]
fn client_resetting_mid_page_stops_the_render() {
    read_shell_then_leave(true);
}

#[test]
fn head_answers_without_rendering() {
    let rendered = Arc::new(AtomicBool::new(false));
    let server = serve(false, {
        let rendered = Arc::clone(&rendered);
        move |cfg| {
            let rendered = Arc::clone(&rendered);
            cfg.route(
                "/",
                web::route().to(move |req: HttpRequest| {
                    let rendered = Arc::clone(&rendered);
                    async move {
                        let page = p().children(lazy(move || {
                            rendered.store(true, Ordering::SeqCst);
                            ""
                        }));
                        stream_response(&req, page).await
                    }
                }),
            );
        }
    });
    let mut client = Client::request(&server, "HEAD", "/", "");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    // A second request on the same connection proves the HEAD response had
    // no body; the GET renders, the HEAD before it did not.
    assert!(!rendered.load(Ordering::SeqCst));
    let stream = client.into_stream();
    let mut client = Client {
        reader: BufReader::new(stream),
    };
    write!(
        client.reader.get_mut(),
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    assert_eq!(client.head().status, 200);
    assert_eq!(client.body(), "<p></p>");
    assert!(rendered.load(Ordering::SeqCst));
}

#[test]
fn status_and_headers_reach_the_client() {
    let server = serve(false, |cfg| {
        cfg.route(
            "/",
            web::get().to(|req: HttpRequest| async move {
                Page::new(ul().children(li().children("none")))
                    .status(actix_web::http::StatusCode::NOT_FOUND)
                    .insert_header(("cache-control", "no-store"))
                    .respond(&req)
                    .await
            }),
        );
    });
    let mut client = Client::get(&server, "/");
    let head = client.head();
    assert_eq!(head.status, 404);
    assert_eq!(head.headers["cache-control"], "no-store");
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(client.body(), "<ul><li>none</li></ul>");
}

#[test]
fn compressed_page_streams_before_a_slow_component_resolves() {
    let (server, gates) = gated_server(true);
    let gate = gates.open();
    let mut client = Client::request(&server, "GET", "/", "Accept-Encoding: gzip\r\n");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-encoding"], "gzip");
    let mut html = flate2::write::GzDecoder::new(Vec::new());
    // The gate is closed: the shell has to come out of the encoder anyway.
    while html.get_ref().as_slice() != SHELL.as_bytes() {
        let chunk = client
            .chunk()
            .expect("the shell before the end of the body");
        html.write_all(&chunk).unwrap();
        html.flush().unwrap();
    }
    gate.send(Ok("late")).unwrap();
    while let Some(chunk) = client.chunk() {
        html.write_all(&chunk).unwrap();
    }
    let html = html.finish().unwrap();
    assert_eq!(
        String::from_utf8(html).unwrap(),
        format!("{SHELL}<p>late</p></main></body></html>")
    );
}

#[test]
fn components_need_not_be_send() {
    let server = serve(false, |cfg| {
        cfg.route(
            "/",
            web::get().to(|req: HttpRequest| async move {
                // An `Rc` held across an await makes the page `!Send`: the
                // render runs on the worker's own runtime.
                let shared = std::rc::Rc::new("local");
                let page = p().children(future(async move {
                    actix_web::rt::task::yield_now().await;
                    *shared
                }));
                stream_response(&req, page).await
            }),
        );
    });
    let mut client = Client::get(&server, "/");
    assert_eq!(client.head().status, 200);
    assert_eq!(client.body(), "<p>local</p>");
}
