# Sourced by the other scripts: creates (once) and updates (when requirements.txt changes) the
# virtualenv `.venv` with the packages in scripts/requirements.txt, then exports
# HPY_RS_PYTHON, the interpreter every test uses. Idempotent: a second run only checks a stamp.
#
# The interpreter comes from $HPY_RS_BASE_PYTHON, else `python3`; hpy 0.9 supports
# CPython 3.8 to 3.12.

hpy_rs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hpy_rs_venv="$hpy_rs_root/.venv"
hpy_rs_requirements="$hpy_rs_root/scripts/requirements.txt"
hpy_rs_stamp="$hpy_rs_venv/.requirements.installed"

hpy_rs_setup_venv() {
    local base="${HPY_RS_BASE_PYTHON:-python3}"
    if ! command -v "$base" >/dev/null 2>&1; then
        echo "error: $base not found; install CPython 3.8-3.12 or set HPY_RS_BASE_PYTHON" >&2
        return 1
    fi
    if ! "$base" -c 'import sys; sys.exit(not ((3, 8) <= sys.version_info[:2] <= (3, 12)))'; then
        echo "error: hpy 0.9 needs CPython 3.8-3.12; $base is $("$base" --version 2>&1)." \
            "Set HPY_RS_BASE_PYTHON to a supported interpreter." >&2
        return 1
    fi
    if [ ! -x "$hpy_rs_venv/bin/python" ]; then
        echo "==> creating $hpy_rs_venv"
        "$base" -m venv "$hpy_rs_venv" || return 1
        rm -f "$hpy_rs_stamp"
    fi
    if ! cmp -s "$hpy_rs_requirements" "$hpy_rs_stamp"; then
        echo "==> installing $(grep -v '^#' "$hpy_rs_requirements" | tr '\n' ' ')into .venv"
        "$hpy_rs_venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            -r "$hpy_rs_requirements" || return 1
        cp "$hpy_rs_requirements" "$hpy_rs_stamp"
    fi
    export HPY_RS_PYTHON="$hpy_rs_venv/bin/python"
}

hpy_rs_setup_venv || exit 1
