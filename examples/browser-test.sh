#!/usr/bin/env bash
# Proves in a real browser that the demo streams: headless Chromium sees the
# page's shell and first section while the last section is still loading,
# and the whole page once it has loaded; it also takes screenshots of both.
#
#   examples/browser-test.sh            # screenshots go to target/browser-test/
#
# Needs Chromium (Debian: `apt-get install chromium`); installs nothing.
# Everything stays on 127.0.0.1: the demo listens on a free loopback port.
set -euo pipefail

fail() {
    echo "browser-test: $*" >&2
    exit 1
}

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || fail "chromium not found; install it (Debian: apt-get install chromium) or set CHROMIUM"

cd "$(dirname "$0")/.."
cargo build --quiet -p htpy-examples --bin demo
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
out_dir=${OUT_DIR:-$target_dir/browser-test}
mkdir -p "$out_dir"
work=$(mktemp -d)

# Every section's heading and placeholder arrive at once; the contents
# follow out of order at about 0.3 s (weather), 1 s (orders) and 1.5 s
# (recommendations). A load stopped at PARTIAL_MS must hold the first
# content and every section, and lack the last content.
partial_ms=700

: >"$work/demo.out"
PORT=0 "$target_dir/debug/demo" >"$work/demo.out" 2>"$work/demo.err" &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; rm -rf "$work"' EXIT

url=
for _ in $(seq 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/demo.out" || true)
    [ -n "$url" ] && break
    kill -0 "$demo" 2>/dev/null || fail "the demo exited: $(cat "$work/demo.err")"
    sleep 0.1
done
[ -n "$url" ] || fail "the demo did not print its address"
echo "browser-test: demo at $url"

# Runs Chromium headless on the demo with the given extra flags; a fresh
# profile each time, no network but the demo's.
browse() {
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$work")" --window-size=900,1000 "$@" "$url" \
        2>>"$work/chromium.err"
}

# Passes if the DOM in file $1 contains $2.
has() { grep -qF -- "$2" "$1"; }

first_section='It is sunny and 21 °C.'
last_section='<li>oolong samples</li>'

browse --timeout="$partial_ms" --dump-dom >"$work/partial.html" || true
has "$work/partial.html" '<h1>Your shop</h1>' || fail "no page shell after ${partial_ms} ms"
has "$work/partial.html" "$first_section" || fail "no first section after ${partial_ms} ms"
for piece in '<section id="recommendations"><h2>Recommended for you</h2>' 'Picking teas for you' 'Streamed by htpy.'; do
    has "$work/partial.html" "$piece" || fail "not there after ${partial_ms} ms: $piece"
done
! has "$work/partial.html" "$last_section" ||
    fail "the last section was already there after ${partial_ms} ms: the page did not stream"
! has "$work/partial.html" 'Looking at the sky' ||
    fail "the first section's placeholder was not replaced by its content"
echo "browser-test: after ${partial_ms} ms every section and the footer are shown, the first filled in, the last still loading"

browse --dump-dom >"$work/full.html"
for piece in "$first_section" '<strong>#1044</strong> a strainer' "$last_section" 'Streamed by htpy.'; do
    has "$work/full.html" "$piece" || fail "the loaded page lacks: $piece"
done
# The contents were moved into place: no template or placeholder is left.
for piece in '<template' 'class="loading"'; do
    ! has "$work/full.html" "$piece" || fail "the loaded page still has: $piece"
done
echo "browser-test: the loaded page has every section, each in place"

browse --timeout="$partial_ms" --screenshot="$out_dir/demo-partial.png" >/dev/null || true
browse --screenshot="$out_dir/demo.png" >/dev/null
[ -s "$out_dir/demo.png" ] || fail "no screenshot"
echo "browser-test: screenshots in $out_dir/demo-partial.png and $out_dir/demo.png"
echo "browser-test: ok"
