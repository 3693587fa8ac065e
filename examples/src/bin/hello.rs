//! The smallest streamed page: one handler, one page.
//!
//! ```sh
//! cargo run -p htpy-examples --bin hello    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{body, h1, html};
use htpy_actix::HtpyServerExt as _;

async fn index(req: HttpRequest) -> HttpResponse {
    let page = html().children(body().children(h1().children("Hello, world!")));
    htpy_actix::stream_response(&req, page).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(index))
            // HEAD gets GET's status and headers: htpy-actix renders it up to the first bytes only.
            .route("/", web::head().to(index))
    })
    // A client that leaves mid-page stops its render at once; small
    // streamed writes leave without waiting for an ACK.
    .htpy_defaults()
    .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("hello: listening on http://{addr}/");
    }
    server.run().await
}
