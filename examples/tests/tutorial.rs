//! The tutorial's last step, served over loopback: the page arrives whole,
//! byte for byte, slow section included. Nothing here measures time; the
//! socket's read timeout only turns a hang into a failure.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use actix_web::web;
use htpy_examples::load::Server;
use htpy_examples::tutorial::index;

/// How long a read may block before the test fails instead of hanging.
const HANG_GUARD: Duration = Duration::from_secs(30);

const PAGE: &str = concat!(
    "<!doctype html><html><head><title>Books</title></head><body>",
    "<header><p>Hello, Ada</p></header>",
    "<main><h1>Books</h1>",
    r#"<ul class="books"><li>Dune: €9.50</li><li>Emma: €4.00</li><li>Kim: €12.25</li></ul>"#,
    r#"<form method="post" action="/subscribe"><label for="email">Your email</label>"#,
    r#"<input id="email" type="email" name="email" required><button>Subscribe</button></form>"#,
    "<section><h2>Recommended for you</h2><ul><li>Middlemarch</li><li>Beloved</li></ul></section>",
    "</main><footer>Books &amp; more</footer></body></html>",
);

/// Decodes a chunked HTTP/1.1 body.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap(), 16)
            .expect("a hexadecimal chunk size");
        body = &body[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

#[test]
fn the_tutorial_page_streams_whole_over_loopback() {
    let server = Server::with_routes(|config| {
        config.route("/", web::get().to(index));
    })
    .unwrap();

    let mut socket = TcpStream::connect(server.addr()).unwrap();
    socket.set_read_timeout(Some(HANG_GUARD)).unwrap();
    socket
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = Vec::new();
    socket.read_to_end(&mut response).unwrap();

    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200 ok"), "{head}");
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    let body = dechunk(&response[split + 4..]);
    assert_eq!(String::from_utf8(body).unwrap(), PAGE);

    server.stop().unwrap();
}
