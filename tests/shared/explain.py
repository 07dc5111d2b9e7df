"""What the tiers' tests of explain share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.cli import main


def _explain(capsys, *paths) -> tuple[int, list[str], str]:
    status = main(["explain", *map(str, paths)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err
