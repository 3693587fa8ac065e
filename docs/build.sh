#!/usr/bin/env bash
# Builds the site: the book (mdbook) with the htpy API documentation beside
# it at book/api/, then checks every internal link.
# Usage: docs/build.sh   (needs `cargo install mdbook --locked`)
set -euo pipefail

docs="$(cd "$(dirname "$0")" && pwd)"
target="${CARGO_TARGET_DIR:-$docs/../target}"

mdbook build "$docs"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p htpy -p htpy-actix
rm -rf "$docs/book/api"
cp -r "$target/doc" "$docs/book/api"
"$docs/check-links.sh" "$docs/book"
