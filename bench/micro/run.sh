#!/usr/bin/env bash
# The micro-benchmarks: builds the variants (hpy-rs for the universal ABI and for the CPython
# ABI, C HPy, C-API, PyO3; release builds), measures their cold build time and stripped size,
# then runs runner.py, which prints the table and writes target/bench-micro/results.json.
# Arguments go to runner.py:
#
#   ./bench/micro/run.sh                 # timing, N = 2e6 calls per sample, 5 samples
#   ./bench/micro/run.sh --callgrind     # instruction counts (installs valgrind if missing)
#   ./bench/micro/run.sh --smoke         # tiny N, one sample, no cold builds (CI)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/toolchain.sh"
source "$root/scripts/venv.sh"
build="$root/target/bench-micro"
out="$build/out"
mkdir -p "$out/debug"

quick=false
for arg in "$@"; do
    case "$arg" in --smoke | --callgrind) quick=true ;; esac
done

echo "==> building micro_hpyrs (hpy-rs, release)"
cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$here/hpyrs" --out "$out"
# The debug column loads its own copy of the library (another file: its statics are its own).
cp "$out/micro_hpyrs.hpy0.so" "$out/debug/micro_hpyrs.hpy0.so"

echo "==> building micro_hpyrs for the CPython ABI (the same crate, --abi cpython, release)"
cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$here/hpyrs" --abi cpython --python "$HPY_RS_PYTHON" --out "$out/cpython"

echo "==> building micro_hpy (C HPy, universal ABI) and micro_capi (C-API; + METH_VARARGS build)"
py="$HPY_RS_PYTHON"
include="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
suffix="$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
hpy_devel="$("$py" -I -c 'import hpy.devel, os; print(os.path.dirname(hpy.devel.__file__))')"
gcc -O2 -shared -fPIC -DHPY_ABI_UNIVERSAL -I"$hpy_devel/include" "$here/hpy_c/micro_hpy.c" \
    "$hpy_devel/src/runtime/argparse.c" -o "$out/micro_hpy.hpy0.so"
sed 's/micro_hpyrs/micro_hpy/g' "$out/micro_hpyrs.py" > "$out/micro_hpy.py"
gcc -O2 -shared -fPIC -I"$include" "$here/capi/micro_capi.c" -o "$out/micro_capi$suffix"
gcc -O2 -shared -fPIC -I"$include" -DMICRO_VARARGS "$here/capi/micro_capi.c" \
    -o "$out/micro_capi_varargs$suffix"

echo "==> building micro_pyo3 (PyO3, release)"
(cd "$here/pyo3" && PYO3_PYTHON="$py" CARGO_TARGET_DIR="$build/pyo3" \
    cargo build --quiet --release --locked)
cp "$build/pyo3/release/libmicro_pyo3.so" "$out/micro_pyo3$suffix"

cost_args=()
if ! $quick; then
    echo "==> build cost: cold release builds in empty target directories"
    cold="$(mktemp -d)"
    trap 'rm -rf "$cold"' EXIT
    seconds() { local start=$EPOCHREALTIME; "$@"; awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }"; }
    rs_time=$(seconds env CARGO_TARGET_DIR="$cold/rs" cargo build --quiet --release --locked \
        --manifest-path "$root/Cargo.toml" -p micro_hpyrs)
    strip -o "$cold/rs.so" "$cold/rs/release/libmicro_hpyrs.so"
    # The CPython-ABI build: hpy's feature, the interpreter's headers and HPy's C runtime.
    cpy_time=$(seconds env CARGO_TARGET_DIR="$cold/cpy" HPY_RS_PYTHON="$py" cargo build --quiet \
        --release --locked --manifest-path "$root/Cargo.toml" -p micro_hpyrs \
        --features hpy/abi-cpython)
    strip -o "$cold/cpy.so" "$cold/cpy/release/libmicro_hpyrs.so"
    pyo3_time=$(cd "$here/pyo3" && seconds env PYO3_PYTHON="$py" CARGO_TARGET_DIR="$cold/pyo3" \
        cargo build --quiet --release --locked)
    strip -o "$cold/pyo3.so" "$cold/pyo3/release/libmicro_pyo3.so"
    strip -o "$cold/hpy.so" "$out/micro_hpy.hpy0.so"
    # The floor under any Rust module that turns panics into exceptions (see floor/Cargo.toml).
    floor_time=$(cd "$here/floor" && seconds env CARGO_TARGET_DIR="$cold/floor" \
        cargo build --quiet --release --locked)
    strip -o "$cold/floor.so" "$cold/floor/release/libmicro_floor.so"
    cat > "$build/build-cost.json" <<JSON
{"hpy-rs": {"cold_build_s": $rs_time, "stripped_bytes": $(stat -c %s "$cold/rs.so")},
 "hpy-rs CPython ABI": {"cold_build_s": $cpy_time, "stripped_bytes": $(stat -c %s "$cold/cpy.so")},
 "PyO3": {"cold_build_s": $pyo3_time, "stripped_bytes": $(stat -c %s "$cold/pyo3.so")},
 "C HPy": {"cold_build_s": 0, "stripped_bytes": $(stat -c %s "$cold/hpy.so")},
 "Rust floor": {"cold_build_s": $floor_time, "stripped_bytes": $(stat -c %s "$cold/floor.so")}}
JSON
    cost_args=(--build-cost "$build/build-cost.json")
fi

if [[ " $* " == *" --callgrind "* ]] && ! command -v valgrind > /dev/null; then
    echo "==> installing valgrind"
    apt-get update -qq && apt-get install -y -qq valgrind > /dev/null
fi

echo "==> running"
PYTHONPATH="$out" "$py" "$here/runner.py" --build-dir "$out" --json "$build/results.json" \
    "${cost_args[@]}" "$@"
