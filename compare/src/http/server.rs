use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;

use actix_web::dev::ServerHandle;
use actix_web::http::header::ContentType;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use bytes::Bytes;
use futures::future::LocalBoxFuture;
use futures::{StreamExt, stream};
use htpy::StreamOptions;
use htpy_actix::HtpyServerExt as _;

use crate::engine::{Engine, Output, Serve};
use crate::pages::{Delays, Page, Sources};

/// An engine's server, running.
pub struct Served {
    /// Where it listens.
    pub address: SocketAddr,
    /// Stops it.
    pub handle: ServerHandle,
}

/// Serves `engine`'s pages at `/{page}` on a free loopback port, with
/// `workers` worker threads and the settings htpy-actix recommends
/// (`TCP_NODELAY`, no half-closed connections), each request's dashboard
/// sources answering after `delays`.
///
/// Must be called within an actix system, which runs the server.
///
/// # Errors
///
/// If no loopback port can be bound.
pub fn serve(engine: Engine, workers: usize, delays: Delays) -> io::Result<Served> {
    serve_on(engine, workers, delays, 0, StreamOptions::default())
}

/// The same on loopback port `port` (0: a free one), htpy's streaming
/// engines with `stream` options.
///
/// # Errors
///
/// If the port cannot be bound.
pub fn serve_on(
    engine: Engine,
    workers: usize,
    delays: Delays,
    port: u16,
    stream: StreamOptions,
) -> io::Result<Served> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new((engine, delays, stream.clone())))
            .route("/{page}", web::get().to(respond))
    })
    .workers(workers)
    .htpy_defaults()
    .disable_signals()
    .shutdown_timeout(1)
    .bind(("127.0.0.1", port))?;
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    Ok(Served { address, handle })
}

async fn respond(
    setup: web::Data<(Engine, Delays, StreamOptions)>,
    page: web::Path<String>,
    req: HttpRequest,
) -> HttpResponse {
    let (engine, delays, ref options) = **setup;
    let Ok(page) = page.parse::<Page>() else {
        return HttpResponse::NotFound().finish();
    };
    // htpy's streaming engines answer as a user's handler does.
    if let Some(response) =
        engine.streamed(page, Sources::new(delays), WithHtpyActix(&req, options))
    {
        return response.await;
    }
    let Some(output) = engine.render(page, Sources::new(delays)) else {
        return HttpResponse::NotFound().finish();
    };
    let mut response = HttpResponse::Ok();
    // Set before the body: a streamed body would otherwise go out as
    // application/octet-stream.
    response.content_type(ContentType::html());
    match output {
        Output::Html(html) => response.body(html),
        // Each chunk goes out as it is taken, as htpy's chunks are meant to.
        Output::Chunks(chunks) => response.streaming(stream::iter(
            chunks.map(|chunk| Ok::<_, Infallible>(Bytes::from(chunk))),
        )),
        Output::Waiting(html) => response.body(html.await),
        Output::Stream(chunks) => response.streaming(chunks.map(Ok::<_, Infallible>)),
    }
}

/// An htpy page answered through htpy-actix, with these stream options.
struct WithHtpyActix<'a>(&'a HttpRequest, &'a StreamOptions);

impl<'a> Serve for WithHtpyActix<'a> {
    type Output = LocalBoxFuture<'a, HttpResponse>;

    fn serve<T: htpy::Render + 'static>(self, page: T) -> Self::Output {
        let page = htpy_actix::Page::new(page).stream_options(self.1.clone());
        Box::pin(page.respond(self.0))
    }
}
