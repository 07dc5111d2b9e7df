"""What the tiers' tests of workflows share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import yaml

from schema_gen import packaged
from tests.conftest import REPO

GITHUB = REPO / ".github"


WORKFLOWS = {p.name: p for p in sorted((GITHUB / "workflows").glob("*.yml"))}


VERSION = packaged.chart_version()


def _workflow(name: str) -> dict:
    return yaml.safe_load(WORKFLOWS[name].read_text(encoding="utf-8"))


RELEASE, DOCS = _workflow("release.yml"), _workflow("docs.yml")
