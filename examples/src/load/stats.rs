//! Percentiles of latencies, and the process's memory.

use std::time::Duration;

/// The `p`-th percentile (0 to 100) of `sorted`, by nearest rank; zero
/// when there is nothing to rank.
///
/// ```
/// use std::time::Duration;
/// use htpy_examples::load::percentile;
///
/// let ms: Vec<Duration> = (1..=10).map(Duration::from_millis).collect();
/// assert_eq!(percentile(&ms, 50.0), Duration::from_millis(5));
/// assert_eq!(percentile(&ms, 99.0), Duration::from_millis(10));
/// assert_eq!(percentile(&ms, 100.0), Duration::from_millis(10));
/// ```
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let Some(last) = sorted.len().checked_sub(1) else {
        return Duration::ZERO;
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a rank between 0 and the length, which is far below 2^52"
    )]
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.saturating_sub(1).min(last)]
}

/// The process's resident memory, from `/proc/self/status` (Linux).
#[derive(Clone, Copy, Debug)]
pub struct Memory {
    /// Resident now (`VmRSS`), in KiB.
    pub rss_kib: u64,
    /// The most ever resident (`VmHWM`), in KiB.
    pub peak_kib: u64,
}

impl Memory {
    /// Reads the process's memory now; `None` where `/proc` is not there.
    pub fn now() -> Option<Self> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        };
        Some(Self {
            rss_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
        })
    }
}
