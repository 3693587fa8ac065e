use std::sync::LazyLock;

use serde::Serialize;

/// The big-table page: `<table>` of 100 rows of 100 cells, each row holding
/// the integers 0 to 99, as in the template-benchmarks suites (109,915 bytes).
#[derive(Debug, Serialize)]
pub struct BigTable {
    /// The rows of the table, each a list of cell values.
    pub rows: Vec<Vec<usize>>,
}

impl BigTable {
    /// The side of the square table.
    pub const SIZE: usize = 100;

    /// The shared instance every engine renders.
    pub fn get() -> &'static BigTable {
        static TABLE: LazyLock<BigTable> = LazyLock::new(|| BigTable {
            rows: (0..BigTable::SIZE)
                .map(|_| (0..BigTable::SIZE).collect())
                .collect(),
        });
        &TABLE
    }
}
