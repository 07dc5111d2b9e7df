"""What the tiers' tests of addresses share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO

# The stand-ins the project once shipped (spelled apart so this file does not match).
PLACEHOLDER = re.compile("OWNER" + r"(/REPO\b|\.github\.io|/charts)|ghcr\.io/" + "OWNER")


def repository_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return [name for name in listed if (REPO / name).is_file()]
