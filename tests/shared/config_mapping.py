"""What the tiers' tests of config_mapping share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.contract import renders
from schema_gen.contract.models import Values

ROWS = renders.rows(Values)
