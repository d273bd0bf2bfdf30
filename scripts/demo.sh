#!/usr/bin/env bash
# Builds the `hello` example with cargo-hpy and runs a short demo of it, in HPy universal mode
# and then in HPy debug mode; then the same crate built for the CPython ABI, run without the
# hpy package importable. Works on a fresh machine (see scripts/test.sh).
#
#   ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/venv.sh

cargo run --quiet --release -p cargo-hpy -- build examples/hello --out build/hello
# Rust prints a panic to stderr (as std does); keep that to its message here.
export RUST_BACKTRACE=0
for mode in universal debug; do
    echo
    echo "==> HPY=$mode"
    HPY=$mode PYTHONPATH=build/hello "$HPY_RS_PYTHON" examples/hello/demo.py
done

cargo run --quiet --release -p cargo-hpy -- build examples/hello --abi cpython \
    --python "$HPY_RS_PYTHON" --out build/hello-cpython
echo
echo "==> the CPython ABI (build/hello-cpython: a CPython extension; hpy made unimportable)"
PYTHONPATH=build/hello-cpython "$HPY_RS_PYTHON" -c '
import runpy, sys
sys.modules["hpy"] = None
import hello
print(f"hello: {hello.__file__}")
runpy.run_path("examples/hello/demo.py", run_name="__main__")
'
