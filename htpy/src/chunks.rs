//! The synchronous chunk iterator: htpy's `iter_chunks()`.

use std::task::{Context, Waker};

use crate::error::{Error, Result};
use crate::output::Out;
use crate::render::Render;
use crate::task::{Stop, Task, waited};

/// The size of the blocks [`Render::write_to`] writes.
pub(crate) const WRITE_BLOCK: usize = 8 * 1024;

/// An iterator over the chunks of a render, made by [`Render::iter_chunks`].
///
/// The render runs as the iterator is driven: each `next` renders until a
/// chunk is finished and the next piece of user code would run, so lazy
/// children run when the iterator reaches them. A future or stream it
/// reaches is an error, not a wait.
///
/// ```
/// use htpy::{Render, lazy, p};
///
/// let mut chunks = p().children(lazy(|| "late")).iter_chunks();
/// assert_eq!(chunks.next().unwrap().unwrap(), "<p>");
/// assert_eq!(chunks.next().unwrap().unwrap(), "late");
/// assert_eq!(chunks.next().unwrap().unwrap(), "</p>");
/// assert!(chunks.next().is_none());
/// ```
#[must_use = "an iterator does nothing unless driven"]
pub struct Chunks<'a> {
    task: Option<Task<'a>>,
    /// The failure that ends the iterator, once the chunks before it are out.
    failure: Option<Error>,
}

impl<'a> Chunks<'a> {
    /// Chunks of `tree`; with `min > 0`, runs of at least `min` bytes.
    pub(crate) fn new<T: Render + 'a>(tree: T, min: usize) -> Self {
        let out = if min == 0 {
            Out::new(String::new(), usize::MAX, true, true)
        } else {
            Out::new(String::new(), min, false, true)
        };
        Self {
            task: Some(Task::new(out, tree)),
            failure: None,
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        loop {
            let Some(task) = &mut self.task else {
                return self.failure.take().map(Err);
            };
            if let Some(chunk) = task.out().next_chunk() {
                return Some(Ok(chunk));
            }
            if self.failure.is_some() {
                self.task = None;
                continue;
            }
            match task.drive(&mut Context::from_waker(Waker::noop())) {
                Ok(Stop::Full) => {
                    if !task.out().has_chunks() {
                        // A run of `min` bytes.
                        return Some(Ok(task.out().take_buf()));
                    }
                }
                Ok(Stop::Done) => {
                    // Every finished chunk was handed on before the last job.
                    let tail = task.out().take_buf();
                    self.task = None;
                    return (!tail.is_empty()).then_some(Ok(tail));
                }
                Ok(Stop::Wait) => {
                    self.task = None;
                    return Some(Err(waited()));
                }
                Err(error) => self.failure = Some(error),
            }
        }
    }
}
