"""What the tiers' tests of lint share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.cli import main
from tests.conftest import CHART, TROUBLESHOOTING

INVALID = sorted((TROUBLESHOOTING).glob("*.yaml"))


CI_SAMPLES = sorted((CHART / "ci").glob("*-values.yaml"))


def _lint(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["lint", "-q", *args])  # -q: a clean file prints nothing
    out, err = capsys.readouterr()
    return status, out.splitlines(), err
