use std::sync::LazyLock;

use serde::Serialize;

/// The htpy-bench page: Python htpy's own benchmark
/// (`scripts/benchmark_big_table.py` in its sdist), a table with a
/// "Row #" header and one row per number.
#[derive(Debug, Serialize)]
pub struct HtpyBench {
    /// The row numbers, 0 to 49,999.
    pub rows: Vec<usize>,
}

impl HtpyBench {
    /// The number of rows, as in the Python benchmark.
    pub const ROWS: usize = 50_000;

    /// The shared instance every engine renders.
    pub fn get() -> &'static HtpyBench {
        static BENCH: LazyLock<HtpyBench> = LazyLock::new(|| HtpyBench {
            rows: (0..HtpyBench::ROWS).collect(),
        });
        &BENCH
    }
}
