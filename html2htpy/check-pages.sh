#!/usr/bin/env bash
# usage: html2htpy/check-pages.sh DIR
#
# For each .html file in DIR: converts it with `cargo run -p html2htpy`,
# pastes the expression as the body of a function in a scratch crate that
# depends on htpy, builds and runs that crate, and compares the tree the
# rendered page parses to with the source's (html2htpy-compare). Prints a
# line per page with the build time of the generated code (a debug build,
# two jobs, htpy already built) and exits non-zero when any page differs or
# fails to build.
set -euo pipefail

dir=${1:?usage: html2htpy/check-pages.sh DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
scratch=$target/html2htpy-scratch
# shellcheck source=html2htpy/scratch.sh
. "$root/html2htpy/scratch.sh"
scratch_crate "$scratch" html2htpy-scratch "$root"

write_main() {
    {
        printf "fn page() -> impl htpy::Render + 'static {\n"
        cat "$1"
        printf '}\n\nfn main() {\n'
        printf '    match htpy::Render::render_to_string(page()) {\n'
        printf '        Ok(html) => print!("{html}"),\n'
        printf '        Err(error) => {\n'
        printf '            eprintln!("the page failed to render: {error}");\n'
        printf '            std::process::exit(1);\n'
        printf '        }\n    }\n}\n'
    } > "$scratch/src/main.rs"
}

cd "$root"
cargo build -q -p html2htpy -p html2htpy-check
compare=$target/debug/html2htpy-compare
# Builds htpy once, so that each page's time is its own code's.
echo '()' > "$scratch/expr.rs"
write_main "$scratch/expr.rs"
build_scratch "$scratch"

failed=0
checked=0
printf '%-45s %8s %8s %9s  %s\n' page elements lines "build (s)" result
for page in "$dir"/*.html; do
    [ -e "$page" ] || continue
    checked=$((checked + 1))
    name=$(basename "$page")
    if ! cargo run -q -p html2htpy -- "$page" > "$scratch/expr.rs" 2> "$scratch/warnings.txt"; then
        printf '%-45s conversion failed:\n' "$name"; cat "$scratch/warnings.txt"; failed=1; continue
    fi
    write_main "$scratch/expr.rs"
    start=$(date +%s%N)
    if ! build_scratch "$scratch" 2> "$scratch/build.txt"; then
        printf '%-45s the code does not compile:\n' "$name"; head -40 "$scratch/build.txt"; failed=1; continue
    fi
    seconds=$(seconds_since "$start")
    elements=$(grep -o '<[a-zA-Z]' "$page" | wc -l)
    lines=$(wc -l < "$scratch/expr.rs")
    if ! "$scratch/target/debug/html2htpy-scratch" > "$scratch/rendered.html"; then
        printf '%-45s the page failed to render\n' "$name"; failed=1; continue
    fi
    if "$compare" "$page" "$scratch/rendered.html" 2> "$scratch/difference.txt"; then
        result="same page"
    else
        result="DIFFERENT"; failed=1
    fi
    warnings=$(wc -l < "$scratch/warnings.txt")
    [ "$warnings" -eq 0 ] || result="$result, $warnings warning(s)"
    printf '%-45s %8s %8s %9s  %s\n' "$name" "$elements" "$lines" "$seconds" "$result"
    cat "$scratch/warnings.txt" "$scratch/difference.txt"
done
if [ "$checked" -eq 0 ]; then
    echo "no .html file in $dir" >&2
    exit 1
fi
exit $failed
