//! The tutorial's page (`docs/src/tutorial.md`), served.
//!
//! ```sh
//! cargo run -p htpy-examples --bin tutorial    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpServer, web};
use htpy_examples::tutorial::index;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| App::new().route("/", web::get().to(index)))
        // Stop rendering as soon as a client that leaves sends its FIN.
        .h1_allow_half_closed(false)
        // Send each streamed piece at once.
        .tcp_nodelay(true)
        .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("tutorial: listening on http://{addr}/");
    }
    server.run().await
}
