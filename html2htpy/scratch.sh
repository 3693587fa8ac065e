# Sourced by the scripts that compile generated code in a scratch crate
# (check-pages.sh, corpus/corpus.sh); defines functions only.

# scratch_crate DIR NAME ROOT [TOML]: a crate NAME in DIR that depends on
# ROOT's htpy, with ROOT's Cargo.lock (the workspace's versions of htpy's
# dependencies, so the build needs no registry lookup) and TOML appended to
# its manifest (more dependencies, features).
scratch_crate() {
    local dir=$1 name=$2 root=$3 toml=${4:-}
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
htpy = { path = "$root/htpy" }
$toml

[workspace]
TOML
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
}

# build_scratch DIR [CARGO ARGS]: builds the crate in DIR, offline, with two
# jobs, into DIR/target.
build_scratch() {
    local dir=$1
    shift
    CARGO_TARGET_DIR=$dir/target cargo build -q --offline -j 2 --manifest-path "$dir/Cargo.toml" "$@"
}

# seconds_since START: the seconds since START (from `date +%s%N`), to a
# tenth.
seconds_since() {
    awk -v ns=$(($(date +%s%N) - $1)) 'BEGIN { printf "%.1f", ns / 1e9 }'
}
