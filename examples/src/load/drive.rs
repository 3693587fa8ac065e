//! The two tests: many clients reading whole pages over keep-alive
//! connections, and many clients leaving after the first chunk.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

use super::client::{Connection, Failure, Timing};
use super::in_flight::{renders_in_flight, renders_started};

/// How long one request may take before it counts as an error: a hung
/// server fails the test instead of stalling it.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// How often [`wait_for_no_renders`] looks at the count: the resolution of
/// the time it reports. Reading an atomic a thousand times a second costs
/// nothing next to the servers' work.
const POLL: Duration = Duration::from_millis(1);

/// What loading one page gave.
#[derive(Debug, Default)]
pub struct Load {
    /// Requests sent.
    pub requests: usize,
    /// Requests that failed, for any reason.
    pub errors: usize,
    /// The first failure, to say what went wrong.
    pub first_error: Option<String>,
    /// From the first request sent to the last response read.
    pub elapsed: Duration,
    /// Time to the first body byte of each successful request, sorted.
    pub first_byte: Vec<Duration>,
    /// Time to the last byte of each successful request, sorted.
    pub last_byte: Vec<Duration>,
}

impl Load {
    /// Requests (successful or not) per second of the whole load.
    pub fn per_second(&self) -> f64 {
        #[expect(
            clippy::cast_precision_loss,
            reason = "a count of requests, far below 2^52"
        )]
        let requests = self.requests as f64;
        requests / self.elapsed.as_secs_f64()
    }

    fn fail(&mut self, failure: impl std::fmt::Display) {
        self.errors += 1;
        self.first_error.get_or_insert_with(|| failure.to_string());
    }

    fn merge(&mut self, part: Self) {
        self.requests += part.requests;
        self.errors += part.errors;
        if self.first_error.is_none() {
            self.first_error = part.first_error;
        }
        self.first_byte.extend(part.first_byte);
        self.last_byte.extend(part.last_byte);
    }
}

/// Sends `requests` requests for `path` over `connections` keep-alive
/// connections at once, each response checked to be the page of
/// `expected_len` bytes. A connection that fails is replaced by a new one.
pub async fn load(
    addr: SocketAddr,
    path: &'static str,
    expected_len: usize,
    requests: usize,
    connections: usize,
) -> Load {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for _ in 0..connections.min(requests) {
        let next = Arc::clone(&next);
        clients.spawn(async move {
            let mut part = Load::default();
            let mut kept: Option<Connection> = None;
            while next.fetch_add(1, Ordering::Relaxed) < requests {
                part.requests += 1;
                let exchange = async {
                    let mut connection = match kept.take() {
                        Some(connection) => connection,
                        None => Connection::open(addr).await?,
                    };
                    let timing = connection.get(path, expected_len).await?;
                    Ok::<(Connection, Timing), Failure>((connection, timing))
                };
                match timed(exchange).await {
                    Ok((connection, timing)) => {
                        part.first_byte.push(timing.first_byte);
                        part.last_byte.push(timing.last_byte);
                        kept = connection.reusable().then_some(connection);
                    }
                    Err(failure) => part.fail(failure),
                }
            }
            part
        });
    }
    let mut load = join(clients).await;
    load.elapsed = started.elapsed();
    load.first_byte.sort_unstable();
    load.last_byte.sort_unstable();
    load
}

/// One exchange, or [`Failure::TimedOut`] after [`HANG_GUARD`].
async fn timed<T>(exchange: impl Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    timeout(HANG_GUARD, exchange)
        .await
        .unwrap_or(Err(Failure::TimedOut))
}

/// What every client saw, together.
async fn join(mut clients: JoinSet<Load>) -> Load {
    let mut all = Load::default();
    while let Some(part) = clients.join_next().await {
        match part {
            Ok(part) => all.merge(part),
            Err(error) => all.fail(format!("a client task failed: {error}")),
        }
    }
    all
}

/// What the clients that left mid-page gave.
#[derive(Debug)]
pub struct Disconnects {
    /// Requests that read the first chunk and left.
    pub requests: usize,
    /// Requests that failed before the first chunk was read.
    pub errors: usize,
    /// The first failure, to say what went wrong.
    pub first_error: Option<String>,
    /// Renders that started during the test (one per request).
    pub renders_started: usize,
    /// Renders in flight when the last client had left.
    pub renders_when_left: usize,
    /// How long after the last client left no render was in flight, if
    /// that happened within the wait.
    pub drained_after: Option<Duration>,
    /// Renders still in flight at the end of the wait.
    pub renders_left: usize,
}

/// Sends `requests` requests for `path`, `connections` at once, each of
/// which reads the response's first chunk and leaves, every other one with
/// an RST instead of a FIN; then waits up to `wait` for every render to end.
pub async fn disconnects(
    addr: SocketAddr,
    path: &'static str,
    requests: usize,
    connections: usize,
    wait: Duration,
) -> Disconnects {
    let started_before = renders_started();
    let next = Arc::new(AtomicUsize::new(0));
    let mut clients = JoinSet::new();
    for _ in 0..connections.min(requests) {
        let next = Arc::clone(&next);
        clients.spawn(async move {
            let mut part = Load::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= requests {
                    return part;
                }
                part.requests += 1;
                let leave = async {
                    let mut connection = Connection::open(addr).await?;
                    connection.get_first_chunk(path).await?;
                    connection.leave(n % 2 == 1)?;
                    Ok::<(), Failure>(())
                };
                if let Err(failure) = timed(leave).await {
                    part.fail(failure);
                }
            }
        });
    }
    let all = join(clients).await;
    let renders_when_left = renders_in_flight();
    let drained_after = wait_for_no_renders(wait).await;
    Disconnects {
        requests: all.requests,
        errors: all.errors,
        first_error: all.first_error,
        renders_started: renders_started() - started_before,
        renders_when_left,
        drained_after,
        renders_left: renders_in_flight(),
    }
}

/// Waits, looking every millisecond, until no render is in flight: how long that
/// took, or `None` if some still were after `limit`.
pub async fn wait_for_no_renders(limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    loop {
        if renders_in_flight() == 0 {
            return Some(start.elapsed());
        }
        if start.elapsed() >= limit {
            return None;
        }
        sleep(POLL).await;
    }
}
