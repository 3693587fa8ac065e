#!/usr/bin/env bash
# Builds the site: the book (mdbook) with the htpy API documentation beside
# it at book/api/, then checks every internal link.
# Usage: docs/build.sh   (needs mdbook at the version in docs/mdbook-version:
#   cargo install mdbook --version "$(cat docs/mdbook-version)" --locked)
set -euo pipefail

docs="$(cd "$(dirname "$0")" && pwd)"
target="${CARGO_TARGET_DIR:-$docs/../target}"
version=$(cat "$docs/mdbook-version")
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$version" ]; then
    echo "docs/build.sh: needs mdbook $version (CI's); install it with" >&2
    echo "  cargo install mdbook --version $version --locked" >&2
    exit 1
fi

mdbook build "$docs"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p htpy -p htpy-http -p htpy-actix -p htpy-axum
rm -rf "$docs/book/api"
cp -r "$target/doc" "$docs/book/api"
"$docs/check-links.sh" "$docs/book"
