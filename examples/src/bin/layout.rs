//! Components that take children, and a base layout every page goes through.
//!
//! ```sh
//! cargo run -p htpy-examples --bin layout    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{a, body, div, footer, h1, h2, head, html, li, meta, nav, p, title, ul};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

/// The shell of every page: the head, the navigation, then `content`.
fn base_layout(page_title: &str, content: impl Render) -> impl Render {
    html().attr("lang", "en").children((
        head().children((
            meta().attr("charset", "utf-8"),
            title().children(format!("{page_title} · Layout example")),
        )),
        body().children((
            nav().children(ul().children((
                li().children(a().attr("href", "/").children("Home")),
                li().children(a().attr("href", "/about").children("About")),
            ))),
            h1().children(page_title.to_owned()),
            content,
            footer().children("Rendered with htpy."),
        )),
    ))
}

/// A component with children: a titled box around whatever it is given.
fn card(heading: &str, children: impl Render) -> impl Render {
    div()
        .class("card")
        .children((h2().children(heading.to_owned()), children))
}

async fn home(req: HttpRequest) -> HttpResponse {
    let content = (
        card("Welcome", p().children("Every page shares the layout.")),
        card(
            "Components",
            p().children("A component is a function returning impl Render."),
        ),
    );
    htpy_actix::stream_response(&req, base_layout("Home", content)).await
}

async fn about(req: HttpRequest) -> HttpResponse {
    let content = card("About", p().children("A port of Python's htpy."));
    htpy_actix::stream_response(&req, base_layout("About", content)).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(home))
            .route("/about", web::get().to(about))
    })
    // A client that leaves mid-page stops its render at once; small
    // streamed writes leave without waiting for an ACK.
    .htpy_defaults()
    .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("layout: listening on http://{addr}/");
    }
    server.run().await
}
