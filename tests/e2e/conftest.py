"""Fixtures the e2e tier's files share: the release's artifacts, a local OCI registry."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

# The release builds its artifacts once (`nox -s dist`) and runs the tests on them,
# naming their folder here; elsewhere the tests build them the same way.
RELEASE_DIST = os.environ.get("SCHEMA_GEN_DIST")


def built_dist(out: Path) -> Path:
    """Return ``out`` after .ci/dist.py has built the release's artifacts into it."""
    done = subprocess.run(
        [sys.executable, str(REPO / ".ci" / "dist.py"), str(out)],
        cwd=out, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release's artifacts: python/ (wheel, sdist), chart/ (package, schemas), SHA256SUMS.

    Those of $SCHEMA_GEN_DIST, the very files a release publishes; else built by
    .ci/dist.py from a copy of this checkout, so that workers building at once never
    share a folder.
    """
    if RELEASE_DIST:
        return Path(RELEASE_DIST)
    return built_dist(tmp_path_factory.mktemp("dist"))


# Debian's docker-registry package (the CNCF distribution registry); .ci/run installs it.
DOCKER_REGISTRY = shutil.which("docker-registry")


@pytest.fixture
def oci_registry(tmp_path: Path):
    """A local OCI registry on 127.0.0.1, plain HTTP, storing under tmp_path."""
    if not DOCKER_REGISTRY:
        pytest.skip("no docker-registry (Debian's package) for a local OCI registry")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "registry.yml"
    config.write_text(
        f"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
        f"    rootdirectory: {tmp_path / 'blobs'}\nhttp:\n  addr: 127.0.0.1:{port}\n"
    )
    server = subprocess.Popen([DOCKER_REGISTRY, "serve", str(config)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the local registry did not answer within 10 s")
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
