use std::cell::Cell;
use std::fmt;
use std::time::{Duration, Instant};

use futures::StreamExt;

use super::arrivals::Arrivals;

/// When one response arrived, counted from when its request was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timing {
    /// The first byte of the body.
    pub first_byte: Duration,
    /// The last byte of the body.
    pub last_byte: Duration,
    /// When each of the page's late sections arrived whole, in the order of
    /// the ids asked for (see [`Arrivals`]).
    pub sections: Vec<Duration>,
    /// The size of the body.
    pub bytes: usize,
}

/// What went wrong loading a server.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// A request failed.
    Request {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// A response was not `200 OK`.
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// A response lacked one of the page's sections.
    Section {
        /// The URL.
        url: String,
        /// The section's id.
        id: &'static str,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Request { url, reason } => write!(f, "request to {url} failed: {reason}"),
            LoadError::Status { url, status } => write!(f, "{url} answered {status}"),
            LoadError::Section { url, id } => {
                write!(f, "{url} answered without a whole section {id:?}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A client for one server: at most `connections` connections, kept alive
/// from one [`load`] to the next.
///
/// Must be called within an actix system.
pub fn client(connections: usize) -> awc::Client {
    awc::Client::builder()
        .connector(awc::Connector::new().limit(connections))
        .timeout(Duration::from_secs(30))
        .finish()
}

/// Sends `requests` GET requests to `url` through `client`, `connections`
/// at a time, and times each response, and in it the arrival of each of the
/// `sections` (their ids).
///
/// # Errors
///
/// If a request fails, is not answered `200 OK`, or its body lacks one of
/// the sections.
pub async fn load(
    client: &awc::Client,
    url: &str,
    requests: usize,
    connections: usize,
    sections: &[&'static str],
) -> Result<Vec<Timing>, LoadError> {
    let sent = Cell::new(0);
    let workers = (0..connections.max(1)).map(|_| async {
        let mut timings = Vec::new();
        while sent.get() < requests {
            sent.set(sent.get() + 1);
            timings.push(fetch(client, url, sections).await?);
        }
        Ok::<_, LoadError>(timings)
    });
    let timings = futures::future::try_join_all(workers).await?;
    Ok(timings.into_iter().flatten().collect())
}

async fn fetch(
    client: &awc::Client,
    url: &str,
    sections: &[&'static str],
) -> Result<Timing, LoadError> {
    let failed = |reason: &dyn fmt::Display| LoadError::Request {
        url: url.to_owned(),
        reason: reason.to_string(),
    };
    let start = Instant::now();
    let mut response = client
        .get(url)
        .send()
        .await
        .map_err(|error| failed(&error))?;
    if !response.status().is_success() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status().as_u16(),
        });
    }
    let (mut first_byte, mut bytes) = (None, 0);
    let mut arrivals = Arrivals::new(sections);
    while let Some(chunk) = response.next().await {
        let chunk = chunk.map_err(|error| failed(&error))?;
        if !chunk.is_empty() {
            let at = start.elapsed();
            first_byte.get_or_insert(at);
            bytes += chunk.len();
            arrivals.receive(at, &chunk);
        }
    }
    let last_byte = start.elapsed();
    let sections = sections
        .iter()
        .zip(arrivals.times())
        .map(|(&id, time)| {
            time.ok_or_else(|| LoadError::Section {
                url: url.to_owned(),
                id,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Timing {
        first_byte: first_byte.unwrap_or(last_byte),
        last_byte,
        sections,
        bytes,
    })
}
