#!/usr/bin/env python3
"""Record what htpy 26.5.1 renders for every compat case.

Usage: python3 compat-tests/reference.py CASES_DIR FIXTURES_DIR

For every CASES_DIR/NAME.json this builds the real htpy tree of each case and
(re)writes FIXTURES_DIR/NAME.json with what htpy renders in the three modes
(`str`, `sync`, `async`). The format is fixed by the contract,
/work/shared/compat-case-format.md. Nothing but htpy (and markupsafe, which
htpy itself depends on) and the standard library is needed; no other file is
touched or deleted.

The case files are the files of CASES_DIR whose names end in `.json`, the same
set the Rust runner reads.

A case file that breaks the contract (unknown key, wrong type, a void element
with children, an undeclared context, a name used twice, a string that is not
valid Unicode, ...) and an exception that is none of the contract's error
kinds stop the script with the file and case name: a fixture must never
record a malformed case or a bug of this script as if it were htpy's
behaviour. A tree nested too deeply even for the raised recursion limit is
reported with the file, case and mode, after every other case has rendered.
All fixtures are written only once every case has rendered, so a failing run
leaves the old fixtures untouched.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import re
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import htpy
import htpy._attributes
import htpy._contexts
import htpy._render_sync
from markupsafe import Markup

HTPY_VERSION = "26.5.1"
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)
NODE_KINDS = {
    # kind key: the other keys the node may carry
    "el": {"sel", "attrs", "children"},
    "markup": set(),
    "fragment": set(),
    "comment": set(),
    "lazy": {"trace"},
    "iter": {"trace"},
    "await": {"trace", "delay_ms"},
    "aiter": {"trace", "delay_ms"},
    "provide": {"value", "node"},
    "consume": {"format"},
}
REQUIRED_KEYS = {"provide": {"value", "node"}, "consume": {"format"}}
MODES = ("str", "sync", "async")

# Reading, checking, building and rendering a case recurse a few Python frames
# per level of nesting, and htpy's renderers resume one generator per level
# through the C stack. The raised limit lets trees thousands of levels deep
# render; the large thread stack makes that limit, which raises a catchable
# RecursionError, the one that stops a deeper tree, not a crash of the C stack.
RECURSION_LIMIT = 100_000
THREAD_STACK_BYTES = 512 << 20

# Where htpy raises each error kind of the contract. An exception is classified
# by the function it was raised in (the innermost traceback frame), so that a
# bug in this script (say a KeyError, which is a LookupError) can never be
# recorded as one of htpy's errors.
SHORTHAND_CODE = htpy._attributes.id_class_names_from_css_str.__code__
CONSUMER_CODE = htpy._contexts.ContextConsumer._get_value.__code__
SYNC_RENDER_CODE = htpy._render_sync.iter_chunks_node.__code__
ATTRIBUTES_FILE = htpy._attributes.__file__
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class CaseError(Exception):
    """A case file that does not follow the contract."""


# ---------------------------------------------------------------------------
# Reading and checking case files


def load_json(path: Path) -> Any:
    """Parse a JSON file, rejecting objects with a repeated key (a typo)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise CaseError(f"repeated key(s) {repeated} in one JSON object")
        return dict(pairs)

    with path.open(encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=no_duplicates)


def is_int(x: Any) -> bool:
    """JSON integer (Python's bool is an int, JSON's true is not)."""
    return isinstance(x, int) and not isinstance(x, bool)


def check(cond: bool, what: str) -> None:
    """Raise CaseError(what) unless cond holds."""
    if not cond:
        raise CaseError(what)


def check_value(v: Any) -> None:
    """Check an attribute VALUE."""
    if v is None or isinstance(v, str | bool) or is_int(v):
        return
    check(isinstance(v, dict) and len(v) == 1, f"bad attribute value {v!r}")
    ((form, payload),) = v.items()
    if form == "markup":
        check(isinstance(payload, str), f"markup must be a string: {v!r}")
    elif form == "classes":
        check(isinstance(payload, list), f"classes must be a list: {v!r}")
        for item in payload:
            if item is None or item is False or isinstance(item, str):
                continue
            check(
                isinstance(item, dict) and len(item) == 1 and set(item) <= {"markup", "toggle"},
                f"bad class list item {item!r}",
            )
            check_value(item)
    elif form == "toggle":
        check(isinstance(payload, list), f"toggle must be a list: {v!r}")
        for pair in payload:
            check(
                isinstance(pair, list)
                and len(pair) == 2
                and isinstance(pair[0], str)
                and isinstance(pair[1], bool),
                f"toggle entries are [CLASS, BOOL], got {pair!r}",
            )
    else:
        raise CaseError(f"bad attribute value {v!r}")


def check_node(j: Any, contexts: dict[str, Any]) -> None:
    """Check that a NODE follows the contract, all of it (lazy parts too)."""
    if j is None or isinstance(j, str | bool) or is_int(j):
        return
    if isinstance(j, list):
        for child in j:
            check_node(child, contexts)
        return
    check(isinstance(j, dict), f"bad node {j!r}")
    kinds = [k for k in j if k in NODE_KINDS]
    check(len(kinds) == 1, f"node needs exactly one kind key, got {sorted(j)}")
    kind = kinds[0]
    extra = set(j) - {kind} - NODE_KINDS[kind]
    check(not extra, f"unknown key(s) {sorted(extra)} in {kind} node")
    missing = REQUIRED_KEYS.get(kind, set()) - set(j)
    check(not missing, f"missing key(s) {sorted(missing)} in {kind} node")
    body = j[kind]
    if "trace" in j:
        check(isinstance(j["trace"], str), f"trace must be a string: {j['trace']!r}")
    if "delay_ms" in j:
        check(is_int(j["delay_ms"]) and j["delay_ms"] >= 0, f"bad delay_ms {j['delay_ms']!r}")
    if kind == "el":
        # Any string, "" included: htpy writes `<></>` for it.
        check(isinstance(body, str), f"element name must be a string: {body!r}")
        if "sel" in j:
            check(isinstance(j["sel"], str), f"sel must be a string: {j['sel']!r}")
        check(isinstance(j.get("attrs", []), list), "attrs must be a list")
        for pair in j.get("attrs", []):
            check(
                isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str),
                f"attrs are [NAME, VALUE] pairs, got {pair!r}",
            )
            check_value(pair[1])
        if "children" in j:
            check(body not in VOID_ELEMENTS, f"void element {body} takes no children")
            check(isinstance(j["children"], list), "children must be a list")
            check_node(j["children"], contexts)
    elif kind in ("markup", "comment"):
        check(isinstance(body, str), f"{kind} must be a string")
    elif kind in ("fragment", "iter", "aiter"):
        check(isinstance(body, list), f"{kind} must be a list of nodes")
        check_node(body, contexts)
    elif kind in ("lazy", "await"):
        check_node(body, contexts)
    elif kind == "provide":
        check(body in contexts, f"context {body!r} is not declared in the file")
        check(isinstance(j["value"], str), "provide value must be a string")
        check_node(j["node"], contexts)
    elif kind == "consume":
        check(body in contexts, f"context {body!r} is not declared in the file")
        check(isinstance(j["format"], str), "consume format must be a string")


def check_unicode(data: Any) -> None:
    """Reject a lone surrogate, as JSON's "\\ud800": Python reads it into a str
    and htpy renders it, but no UTF-8 fixture (nor a Rust string) can hold it."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise CaseError(f"not valid Unicode text: {bad!r} is a lone surrogate") from None


def reason(exc: BaseException) -> str:
    """Why reading or rendering a case failed, in one line."""
    if isinstance(exc, RecursionError):
        return (
            f"nested too deeply for Python, even at recursion limit "
            f"{sys.getrecursionlimit()} ({exc})"
        )
    return str(exc)


def read_case_file(path: Path) -> tuple[dict[str, htpy.Context[str]], list[dict[str, Any]]]:
    """Load and check a case file; return its htpy contexts and its cases."""
    data = load_json(path)
    check(isinstance(data, dict), "a case file is a JSON object")
    extra = set(data) - {"contexts", "cases"}
    check(not extra, f"unknown top-level key(s) {sorted(extra)}")
    declared = data.get("contexts", {})
    check(isinstance(declared, dict), "contexts must be an object")
    try:
        check_unicode(declared)
    except CaseError as exc:
        raise CaseError(f"contexts: {exc}") from None
    contexts: dict[str, htpy.Context[str]] = {}
    for name, spec in declared.items():
        check(isinstance(spec, dict) and set(spec) <= {"default"}, f"bad context {name!r}")
        if "default" in spec:
            check(isinstance(spec["default"], str), f"default of {name!r} must be a string")
            contexts[name] = htpy.Context(name, default=spec["default"])
        else:
            contexts[name] = htpy.Context(name)
    cases = data.get("cases")
    check(isinstance(cases, list), "cases must be a list")
    for case in cases:
        check(isinstance(case, dict) and set(case) == {"name", "node"}, f"bad case {case!r:.80}")
        check(isinstance(case["name"], str) and case["name"] != "", "case name must be a string")
        try:
            check_unicode(case)
            check_node(case["node"], contexts)
        except (CaseError, RecursionError) as exc:
            raise CaseError(f"case {case['name']!r}: {reason(exc)}") from None
    return contexts, cases


# ---------------------------------------------------------------------------
# Building htpy trees


class Recorder:
    """Counts the bytes a render has produced and records traces against it."""

    def __init__(self) -> None:
        self.produced = 0
        self.traces: list[list[Any]] = []

    def trace(self, label: str | None, suffix: str | None = None) -> None:
        """Record `label` (or `label:suffix`) at the current byte count."""
        if label is not None:
            full = label if suffix is None else f"{label}:{suffix}"
            self.traces.append([full, self.produced])


# The lazy and async components are module-level functions so that the repr of
# the coroutine or async generator in htpy's "can not be used in sync context"
# message names them plainly (its address is scrubbed, see classify()).


async def await_component(builder: Builder, inner: Any, label: str | None, delay_ms: int) -> Any:
    """The coroutine of an `await` node: sleep, trace, then build its node."""
    await asyncio.sleep(delay_ms / 1000)
    builder.recorder.trace(label)
    return builder.node(inner)


def iter_component(builder: Builder, items: list[Any], label: str | None) -> Any:
    """The generator of an `iter` node: trace, build and yield each item."""
    for i, item in enumerate(items):
        builder.recorder.trace(label, str(i))
        yield builder.node(item)
    builder.recorder.trace(label, "end")


async def aiter_component(
    builder: Builder, items: list[Any], label: str | None, delay_ms: int
) -> Any:
    """The async generator of an `aiter` node: per item sleep, trace, build, yield."""
    for i, item in enumerate(items):
        await asyncio.sleep(delay_ms / 1000)
        builder.recorder.trace(label, str(i))
        yield builder.node(item)
    builder.recorder.trace(label, "end")


def children_arg(children: list[Any]) -> Any:
    """What `x[a]` / `x[a, b]` passes to __getitem__: the child, or a tuple."""
    return children[0] if len(children) == 1 else tuple(children)


class Builder:
    """Turns checked case JSON into htpy objects for one render."""

    def __init__(self, contexts: dict[str, htpy.Context[str]], recorder: Recorder) -> None:
        self.contexts = contexts
        self.recorder = recorder

    def value(self, v: Any) -> Any:
        """An attribute VALUE (or class list ITEM) as the Python value."""
        if not isinstance(v, dict):
            return v  # str, int, True, False, None
        ((form, payload),) = v.items()
        if form == "markup":
            return Markup(payload)
        if form == "classes":
            return [self.value(item) for item in payload]
        # toggle: a dict, so a repeated class keeps its first position and
        # takes its last value.
        return {cls: on for cls, on in payload}

    def element(self, j: dict[str, Any]) -> Any:
        """`NAME(S, dict(PAIRS))[children]`, evaluated in Python's order."""
        name = j["el"]
        if name == "html":
            el: Any = htpy.HTMLElement(name)
        elif name in VOID_ELEMENTS:
            el = htpy.VoidElement(name)
        else:
            el = htpy.Element(name)
        if "sel" in j or "attrs" in j:
            attrs = dict((k, self.value(v)) for k, v in j.get("attrs", []))
            el = el(j["sel"], attrs) if "sel" in j else el(attrs)
        if "children" in j:
            el = el[children_arg([self.node(c) for c in j["children"]])]
        return el

    def consumer(self, ctx_name: str, fmt: str) -> Any:
        """A `@ctx.consumer` component rendering `fmt` with `{}` -> value."""

        @self.contexts[ctx_name].consumer
        def consumer(value: str) -> str:
            return fmt.replace("{}", value)

        return consumer()

    def node(self, j: Any) -> Any:
        """Build a NODE. Lazy and async parts build their inner node when run."""
        if not isinstance(j, dict | list):
            return j  # text, integer, None, True, False
        if isinstance(j, list):
            return [self.node(c) for c in j]
        if "el" in j:
            return self.element(j)
        if "markup" in j:
            return Markup(j["markup"])
        if "fragment" in j:
            return htpy.fragment[children_arg([self.node(c) for c in j["fragment"]])]
        if "comment" in j:
            return htpy.comment(j["comment"])
        label = j.get("trace")
        if "lazy" in j:
            inner = j["lazy"]

            def lazy_component() -> Any:
                self.recorder.trace(label)
                return self.node(inner)

            return lazy_component
        if "iter" in j:
            return iter_component(self, j["iter"], label)
        if "await" in j:
            return await_component(self, j["await"], label, j.get("delay_ms", 0))
        if "aiter" in j:
            return aiter_component(self, j["aiter"], label, j.get("delay_ms", 0))
        if "provide" in j:
            return self.contexts[j["provide"]].provider(j["value"], self.node(j["node"]))
        return self.consumer(j["consume"], j["format"])


# ---------------------------------------------------------------------------
# Rendering


class CountingFragment(htpy.Fragment):
    """`fragment[node]` that counts the UTF-8 bytes of every chunk it passes on.

    Trace offsets: htpy's renderers are generators that yield each chunk before
    they go on, so when traced work runs, the bytes counted here are exactly the
    bytes htpy had rendered. All three modes go through this class:
    - `str`: `str()` of this object is htpy's own `Fragment.__str__`, which is
      `"".join(self.iter_chunks())`; the join pulls the chunks one at a time
      through the counting `iter_chunks` below, so the output is `str(node)`
      and the traces come from the very traversal that produced it;
    - `sync`: the chunks of `iter_chunks()`;
    - `async`: the chunks of `aiter_chunks()`.
    """

    __slots__ = ("_inner", "_recorder")

    def __init__(self, node: Any, recorder: Recorder) -> None:
        super().__init__()
        self._inner = htpy.fragment[node]
        self._recorder = recorder

    def iter_chunks(self, context: Any = None) -> Any:
        for chunk in self._inner.iter_chunks(context):
            self._recorder.produced += len(chunk.encode("utf-8"))
            yield chunk

    async def aiter_chunks(self, context: Any = None) -> Any:
        async for chunk in self._inner.aiter_chunks(context):
            self._recorder.produced += len(chunk.encode("utf-8"))
            yield chunk


def classify(exc: BaseException) -> tuple[str, str] | None:
    """The contract's (kind, message) for an exception htpy raised, or None."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code if tb is not None else None
    message = str(exc)
    if code is SHORTHAND_CODE and isinstance(exc, ValueError | TypeError | AssertionError):
        # AssertionError: two ids, as in "#a.#b" (message is empty).
        return "selector", message
    if code is CONSUMER_CODE and isinstance(exc, LookupError):
        return "context_missing", message
    if (
        code is SYNC_RENDER_CODE
        and isinstance(exc, ValueError)
        and "can not be used in sync context" in message
    ):
        # The message holds the coroutine's repr; drop its memory address so
        # fixtures are deterministic.
        return "async_in_sync", ADDRESS.sub("", message)
    if code is not None and code.co_filename == ATTRIBUTES_FILE and isinstance(
        exc, TypeError | ValueError
    ):
        return "attribute", message
    return None


def render(case: dict[str, Any], contexts: dict[str, htpy.Context[str]], mode: str) -> Any:
    """Build the case's tree afresh and render it in one mode."""
    recorder = Recorder()
    chunks: list[str] = []
    try:
        top = CountingFragment(Builder(contexts, recorder).node(case["node"]), recorder)
        if mode == "str":
            output = str(top)
        elif mode == "sync":
            chunks.extend(top.iter_chunks())
            output = "".join(chunks)
        else:

            async def collect() -> None:
                async for chunk in top.aiter_chunks():
                    chunks.append(chunk)

            asyncio.run(collect())
            output = "".join(chunks)
    except Exception as exc:
        classified = classify(exc)
        if classified is None:
            raise
        kind, message = classified
        return {"error": {"kind": kind, "message": message}}
    if mode == "str":
        return {"output": output, "traces": recorder.traces}
    return {"output": output, "chunks": chunks, "traces": recorder.traces}


def dumps(data: Any) -> str:
    """The fixture serialization: deterministic, UTF-8, trailing newline."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def case_files(cases_dir: Path) -> list[Path]:
    """The files whose names end in `.json`, a file named `.json` included."""
    if not cases_dir.is_dir():
        return []
    return sorted(p for p in cases_dir.iterdir() if p.name.endswith(".json") and p.is_file())


def render_file(
    path: Path, contexts: dict[str, htpy.Context[str]], cases: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    """The fixture of one case file, and a line for each case too deep to render."""
    results = []
    too_deep = []
    for case in cases:
        result: dict[str, Any] = {"name": case["name"]}
        for mode in MODES:
            try:
                result[mode] = render(case, contexts, mode)
            except RecursionError as exc:
                too_deep.append(f"{path}: case {case['name']!r}, mode {mode}: {reason(exc)}")
            except Exception as exc:
                raise RuntimeError(
                    f"{path}: case {case['name']!r}, mode {mode}: "
                    f"{type(exc).__name__} is none of the contract's errors"
                ) from exc
        results.append(result)
    return {"htpy_version": HTPY_VERSION, "cases": results}, too_deep


def main(argv: list[str]) -> int:
    """Rewrite FIXTURES_DIR/NAME.json for every CASES_DIR/NAME.json."""
    if len(argv) != 3:
        print(f"usage: {argv[0]} CASES_DIR FIXTURES_DIR", file=sys.stderr)
        return 2
    version = importlib.metadata.version("htpy")
    if version != HTPY_VERSION:
        print(f"need htpy {HTPY_VERSION}, found {version}", file=sys.stderr)
        return 2
    if not __debug__:
        # htpy reports two ids ("#a.#b") with an assert, which -O removes.
        print("do not run with python -O: htpy's shorthand checks use assert", file=sys.stderr)
        return 2
    # The sync renderers stop at (or never reach) coroutines, which Python
    # then reports as never awaited; that is expected here.
    warnings.filterwarnings("ignore", message="coroutine .* was never awaited")

    cases_dir, fixtures_dir = Path(argv[1]), Path(argv[2])
    files = case_files(cases_dir)
    if not files:
        print(f"no case files in {cases_dir}", file=sys.stderr)
        return 2

    loaded = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            contexts, cases = read_case_file(path)
        except (CaseError, ValueError, RecursionError) as exc:
            # ValueError: not JSON, or not UTF-8.
            print(f"{path}: {reason(exc)}", file=sys.stderr)
            return 1
        for case in cases:
            if case["name"] in seen:
                print(
                    f"{path}: case name {case['name']!r} already used in {seen[case['name']]}",
                    file=sys.stderr,
                )
                return 1
            seen[case["name"]] = path.name
        loaded.append((path, contexts, cases))

    outputs = []
    too_deep = []
    for path, contexts, cases in loaded:
        fixture, failures = render_file(path, contexts, cases)
        outputs.append((fixtures_dir / path.name, fixture))
        too_deep.extend(failures)
    if too_deep:
        print("\n".join(too_deep), file=sys.stderr)
        print("no fixture written", file=sys.stderr)
        return 1

    fixtures_dir.mkdir(parents=True, exist_ok=True)
    for out, data in outputs:
        out.write_text(dumps(data), encoding="utf-8", newline="\n")
    total = sum(len(data["cases"]) for _, data in outputs)
    print(f"wrote {len(outputs)} fixture file(s), {total} case(s), to {fixtures_dir}")
    return 0


def main_on_deep_stack(argv: list[str]) -> int:
    """main() with the raised recursion limit, on a thread with a large stack."""
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(THREAD_STACK_BYTES)
    status = [1]  # stays 1 if main() raised; the thread prints the traceback

    def run() -> None:
        status[0] = main(argv)

    thread = threading.Thread(target=run, name="reference")
    thread.start()
    thread.join()
    return status[0]


if __name__ == "__main__":
    sys.exit(main_on_deep_stack(sys.argv))
