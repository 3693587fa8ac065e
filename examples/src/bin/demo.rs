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
            // HEAD gets the headers only; htpy-actix does not render for it.
            .route("/", web::head().to(index))
    })
    // Stop rendering as soon as a client that leaves sends its FIN.
    .h1_allow_half_closed(false)
    // Send each streamed piece at once, not when the last one is ACKed.
    .tcp_nodelay(true)
    .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("demo: listening on http://{addr}/");
    }
    server.run().await
}
