"""What the tiers' tests of schema_export share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import json

from tests.conftest import CHART

SCHEMA = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
