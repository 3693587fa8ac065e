//! The smallest streamed page: one handler, one page.
//!
//! ```sh
//! cargo run -p htpy-examples --bin hello    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{body, h1, html};

async fn index(req: HttpRequest) -> HttpResponse {
    let page = html().children(body().children(h1().children("Hello, world!")));
    htpy_actix::stream_response(&req, page).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
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
        println!("hello: listening on http://{addr}/");
    }
    server.run().await
}
