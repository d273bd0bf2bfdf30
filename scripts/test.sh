#!/usr/bin/env bash
# Runs the whole test suite. Works on a fresh machine with the Rust toolchain, CPython 3.11
# (3.8-3.12) with pip, and gcc: the Python packages are installed into .venv first.
#
#   ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/venv.sh

step() { echo; echo "==> $*"; }

step "formatting"
cargo fmt --all -- --check

step "clippy (workspace lints, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "docs (missing or broken docs are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "guide: the book builds (mdbook, pinned, installed into target/tools once); its snippets"
echo "    and links are checked by the tests below (hpy-rs-guide, guide/examples)"
./scripts/guide.sh

step "MSRV: the published crates and the module crates compile with Cargo.toml's rust-version"
./scripts/msrv.sh

step "tests: hpy-sys regeneration + layout against the installed headers, unit tests, doc tests,"
echo "    compile-fail suite, cargo-hpy, and every module's Python tests in HPy universal and debug"
echo "    mode and built for the CPython ABI (<module>::cpython, without the hpy package)"
cargo test --workspace --locked

step "every module's Python tests again, built in release mode"
HPY_RS_PROFILE=release cargo test -p hpy-rs-tests --locked --test modules

step "ujson 6.1.0's own test suite against the port (ports/ujson), universal and debug mode and"
echo "    the CPython-ABI build,"
echo "    at least as many tests passed as C ujson, none failed; and its memory check"
./ports/ujson/tests/run.sh

step "wheels: cargo-hpy's own and one per example (pip, build isolation, no index), tags checked"
echo "    with auditwheel; every example's tests from the wheels on every CPython 3.8-3.12 found,"
echo "    in universal and debug mode; pip install / show / uninstall"
"$HPY_RS_PYTHON" tests/wheels/check_wheels.py

step "the benchmarks run (tiny sizes, no timing checked): picoarray, the micro-benchmarks"
echo "    (all four variants built, each checked against bench/micro/OPERATIONS.md), and ujson's"
echo "    (the port's results checked against C ujson's)"
./bench/picoarray/run.sh --smoke
./bench/micro/run.sh --smoke
./ports/ujson/bench/run.sh --smoke

echo
echo "All tests passed."
