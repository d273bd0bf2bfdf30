#!/usr/bin/env bash
# Runs ujson 6.1.0's own test suite against the port (see run_suite.py): builds the port with
# cargo-hpy into target/ujson-suite/<profile> (universal ABI) and
# target/ujson-suite/<profile>-cpython (--abi cpython, for $HPY_RS_PYTHON), fetches the sdist
# into target/ujson-sdist (once; its sha256 is checked), runs tests/test_ujson.py in HPy
# universal and debug mode and against the CPython-ABI build, and the memory check, and fails
# unless every mode passes. Arguments after `--` go to pytest.
#
#   ./ports/ujson/tests/run.sh                      # dev profile, as the module tests
#   HPY_RS_PROFILE=release ./ports/ujson/tests/run.sh
#   ./ports/ujson/tests/run.sh -- -k loads -x
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
source "$root/scripts/toolchain.sh"
source "$root/scripts/venv.sh"

profile="${HPY_RS_PROFILE:-debug}"
case "$profile" in
    debug) build_args=(--debug) ;;
    release) build_args=() ;;
    *) echo "error: HPY_RS_PROFILE must be debug or release, not $profile" >&2; exit 1 ;;
esac
out="$root/target/ujson-suite/$profile"

echo "==> building the port ($profile profile) into $out"
cargo run --quiet --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/ports/ujson" --out "$out" "${build_args[@]}"
echo "==> building the port for the CPython ABI of $HPY_RS_PYTHON into $out-cpython"
cargo run --quiet --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/ports/ujson" --out "$out-cpython" --abi cpython --python "$HPY_RS_PYTHON" \
    "${build_args[@]}"

"$HPY_RS_PYTHON" "$here/run_suite.py" --module-dir "$out" --cpython-module-dir "$out-cpython" "$@"
