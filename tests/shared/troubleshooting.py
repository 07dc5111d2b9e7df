"""What the tiers' tests of troubleshooting share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.generator.troubleshooting_samples import (
    read_samples,
)
from tests.conftest import TROUBLESHOOTING

SAMPLES = read_samples(TROUBLESHOOTING)


RERUN = "run `nox -s messages` to capture the CLIs' words again"


def _ids(samples):
    return [s.path for s in samples]
