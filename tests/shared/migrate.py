"""What the tiers' tests of migrate share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests import in_process


def _migrate(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return in_process.schema_gen("migrate", *args, cwd=cwd)
