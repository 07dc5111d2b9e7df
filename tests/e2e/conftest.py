"""Fixtures the e2e tier's files share: the release's artifacts."""

from __future__ import annotations

import os
import subprocess
import sys
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
