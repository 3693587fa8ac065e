//! [`Task`]: a render that can stop and go on later — at a future or stream
//! that is not ready, when its buffer is full, or between htpy's chunks —
//! without a deep state machine. What is left to do is a stack of boxed
//! jobs, made only when the render actually stops: a page that never waits
//! renders straight through, as to a `String`, and one that does costs a box
//! per open element at the point where it waits, not a future per node.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::context::Cx;
use crate::error::{Error, ErrorKind, Result};
use crate::output::Out;
use crate::render::panic_error;
use crate::suspense::{Sections, is_body};

/// Work put off for later: it renders into the task it is given.
pub(crate) type Run<'a> = Box<dyn FnOnce(&mut Task<'a>) -> Result<()> + 'a>;

/// A future or stream that was not ready; when it is, the work it gives.
pub(crate) type Wait<'a> = Pin<Box<dyn Future<Output = Run<'a>> + 'a>>;

/// One entry of a task's stack of work left to do.
enum Job<'a> {
    /// Work put off; `within` names the element it closes, so that an error
    /// in the work above it says where it happened.
    Run {
        run: Run<'a>,
        within: Option<Cow<'static, str>>,
    },
    Wait(Wait<'a>),
    /// A part of the page whose futures run together ([`crate::concurrent`]):
    /// its output goes out in document order as it is ready.
    Group(Box<Task<'a>>),
}

/// A piece of the output of a task whose futures run together: text already
/// rendered, or a future's part, rendered by a task of its own, whose
/// output comes next.
enum Segment<'a> {
    Text(String),
    Hole(Box<Task<'a>>),
}

/// How many renders of a ready future or stream item, or of nested
/// [`Node`](crate::Node)s, run inside one another before the rest is put on
/// the stack of work: what bounds the depth of the call stack whatever the
/// depth of the page.
pub(crate) const MAX_NESTING: u32 = 64;

/// The failure of a synchronous render that waited on something.
pub(crate) fn waited() -> Error {
    Error::new(ErrorKind::AsyncInSync {
        what: "a component that waited on something".to_owned(),
    })
}

/// Why [`Task::drive`] stopped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Nothing left to do.
    Done,
    /// Waiting for a future or a stream; the waker will be called.
    Wait,
    /// The output is ready to be handed on: a full buffer, or chunks.
    Full,
}

/// A render in progress that can stop and go on; how the chunk iterator, the
/// async `String` render and the byte stream drive a page. Not public API:
/// it appears only in [`Render::render_parts`](crate::Render::render_parts).
#[doc(hidden)]
pub struct Task<'a> {
    out: Out,
    jobs: Vec<Job<'a>>,
    /// Whether the render stopped with work on the stack, which every node
    /// on the way back up then puts after that work.
    paused: bool,
    /// Whether a future or stream was found not ready since the last stop:
    /// the render stops at once, so that what came before it goes out.
    waiting: bool,
    nesting: u32,
    waker: Waker,
    /// Whether a future that is not ready lets the render go on past it
    /// (inside [`crate::concurrent`]): it then becomes a hole in the output,
    /// rendered by a task of its own, and filled in document order.
    ahead: bool,
    /// The output so far, before `out`'s buffer, when `ahead`.
    segments: VecDeque<Segment<'a>>,
    /// The failure of a part rendered ahead, delivered in its turn.
    failure: Option<Error>,
    /// The sections streamed out of order ([`crate::suspense`]), when the
    /// render streams them so; and the one this task renders, if any.
    pub(crate) sections: Option<Rc<RefCell<Sections<'a>>>>,
    pub(crate) section: Option<usize>,
}

impl<'a> Task<'a> {
    /// A task that will render `tree` into `out`.
    pub(crate) fn new<T: crate::Render + 'a>(out: Out, tree: T) -> Self {
        Self::with_job(
            out,
            Box::new(move |task| tree.render_parts(task, Cx::root())),
        )
    }

    /// A task that will run `run` into `out`.
    pub(crate) fn with_job(out: Out, run: Run<'a>) -> Self {
        let mut task = Self::empty(out);
        task.push(None, run);
        task
    }

    fn empty(out: Out) -> Self {
        Self {
            out,
            jobs: Vec::new(),
            paused: false,
            waiting: false,
            nesting: 0,
            waker: Waker::noop().clone(),
            ahead: false,
            segments: VecDeque::new(),
            failure: None,
            sections: None,
            section: None,
        }
    }

    /// A task for a part of this one's page, with `run` to do: its output
    /// is kept (up to this task's buffer limit before it waits its turn).
    pub(crate) fn child(&self, ahead: bool, run: Run<'a>) -> Self {
        let mut task = Self::empty(Out::new(String::new(), self.out.limit(), false, false));
        task.waker.clone_from(&self.waker);
        task.ahead = ahead;
        task.section = self.section;
        task.push(None, run);
        task
    }

    /// Whether this task renders ahead of futures that are not ready.
    pub(crate) fn is_ahead(&self) -> bool {
        self.ahead
    }

    /// Renders `run` as a group whose futures run together: now as far as
    /// it goes, the rest after the work since `mark`.
    pub(crate) fn group(&mut self, run: Run<'a>) {
        let group = self.child(true, run);
        self.jobs.push(Job::Group(Box::new(group)));
        self.paused = true;
    }

    /// The waker of the render, for work polled outside the driver.
    pub(crate) fn waker(&self) -> &Waker {
        &self.waker
    }

    /// The output.
    #[inline]
    pub(crate) fn out(&mut self) -> &mut Out {
        &mut self.out
    }

    /// Whether the render stopped with work left on the stack, to be done
    /// before the rest of the caller's.
    #[inline]
    pub(crate) fn is_paused(&self) -> bool {
        self.paused
    }

    /// Where work put off from now on goes: below it stays what comes after.
    #[inline]
    pub(crate) fn mark(&self) -> usize {
        self.jobs.len()
    }

    /// Whether the render must stop before user code runs: when htpy's exact
    /// chunks were asked for and some wait, the iterator hands them on
    /// first, so that a lazy child runs only when the iterator reaches it.
    #[inline]
    pub(crate) fn must_pause(&self) -> bool {
        self.out.has_chunks()
    }

    /// Renders `value` with `render`, which runs user code (a lazy child,
    /// a scoped one, a consumer): at once, its position published, unless
    /// htpy's chunks wait to be handed on first, so that user code runs only
    /// when the chunk iterator reaches it; then it is put off until they are.
    pub(crate) fn at_user_code<T: 'a>(
        &mut self,
        cx: Cx<'_>,
        value: T,
        render: impl FnOnce(T, &mut Self, Cx<'_>) -> Result<()> + 'a,
    ) -> Result<()> {
        if self.must_pause() {
            self.pause_at(self.mark(), cx, move |task, cx| {
                task.at_user_code(cx, value, render)
            });
            return Ok(());
        }
        self.out.publish();
        render(value, self, cx)
    }

    fn push(&mut self, within: Option<Cow<'static, str>>, run: Run<'a>) {
        self.jobs.push(Job::Run { run, within });
    }

    /// Stops the render: `job` runs when the task goes on, with the
    /// contexts of `cx`, after the work left on the stack since `mark`
    /// (none, unless the render had stopped already).
    pub(crate) fn pause_at(
        &mut self,
        mark: usize,
        cx: Cx<'_>,
        job: impl FnOnce(&mut Self, Cx<'_>) -> Result<()> + 'a,
    ) {
        let cx = cx.shared();
        self.defer(mark, None, Box::new(move |task| job(task, cx.cx())));
        self.paused = true;
    }

    /// Puts `job` after the work left on the stack since `mark`, when the
    /// render stopped; runs it now when it did not.
    pub(crate) fn then(
        &mut self,
        mark: usize,
        cx: Cx<'_>,
        job: impl FnOnce(&mut Self, Cx<'_>) -> Result<()> + 'a,
    ) -> Result<()> {
        if self.paused {
            self.pause_at(mark, cx, job);
            Ok(())
        } else {
            job(self, cx)
        }
    }

    /// Puts `job`, which closes the element `within`, after the work left on
    /// the stack since `mark`.
    pub(crate) fn defer_close(
        &mut self,
        mark: usize,
        within: Cow<'static, str>,
        job: impl FnOnce(&mut Out) + 'a,
    ) {
        self.defer(
            mark,
            Some(within),
            Box::new(move |task| {
                job(&mut task.out);
                Ok(())
            }),
        );
    }

    /// Puts `run` (which closes the element `within`, if any) after the
    /// work left on the stack since `mark`.
    pub(crate) fn defer(&mut self, mark: usize, within: Option<Cow<'static, str>>, run: Run<'a>) {
        self.jobs.insert(mark, Job::Run { run, within });
    }

    /// The sections streamed out of order, when this task renders the page
    /// they belong to and `element` is its `body`, which closes after them.
    pub(crate) fn body_sections(&self, element: &str) -> Option<Rc<RefCell<Sections<'a>>>> {
        let main = !self.ahead && self.section.is_none();
        let sections = self.sections.as_ref()?;
        (main && is_body(element)).then(|| Rc::clone(sections))
    }

    /// Awaits `future` here: it is polled at once, and its work runs now if
    /// it is ready; else the render stops until it is. User code runs in the
    /// poll, so the count of bytes rendered is published first.
    pub(crate) fn wait(&mut self, future: impl Future<Output = Run<'a>> + 'a) -> Result<()> {
        self.wait_boxed(Box::pin(future))
    }

    /// [`Task::wait`], after the work left on the stack since `mark` when the
    /// render stopped (then the future is polled only when its turn comes).
    pub(crate) fn wait_after(
        &mut self,
        mark: usize,
        future: impl Future<Output = Run<'a>> + 'a,
    ) -> Result<()> {
        if self.paused {
            self.jobs.insert(mark, Job::Wait(Box::pin(future)));
            Ok(())
        } else {
            self.wait(future)
        }
    }

    fn wait_boxed(&mut self, mut future: Wait<'a>) -> Result<()> {
        self.out.publish();
        let polled = future.as_mut().poll(&mut Context::from_waker(&self.waker));
        match polled {
            Poll::Ready(run) => self.nested(run),
            Poll::Pending if self.ahead => {
                self.hole(future);
                Ok(())
            }
            Poll::Pending => {
                // The render stops until it is ready.
                self.jobs.push(Job::Wait(future));
                self.paused = true;
                self.waiting = true;
                Ok(())
            }
        }
    }

    /// Leaves a hole in the output for `future`, which a task of its own
    /// renders, and goes on.
    fn hole(&mut self, future: Wait<'a>) {
        let mut hole = Self::empty(Out::new(String::new(), self.out.limit(), false, false));
        hole.waker.clone_from(&self.waker);
        hole.ahead = true;
        hole.section = self.section;
        hole.jobs.push(Job::Wait(future));
        let before = self.out.take_buf();
        self.segments.push_back(Segment::Text(before));
        self.segments.push_back(Segment::Hole(Box::new(hole)));
    }

    /// Renders what can be rendered of this task and of its holes now,
    /// keeping a failure to deliver in its turn.
    fn advance(&mut self, cx: &mut Context<'_>) {
        if self.failure.is_none() && !self.jobs.is_empty() {
            if let Err(error) = self.drive(cx) {
                self.failure = Some(error);
                self.jobs.clear();
            }
        }
        for segment in &mut self.segments {
            if let Segment::Hole(hole) = segment {
                hole.advance(cx);
            }
        }
    }

    /// Moves the output that is ready, in document order, into `into`;
    /// whether all of it was.
    fn drain(&mut self, into: &mut Out) -> Result<bool> {
        while let Some(segment) = self.segments.front_mut() {
            match segment {
                Segment::Text(text) => into.buf().push_str(text),
                Segment::Hole(hole) => {
                    if !hole.drain(into)? {
                        return Ok(false);
                    }
                }
            }
            self.segments.pop_front();
        }
        into.buf().push_str(&self.out.take_buf());
        if let Some(error) = self.failure.take() {
            return Err(error);
        }
        Ok(self.jobs.is_empty())
    }

    /// Runs `run` inside the current render, or, past [`MAX_NESTING`] levels
    /// of such runs, puts it on the stack so that the call stack stays short:
    /// only then is it boxed.
    pub(crate) fn nested(&mut self, run: impl FnOnce(&mut Self) -> Result<()> + 'a) -> Result<()> {
        if self.nesting >= MAX_NESTING {
            self.push(None, Box::new(run));
            self.paused = true;
            return Ok(());
        }
        self.nesting += 1;
        let result = run(self);
        self.nesting -= 1;
        result
    }

    /// Renders until the work is done, a future is not ready, or output is
    /// ready to be handed on. An error says where it happened; a panic in
    /// user code is caught and becomes an error.
    pub(crate) fn drive(&mut self, cx: &mut Context<'_>) -> Result<Stop> {
        self.waker.clone_from(cx.waker());
        loop {
            if self.waiting {
                self.waiting = false;
                return Ok(Stop::Wait);
            }
            if self.out.is_full() || self.out.has_chunks() {
                return Ok(Stop::Full);
            }
            let Some(job) = self.jobs.pop() else {
                return Ok(Stop::Done);
            };
            self.paused = false;
            self.nesting = 0;
            let result = match job {
                Job::Run { run, .. } => catch_unwind(AssertUnwindSafe(|| run(self))),
                Job::Wait(mut future) => {
                    self.out.publish();
                    match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
                        Ok(Poll::Ready(run)) => {
                            self.push(None, run);
                            continue;
                        }
                        // Work after it goes on, unless there is none.
                        Ok(Poll::Pending) if self.ahead && !self.jobs.is_empty() => {
                            self.hole(future);
                            continue;
                        }
                        Ok(Poll::Pending) => {
                            self.jobs.push(Job::Wait(future));
                            return Ok(Stop::Wait);
                        }
                        Err(panic) => Err(panic),
                    }
                }
                Job::Group(mut group) => match self.run_group(&mut group, cx) {
                    Ok(true) => continue,
                    Ok(false) => {
                        self.jobs.push(Job::Group(group));
                        if self.out.is_full() {
                            return Ok(Stop::Full);
                        }
                        return Ok(Stop::Wait);
                    }
                    Err(error) => Ok(Err(error)),
                },
            };
            if let Err(error) = result.unwrap_or_else(|panic| Err(panic_error(&*panic))) {
                return Err(self.locate(error));
            }
        }
    }

    /// Renders what is ready of `group` into this task's output, in
    /// document order, until it is all there (`true`), or nothing more can
    /// be done before a future is ready or the output is handed on.
    fn run_group(&mut self, group: &mut Task<'a>, cx: &mut Context<'_>) -> Result<bool> {
        loop {
            group.advance(cx);
            let before = self.out.bytes_rendered();
            if group.drain(&mut self.out)? {
                return Ok(true);
            }
            if self.out.bytes_rendered() == before || self.out.is_full() {
                return Ok(false);
            }
        }
    }

    /// The error, with the elements that were open where it happened: the
    /// ones whose closing work waits on the stack.
    fn locate(&self, mut error: crate::Error) -> crate::Error {
        for job in self.jobs.iter().rev() {
            if let Job::Run {
                within: Some(name), ..
            } = job
            {
                error = error.within(name.clone());
            }
        }
        error
    }

    /// The names of the elements open where the render stopped, innermost
    /// first.
    pub(crate) fn open_elements(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().rev().filter_map(|job| match job {
            Job::Run {
                within: Some(name), ..
            } => Some(name.as_ref()),
            _ => None,
        })
    }

    /// Renders to the end a task whose output is all kept and which must
    /// not wait: a synchronous render continued through a task.
    ///
    /// # Errors
    ///
    /// The render's failure, or [`ErrorKind::AsyncInSync`] when it waited.
    pub(crate) fn finish(&mut self) -> Result<()> {
        loop {
            match self.drive(&mut Context::from_waker(Waker::noop()))? {
                Stop::Done => return Ok(()),
                Stop::Full => {}
                Stop::Wait => return Err(waited()),
            }
        }
    }

    /// Whether work is left.
    pub(crate) fn is_done(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The output, once the work is done.
    pub(crate) fn into_out(self) -> Out {
        self.out
    }
}
