#!/usr/bin/env bash
# The picoarray benchmark: builds picoarray (release) and the C-API baseline, then runs
# bench.py (any arguments are passed on, e.g. --repeat 9). Not part of the test suite.
#
#   ./bench/picoarray/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/toolchain.sh"
source "$root/scripts/venv.sh"
build="$root/target/bench-picoarray"
mkdir -p "$build"

echo "==> building picoarray (hpy-rs, release)"
cargo run --quiet --release --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/examples/picoarray" --out "$build"

echo "==> building picoarray for the CPython ABI (the same crate, --abi cpython, release)"
cargo run --quiet --release --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/examples/picoarray" --abi cpython --python "$HPY_RS_PYTHON" --out "$build/cpython"

echo "==> building the C baselines (CPython C-API; HPy universal)"
include="$("$HPY_RS_PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
suffix="$("$HPY_RS_PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
gcc -O2 -shared -fPIC -I"$include" "$here/capi_array.c" -o "$build/capi_array$suffix"
hpy_include="$("$HPY_RS_PYTHON" -I -c 'import hpy.universal, os; print(os.path.join(os.path.dirname(hpy.universal.__file__), "devel", "include"))')"
gcc -O2 -shared -fPIC -DHPY_ABI_UNIVERSAL -I"$hpy_include" "$here/hpy_array.c" \
    -o "$build/hpy_array.hpy0.so"
# The same loader cargo-hpy writes for picoarray, for the C HPy module.
sed 's/picoarray/hpy_array/g' "$build/picoarray.py" > "$build/hpy_array.py"

echo "==> running"
HPY=universal PYTHONPATH="$build:$here" PICOARRAY_CPYTHON_DIR="$build/cpython" \
    "$HPY_RS_PYTHON" "$here/bench.py" "$@"
