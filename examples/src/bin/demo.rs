//! A page that fills in as its data arrives: the head, the styles and the
//! page's shell reach the browser at once, then each section as its slow
//! source answers, the order list item by item, the recommendations last.
//! The page itself is in `htpy_examples::demo_page`, which the load test
//! serves too.
//!
//! ```sh
//! cargo run -p htpy-examples --bin demo    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy_actix::HtpyServerExt as _;
use htpy_examples::demo_page::{ADA, Pace, page};

async fn index(req: HttpRequest) -> HttpResponse {
    htpy_actix::stream_response(&req, page(ADA, Pace::REAL)).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    htpy_examples::log_to_stderr();
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
        println!("demo: listening on http://{addr}/");
    }
    server.run().await
}
