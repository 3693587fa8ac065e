//! What the integrations' HTTP tests share: each serves the pages below
//! from a real server on 127.0.0.1 with its framework, then runs the same
//! scenario against it with a hand-written HTTP/1.1 client over a
//! `TcpStream`, so every byte on the wire is visible.
//!
//! Nothing here measures time: a slow component is a oneshot the scenario
//! completes after it has read the first bytes. Sockets have a long read
//! timeout only so that a broken server fails a test instead of hanging it.

#![expect(
    clippy::missing_panics_doc,
    reason = "test support: a failed check panics, which is how a test fails"
)]

use std::collections::HashMap;
use std::io::{self, BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use futures::channel::oneshot;
use htpy::{Context, Render, body, future, h1, html, main, p};

/// How long a socket read may block before the test fails instead of hanging.
pub const HANG_GUARD: Duration = Duration::from_secs(30);

/// What every gated or endless page sends before it waits.
pub const SHELL: &str = "<!doctype html><html><body><h1>Shell</h1><main>";

/// A raw HTTP/1.1 exchange: the request as bytes, the response read as it comes.
pub struct Client {
    reader: BufReader<TcpStream>,
}

/// A response's status code and headers (names lowercased).
pub struct Head {
    /// The status code.
    pub status: u16,
    /// The headers, by lowercased name.
    pub headers: HashMap<String, String>,
}

impl Client {
    /// Connects to `addr` and sends a request with `extra_headers` (each
    /// ending in CRLF).
    pub fn request(addr: SocketAddr, method: &str, path: &str, extra_headers: &str) -> Self {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(HANG_GUARD)).unwrap();
        let mut client = Self {
            reader: BufReader::new(stream),
        };
        client.send(method, path, extra_headers);
        client
    }

    /// Connects to `addr` and sends `GET path`.
    pub fn get(addr: SocketAddr, path: &str) -> Self {
        Self::request(addr, "GET", path, "")
    }

    /// Sends another request on the same connection.
    pub fn send(&mut self, method: &str, path: &str, extra_headers: &str) {
        write!(
            self.reader.get_mut(),
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra_headers}\r\n"
        )
        .unwrap();
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        line.trim_end_matches("\r\n").to_owned()
    }

    /// The status line and headers.
    pub fn head(&mut self) -> Head {
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
    pub fn chunk(&mut self) -> Option<Vec<u8>> {
        let size = usize::from_str_radix(&self.line(), 16).unwrap();
        let mut data = vec![0; size + 2];
        self.reader.read_exact(&mut data).unwrap();
        assert!(data.ends_with(b"\r\n"), "a chunk ends with CRLF");
        data.truncate(size);
        (size > 0).then_some(data)
    }

    /// The rest of a chunked body, up to and including its final chunk.
    pub fn body(&mut self) -> String {
        let mut body = Vec::new();
        while let Some(chunk) = self.chunk() {
            body.extend(chunk);
        }
        String::from_utf8(body).unwrap()
    }

    /// A body of `Content-Length` bytes.
    pub fn sized_body(&mut self, head: &Head) -> String {
        let length = head.headers["content-length"].parse().unwrap();
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        String::from_utf8(body).unwrap()
    }

    /// The body of a page that never waited: sent whole, with its length,
    /// not chunked.
    pub fn whole_body(&mut self, head: &Head) -> String {
        assert!(
            !head.headers.contains_key("transfer-encoding"),
            "a page that never waits goes out whole, not {:?}",
            head.headers.get("transfer-encoding")
        );
        self.sized_body(head)
    }

    /// Every byte until the server closes the connection.
    pub fn raw_rest(mut self) -> Vec<u8> {
        let mut rest = Vec::new();
        self.reader.read_to_end(&mut rest).unwrap();
        rest
    }

    /// Closes the connection: with a FIN, or with an RST when `reset`.
    pub fn leave(self, reset: bool) {
        let stream = self.reader.into_inner();
        if reset {
            // A zero linger makes close send RST instead of FIN.
            socket2::SockRef::from(&stream)
                .set_linger(Some(Duration::ZERO))
                .unwrap();
        }
        drop(stream);
    }
}

/// What a gated component renders, or its failure.
pub type GateValue = Result<&'static str, io::Error>;

/// A slow component's value, sent by the test when it has read enough.
pub type Gate = oneshot::Receiver<GateValue>;

/// Slow components' values, released by the test: each request takes the
/// next receiver.
#[derive(Clone, Default)]
pub struct Gates(Arc<Mutex<Vec<Gate>>>);

impl Gates {
    /// A gate for the next request; send its value to release the page.
    pub fn open(&self) -> oneshot::Sender<GateValue> {
        let (tx, rx) = oneshot::channel();
        self.0.lock().unwrap().push(rx);
        tx
    }

    /// The gate of the request being served.
    pub fn take(&self) -> Gate {
        self.0.lock().unwrap().pop().unwrap()
    }
}

/// A page whose shell renders at once and whose `<main>` waits for a gate.
pub fn gated_page(gate: Gate) -> impl Render + Send + 'static {
    html().children(body().children((
        h1().children("Shell"),
        main().children(future(async move {
            gate.await
                .unwrap_or_else(|_| Err(io::Error::other("gate dropped")))
                .map(|text| p().children(text))
        })),
    )))
}

/// A page that fails before its first bytes: its context has no provider.
pub fn failing_page() -> impl Render + Send + 'static {
    static USER: Context<String> = Context::new("user");
    html().children(body().children(USER.consume(|user| p().children(user.clone()))))
}

/// A page with an `Rc` held across an await: `!Send`.
pub fn local_page() -> impl Render + 'static {
    let shared = std::rc::Rc::new("local");
    p().children(future(async move {
        std::future::ready(()).await;
        *shared
    }))
}

/// Sends on its channel when dropped: proof that the render let go of the
/// component it was waiting on.
pub struct DropGuard(mpsc::Sender<()>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

/// Drop guards for the endless pages a server makes, and the receiver
/// that hears them dropped.
#[derive(Clone)]
pub struct Guards(Arc<Mutex<mpsc::Sender<()>>>);

impl Guards {
    /// The guards, and the receiver of their drops.
    pub fn new() -> (Self, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        (Self(Arc::new(Mutex::new(tx))), rx)
    }

    /// A page that sends its shell, then waits forever holding a guard.
    pub fn endless_page(&self) -> impl Render + Send + use<> {
        let guard = DropGuard(self.0.lock().unwrap().clone());
        let pending = future(async move {
            let _guard = guard;
            futures::future::pending::<&str>().await
        });
        html().children(body().children((h1().children("Shell"), main().children(pending))))
    }
}

/// A gated page whose gate is open before it is asked for never waits: it
/// goes out whole, as HTML with its length.
pub fn ready_page_is_sized_html(addr: SocketAddr, gates: &Gates) {
    gates.open().send(Ok("ready")).unwrap();
    let mut client = Client::get(addr, "/");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(
        client.whole_body(&head),
        format!("{SHELL}<p>ready</p></main></body></html>")
    );
}

/// The shell arrives while the gate is still closed, as the first chunk of
/// chunked HTML; the rest and the final chunk follow the gate.
pub fn first_bytes_arrive_before_a_slow_component(addr: SocketAddr, gates: &Gates) {
    let gate = gates.open();
    let mut client = Client::get(addr, "/");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(head.headers["transfer-encoding"], "chunked");
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
    gate.send(Ok("late")).unwrap();
    assert_eq!(client.body(), "<p>late</p></main></body></html>");
}

/// [`failing_page`] answers `500` with an HTML error page, to GET; to HEAD
/// the same status and content type, and no body (a second request on the
/// connection reads its own response next).
pub fn failure_before_the_first_bytes_is_a_500(addr: SocketAddr) {
    let mut client = Client::get(addr, "/");
    let head = client.head();
    assert_eq!(head.status, 500);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert!(
        client
            .sized_body(&head)
            .contains("<h1>Internal Server Error</h1>")
    );
    let mut client = Client::request(addr, "HEAD", "/", "");
    let head = client.head();
    assert_eq!(head.status, 500);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    client.send("GET", "/", "");
    assert_eq!(client.head().status, 500);
}

/// A gate failing after the shell ends the response without the final
/// chunk, logged once with the request and what failed.
pub fn failure_after_the_first_bytes_ends_without_the_final_chunk(addr: SocketAddr, gates: &Gates) {
    let logs = LogCapture::start();
    let gate = gates.open();
    let mut client = Client::get(addr, "/");
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
    let lines = logs.lines_with("database down");
    assert_eq!(lines.len(), 1, "logged once: {lines:?}");
    assert!(
        lines[0].contains(
            "GET /: the page failed after its first bytes were sent, cutting the response short: \
             a component failed: database down (in <html> > <body> > <main>)"
        ),
        "{lines:?}"
    );
}

/// A client that reads the endless page's shell and leaves (with a FIN,
/// or an RST when `reset`) makes the render drop its pending component.
pub fn leaving_mid_page_stops_the_render(
    addr: SocketAddr,
    dropped: &mpsc::Receiver<()>,
    reset: bool,
) {
    let mut client = Client::get(addr, "/");
    assert_eq!(client.head().status, 200);
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
    assert!(dropped.try_recv().is_err(), "the render is still waiting");
    client.leave(reset);
    dropped
        .recv_timeout(HANG_GUARD)
        .expect("the render should stop when the client leaves");
}

/// HEAD on the endless page answers `200` and the headers of a page, and
/// its render stops with the client still there; a GET on the same
/// connection then reads its own response, so the HEAD sent no body.
pub fn head_renders_up_to_the_first_bytes(addr: SocketAddr, dropped: &mpsc::Receiver<()>) {
    let mut client = Client::request(addr, "HEAD", "/", "");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    dropped
        .recv_timeout(HANG_GUARD)
        .expect("a HEAD's render should stop after its first bytes");
    client.send("GET", "/", "");
    assert_eq!(client.head().status, 200);
    assert_eq!(client.chunk().unwrap(), SHELL.as_bytes());
}

/// The page at `/` answers `404` with `cache-control: no-store` and
/// `<ul><li>none</li></ul>`.
pub fn status_and_headers_reach_the_client(addr: SocketAddr) {
    let mut client = Client::get(addr, "/");
    let head = client.head();
    assert_eq!(head.status, 404);
    assert_eq!(head.headers["cache-control"], "no-store");
    assert_eq!(head.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(client.whole_body(&head), "<ul><li>none</li></ul>");
}

/// Behind gzip, the shell comes out of the encoder while the gate is closed.
pub fn compressed_page_streams_before_a_slow_component(addr: SocketAddr, gates: &Gates) {
    let gate = gates.open();
    let mut client = Client::request(addr, "GET", "/", "Accept-Encoding: gzip\r\n");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-encoding"], "gzip");
    let mut html = flate2::write::GzDecoder::new(Vec::new());
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

/// [`local_page`] renders whole.
pub fn local_page_renders(addr: SocketAddr) {
    let mut client = Client::get(addr, "/");
    let head = client.head();
    assert_eq!(head.status, 200);
    assert_eq!(client.whole_body(&head), "<p>local</p>");
}

/// Every `warn` and `error` record logged in the process, from every target.
static LOGGED: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let line = format!("[{}] {}", record.target(), record.args());
            LOGGED.lock().unwrap().push(line);
        }
    }

    fn flush(&self) {}
}

/// The log records since it started (tests run side by side in one
/// process: look for a message only one test causes).
pub struct LogCapture {
    from: usize,
}

impl LogCapture {
    /// Installs the capture (once per process) and starts reading.
    pub fn start() -> Self {
        static CAPTURE: Capture = Capture;
        if log::set_logger(&CAPTURE).is_ok() {
            log::set_max_level(log::LevelFilter::Warn);
        }
        Self {
            from: LOGGED.lock().unwrap().len(),
        }
    }

    /// The records since the start that contain `text`, as
    /// `[target] message`.
    pub fn lines_with(&self, text: &str) -> Vec<String> {
        LOGGED.lock().unwrap()[self.from..]
            .iter()
            .filter(|line| line.contains(text))
            .cloned()
            .collect()
    }
}

/// Every scenario as a `#[test]`, against the servers that the test file
/// defines with these names and shapes (each server has an `addr` field):
///
/// - `gated_server(compress: bool) -> (Server, Gates)`: [`gated_page`] at
///   `/`, behind gzip when `compress`;
/// - `endless_server() -> (Server, mpsc::Receiver<()>)`: [`Guards::endless_page`];
/// - `failing_server() -> Server`: [`failing_page`];
/// - `not_found_server() -> Server`: `<ul><li>none</li></ul>` with `404`
///   and `cache-control: no-store`;
/// - `local_server() -> Server`: [`local_page`].
///
/// Every server answers GET and HEAD at `/`.
#[macro_export]
macro_rules! scenarios {
    () => {
        #[test]
        fn ready_page_is_sized_html() {
            let (server, gates) = gated_server(false);
            $crate::ready_page_is_sized_html(server.addr, &gates);
        }

        #[test]
        fn first_bytes_arrive_before_a_slow_component_resolves() {
            let (server, gates) = gated_server(false);
            $crate::first_bytes_arrive_before_a_slow_component(server.addr, &gates);
        }

        #[test]
        fn failure_before_the_first_bytes_is_a_500_page_to_get_and_head() {
            $crate::failure_before_the_first_bytes_is_a_500(failing_server().addr);
        }

        #[test]
        fn failure_after_the_first_bytes_ends_without_the_final_chunk_logged_once() {
            let (server, gates) = gated_server(false);
            $crate::failure_after_the_first_bytes_ends_without_the_final_chunk(server.addr, &gates);
        }

        #[test]
        fn client_closing_mid_page_stops_the_render() {
            let (server, dropped) = endless_server();
            $crate::leaving_mid_page_stops_the_render(server.addr, &dropped, false);
        }

        #[test]
        fn client_resetting_mid_page_stops_the_render() {
            let (server, dropped) = endless_server();
            $crate::leaving_mid_page_stops_the_render(server.addr, &dropped, true);
        }

        #[test]
        fn head_renders_up_to_the_first_bytes_then_stops() {
            let (server, dropped) = endless_server();
            $crate::head_renders_up_to_the_first_bytes(server.addr, &dropped);
        }

        #[test]
        fn status_and_headers_reach_the_client() {
            $crate::status_and_headers_reach_the_client(not_found_server().addr);
        }

        #[test]
        fn compressed_page_streams_before_a_slow_component_resolves() {
            let (server, gates) = gated_server(true);
            $crate::compressed_page_streams_before_a_slow_component(server.addr, &gates);
        }

        #[test]
        fn components_need_not_be_send() {
            $crate::local_page_renders(local_server().addr);
        }
    };
}
