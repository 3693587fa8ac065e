//! The page that `docs/src/tutorial.md` builds step by step, as its last
//! step shows it: a layout component, a list from data, a form, a context,
//! and a slow section streamed after the rest. `--bin tutorial` serves it;
//! `tests/tutorial.rs` fetches it over loopback. Keep it the same as the
//! tutorial's last step.

use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse};
use htpy::el::{
    self, body, button, footer, form, h1, h2, head, header, html, input, label, li, p, section,
    title, ul,
};
use htpy::prelude::*;

/// Who is signed in: provided once by the page, read by any component.
pub static USER: Context<String> = Context::new("user");

/// A book of the shop.
pub struct Book {
    /// Its title.
    pub title: &'static str,
    /// Its price, in euros.
    pub price: f64,
}

/// The shop's books.
pub static BOOKS: [Book; 3] = [
    Book {
        title: "Dune",
        price: 9.5,
    },
    Book {
        title: "Emma",
        price: 4.0,
    },
    Book {
        title: "Kim",
        price: 12.25,
    },
];

/// The frame of every page: a title, a header that greets the user, the
/// content.
///
/// ```
/// use htpy::prelude::*;
/// use htpy_examples::tutorial::{USER, layout};
///
/// let page = USER.provide("Ada".to_owned(), layout("Hi", "x"));
/// let html = page.render_to_string()?;
/// assert!(html.ends_with("<main>x</main><footer>Books &amp; more</footer></body></html>"));
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn layout(page_title: &str, content: impl Render) -> impl Render {
    html().children((
        head().children(title().children(page_title)),
        body()
            .child(header().children(greeting()))
            .child(el::main().children(content))
            .child(footer().children("Books & more")),
    ))
}

/// Greets the user of the [`USER`] context.
///
/// ```
/// use htpy::prelude::*;
/// use htpy_examples::tutorial::{USER, greeting};
///
/// let hello = USER.provide("Ada".to_owned(), greeting());
/// assert_eq!(hello.render_to_string()?, "<p>Hello, Ada</p>");
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn greeting() -> impl Render {
    USER.consume(|user| p().children(("Hello, ", user.clone())))
}

/// The books, one item each, with the price in the form a shop shows.
///
/// ```
/// use htpy::prelude::*;
///
/// let list = htpy_examples::tutorial::book_list(&htpy_examples::tutorial::BOOKS[..1]);
/// assert_eq!(list.render_to_string()?, r#"<ul class="books"><li>Dune: €9.50</li></ul>"#);
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn book_list(books: &[Book]) -> impl Render {
    ul().class("books").children(
        books
            .iter()
            .map(|book| li().children((book.title, ": €", decimals(book.price, 2)))),
    )
}

/// The newsletter form.
///
/// ```
/// use htpy::prelude::*;
///
/// let html = htpy_examples::tutorial::signup_form().render_to_string()?;
/// assert!(html.starts_with(r#"<form method="post" action="/subscribe">"#));
/// # Ok::<(), htpy::Error>(())
/// ```
pub fn signup_form() -> impl Render {
    form()
        .attr("method", "post")
        .attr("action", "/subscribe")
        .child(label().attr("for", "email").children("Your email"))
        .child(
            input()
                .id("email")
                .attr("type", "email")
                .attr("name", "email")
                .attr("required", true),
        )
        .child(button().children("Subscribe"))
}

/// A slow source: the recommendations, after a real wait on actix's timer.
pub async fn recommendations() -> impl Render {
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    ul().children(["Middlemarch", "Beloved"].map(|title| li().children(title)))
}

/// The whole page, owning what it shows (`'static`), so that it can be
/// streamed after the handler has returned.
pub fn page(user: String) -> impl Render + 'static {
    USER.provide(
        user,
        layout(
            "Books",
            (
                h1().children("Books"),
                book_list(&BOOKS),
                signup_form(),
                section()
                    .child(h2().children("Recommended for you"))
                    .child(future(recommendations())),
            ),
        ),
    )
}

/// `GET /`: the page, streamed.
pub async fn index(req: HttpRequest) -> HttpResponse {
    htpy_actix::stream_response(&req, page("Ada".to_owned())).await
}
