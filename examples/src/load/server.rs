//! The server under load: the demo page and a large table, each counted in
//! the renders in flight, on an actix server of its own thread.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{body, h1, html, table, tbody, td, tr};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

use super::in_flight::tracked;
use crate::demo_page::{self, ADA, Pace};

/// Where the server answers with the demo page.
pub const DEMO_PATH: &str = "/demo";
/// Where the server answers with the table.
pub const TABLE_PATH: &str = "/table";

/// Cells in each row of [`table_page`].
const COLUMNS: u64 = 10;

/// What the server's pages look like.
#[derive(Clone, Copy, Debug)]
pub struct Pages {
    /// How slow the demo page's sources are.
    pub pace: Pace,
    /// Rows in the table page.
    pub table_rows: u64,
}

/// A table of `rows` rows of ten numbered cells, each row built from an
/// iterator as the render reaches it.
///
/// ```
/// use htpy::Render;
///
/// let html = htpy_examples::load::table_page(1).render_to_string().unwrap();
/// assert!(html.ends_with("<tr><td>0</td><td>1</td><td>2</td><td>3</td><td>4</td>\
///     <td>5</td><td>6</td><td>7</td><td>8</td><td>9</td></tr></tbody></table></body></html>"));
/// ```
pub fn table_page(rows: u64) -> impl Render + 'static {
    html().children(body().children((
        h1().children((rows, " rows of ", COLUMNS, " cells")),
        table().children(tbody().children((0..rows).map(|row| {
            tr().children((0..COLUMNS).map(move |column| td().children(row * COLUMNS + column)))
        }))),
    )))
}

async fn serve_demo(req: HttpRequest, pages: web::Data<Pages>) -> HttpResponse {
    let page = demo_page::page(ADA, pages.pace);
    htpy_actix::stream_response(&req, tracked(page)).await
}

async fn serve_table(req: HttpRequest, pages: web::Data<Pages>) -> HttpResponse {
    htpy_actix::stream_response(&req, tracked(table_page(pages.table_rows))).await
}

/// An actix server on 127.0.0.1 with two workers and the settings of the
/// examples, running on its own thread until [`Server::stop`].
pub struct Server {
    addr: SocketAddr,
    handle: ServerHandle,
    thread: JoinHandle<io::Result<()>>,
}

impl Server {
    /// Starts serving `pages` on a free port of 127.0.0.1.
    ///
    /// # Errors
    ///
    /// When no port could be bound or the server's thread did not start.
    pub fn start(pages: Pages) -> io::Result<Self> {
        Self::with_routes(move |config| {
            config
                .app_data(web::Data::new(pages))
                .route(DEMO_PATH, web::get().to(serve_demo))
                .route(TABLE_PATH, web::get().to(serve_table));
        })
    }

    /// Starts serving the routes that `routes` sets, on a free port of
    /// 127.0.0.1: what a test of another page serves it with.
    ///
    /// # Errors
    ///
    /// As [`Server::start`].
    pub fn with_routes(
        routes: impl Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let (handle_tx, handle_rx) = mpsc::channel();
        let thread = thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || App::new().configure(routes.clone()))
                    .workers(2)
                    .disable_signals()
                    // A client that leaves mid-page stops its render at once; small
                    // streamed writes leave without waiting for an ACK.
                    .htpy_defaults()
                    .listen(listener)?
                    .run();
                // The receiver waits for this; if it is gone, so is the caller.
                let _ = handle_tx.send(server.handle());
                server.await
            })
        });
        match handle_rx.recv() {
            Ok(handle) => Ok(Self {
                addr,
                handle,
                thread,
            }),
            Err(_) => Err(thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the server's thread panicked")))
                .err()
                .unwrap_or_else(|| io::Error::other("the server stopped before it started"))),
        }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the server, letting open connections finish, and waits for its thread.
    ///
    /// # Errors
    ///
    /// What the server failed with, or a panic of its thread.
    pub fn stop(self) -> io::Result<()> {
        // The command is sent at once; the thread's end is what we wait for.
        drop(self.handle.stop(true));
        self.thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the server's thread panicked")))
    }
}
