#!/usr/bin/env bash
# usage: html2htpy/corpus/corpus.sh [--release]
#
# The corpus: 29 pages of the Rust toolchain's documentation on this
# machine ($(rustc --print sysroot)/share/doc/rust/html; rustdoc pages and
# mdBook pages, 6 to 42 KB, about 6,000 elements in all), each converted by
# html2htpy with every element typed (--typed-depth all) into a function
# `fn page_N() -> impl htpy::Render + 'static` of one crate,
# html2htpy-corpus, built in $CARGO_TARGET_DIR/html2htpy-corpus with
# main.rs of this folder. The script
#
# 1. times two clean builds of that crate (htpy and the other dependencies
#    already built; `cargo clean -p html2htpy-corpus` before each, two
#    jobs) with render_to_string only instantiated, then two with the byte
#    stream (collected) and iter_chunks instantiated too (feature `stream`);
# 2. checks that every page renders the same bytes through those renderers
#    on a 2 MiB stack, and parses to the same page as its source;
# 3. prints the size of each page's tree and byte stream, and the smallest
#    thread stack that renders page 0 (34 KB, the rustdoc book) and a page
#    1,000 elements deep through each renderer.
#
# --release does it all in release builds. The pages were picked from the
# documentation of Rust 1.95.0; another toolchain's may lack some of them.
set -euo pipefail

profile=dev
output=debug
if [ "${1:-}" = --release ]; then
    profile=release
    output=release
elif [ -n "${1:-}" ]; then
    echo "usage: html2htpy/corpus/corpus.sh [--release]" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
corpus=$target/html2htpy-corpus
docs=$(rustc --print sysroot)/share/doc/rust/html
pages=(
    rustdoc/how-to-write-documentation.html
    reference/expressions/return-expr.html
    reference/expressions/path-expr.html
    edition-guide/toc.html
    reference/types/slice.html
    reference/expressions/grouped-expr.html
    embedded-book/toc.html
    nomicon/what-unsafe-does.html
    reference/expressions/underscore-expr.html
    reference/types/never.html
    edition-guide/rust-2024/prelude.html
    embedded-book/static-guarantees/state-machines.html
    rustc/platform-support/openbsd.html
    unstable-book/compiler-flags/print-check-cfg.html
    cargo/guide/cargo-home.html
    alloc/str/fn.from_utf8_mut.html
    core/cmp/fn.max.html
    std/mem/fn.drop.html
    std/time/index.html
    std/string/index.html
    std/convert/trait.TryInto.html
    std/array/fn.from_fn.html
    std/vec/index.html
    std/thread/fn.spawn.html
    std/slice/fn.from_raw_parts.html
    core/ops/trait.FromResidual.html
    std/borrow/trait.BorrowMut.html
    std/keyword.trait.html
    core/future/trait.IntoFuture.html
)

# shellcheck source=html2htpy/scratch.sh
. "$root/html2htpy/scratch.sh"
scratch_crate "$corpus" html2htpy-corpus "$root" '# To collect the byte stream.
futures = { version = "0.3", default-features = false, features = ["executor"] }

[features]
# Instantiates the byte stream and iter_chunks, not only render_to_string.
stream = []'
cp "$root/html2htpy/corpus/main.rs" "$corpus/src/main.rs"

cd "$root"
cargo build -q -p html2htpy -p html2htpy-check
convert=$target/debug/html2htpy
compare=$target/debug/html2htpy-compare

printf '%-3s %-52s %7s %8s\n' N page bytes elements
{
    printf '//! The pages, converted by `html2htpy --typed-depth all` (corpus.sh).\n\n'
    printf 'pub const COUNT: usize = %d;\n' "${#pages[@]}"
    for i in "${!pages[@]}"; do
        page=$docs/${pages[$i]}
        if [ ! -f "$page" ]; then
            echo "$page: no such page in this toolchain's documentation" >&2
            exit 1
        fi
        printf '%-3s %-52s %7s %8s\n' "$i" "${pages[$i]}" "$(wc -c < "$page")" \
            "$(grep -o '<[a-zA-Z]' "$page" | wc -l)" >&2
        printf "\n/// %s\npub fn page_%d() -> impl htpy::Render + 'static {\n" "${pages[$i]}" "$i"
        "$convert" --typed-depth all "$page"
        printf '}\n'
    done
    printf '\npub fn visit(visit: &mut impl crate::Visit) {\n'
    for i in "${!pages[@]}"; do
        printf '    visit.page(%d, page_%d);\n' "$i" "$i"
    done
    printf '}\n'
} > "$corpus/src/pages.rs"
echo "$(grep -c '' "$corpus/src/pages.rs") lines of code in $corpus/src/pages.rs"

# Builds the dependencies once, so that each timed build is the corpus's own.
build_scratch "$corpus" --profile "$profile" --features stream
for features in "" stream; do
    for run in 1 2; do
        cargo clean -q --offline --manifest-path "$corpus/Cargo.toml" --target-dir "$corpus/target" \
            --profile "$profile" -p html2htpy-corpus
        load=$(cut -d ' ' -f 1-3 /proc/loadavg)
        start=$(date +%s%N)
        build_scratch "$corpus" --profile "$profile" --features "$features"
        echo "clean build ($output, features: ${features:-none}), run $run: $(seconds_since "$start") s;" \
            "load average before: $load"
    done
done

binary=$corpus/target/$output/html2htpy-corpus
"$binary" check
for i in "${!pages[@]}"; do
    "$binary" print "$i" > "$corpus/rendered.html"
    "$compare" "$docs/${pages[$i]}" "$corpus/rendered.html"
done
echo "every page parses to the same page as its source"
"$binary" size
printf '%-8s %-8s %s\n' page renderer "smallest stack (bytes)"
for page in empty 0 deep; do
    for renderer in string stream chunks; do
        printf '%-8s %-8s %s\n' "$page" "$renderer" "$("$binary" stack "$renderer" "$page")"
    done
done
