//! Streams a very large page to a slow reader and reports throughput.
//! Measure peak memory from outside:
//!
//! ```sh
//! cargo build --release -p htpy --example stream_memory
//! /usr/bin/time -v target/release/examples/stream_memory 1024   # MiB
//! ```

use std::time::{Duration, Instant};

use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Render, StreamOptions, div, iter, p, section};

/// About 1 KiB per section.
fn page(sections: usize) -> impl Render {
    div().children(iter((0..sections).map(|n| {
        section()
            .attr("data-n", n)
            .children(iter((0..16).map(|line| {
                p().children((
                    "Line ",
                    line,
                    " of a long page that streams in bounded memory.",
                ))
            })))
    })))
}

fn main() {
    let mebibytes: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(64);
    let sections = mebibytes * 1024 * 1024 / page_bytes_per_section();
    let stream = page(sections).render_stream(StreamOptions::default());
    let start = Instant::now();
    let reader = async move {
        let mut stream = stream;
        let (mut bytes, mut reads) = (0_usize, 0_usize);
        while let Some(chunk) = stream.next().await {
            bytes += chunk.expect("the page renders").len();
            reads += 1;
            // A slow reader: a pause every 256 reads, while the render waits.
            if reads % 256 == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        bytes
    };
    let bytes = block_on(reader);
    let seconds = start.elapsed().as_secs_f64();
    let mib = f64::from(u32::try_from(bytes / 1024).unwrap_or(u32::MAX)) / 1024.0;
    println!(
        "streamed {bytes} bytes ({mib:.1} MiB) in {seconds:.2} s: {:.0} MiB/s",
        mib / seconds
    );
}

fn page_bytes_per_section() -> usize {
    page(1)
        .render_to_string()
        .map_or(1024, |html| html.len() - "<div></div>".len())
}
