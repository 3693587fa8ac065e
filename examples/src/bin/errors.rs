//! What a visitor sees when a component fails.
//!
//! - Before the first bytes (here, a context nobody provided): the page
//!   never started, so the answer is a `500 Internal Server Error` page.
//! - After the first bytes (here, a slow service that times out): the
//!   status and the shell have left already, so the response is cut short.
//!   The connection closes without the final chunk: the browser keeps what
//!   it showed and knows the page is incomplete (`curl` reports "transfer
//!   closed with outstanding read data remaining"); no cache stores it.
//!
//! Both failures are logged, with the request and what failed.
//!
//! ```sh
//! cargo run -p htpy-examples --bin errors    # then open http://127.0.0.1:8080/
//! ```

use std::io;
use std::time::Duration;

use actix_web::rt::time::sleep;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{a, body, h1, html, li, p, ul};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

static USER: Context<String> = Context::new("user");

async fn index(req: HttpRequest) -> HttpResponse {
    let page = html().children(
        body().children((
            h1().children("Failures"),
            ul().children((
                li().children(
                    a().attr("href", "/before")
                        .children("fails before the first byte"),
                ),
                li().children(
                    a().attr("href", "/after")
                        .children("fails after the first bytes"),
                ),
            )),
        )),
    );
    htpy_actix::stream_response(&req, page).await
}

async fn before(req: HttpRequest) -> HttpResponse {
    // No USER.provide(..) above: the render fails at once.
    let page = html().children(body().children((
        h1().children("Hello"),
        USER.consume(|user| p().children(("Welcome back, ", user.clone()))),
    )));
    htpy_actix::stream_response(&req, page).await
}

async fn after(req: HttpRequest) -> HttpResponse {
    let orders = future(async {
        sleep(Duration::from_millis(500)).await;
        Err::<&str, _>(io::Error::other("the orders service timed out"))
    });
    let page = html().children(body().children((
        h1().children("Your orders"),
        p().children("This part was sent before the failure."),
        ul().children(orders),
    )));
    htpy_actix::stream_response(&req, page).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    htpy_examples::log_to_stderr();
    let server = HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(index))
            .route("/before", web::get().to(before))
            .route("/after", web::get().to(after))
    })
    // A client that leaves mid-page stops its render at once; small
    // streamed writes leave without waiting for an ACK.
    .htpy_defaults()
    .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("errors: listening on http://{addr}/");
    }
    server.run().await
}
