"""What the tiers' tests of chart_readme share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import yaml

from tests.conftest import CHART

README = (CHART / "README.md").read_text(encoding="utf-8")


META = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
