#!/usr/bin/env bash
# Builds the guide (guide/) with mdbook into target/guide/. mdbook is installed once, pinned,
# into target/tools/ (from cargo's local cache when it is there, so a second machine setup
# needs no network; else from crates.io). Its snippets and links are checked by the workspace
# tests (`cargo test -p hpy-rs-guide`: every Rust block compiles, every link resolves).
#
#   ./scripts/guide.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.5.4
root=target/tools
mdbook="$root/bin/mdbook"
if [ "$("$mdbook" --version 2>/dev/null)" != "mdbook v$version" ]; then
    echo "==> installing mdbook $version into $root"
    install=(cargo install --locked --quiet --root "$root" --no-default-features --features search "mdbook@$version")
    "${install[@]}" --offline 2>/dev/null || "${install[@]}"
fi
"$mdbook" build guide
