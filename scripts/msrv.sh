#!/usr/bin/env bash
# Checks the oldest Rust the published crates claim to support, Cargo.toml's `rust-version`:
# hpy, hpy-sys, hpy-macros and cargo-hpy must compile with that release, and so must the module
# crates of examples/, tests/modules/, ports/ and guide/examples/, which compile the code that hpy's macros generate.
# rustup installs the release if it is missing (minimal profile, about 10 s, once).
#
# Where rustup cannot download it (no network), this says so and checks what it can without it:
# that no dependency of those crates, at Cargo.lock's versions, declares a newer rust-version.
# (test.sh's clippy step meanwhile flags standard-library items newer than `rust-version`: the
# incompatible_msrv lint.)
#
#   ./scripts/msrv.sh
set -euo pipefail
cd "$(dirname "$0")/.."

msrv="$(sed -n 's/^rust-version *= *"\(.*\)"$/\1/p' Cargo.toml)"
if [ -z "$msrv" ]; then
    echo "error: no rust-version in Cargo.toml" >&2
    exit 1
fi
toolchain="$msrv"
if [[ "$toolchain" =~ ^[0-9]+\.[0-9]+$ ]]; then
    toolchain="$toolchain.0"
fi

packages=(hpy hpy-sys hpy-macros cargo-hpy)
for manifest in examples/*/Cargo.toml tests/modules/*/Cargo.toml ports/*/Cargo.toml guide/examples/*/Cargo.toml; do
    packages+=("$(sed -n 's/^name *= *"\(.*\)"$/\1/p' "$manifest" | head -n 1)")
done

installed() { rustup toolchain list 2>/dev/null | grep -q "^$toolchain-"; }
if installed || { echo "==> installing Rust $toolchain" && rustup toolchain install "$toolchain" --profile minimal; }; then
    # A target directory of its own: the main one stays the pinned toolchain's.
    cargo "+$toolchain" check --locked --quiet --target-dir target/msrv "${packages[@]/#/--package=}"
    # And the CPython ABI (its build script compiles HPy's C runtime for the venv's Python).
    HPY_RS_PYTHON="${HPY_RS_PYTHON:-$PWD/.venv/bin/python}" cargo "+$toolchain" check --locked --quiet \
        --target-dir target/msrv-cpython --package=hpy --package=hello --features hpy/abi-cpython
    echo "Rust $toolchain compiles ${packages[*]}, and hpy and hello for the CPython ABI"
    exit 0
fi

echo "warning: Rust $toolchain is not installed and rustup could not install it: not compiled with it," >&2
echo "    only checking that no dependency declares a newer rust-version than $msrv" >&2
cargo metadata --format-version 1 --locked | "${HPY_RS_PYTHON:-python3}" -c '
import json, sys

msrv, roots = sys.argv[1], set(sys.argv[2:])
version = lambda text: tuple(int(part) for part in text.split("."))
meta = json.load(sys.stdin)
packages = {p["id"]: p for p in meta["packages"]}
deps = {node["id"]: node["deps"] for node in meta["resolve"]["nodes"]}
todo = [i for i in meta["workspace_members"] if packages[i]["name"] in roots]
seen = set(todo)
while todo:
    for dep in deps[todo.pop()]:
        # Dev-dependencies are not needed to build the crates.
        if any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"]) and dep["pkg"] not in seen:
            seen.add(dep["pkg"])
            todo.append(dep["pkg"])
newer = sorted(
    "%s %s needs Rust %s" % (p["name"], p["version"], p["rust_version"])
    for p in map(packages.get, seen)
    if p["rust_version"] and version(p["rust_version"]) > version(msrv)
)
if newer:
    sys.exit(f"error: dependencies newer than rust-version {msrv}:\n    " + "\n    ".join(newer))
others = seen - set(meta["workspace_members"])
print(f"none of their {len(others)} dependencies needs a newer Rust than {msrv}")
' "$msrv" "${packages[@]}"
