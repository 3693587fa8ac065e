//! Contexts: the theme and the signed-in user are provided once, at the
//! top of the page, and read by components deep inside it, without being
//! passed through every component on the way.
//!
//! ```sh
//! cargo run -p htpy-examples --bin contexts    # then open http://127.0.0.1:8080/?user=Ada
//! ```

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use htpy::el::{body, button, div, h1, html, p, span};
use htpy::prelude::*;
use htpy_actix::HtpyServerExt as _;

/// The theme has a default: a consumer without a provider gets "light".
static THEME: Context<&str> = Context::with_default("theme", "light");
/// The user has none: reading it outside a provider fails the render.
static USER: Context<Option<String>> = Context::new("user");

/// Three levels down, it still sees both contexts.
fn themed_button(label: &'static str) -> impl Render {
    THEME.consume(move |theme| button().class(format!("btn-{theme}")).children(label))
}

fn greeting() -> impl Render {
    USER.consume(|user| {
        span().children(user.as_ref().map_or_else(
            || "Not signed in".to_owned(),
            |name| format!("Signed in as {name}"),
        ))
    })
}

fn toolbar() -> impl Render {
    div()
        .class("toolbar")
        .children((greeting(), themed_button("Save")))
}

fn page(user: Option<String>) -> impl Render + 'static {
    html().children(body().children((
        h1().children("Contexts"),
        THEME.provide("dark", USER.provide(user, toolbar())),
        p().children(("Outside the provider: ", themed_button("Help"))),
    )))
}

async fn index(req: HttpRequest, query: web::Query<Vec<(String, String)>>) -> HttpResponse {
    let user = query
        .into_inner()
        .into_iter()
        .find_map(|(key, value)| (key == "user").then_some(value));
    htpy_actix::stream_response(&req, page(user)).await
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| App::new().route("/", web::get().to(index)))
        // A client that leaves mid-page stops its render at once; small
        // streamed writes leave without waiting for an ACK.
        .htpy_defaults()
        .bind(htpy_examples::address(8080))?;
    for addr in server.addrs() {
        println!("contexts: listening on http://{addr}/?user=Ada");
    }
    server.run().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_components_see_the_provided_values() {
        assert_eq!(
            page(Some("Ada".to_owned())).render_to_string().unwrap(),
            "<!doctype html><html><body><h1>Contexts</h1><div class=\"toolbar\">\
             <span>Signed in as Ada</span><button class=\"btn-dark\">Save</button></div>\
             <p>Outside the provider: <button class=\"btn-light\">Help</button></p></body></html>"
        );
    }
}
