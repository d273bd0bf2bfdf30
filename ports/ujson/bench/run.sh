#!/usr/bin/env bash
# The ujson benchmark: builds the port (release) into target/bench-ujson/out (and for the
# CPython ABI into out/cpython), installs C ujson
# 6.1.0 and orjson (pinned) with pip into target/bench-ujson/site — a folder of their own, so
# that the test venv's `ujson` stays the port — fetches the ujson sdist (its tests/sample.json
# is a case), then runs bench.py. Arguments go to bench.py:
#
#   ./ports/ujson/bench/run.sh                 # timing, median of 5 interleaved samples
#   ./ports/ujson/bench/run.sh --callgrind     # instructions per call (installs valgrind if missing)
#   ./ports/ujson/bench/run.sh --smoke         # one tiny sample of every case (CI)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
source "$root/scripts/toolchain.sh"
source "$root/scripts/venv.sh"
build="$root/target/bench-ujson"
out="$build/out"
site="$build/site"
# ujson 6.1.0 and orjson 3.13.0 have wheels for CPython 3.10 and newer.
requirements=(ujson==6.1.0 orjson==3.13.0)

echo "==> building the port (release), for the universal ABI and for this CPython's ABI"
cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/ports/ujson" --out "$out"
cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" -p cargo-hpy -- \
    build "$root/ports/ujson" --out "$out/cpython" --abi cpython --python "$HPY_RS_PYTHON"

if [ "$(cat "$site/.installed" 2>/dev/null)" != "${requirements[*]}" ]; then
    echo "==> installing ${requirements[*]} into $site"
    rm -rf "$site"
    "$HPY_RS_PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$site" "${requirements[@]}"
    echo "${requirements[*]}" > "$site/.installed"
fi

if [[ " $* " == *" --callgrind "* ]] && ! command -v valgrind > /dev/null; then
    echo "==> installing valgrind"
    apt-get update -qq && apt-get install -y -qq valgrind > /dev/null
fi

echo "==> running"
PYTHONPATH="$here:$root/ports/ujson/tests:$root/bench/micro" "$HPY_RS_PYTHON" "$here/bench.py" \
    --build-dir "$out" --site-dir "$site" --json "$build/results.json" "$@"
