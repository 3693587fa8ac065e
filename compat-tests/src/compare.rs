//! A fixture's expected result, and how a render's outcome differs from it.

use htpy::ErrorKind;
use serde_json::Value as Json;

use crate::mode::{Mode, Outcome};
use crate::refusal::Refusal;

/// Bytes of context shown on each side of a difference.
const CONTEXT: usize = 40;

/// What htpy 26.5.1 gave for a case in one mode.
pub(crate) enum Expected {
    Output {
        output: String,
        chunks: Option<Vec<String>>,
        traces: Vec<(String, u64)>,
    },
    Error {
        kind: String,
    },
}

impl Expected {
    /// Reads a fixture's result.
    pub(crate) fn parse(json: &Json) -> Result<Self, String> {
        let bad = || format!("malformed fixture result: {json}");
        if let Some(error) = json.get("error") {
            let kind = error.get("kind").and_then(Json::as_str).ok_or_else(bad)?;
            return Ok(Self::Error {
                kind: kind.to_owned(),
            });
        }
        let output = json.get("output").and_then(Json::as_str).ok_or_else(bad)?;
        let chunks = match json.get("chunks") {
            None => None,
            Some(chunks) => Some(
                chunks
                    .as_array()
                    .ok_or_else(bad)?
                    .iter()
                    .map(|chunk| chunk.as_str().map(str::to_owned).ok_or_else(bad))
                    .collect::<Result<_, _>>()?,
            ),
        };
        let traces = json
            .get("traces")
            .and_then(Json::as_array)
            .ok_or_else(bad)?
            .iter()
            .map(|trace| match trace.as_array().map(Vec::as_slice) {
                Some([Json::String(label), offset]) => offset
                    .as_u64()
                    .map(|offset| (label.clone(), offset))
                    .ok_or_else(bad),
                _ => Err(bad()),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self::Output {
            output: output.to_owned(),
            chunks,
            traces,
        })
    }
}

/// How `got` differs from `expected`, or `None` when it matches.
pub(crate) fn differences(expected: &Expected, got: &Outcome, mode: Mode) -> Option<String> {
    match (expected, got) {
        (Expected::Error { kind }, Outcome::Error(error)) => match contract_kind(error) {
            Some(got_kind) if got_kind == kind => error
                .to_string()
                .is_empty()
                .then(|| format!("error {kind} as expected, but its message is empty")),
            _ => Some(format!("expected error {kind}, got {}", describe(error))),
        },
        (Expected::Error { kind }, Outcome::Output { output, .. }) => Some(format!(
            "expected error {kind}, got output {:?}",
            String::from_utf8_lossy(&output[..output.len().min(2 * CONTEXT)])
        )),
        (Expected::Output { .. }, Outcome::Error(error)) => {
            Some(format!("expected output, got {}", describe(error)))
        }
        (
            Expected::Output {
                output,
                chunks,
                traces,
            },
            Outcome::Output {
                output: got_output,
                chunks: got_chunks,
                traces: got_traces,
            },
        ) => {
            let mut what = Vec::new();
            what.extend(output_difference(output.as_bytes(), got_output));
            if let (Some(chunks), Some(got_chunks), Mode::Sync) = (chunks, got_chunks, mode) {
                what.extend(list_difference("chunk", chunks, got_chunks));
            }
            what.extend(list_difference("trace", traces, got_traces));
            (!what.is_empty()).then(|| what.join("; "))
        }
    }
}

/// How a render differs from a case's refusal by design, or `None` when the
/// crate refused it with that error.
pub(crate) fn refusal_difference(refusal: &Refusal, got: &Outcome) -> Option<String> {
    let expected = format!(
        "expected error {} (refused by design, see docs/src/divergences.md)",
        refusal.kind()
    );
    match got {
        Outcome::Error(error) if refusal.matches(error) => None,
        Outcome::Error(error) => Some(format!("{expected}, got {}", describe(error))),
        Outcome::Output { output, .. } => Some(format!(
            "{expected}, got output {:?}",
            String::from_utf8_lossy(&output[..output.len().min(2 * CONTEXT)])
        )),
    }
}

/// The contract's name for an error's kind: `attribute` is the reference's
/// name for htpy's `TypeError` on an attribute value.
fn contract_kind(error: &htpy::Error) -> Option<&'static str> {
    match error.kind() {
        ErrorKind::Selector { .. } => Some("selector"),
        ErrorKind::ContextMissing { .. } => Some("context_missing"),
        ErrorKind::AsyncInSync { .. } => Some("async_in_sync"),
        ErrorKind::Attribute { .. } => Some("attribute"),
        ErrorKind::AttributeName { .. } => Some("attribute_name"),
        _ => None,
    }
}

/// An error as a failure line shows it.
fn describe(error: &htpy::Error) -> String {
    match contract_kind(error) {
        Some(kind) => format!("error {kind}: {error}"),
        None => format!("error of no contract kind: {error}"),
    }
}

/// The first differing byte, with context from both sides.
fn output_difference(expected: &[u8], got: &[u8]) -> Option<String> {
    let at = first_difference(expected, got)?;
    Some(format!(
        "output differs at byte {at} (lengths {} and {}): expected {}, got {}",
        expected.len(),
        got.len(),
        around(expected, at),
        around(got, at)
    ))
}

/// The bytes around `at`, as `"before" | "after"`.
fn around(bytes: &[u8], at: usize) -> String {
    let start = at.saturating_sub(CONTEXT);
    let end = (at + CONTEXT).min(bytes.len());
    format!(
        "{:?} | {:?}",
        String::from_utf8_lossy(&bytes[start..at]),
        String::from_utf8_lossy(&bytes[at..end])
    )
}

/// The index of the first item that differs, or where the shorter one ends.
fn first_difference<T: PartialEq>(expected: &[T], got: &[T]) -> Option<usize> {
    match expected.iter().zip(got).position(|(a, b)| a != b) {
        Some(at) => Some(at),
        None if expected.len() == got.len() => None,
        None => Some(expected.len().min(got.len())),
    }
}

/// The first differing item of two lists (chunks or traces).
fn list_difference<T: PartialEq + std::fmt::Debug>(
    what: &str,
    expected: &[T],
    got: &[T],
) -> Option<String> {
    let at = first_difference(expected, got)?;
    Some(format!(
        "{what} {at} differs ({} expected, {} got): expected {:?}, got {:?}",
        expected.len(),
        got.len(),
        expected.get(at),
        got.get(at)
    ))
}
