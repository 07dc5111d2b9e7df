"""What the tiers' tests of chart_release share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import subprocess

import yaml

from tests.conftest import CHART

CHART_META = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))


VERSION = CHART_META["version"]


def _helm(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["helm", *args], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"helm {' '.join(args)}: {done.stderr}"
    return done.stdout
