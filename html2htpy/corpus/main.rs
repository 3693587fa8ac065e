//! The corpus that `corpus.sh` builds: real documentation pages, each
//! converted by html2htpy into a fully typed tree (`pages.rs`, written by
//! the script), rendered and measured.
//!
//! ```text
//! html2htpy-corpus check                    every page through every renderer built in, on a 2 MiB stack
//! html2htpy-corpus print N                  page N, rendered to a String
//! html2htpy-corpus size                     the size of a page's tree and of its byte stream
//! html2htpy-corpus stack RENDERER PAGE      the smallest thread stack that renders PAGE
//! html2htpy-corpus run RENDERER PAGE BYTES  renders PAGE on a thread of BYTES of stack
//! ```
//!
//! PAGE is a page's number, `deep` (1,000 nested elements, each level a
//! `Node` from a function that calls itself) or `empty` (an empty string,
//! what a thread and the renderer take by themselves). RENDERER is
//! `string`, and with the feature `stream`, `stream` (the byte stream,
//! collected) and `chunks` (`iter_chunks`). Without that feature the crate
//! instantiates `render_to_string` only, to compare build times.

mod pages;

use std::process::{Command, ExitCode, Stdio};

use htpy::{Node, Render, Synchronous};
#[cfg(feature = "stream")]
use {futures::StreamExt as _, futures::executor::block_on, htpy::StreamOptions};

/// A runtime worker's stack (actix's and tokio's default).
const STACK: usize = 2 * 1024 * 1024;

/// Something done with each page, given the function that builds it.
trait Visit {
    fn page<T: Render + Synchronous + 'static>(&mut self, index: usize, page: fn() -> T);
}

/// The renders built into this binary.
#[derive(Clone, Copy, Debug)]
enum Renderer {
    String,
    #[cfg(feature = "stream")]
    Stream,
    #[cfg(feature = "stream")]
    Chunks,
}

impl Renderer {
    const ALL: &[Self] = &[
        Self::String,
        #[cfg(feature = "stream")]
        Self::Stream,
        #[cfg(feature = "stream")]
        Self::Chunks,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            #[cfg(feature = "stream")]
            Self::Stream => "stream",
            #[cfg(feature = "stream")]
            Self::Chunks => "chunks",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.name() == name)
    }

    fn render<T: Render + Synchronous>(self, page: T) -> String {
        let rendered = match self {
            Self::String => page.render_to_string(),
            #[cfg(feature = "stream")]
            Self::Stream => block_on(
                page.render_stream(StreamOptions::default())
                    .collect::<Vec<_>>(),
            )
            .into_iter()
            .try_fold(Vec::new(), |mut all, buffer| {
                all.extend_from_slice(&buffer?);
                Ok(all)
            })
            .map(|bytes| String::from_utf8(bytes).expect("UTF-8")),
            #[cfg(feature = "stream")]
            Self::Chunks => page.iter_chunks().collect(),
        };
        rendered.unwrap_or_else(|error| panic!("{}: {error}", self.name()))
    }
}

/// A page 1,000 elements deep, each level a `Node`.
fn deep() -> Node<'static> {
    nest(1000)
}

fn nest(depth: usize) -> Node<'static> {
    if depth == 0 {
        Node::new("bottom")
    } else {
        Node::new(htpy::div().children(nest(depth - 1)))
    }
}

/// Which page to render.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Page(usize),
    Deep,
    Empty,
}

impl Target {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "deep" => Some(Self::Deep),
            "empty" => Some(Self::Empty),
            n => n.parse().ok().filter(|&n| n < pages::COUNT).map(Self::Page),
        }
    }
}

/// Renders every page through every renderer and asserts they agree.
struct Check {
    bytes: usize,
}

impl Visit for Check {
    fn page<T: Render + Synchronous + 'static>(&mut self, index: usize, page: fn() -> T) {
        let expected = Renderer::String.render(page());
        for renderer in Renderer::ALL {
            let rendered = renderer.render(page());
            assert!(rendered == expected, "page {index}: {renderer:?} differs");
        }
        self.bytes += expected.len();
    }
}

/// Renders one page with one renderer.
struct Run {
    renderer: Renderer,
    target: Target,
}

impl Run {
    fn run(mut self) {
        match self.target {
            Target::Page(_) => pages::visit(&mut self),
            Target::Deep => print!("{}", self.renderer.render(deep())),
            Target::Empty => print!("{}", self.renderer.render("")),
        }
    }
}

impl Visit for Run {
    fn page<T: Render + Synchronous + 'static>(&mut self, index: usize, page: fn() -> T) {
        if self.target == Target::Page(index) {
            print!("{}", self.renderer.render(page()));
        }
    }
}

/// Prints the size of each page's tree and, with the stream built in, of
/// its byte stream.
struct Size;

impl Size {
    fn print<T: Render + 'static>(name: &str, page: fn() -> T) {
        let tree = page();
        let size = std::mem::size_of_val(&tree);
        #[cfg(feature = "stream")]
        let size = format!(
            "{size:>9}  {:>9}",
            std::mem::size_of_val(&tree.render_stream(StreamOptions::default()))
        );
        println!("{name:<8} {size:>9}");
    }
}

impl Visit for Size {
    fn page<T: Render + Synchronous + 'static>(&mut self, index: usize, page: fn() -> T) {
        Self::print(&index.to_string(), page);
    }
}

/// Whether rendering `target` on a thread of `stack` bytes finishes, in a
/// child process (an overflow aborts the process).
fn fits(renderer: Renderer, target: &str, stack: usize) -> bool {
    Command::new(std::env::current_exe().expect("the running binary"))
        .args(["run", renderer.name(), target, &stack.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs")
        .success()
}

/// The smallest stack, to 1 KiB, on which the render finishes (the
/// thread's own needs included: compare with `empty`).
fn smallest_stack(renderer: Renderer, target: &str) -> usize {
    let (mut low, mut high) = (0, 64 * 1024 * 1024);
    assert!(fits(renderer, target, high), "64 MiB is not enough");
    while high - low > 1024 {
        let middle = low + (high - low) / 2;
        if fits(renderer, target, middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

fn on_thread(stack: usize, work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(work)
        .expect("a thread")
        .join()
        .expect("the render finished");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let renderer = |name| Renderer::parse(name).unwrap_or_else(|| panic!("renderer {name}?"));
    let target = |name| Target::parse(name).unwrap_or_else(|| panic!("page {name}?"));
    match args.as_slice() {
        ["check"] => on_thread(STACK, || {
            let mut check = Check { bytes: 0 };
            pages::visit(&mut check);
            let names: Vec<_> = Renderer::ALL.iter().map(|r| r.name()).collect();
            println!(
                "{} pages, {} bytes, the same through {} on a 2 MiB stack",
                pages::COUNT,
                check.bytes,
                names.join(", ")
            );
        }),
        ["print", page] => Run {
            renderer: Renderer::String,
            target: target(page),
        }
        .run(),
        ["size"] => {
            println!("page          tree  stream (bytes)");
            pages::visit(&mut Size);
            Size::print("deep", deep);
        }
        ["stack", name, page] => {
            let (renderer, _) = (renderer(name), target(page));
            println!("{}", smallest_stack(renderer, page));
        }
        ["run", name, page, stack] => {
            let run = Run {
                renderer: renderer(name),
                target: target(page),
            };
            on_thread(stack.parse().expect("a stack size in bytes"), || run.run());
        }
        _ => {
            eprintln!("usage: html2htpy-corpus check | print N | size | stack RENDERER PAGE");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
