//! The demo's page (`--bin demo`), here so that the load test (`--bin load`)
//! serves the very same page: the head, the styles, the shell and every
//! section's heading and placeholder at once, then each section's content as
//! its slow source answers (streamed out of order with `suspense`): the
//! weather at 0.3 s, the orders at 1 s, the recommendations at 1.5 s, and the
//! last byte with the slowest, not after the sum of them.
//!
//! The sources are stand-ins that sleep; [`Pace`] scales their delays, so a
//! load test can run the page faster than a person would watch it.

use std::time::Duration;

use actix_web::rt::time::sleep;
use futures::StreamExt as _;
use htpy::el::{
    body, footer, h1, h2, head, header, html, li, meta, p, section, span, strong, style, title, ul,
};
use htpy::prelude::*;

/// Who is looking at the page, provided once at the top and read deep inside it.
pub struct User {
    /// Shown in the header's badge and in the recommendations.
    pub name: &'static str,
    /// The class of `<body>`: `dark` or `light`.
    pub theme: &'static str,
}

/// The user the demo shows the page to.
pub const ADA: User = User {
    name: "Ada",
    theme: "dark",
};

static USER: Context<User> = Context::new("user");

/// How slow the page's stand-in sources are: [`Pace::REAL`] for the demo
/// (about 2.8 s to the last byte), a fraction of it for a load test.
///
/// ```
/// use std::time::Duration;
/// use htpy_examples::demo_page::Pace;
///
/// assert_eq!(Pace::scaled(0.5).delay(300), Duration::from_millis(150));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Pace(f64);

impl Pace {
    /// The demo's own delays.
    pub const REAL: Self = Self(1.0);

    /// Every delay multiplied by `factor` (0 for none; negative counts as 0).
    pub fn scaled(factor: f64) -> Self {
        Self(factor.max(0.0))
    }

    /// How long a source that takes `millis` milliseconds at the real pace waits.
    pub fn delay(self, millis: u64) -> Duration {
        Duration::from_millis(millis).mul_f64(self.0)
    }
}

const CSS: &str = "
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; }
body.dark { background: #1e1f24; color: #e8e8ea; }
header { display: flex; justify-content: space-between; align-items: baseline; }
section { border: 1px solid #8884; border-radius: 8px; margin: 1rem 0; padding: 0 1rem 1rem; }
section > h2 { font-size: 1.1rem; }
.badge { background: #5b6ee1; border-radius: 4px; color: white; padding: 0 .4rem; }
li, p { animation: appear .4s; }
.loading { color: #888; font-style: italic; }
@keyframes appear { from { opacity: 0; } }
";

/// Stands in for a database or an API: `value`, after `millis` milliseconds
/// at the real pace.
async fn slow<T>(pace: Pace, millis: u64, value: T) -> T {
    sleep(pace.delay(millis)).await;
    value
}

/// Reads the user from the context, however deep it is used.
fn user_badge() -> impl Render {
    USER.consume(|user| span().class("badge").children(user.name))
}

fn weather(pace: Pace) -> impl Render {
    section().id("weather").children((
        h2().children("Weather"),
        suspense(
            p().class("loading").children("Looking at the sky…"),
            future(async move {
                let (sky, degrees) = slow(pace, 300, ("sunny", 21)).await;
                p().children(("It is ", sky, " and ", degrees, " °C."))
            }),
        ),
    ))
}

fn orders(pace: Pace) -> impl Render {
    let items = futures::stream::iter([
        ("#1041", "a teapot"),
        ("#1042", "two mugs"),
        ("#1043", "a kilo of tea"),
        ("#1044", "a strainer"),
    ])
    .then(move |(number, what)| {
        slow(
            pace,
            250,
            li().children((strong().children(number), " ", what)),
        )
    });
    section().id("orders").children((
        h2().children("Your orders"),
        suspense(
            p().class("loading").children("Fetching your orders…"),
            ul().children(stream(items)),
        ),
    ))
}

fn recommendations(pace: Pace) -> impl Render {
    section().id("recommendations").children((
        h2().children("Recommended for you"),
        suspense(
            p().class("loading").children("Picking teas for you…"),
            future(async move {
                let picks = slow(pace, 1500, ["a tea cosy", "oolong samples"]).await;
                (
                    p().children(("Picked for ", user_badge(), ":")),
                    ul().children(picks.map(|pick| li().children(pick))),
                )
            }),
        ),
    ))
}

/// The whole page for `user`, its sources as slow as `pace` says.
pub fn page(user: User, pace: Pace) -> impl Render + 'static {
    let theme = user.theme;
    html().attr("lang", "en").children((
        head().children((
            meta().attr("charset", "utf-8"),
            title().children("htpy streaming demo"),
            style().children(css(CSS)),
        )),
        USER.provide(
            user,
            body().class(theme).children((
                header().children((h1().children("Your shop"), user_badge())),
                htpy::main().children((weather(pace), orders(pace), recommendations(pace))),
                footer().children(p().children("Streamed by htpy.")),
            )),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn page_has_every_section_in_order() {
        let html = Box::pin(page(ADA, Pace::REAL).render_to_string_async())
            .await
            .unwrap();
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

    #[actix_web::test]
    async fn pace_changes_no_byte_of_the_page() {
        let real = Box::pin(page(ADA, Pace::REAL).render_to_string_async());
        let instant = Box::pin(page(ADA, Pace::scaled(0.0)).render_to_string_async());
        assert_eq!(instant.await.unwrap(), real.await.unwrap());
    }
}
