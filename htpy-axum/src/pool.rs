//! The threads pages render on.

use std::num::NonZero;
use std::sync::OnceLock;

use tokio_util::task::LocalPoolHandle;

/// One single-threaded runtime per core, started with the first page.
pub(crate) fn pool() -> &'static LocalPoolHandle {
    static POOL: OnceLock<LocalPoolHandle> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, NonZero::get);
        LocalPoolHandle::new(threads)
    })
}
