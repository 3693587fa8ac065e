//! A large table streamed from an iterator: rows are rendered as the
//! client reads them, so memory stays at a few buffers however many rows
//! there are (`?rows=` sets how many; 100 000 by default).
//!
//! ```sh
//! cargo run -p htpy-examples --bin big_table    # then open http://127.0.0.1:8080/
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{body, h1, html, table, tbody, td, th, thead, tr};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

/// One row of made-up data.
fn row(n: u64) -> impl Render {
    tr().children((
        td().children(n),
        td().children(format!("item-{n:06}")),
        td().children(n * 37 % 1000),
    ))
}

fn page(rows: u64) -> impl Render + 'static {
    html().children(body().children((
        h1().children((rows, " rows")),
        table().children((
            thead().children(tr().children((
                th().children("#"),
                th().children("Name"),
                th().children("Price"),
            ))),
            // An iterator is a child: each row is built when rendering reaches it.
            tbody().children((1..=rows).map(row)),
        )),
    )))
}

async fn index(req: HttpRequest, query: web::Query<Vec<(String, String)>>) -> HttpResponse {
    let rows = query
        .iter()
        .find_map(|(key, value)| (key == "rows").then(|| value.parse().ok()).flatten())
        .unwrap_or(100_000);
    htpy_actix::stream_response(&req, page(rows)).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| App::new().route("/", web::get().to(index)))
        // A client that leaves mid-page stops its render at once; small
        // streamed writes leave without waiting for an ACK.
        .htpy_defaults()
        .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("big_table: listening on http://{addr}/");
    }
    server.run().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_iterator() {
        let html = page(2).render_to_string().unwrap();
        assert!(html.ends_with(
            "<tbody><tr><td>1</td><td>item-000001</td><td>37</td></tr>\
             <tr><td>2</td><td>item-000002</td><td>74</td></tr></tbody></table></body></html>"
        ));
    }
}
