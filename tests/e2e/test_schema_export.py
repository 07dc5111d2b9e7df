"""values.schema.json speaks Helm's safest dialect and carries the contract's per-entry rules."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def _generate_with_seed(seed: str, chart) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "schema_gen", "generate", "--chart", str(chart)],
        check=True, env=env, cwd=REPO, capture_output=True,
    )  # fmt: skip
    return (chart / "values.schema.json").read_bytes()


def test_output_does_not_depend_on_the_hash_seed(chart_copy):
    (chart_copy / "values.schema.json").unlink()
    first = _generate_with_seed("1", chart_copy)
    (chart_copy / "values.schema.json").unlink()
    assert _generate_with_seed("4242", chart_copy) == first
