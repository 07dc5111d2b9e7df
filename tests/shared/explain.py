"""What the tiers' tests of explain share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from schema_gen.cli import main


def _explain(capsys, *paths, namespace: str | None = "agents") -> tuple[int, list[str], str]:
    """Run explain in ``namespace`` (the samples' own) unless ``paths`` name one; None: none."""
    given = "-n" in paths or namespace is None
    status = main(["explain", *map(str, paths), *([] if given else ["-n", namespace])])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err
