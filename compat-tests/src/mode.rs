//! The three ways a case is rendered, and what each gives.

use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{Render, StreamOptions, fragment};
use serde_json::Value as Json;

use crate::case::{Builder, Contexts, Traces};

/// A way to render, named as in the fixtures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `str(node)`: `render_to_string`.
    Str,
    /// `iter_chunks()`: the chunk iterator.
    Sync,
    /// `aiter_chunks()`: the byte stream with its producer.
    Async,
}

/// What a render gave.
pub(crate) enum Outcome {
    /// The rendered bytes, the chunks when the mode has htpy's, and traces.
    Output {
        output: Vec<u8>,
        chunks: Option<Vec<String>>,
        traces: Vec<(String, u64)>,
    },
    /// The render, or building the tree before it, failed.
    Error(htpy::Error),
}

impl Mode {
    pub(crate) const ALL: [Mode; 3] = [Mode::Str, Mode::Sync, Mode::Async];

    /// The mode's key in a fixture.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Mode::Str => "str",
            Mode::Sync => "sync",
            Mode::Async => "async",
        }
    }

    /// Renders a case's node, built afresh, as `fragment[node]`.
    pub(crate) fn render(self, contexts: &Contexts, node: &Json) -> Outcome {
        let traces = Traces::default();
        let tree = match Builder::new(contexts, traces.clone()).node(node) {
            Ok(node) => fragment(node),
            Err(error) => return Outcome::Error(error),
        };
        let rendered = match self {
            Mode::Str => tree
                .render_to_string()
                .map(|html| (html.into_bytes(), None)),
            Mode::Sync => tree
                .iter_chunks()
                .collect::<Result<Vec<String>, _>>()
                .map(|chunks| (chunks.concat().into_bytes(), Some(chunks))),
            Mode::Async => {
                let items = block_on(
                    tree.render_stream(StreamOptions::default())
                        .collect::<Vec<_>>(),
                );
                items
                    .into_iter()
                    .try_fold(Vec::new(), |mut output, item| {
                        output.extend_from_slice(&item?);
                        Ok(output)
                    })
                    .map(|output| (output, None))
            }
        };
        match rendered {
            Ok((output, chunks)) => Outcome::Output {
                output,
                chunks,
                traces: traces.take(),
            },
            Err(error) => Outcome::Error(error),
        }
    }
}
