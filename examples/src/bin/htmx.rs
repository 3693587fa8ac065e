//! An htmx-style partial: the same component is the whole page's list on
//! a normal load and, on an htmx request (`HX-Request: true`), the only
//! thing sent, for htmx to append.
//!
//! ```sh
//! cargo run -p htpy-examples --bin htmx    # then open http://127.0.0.1:8080/
//! ```
//!
//! The page ships a ten-line stand-in for htmx's `hx-get`/`hx-swap` (so the
//! example reaches no network); with the real htmx script in its place the
//! server side is the same. Without script, "More" is a plain link.

use std::time::Duration;

use actix_web::rt::time::sleep;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{a, body, h1, head, html, li, meta, script, title, ul};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

/// What htmx does for `hx-get` + `hx-target` + `hx-swap="outerHTML"`, and no more.
const HX_GET: &str = r#"
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[hx-get]");
  if (!link) return;
  event.preventDefault();
  const response = await fetch(link.getAttribute("hx-get"), { headers: { "HX-Request": "true" } });
  document.querySelector(link.getAttribute("hx-target")).outerHTML = await response.text();
});
"#;

const PAGE_SIZE: u32 = 5;

/// One page of items, then the link that loads the next: the partial.
fn items(page: u32) -> impl Render + 'static {
    let first = (page - 1) * PAGE_SIZE + 1;
    (
        // A slow source: the partial streams like any page.
        future(async move {
            sleep(Duration::from_millis(200)).await;
            (first..first + PAGE_SIZE).map(|n| li().children(("Item ", n)))
        }),
        li().id("more").children(
            a().attr("href", format!("/items?page={}", page + 1))
                .attr("hx-get", format!("/items?page={}", page + 1))
                .attr("hx-target", "#more")
                .attr("hx-swap", "outerHTML")
                .children("More"),
        ),
    )
}

fn full_page(page: u32) -> impl Render + 'static {
    html().children((
        head().children((
            meta().attr("charset", "utf-8"),
            title().children("htmx partials"),
            // Safe: a constant script of ours.
            script().children(RawHtml::dangerously_new(HX_GET)),
        )),
        body().children((h1().children("Items"), ul().children(items(page)))),
    ))
}

fn page_number(req: &HttpRequest) -> u32 {
    web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|query| {
            query
                .iter()
                .find_map(|(key, value)| (key == "page").then(|| value.parse().ok()).flatten())
        })
        .filter(|&page| page >= 1)
        .unwrap_or(1)
}

async fn list(req: HttpRequest) -> HttpResponse {
    let page = page_number(&req);
    if req.headers().contains_key("hx-request") {
        htpy_actix::stream_response(&req, items(page)).await
    } else {
        htpy_actix::stream_response(&req, full_page(page)).await
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(list))
            .route("/items", web::get().to(list))
    })
    // A client that leaves mid-page stops its render at once; small
    // streamed writes leave without waiting for an ACK.
    .htpy_defaults()
    .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("htmx: listening on http://{addr}/");
    }
    server.run().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn the_partial_is_items_and_the_next_link() {
        let html = Box::pin(items(2).render_to_string_async()).await.unwrap();
        assert!(html.starts_with("<li>Item 6</li>"), "{html}");
        assert!(html.ends_with(
            "<li>Item 10</li><li id=\"more\"><a href=\"/items?page=3\" hx-get=\"/items?page=3\" \
             hx-target=\"#more\" hx-swap=\"outerHTML\">More</a></li>"
        ));
    }
}
