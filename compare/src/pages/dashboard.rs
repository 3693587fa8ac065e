use std::sync::LazyLock;
use std::time::Duration;

use serde::Serialize;

/// The dashboard page: a shop's back office, with a layout, navigation, text
/// typed by users (so every engine has to escape `& < > " '`), and three
/// sections whose data comes from slow sources (see [`Sources`]).
///
/// Its markup, without the whitespace (`class` comes last among attributes
/// because Leptos always writes it last):
///
/// ```text
/// <!doctype html><html lang="en">
/// <head><meta charset="utf-8"><title>Dashboard: {user.name}</title>
///   <link rel="stylesheet" href="/static/app.css"></head>
/// <body>
///   <header class="topbar"><a href="/" class="brand">Acme Shop</a>
///     <nav><ul>{<li><a href="{href}" [class="active"]>{label}</a></li>}</ul></nav>
///     <span title="{user.name}" class="user">@{user.handle}</span></header>
///   <main><h1>Welcome back, {user.name}!</h1>
///     <section id="stats"><h2>Today</h2><dl>{<dt>{label}</dt><dd>{value}</dd>}</dl></section>
///     <section id="orders"><h2>Recent orders</h2><table>
///       <thead><tr><th>Order</th><th>Customer</th><th>Total</th><th>Status</th></tr></thead>
///       <tbody>{<tr><td>#{id}</td><td>{customer}</td><td>{total}</td>
///         <td><span class="status {status}">{status}</span></td></tr>}</tbody></table></section>
///     <section id="activity"><h2>Activity</h2>
///       <ol>{<li><strong>{who}</strong>: <q>{text}</q></li>}</ol></section></main>
///   <footer><p>Acme Shop, since 2015</p></footer></body></html>
/// ```
#[derive(Debug, Serialize)]
pub struct Dashboard {
    /// What the page shows before any source has answered.
    pub layout: Layout,
    /// The figures of the "Today" section.
    pub stats: Vec<Stat>,
    /// The rows of the "Recent orders" section.
    pub orders: Vec<Order>,
    /// The items of the "Activity" section.
    pub activity: Vec<Activity>,
}

/// The part of the [`Dashboard`] that needs no slow source.
#[derive(Debug, Serialize)]
pub struct Layout {
    /// The signed-in user, shown in the header and the greeting.
    pub user: User,
    /// The links of the navigation bar.
    pub nav: Vec<NavLink>,
}

/// The signed-in user of the [`Dashboard`].
#[derive(Debug, Serialize)]
pub struct User {
    /// The display name, as the user typed it.
    pub name: &'static str,
    /// The user's handle, shown after an `@`.
    pub handle: &'static str,
}

/// A link of the [`Dashboard`]'s navigation bar.
#[derive(Debug, Serialize)]
pub struct NavLink {
    /// The text of the link.
    pub label: &'static str,
    /// Where the link goes.
    pub href: &'static str,
    /// Whether this is the current page (it gets `class="active"`).
    pub active: bool,
}

/// A figure of the [`Dashboard`]'s "Today" section.
#[derive(Debug, Serialize)]
pub struct Stat {
    /// What is counted.
    pub label: &'static str,
    /// The figure, formatted.
    pub value: &'static str,
}

/// A row of the [`Dashboard`]'s "Recent orders" section.
#[derive(Debug, Serialize)]
pub struct Order {
    /// The order number.
    pub id: u32,
    /// The customer's name, as they typed it.
    pub customer: &'static str,
    /// The amount, formatted.
    pub total: String,
    /// One of `paid`, `shipped`, `pending`, `refunded`; also a CSS class.
    pub status: &'static str,
}

/// An item of the [`Dashboard`]'s "Activity" section.
#[derive(Debug, Serialize)]
pub struct Activity {
    /// Who wrote the comment.
    pub who: &'static str,
    /// The comment, as they typed it.
    pub text: &'static str,
}

/// Names and comments that need every one of HTML's five escapes.
const CUSTOMERS: [&str; 6] = [
    "Tom & Jerry's Deli",
    "<script>alert(\"pwned\")</script>",
    "Ana \"Nina\" M\u{fc}ller",
    "Bob's <b>Bold</b> Shop",
    "O'Reilly & Sons",
    "Plain Customer Ltd",
];

const COMMENTS: [&str; 4] = [
    "Shipped early, \"as promised\" & well packed",
    "Use <em>this</em> address, it's the right one",
    "5 > 3 && 2 < 4: that's \"math\"",
    "No complaints",
];

const STATUSES: [&str; 4] = ["paid", "shipped", "pending", "refunded"];

impl Dashboard {
    /// The number of rows of "Recent orders".
    pub const ORDERS: usize = 20;
    /// The number of items of "Activity".
    pub const ACTIVITY: usize = 12;

    /// The shared instance every engine renders.
    pub fn get() -> &'static Dashboard {
        static DASHBOARD: LazyLock<Dashboard> = LazyLock::new(Dashboard::build);
        &DASHBOARD
    }

    fn build() -> Dashboard {
        let nav = [
            ("Overview", "/", true),
            ("Orders", "/orders", false),
            ("Customers", "/customers", false),
            ("Settings", "/settings", false),
        ];
        let stats = [
            ("Revenue", "\u{20ac}12,345.67"),
            ("Orders", "182"),
            ("Conversion", "3.4%"),
            ("Refunds", "2"),
        ];
        Dashboard {
            layout: Layout {
                user: User {
                    name: "Zo\u{eb} O'Brien & \"Friends\" <admin>",
                    handle: "zoe_ob",
                },
                nav: nav
                    .into_iter()
                    .map(|(label, href, active)| NavLink {
                        label,
                        href,
                        active,
                    })
                    .collect(),
            },
            stats: stats
                .into_iter()
                .map(|(label, value)| Stat { label, value })
                .collect(),
            orders: (0..Self::ORDERS)
                .map(|i| Order {
                    id: 1042 + u32::try_from(i).unwrap_or(u32::MAX),
                    customer: CUSTOMERS[i % CUSTOMERS.len()],
                    total: format!("\u{20ac}{}.{:02}", 12 + i * 7, (i * 37) % 100),
                    status: STATUSES[i % STATUSES.len()],
                })
                .collect(),
            activity: (0..Self::ACTIVITY)
                .map(|i| Activity {
                    who: CUSTOMERS[(i * 5) % CUSTOMERS.len()],
                    text: COMMENTS[i % COMMENTS.len()],
                })
                .collect(),
        }
    }
}

/// How long each of the [`Dashboard`]'s data sources takes to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delays {
    /// The "Today" figures.
    pub stats: Duration,
    /// The "Recent orders".
    pub orders: Duration,
    /// The "Activity" items, the slowest.
    pub activity: Duration,
}

impl Delays {
    /// All data at once: what the renderers cost, without waiting.
    pub const NONE: Delays = Delays {
        stats: Duration::ZERO,
        orders: Duration::ZERO,
        activity: Duration::ZERO,
    };

    /// Plausible back-end latencies, used over HTTP.
    pub const TYPICAL: Delays = Delays {
        stats: Duration::from_millis(5),
        orders: Duration::from_millis(20),
        activity: Duration::from_millis(50),
    };

    /// The longest delay: when the last data arrives.
    pub fn slowest(self) -> Duration {
        self.stats.max(self.orders).max(self.activity)
    }
}

/// The [`Dashboard`]'s data sources for one request.
///
/// Each source is a query that starts when the renderer first asks for its
/// data (first polls its future) and answers after its delay, as a query to
/// a back end does: a renderer that asks for one after another waits for the
/// sum of their delays, one that asks for all of them at once for the
/// slowest. The layout data (user, navigation) is there at once.
#[derive(Clone, Copy, Debug)]
pub struct Sources {
    delays: Delays,
}

impl Sources {
    /// The sources of one request, answering after `delays`.
    pub fn new(delays: Delays) -> Sources {
        Sources { delays }
    }

    /// The data the layout needs, there at once.
    pub fn layout(self) -> &'static Layout {
        &Dashboard::get().layout
    }

    /// The "Today" figures, [`Delays::stats`] after they are asked for.
    pub async fn stats(self) -> &'static [Stat] {
        answer(self.delays.stats).await;
        &Dashboard::get().stats
    }

    /// The "Recent orders", [`Delays::orders`] after they are asked for.
    pub async fn orders(self) -> &'static [Order] {
        answer(self.delays.orders).await;
        &Dashboard::get().orders
    }

    /// The "Activity" items, [`Delays::activity`] after they are asked for.
    pub async fn activity(self) -> &'static [Activity] {
        answer(self.delays.activity).await;
        &Dashboard::get().activity
    }

    /// All the data, the three queries sent at once: it is there when the
    /// slowest has answered. What a renderer that cannot stream waits for.
    pub async fn all(self) -> &'static Dashboard {
        answer(self.delays.slowest()).await;
        Dashboard::get()
    }
}

/// A query's answer, `delay` after it was asked for: after its first poll.
async fn answer(delay: Duration) {
    // A zero delay must not touch the timer: benchmarks use it to time the
    // renderers alone.
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
}
