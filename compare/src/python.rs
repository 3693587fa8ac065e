//! Python htpy, driven through `scripts/python_htpy_bench.py`: the reference
//! output of every page, and timings of the pages it is timed on.

use std::fmt;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use crate::pages::{BigTable, Dashboard, HtpyBench, Page, Teams};

/// The engine's name in tables and JSON.
pub const NAME: &str = "python-htpy";

/// The call that renders a page, and why that one, as
/// [`Engine::api`](crate::engine::Engine::api) says it of the Rust engines.
pub const API: (&str, &str) = ("str(page)", "Python htpy's own String render");

/// The pages Python htpy is timed on.
pub const TIMED: [Page; 3] = [Page::BigTable, Page::Teams, Page::HtpyBench];

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/python_htpy_bench.py");

/// What went wrong running Python htpy.
#[derive(Debug)]
#[non_exhaustive]
pub enum PythonError {
    /// The interpreter could not be started, or talked to.
    Io {
        /// The interpreter.
        python: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The script failed; its standard error says why.
    Failed {
        /// The interpreter.
        python: PathBuf,
        /// The script's standard error.
        stderr: String,
    },
    /// The script answered something that is not a timing.
    Answer(String),
}

impl fmt::Display for PythonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PythonError::Io { python, source } => write!(
                f,
                "cannot run {} ({source}); set HTPY_PYTHON to a Python with htpy 26.5.1 installed",
                python.display()
            ),
            PythonError::Failed { python, stderr } => {
                write!(
                    f,
                    "{} {SCRIPT} failed: {}",
                    python.display(),
                    stderr.trim_end()
                )
            }
            PythonError::Answer(line) => {
                write!(f, "unexpected answer from the Python timer: {line:?}")
            }
        }
    }
}

impl std::error::Error for PythonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PythonError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The pages' data as the script reads it: one line of JSON, each page's
/// data under the page's name.
pub fn pages_json() -> String {
    serde_json::json!({
        Page::BigTable.name(): BigTable::get(),
        Page::Teams.name(): Teams::get(),
        Page::HtpyBench.name(): HtpyBench::get(),
        Page::Dashboard.name(): Dashboard::get(),
    })
    .to_string()
}

/// A Python interpreter with htpy 26.5.1.
#[derive(Clone, Debug)]
pub struct Python {
    program: PathBuf,
}

impl Python {
    /// The interpreter named by `HTPY_PYTHON`, else the workspace's
    /// `.venv`, else `python3` on the `PATH`.
    pub fn find() -> Python {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent();
        let venv = workspace.map(|workspace| workspace.join(".venv/bin/python"));
        let program = std::env::var_os("HTPY_PYTHON")
            .map(PathBuf::from)
            .or_else(|| venv.filter(|venv| venv.exists()))
            .unwrap_or_else(|| PathBuf::from("python3"));
        Python { program }
    }

    /// Python htpy's rendering of `page`.
    ///
    /// # Errors
    ///
    /// If the interpreter cannot be run or the script fails.
    pub fn render(&self, page: Page) -> Result<String, PythonError> {
        let mut child = self.spawn(&["render", page.name()], Stdio::piped())?;
        let sent = child
            .stdin
            .take()
            .map_or(Ok(()), |mut stdin| writeln!(stdin, "{}", pages_json()));
        let output = child.wait_with_output().map_err(|source| self.io(source))?;
        // A script that failed to start stops reading: its error says why.
        if !output.status.success() {
            return Err(self.failed(&output.stderr));
        }
        sent.map_err(|source| self.io(source))?;
        String::from_utf8(output.stdout).map_err(|error| PythonError::Answer(error.to_string()))
    }

    /// Starts a timer: a Python process that renders pages on request.
    ///
    /// # Errors
    ///
    /// If the interpreter cannot be run or the script fails.
    pub fn timer(&self) -> Result<Timer, PythonError> {
        let mut child = self.spawn(&["serve"], Stdio::inherit())?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            unreachable!("both are piped by spawn");
        };
        writeln!(stdin, "{}", pages_json()).map_err(|source| self.io(source))?;
        Ok(Timer {
            python: self.clone(),
            child,
            stdin,
            stdout: BufReader::new(stdout),
        })
    }

    fn spawn(&self, args: &[&str], stderr: Stdio) -> Result<Child, PythonError> {
        Command::new(&self.program)
            .arg(SCRIPT)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|source| self.io(source))
    }

    fn io(&self, source: io::Error) -> PythonError {
        PythonError::Io {
            python: self.program.clone(),
            source,
        }
    }

    fn failed(&self, stderr: &[u8]) -> PythonError {
        PythonError::Failed {
            python: self.program.clone(),
            stderr: String::from_utf8_lossy(stderr).into_owned(),
        }
    }
}

/// A Python process that renders pages on request and says how long that
/// took, so that Python htpy is timed interleaved with the Rust engines.
#[derive(Debug)]
pub struct Timer {
    python: Python,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Timer {
    /// Renders `page` `iterations` times; returns how long that took and the
    /// size of one rendering, in bytes.
    ///
    /// # Errors
    ///
    /// If the process has died or answers something else.
    pub fn sample(
        &mut self,
        page: Page,
        iterations: u64,
    ) -> Result<(Duration, usize), PythonError> {
        writeln!(self.stdin, "{} {iterations}", page.name())
            .map_err(|source| self.python.io(source))?;
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .map_err(|source| self.python.io(source))?;
        if line.is_empty() {
            return Err(self.python.failed(b"the timer exited; its error is above"));
        }
        let answer = line.split_once(' ').and_then(|(nanos, bytes)| {
            Some((
                Duration::from_nanos(nanos.parse().ok()?),
                bytes.trim_end().parse().ok()?,
            ))
        });
        answer.ok_or(PythonError::Answer(line))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // The script would serve until its input closes; nothing is lost by
        // ending it now. Waiting leaves no zombie.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
