//! A page that fills in as its data arrives: the head, the styles and the
//! page's shell reach the browser at once, then each section as its slow
//! source answers, the order list item by item, the recommendations last.
//!
//! ```sh
//! cargo run -p htpy-examples --bin demo    # then open http://127.0.0.1:8080/
//! ```

use std::time::Duration;

use actix_web::rt::time::sleep;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use futures::StreamExt as _;
use htpy::{
    Context, RawHtml, Render, body, footer, future, h1, h2, head, header, html, li, meta, p,
    section, span, stream, strong, style, title, ul,
};

/// Who is looking at the page, provided once at the top and read deep inside it.
struct User {
    name: &'static str,
    theme: &'static str,
}

static USER: Context<User> = Context::new("user");

const CSS: &str = "
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; }
body.dark { background: #1e1f24; color: #e8e8ea; }
header { display: flex; justify-content: space-between; align-items: baseline; }
section { border: 1px solid #8884; border-radius: 8px; margin: 1rem 0; padding: 0 1rem 1rem; }
section > h2 { font-size: 1.1rem; }
.badge { background: #5b6ee1; border-radius: 4px; color: white; padding: 0 .4rem; }
li { animation: appear .4s; }
@keyframes appear { from { opacity: 0; } }
";

/// Stands in for a database or an API: `value`, after `millis` milliseconds.
async fn slow<T>(millis: u64, value: T) -> T {
    sleep(Duration::from_millis(millis)).await;
    value
}

/// Reads the user from the context, however deep it is used.
fn user_badge() -> impl Render {
    USER.consume(|user| span().class("badge").children(user.name))
}

fn weather() -> impl Render {
    section().id("weather").children((
        h2().children("Weather"),
        future(async {
            let (sky, degrees) = slow(300, ("sunny", 21)).await;
            p().children(("It is ", sky, " and ", degrees, " °C."))
        }),
    ))
}

fn orders() -> impl Render {
    let items = futures::stream::iter([
        ("#1041", "a teapot"),
        ("#1042", "two mugs"),
        ("#1043", "a kilo of tea"),
        ("#1044", "a strainer"),
    ])
    .then(|(number, what)| slow(250, li().children((strong().children(number), " ", what))));
    section()
        .id("orders")
        .children((h2().children("Your orders"), ul().children(stream(items))))
}

fn recommendations() -> impl Render {
    section().id("recommendations").children((
        h2().children("Recommended for you"),
        future(async {
            let picks = slow(1500, ["a tea cosy", "oolong samples"]).await;
            (
                p().children(("Picked for ", user_badge(), ":")),
                ul().children(picks.map(|pick| li().children(pick))),
            )
        }),
    ))
}

fn page(user: User) -> impl Render + 'static {
    let theme = user.theme;
    html().attr("lang", "en").children((
        head().children((
            meta().attr("charset", "utf-8"),
            title().children("htpy streaming demo"),
            // Safe: a constant of this file, with no user data in it.
            style().children(RawHtml::dangerously_new(CSS)),
        )),
        USER.provide(
            user,
            body().class(theme).children((
                header().children((h1().children("Your shop"), user_badge())),
                htpy::main().children((weather(), orders(), recommendations())),
                footer().children(p().children("Streamed by htpy-actix.")),
            )),
        ),
    ))
}

async fn index(req: HttpRequest) -> HttpResponse {
    let user = User {
        name: "Ada",
        theme: "dark",
    };
    htpy_actix::stream_response(&req, page(user)).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn page_has_every_section_in_order() {
        let user = User {
            name: "Ada",
            theme: "dark",
        };
        let html = Box::pin(page(user).render_to_string_async()).await.unwrap();
        assert!(
            html.starts_with("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        );
        let order = [
            "<body class=\"dark\">",
            "<span class=\"badge\">Ada</span>",
            "It is sunny and 21 °C.",
            "<li><strong>#1044</strong> a strainer</li>",
            "Picked for <span class=\"badge\">Ada</span>:",
            "<li>oolong samples</li>",
            "</html>",
        ];
        let positions: Vec<usize> = order.iter().map(|s| html.find(s).unwrap()).collect();
        assert!(positions.is_sorted(), "{html}");
    }
}
