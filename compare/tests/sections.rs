//! Every engine sends each of the dashboard's late sections whole, where
//! `compare http` looks for it (`Arrivals`), and the out-of-order engines do
//! send them out of order: the rest of the page first, with a fallback in
//! each section's place, then the fastest section first.

use std::time::Duration;

use bytes::Bytes;
use futures::StreamExt;

use compare::engine::{Engine, Output};
use compare::http::Arrivals;
use compare::pages::{Delays, Page, Sources};

/// The middle section's data first, then the last's, then the first's, far
/// enough apart that their order does not depend on the machine's load.
const DELAYS: Delays = Delays {
    stats: Duration::from_millis(60),
    orders: Duration::from_millis(1),
    activity: Duration::from_millis(30),
};

/// The chunks of `engine`'s dashboard, as it sends them.
async fn chunks(engine: Engine) -> Vec<Bytes> {
    let output = engine
        .render(Page::Dashboard, Sources::new(DELAYS))
        .unwrap_or_else(|| panic!("{engine} does not render the dashboard"));
    match output {
        Output::Stream(chunks) => chunks.collect().await,
        whole => vec![Bytes::from(whole.into_string().await)],
    }
}

/// The chunk each section arrived whole in, its number counted as the time.
fn arrivals(chunks: &[Bytes]) -> Vec<usize> {
    let mut arrivals = Arrivals::new(Page::Dashboard.sections());
    for (i, chunk) in chunks.iter().enumerate() {
        arrivals.receive(
            Duration::from_secs(u64::try_from(i).unwrap_or(u64::MAX)),
            chunk,
        );
    }
    arrivals
        .times()
        .iter()
        .map(|time| {
            let time = time.unwrap_or_else(|| panic!("a section never arrived whole"));
            usize::try_from(time.as_secs()).unwrap_or(usize::MAX)
        })
        .collect()
}

#[tokio::test]
async fn every_engine_sends_every_section_where_it_is_timed() {
    for engine in Engine::ALL
        .into_iter()
        .filter(|engine| engine.renders(Page::Dashboard))
    {
        let chunks = chunks(engine).await;
        let [stats, orders, activity] = arrivals(&chunks)[..] else {
            panic!("{engine}: not three sections");
        };
        match engine {
            Engine::HtpyOutOfOrder | Engine::LeptosOutOfOrder => {
                let first = String::from_utf8_lossy(&chunks[0]);
                assert_eq!(
                    first.matches("Loading\u{2026}</p>").count(),
                    3,
                    "{engine}: a fallback in each section's place first: {first}"
                );
                assert!(
                    first.contains("<footer>"),
                    "{engine}: the rest of the page first"
                );
                assert!(
                    0 < orders && orders < activity && activity < stats,
                    "{engine}: each section as its data arrives, {:?}",
                    [stats, orders, activity]
                );
            }
            _ => assert!(
                stats <= orders && orders <= activity,
                "{engine}: the sections in document order, {:?}",
                [stats, orders, activity]
            ),
        }
        if engine.streams() {
            assert!(
                stats.min(orders).min(activity) > 0,
                "{engine}: the layout goes out before any section"
            );
        }
    }
}
