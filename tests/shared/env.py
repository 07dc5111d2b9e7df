"""What the tiers' tests of env share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.contract import environment
from schema_gen.contract.models import Values

DECLARED = environment.declarations(Values)
