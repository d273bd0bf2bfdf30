# Sourced by the other scripts: makes sure the toolchain that rust-toolchain.toml pins is
# installed. rustup may be set not to install it by itself (RUSTUP_AUTO_INSTALL=0, as on a
# fresh machine here), and then every cargo command in the workspace fails. Idempotent: once
# the toolchain is there, it only looks.
#
# It installs the pinned toolchain with rustup. Where rustup cannot download it (no network) and
# the machine's stable toolchain is that very release, it registers that one under the pinned
# name instead.

hpy_rs_toolchain_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/rust-toolchain.toml"

# The toolchain installed as `$1` must really be that release: one registered from `stable`
# (below) follows `stable` when rustup updates it.
hpy_rs_check_release() {
    local release
    release="$(rustc "+$1" -vV 2>/dev/null | sed -n 's/^release: //p')"
    if [ "$release" != "$1" ]; then
        echo "error: the toolchain named $1 is Rust ${release:-?}, not $1 (rust-toolchain.toml);" \
            "reinstall it: rustup toolchain uninstall $1 && rustup toolchain install $1" >&2
        return 1
    fi
}

hpy_rs_setup_toolchain() {
    local channel components host stable_release toolchains
    channel="$(sed -n 's/^channel *= *"\(.*\)"$/\1/p' "$hpy_rs_toolchain_file")"
    components="$(sed -n 's/^components *= *\[\(.*\)\]$/\1/p' "$hpy_rs_toolchain_file" | tr -d '" ')"
    if [ -z "$channel" ]; then
        echo "error: no channel in $hpy_rs_toolchain_file" >&2
        return 1
    fi
    if ! command -v rustup >/dev/null 2>&1; then
        echo "warning: no rustup: using $(rustc --version), not Rust $channel (rust-toolchain.toml)" >&2
        return 0
    fi
    if rustup toolchain list | grep -q "^$channel-"; then
        hpy_rs_check_release "$channel"
        return
    fi
    echo "==> installing Rust $channel (rust-toolchain.toml)"
    if rustup toolchain install "$channel" --profile minimal ${components:+--component "$components"}; then
        return 0
    fi
    stable_release="$(rustc +stable -vV 2>/dev/null | sed -n 's/^release: //p')"
    host="$(rustc +stable -vV 2>/dev/null | sed -n 's/^host: //p')"
    if [ "$stable_release" = "$channel" ] && [ -n "$host" ]; then
        # rustup refuses `toolchain link` under a release's name, so link it by hand.
        toolchains="$(rustup show home)/toolchains"
        ln -s "$(rustc +stable --print sysroot)" "$toolchains/$channel-$host" || return 1
        echo "==> could not download Rust $channel: using the machine's stable toolchain, which is $channel"
        hpy_rs_check_release "$channel"
        return
    fi
    echo "error: Rust $channel (rust-toolchain.toml) is not installed and could not be installed" >&2
    return 1
}

hpy_rs_setup_toolchain || exit 1
