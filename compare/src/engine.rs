//! The engines of the comparison, by the names the results use, and what each
//! one renders for a page.

use std::fmt;

use bytes::Bytes;
use futures::future::LocalBoxFuture;
use futures::stream::LocalBoxStream;
use futures::{FutureExt, Stream, StreamExt};

use crate::engines;
use crate::normalise::Normalisation;
use crate::pages::{BigTable, HtpyBench, Page, Sources, Teams};

/// Renders `$page` with the module of `engines` named `$engine`, which has
/// the four functions every engine module has.
macro_rules! render_with {
    ($engine:ident, $page:expr, $sources:expr) => {
        match $page {
            Page::BigTable => Output::Html(engines::$engine::big_table(BigTable::get())),
            Page::Teams => Output::Html(engines::$engine::teams(Teams::get())),
            Page::HtpyBench => Output::Html(engines::$engine::htpy_bench(HtpyBench::get())),
            Page::Dashboard => Output::Waiting(engines::$engine::dashboard($sources).boxed_local()),
        }
    };
}

/// A Rust engine, or one way of running one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Engine {
    /// htpy, rendered to a `String`.
    Htpy,
    /// htpy, as its chunks (`iter_chunks`); not the dashboard, which waits.
    HtpyChunks,
    /// htpy from run-time data (names as strings, `AttrList`, each row and
    /// cell pushed on a `Nodes` list), built and rendered to a `String`;
    /// big-table only.
    HtpyNode,
    /// htpy, as a byte stream (`render_stream`), which streams the
    /// dashboard in document order, each section's data asked for when the
    /// one before it is sent.
    HtpyStream,
    /// htpy streaming the dashboard's sections in `concurrent(..)`: their
    /// data asked for at once, the sections in document order.
    HtpyConcurrent,
    /// htpy streaming the dashboard's sections out of order, each in a
    /// `suspense(fallback, ..)`.
    HtpyOutOfOrder,
    /// askama's compiled Jinja-like templates.
    Askama,
    /// maud's `html!` macro.
    Maud,
    /// sailfish's compiled EJS-like templates.
    Sailfish,
    /// hypertext's `rsx!` macro.
    Hypertext,
    /// Leptos's `view!`, rendered to a string.
    Leptos,
    /// Leptos streaming the dashboard in document order.
    LeptosInOrder,
    /// Leptos streaming the dashboard out of order.
    LeptosOutOfOrder,
}

/// What an engine makes of a page: the whole of it, or a way to get it.
pub enum Output {
    /// The page, rendered.
    Html(String),
    /// The page in pieces, rendered as they are taken.
    Chunks(Box<dyn Iterator<Item = String>>),
    /// The page, once the data it waits for has arrived.
    Waiting(LocalBoxFuture<'static, String>),
    /// The page in pieces, each sent as soon as it is rendered.
    Stream(LocalBoxStream<'static, Bytes>),
}

impl Engine {
    /// Every Rust engine, in the order they are reported.
    pub const ALL: [Engine; 13] = [
        Engine::Htpy,
        Engine::HtpyChunks,
        Engine::HtpyNode,
        Engine::HtpyStream,
        Engine::HtpyConcurrent,
        Engine::HtpyOutOfOrder,
        Engine::Askama,
        Engine::Maud,
        Engine::Sailfish,
        Engine::Hypertext,
        Engine::Leptos,
        Engine::LeptosInOrder,
        Engine::LeptosOutOfOrder,
    ];

    /// The engine's name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Htpy => "htpy",
            Engine::HtpyChunks => "htpy-chunks",
            Engine::HtpyNode => "htpy-node",
            Engine::HtpyStream => "htpy-stream",
            Engine::HtpyConcurrent => "htpy-concurrent",
            Engine::HtpyOutOfOrder => "htpy-out-of-order",
            Engine::Askama => "askama",
            Engine::Maud => "maud",
            Engine::Sailfish => "sailfish",
            Engine::Hypertext => "hypertext",
            Engine::Leptos => "leptos",
            Engine::LeptosInOrder => "leptos-in-order",
            Engine::LeptosOutOfOrder => "leptos-out-of-order",
        }
    }

    /// The engine of that name, if it is one of [`Engine::ALL`].
    pub fn named(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|engine| engine.name() == name)
    }

    /// Whether the engine streams the dashboard as its data arrives, rather
    /// than waiting for all of it.
    pub fn streams(self) -> bool {
        matches!(
            self,
            Engine::HtpyStream
                | Engine::HtpyConcurrent
                | Engine::HtpyOutOfOrder
                | Engine::LeptosInOrder
                | Engine::LeptosOutOfOrder
        )
    }

    /// The call that renders a page, and why that one: the form the
    /// engine's documentation leads with and its benchmarks use, each
    /// rendering into a String of its own.
    pub fn api(self) -> (&'static str, &'static str) {
        match self {
            Engine::Htpy => (
                "render_to_string()",
                "htpy's String render; it sizes the String from the length of the last rendering of the same page type",
            ),
            Engine::HtpyChunks => (
                "iter_chunks(), every chunk taken",
                "Python htpy's chunk iterator, ported: one String per chunk",
            ),
            Engine::HtpyNode => (
                "element(name), AttrList, Nodes::push(..) per cell and row, render_to_string()",
                "the tree a program builds from run-time data, where children differ in type, in the list htpy documents for it (a Vec<Node> that writes plain children as they are pushed): built, rendered and dropped each time",
            ),
            Engine::HtpyStream => (
                "render_stream(StreamOptions::default()), every buffer taken",
                "the byte stream htpy-actix serves: 128 KiB buffers, flushed whenever the page waits",
            ),
            Engine::HtpyConcurrent => (
                "concurrent((sections)), render_stream(StreamOptions::default())",
                "the dashboard's three section futures start together; the sections go out in document order, with no script",
            ),
            Engine::HtpyOutOfOrder => (
                "suspense(fallback, section) each, render_stream(StreamOptions::default())",
                "the byte stream's default out-of-order mode: fallbacks and the rest of the page at once, each section when its data arrives, moved into place by a script",
            ),
            Engine::Askama => (
                "#[derive(Template)], render()",
                "what askama's docs lead with and the template-benchmarks suites call: a String reserved to the template's compile-time size hint",
            ),
            Engine::Maud => (
                "html! { .. }.into_string()",
                "maud's book and the template-benchmarks suites: the macro's String, sized from the template's literal text",
            ),
            Engine::Sailfish => (
                "#[derive(TemplateOnce)], render_once()",
                "the trait sailfish's guide and its benchmarks use: the buffer is sized from the length of the last rendering",
            ),
            Engine::Hypertext => (
                "rsx! { .. }.render()",
                "what its README leads with: lazy rendering into one fresh String (a benchmark suite reuses one buffer through render_to; its docs do not lead with that)",
            ),
            Engine::Leptos => (
                "view! { .. }.to_html()",
                "Leptos's server render (ssr feature): a String reserved to the view's estimated length",
            ),
            Engine::LeptosInOrder => (
                "<Suspense/> over AsyncDerived, to_html_stream_in_order()",
                "Leptos's in-order streaming, as its server integrations run it; each section reads its data through an AsyncDerived created with the page (a Resource, less the serialization for hydration)",
            ),
            Engine::LeptosOutOfOrder => (
                "<Suspense/> over AsyncDerived, to_html_stream_out_of_order()",
                "Leptos's default streaming mode: fallbacks first, each section when its data arrives",
            ),
        }
    }

    /// Renders `page`; `None` if this way of running the engine does not
    /// apply to it: htpy's chunks cannot wait for the dashboard's data, and
    /// the ways of streaming its sections (htpy's concurrent and out of
    /// order, Leptos's) apply to the dashboard only.
    ///
    /// `sources` feeds the dashboard and is ignored by the other pages.
    pub fn render(self, page: Page, sources: Sources) -> Option<Output> {
        use engines::htpy;
        if let Some(stream) = self.streamed(page, sources, AsByteStream) {
            return Some(stream);
        }
        Some(match (self, page) {
            (Engine::Htpy, page) => render_with!(htpy, page, sources),
            (Engine::HtpyNode, Page::BigTable) => {
                Output::Html(htpy::big_table_from_data(BigTable::get()))
            }
            (Engine::HtpyChunks, Page::BigTable) => {
                Output::chunks(htpy::chunks(htpy::big_table_page(BigTable::get())))
            }
            (Engine::HtpyChunks, Page::Teams) => {
                Output::chunks(htpy::chunks(htpy::teams_page(Teams::get())))
            }
            (Engine::HtpyChunks, Page::HtpyBench) => {
                Output::chunks(htpy::chunks(htpy::htpy_bench_page(HtpyBench::get())))
            }
            (Engine::Askama, page) => render_with!(askama, page, sources),
            (Engine::Maud, page) => render_with!(maud, page, sources),
            (Engine::Sailfish, page) => render_with!(sailfish, page, sources),
            (Engine::Hypertext, page) => render_with!(hypertext, page, sources),
            (Engine::Leptos, page) => render_with!(leptos, page, sources),
            (Engine::LeptosInOrder, Page::Dashboard) => {
                Output::stream(engines::leptos::dashboard_in_order(sources))
            }
            (Engine::LeptosOutOfOrder, Page::Dashboard) => {
                Output::stream(engines::leptos::dashboard_out_of_order(sources))
            }
            (Engine::HtpyChunks, Page::Dashboard)
            | (Engine::HtpyNode, Page::Teams | Page::HtpyBench | Page::Dashboard)
            | (
                Engine::HtpyStream
                | Engine::HtpyConcurrent
                | Engine::HtpyOutOfOrder
                | Engine::LeptosInOrder
                | Engine::LeptosOutOfOrder,
                _,
            ) => {
                return None;
            }
        })
    }

    /// What has to be done to this engine's rendering of `page` for it to
    /// be htpy's bytes: nothing where the engine writes them.
    pub fn normalisation(self, page: Page) -> Normalisation {
        match (self, page) {
            (Engine::LeptosOutOfOrder, _) => Normalisation::OutOfOrder,
            (Engine::HtpyOutOfOrder, _) => Normalisation::Swapped,
            (Engine::Leptos | Engine::LeptosInOrder, _) => Normalisation::Hydration,
            (
                Engine::Htpy
                | Engine::HtpyChunks
                | Engine::HtpyNode
                | Engine::HtpyStream
                | Engine::HtpyConcurrent,
                _,
            ) => Normalisation::Exact,
            // Only the dashboard has characters to escape, and a doctype.
            (_, Page::Dashboard) => Normalisation::Spelling,
            _ => Normalisation::Exact,
        }
    }

    /// Whether the engine renders `page`.
    pub fn renders(self, page: Page) -> bool {
        match self {
            Engine::HtpyChunks => page != Page::Dashboard,
            Engine::HtpyNode => page == Page::BigTable,
            Engine::HtpyConcurrent
            | Engine::HtpyOutOfOrder
            | Engine::LeptosInOrder
            | Engine::LeptosOutOfOrder => page == Page::Dashboard,
            _ => true,
        }
    }
}

impl Engine {
    /// The htpy page this engine streams, handed to `serve`; `None` for
    /// the other engines and pages.
    pub fn streamed<S: Serve>(self, page: Page, sources: Sources, serve: S) -> Option<S::Output> {
        use engines::htpy::{self, Sections};
        Some(match (self, page) {
            (Engine::HtpyStream, Page::BigTable) => {
                serve.serve(htpy::big_table_page(BigTable::get()))
            }
            (Engine::HtpyStream, Page::Teams) => serve.serve(htpy::teams_page(Teams::get())),
            (Engine::HtpyStream, Page::HtpyBench) => {
                serve.serve(htpy::htpy_bench_page(HtpyBench::get()))
            }
            (Engine::HtpyStream, Page::Dashboard) => {
                serve.serve(htpy::streamed_dashboard(sources, Sections::InOrder))
            }
            (Engine::HtpyConcurrent, Page::Dashboard) => {
                serve.serve(htpy::streamed_dashboard(sources, Sections::Concurrent))
            }
            (Engine::HtpyOutOfOrder, Page::Dashboard) => {
                serve.serve(htpy::streamed_dashboard(sources, Sections::OutOfOrder))
            }
            _ => return None,
        })
    }
}

/// What is done with an htpy page that streams, whatever its type: a byte
/// stream to time, or a response through htpy-actix.
pub trait Serve {
    /// What serving the page makes.
    type Output;

    /// Serves `page`.
    fn serve<T: htpy::Render + 'static>(self, page: T) -> Self::Output;
}

/// The page as its byte stream, with the default options.
struct AsByteStream;

impl Serve for AsByteStream {
    type Output = Output;

    fn serve<T: htpy::Render + 'static>(self, page: T) -> Output {
        Output::stream(engines::htpy::byte_stream(page))
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Output {
    /// Streams chunks of HTML, whatever their string type.
    fn stream<S>(chunks: S) -> Output
    where
        S: Stream + 'static,
        S::Item: Into<Bytes>,
    {
        Output::Stream(chunks.map(Into::into).boxed_local())
    }

    fn chunks(chunks: impl Iterator<Item = String> + 'static) -> Output {
        Output::Chunks(Box::new(chunks))
    }

    /// Renders the whole page, taking each streamed buffer as a server
    /// would (and dropping it), and returns its size in bytes: what a
    /// benchmark times, within a running runtime as a server's handler is.
    pub async fn size(self) -> usize {
        match self {
            Output::Html(html) => html.len(),
            Output::Chunks(chunks) => chunks.map(|chunk| chunk.len()).sum(),
            Output::Waiting(html) => html.await.len(),
            Output::Stream(chunks) => {
                chunks
                    .fold(0, |len, chunk| async move { len + chunk.len() })
                    .await
            }
        }
    }

    /// Waits for the whole page, and returns it.
    ///
    /// # Panics
    ///
    /// If a streaming engine sends bytes that are not UTF-8, which would be a
    /// bug of that engine.
    pub async fn into_string(self) -> String {
        match self {
            Output::Html(html) => html,
            Output::Chunks(chunks) => chunks.collect(),
            Output::Waiting(html) => html.await,
            Output::Stream(mut chunks) => {
                let mut html = Vec::new();
                while let Some(chunk) = chunks.next().await {
                    html.extend_from_slice(&chunk);
                }
                String::from_utf8(html).expect("an engine streamed bytes that are not UTF-8")
            }
        }
    }
}
