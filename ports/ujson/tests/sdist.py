"""ujson 6.1.0's source distribution, which holds the test suite and data the port is checked
and measured with: downloaded once with pip into `target/ujson-sdist/`, its sha256 checked
on every use, and unpacked next to it. Once the download is there nothing goes to the network.

    python ports/ujson/tests/sdist.py      # fetches (if needed) and prints the unpacked folder
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

VERSION = "6.1.0"
SHA256 = "aef7ea4cd9e2e9f8a35c4538a9780d58c80d76c5da66a8dad269b4cc6d930c29"
ARCHIVE = f"ujson-{VERSION}.tar.gz"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CACHE = os.path.join(ROOT, "target", "ujson-sdist")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(dest):
    """Downloads the pinned sdist into `dest` with pip (the package index pip is set up
    for), checks its hash and returns its path; a file with another hash is deleted."""
    path = os.path.join(dest, ARCHIVE)
    if not os.path.exists(path):
        print(f"==> downloading the ujson {VERSION} sdist with pip into {dest}", flush=True)
        with tempfile.TemporaryDirectory(dir=dest) as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--no-binary", ":all:", f"ujson=={VERSION}", "--dest", tmp],
                check=True,
            )
            os.replace(os.path.join(tmp, ARCHIVE), path)
    actual = sha256_of(path)
    if actual != SHA256:
        os.remove(path)
        raise SystemExit(f"{path} has sha256 {actual}, not the pinned {SHA256}: deleted it")
    return path


def unpack(archive, dest):
    """Unpacks `archive` into `dest/ujson-<VERSION>` unless a complete unpacking of this
    very archive is there (a stamp holding its hash is written last)."""
    folder = os.path.join(dest, f"ujson-{VERSION}")
    stamp = os.path.join(folder, ".sha256")
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == SHA256:
                return folder
    shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=dest) as tmp:
        with tarfile.open(archive) as tar:
            # The "data" filter (refuse links and paths out of the folder) where this Python
            # has it: 3.12, and the security releases of 3.8 to 3.11.
            kwargs = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(tmp, **kwargs)
        os.replace(os.path.join(tmp, f"ujson-{VERSION}"), folder)
    with open(stamp, "w") as f:
        f.write(SHA256)
    return folder


def fetch():
    """The unpacked sdist's folder, downloading and unpacking it first if needed."""
    os.makedirs(CACHE, exist_ok=True)
    return unpack(download(CACHE), CACHE)


if __name__ == "__main__":
    print(fetch())
