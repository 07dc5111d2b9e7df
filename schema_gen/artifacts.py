"""The files ``schema-gen generate`` owns in a chart, and how each is produced."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from schema_gen import chart_files, schema_export

DEFAULT_CHART = Path("charts/agents")


@dataclass(frozen=True)
class Artifact:
    """A generated file: its path in the chart and how to produce it from what is there."""

    path: str
    produce: Callable[[str | None], str]  # current text (or None) -> wanted text


def _values_schema(current: str | None) -> str:
    existing = json.loads(current) if current else None
    return schema_export.schema_text(
        schema_export.merged_schema(existing, schema_export.values_schema())
    )


ARTIFACTS = (
    Artifact("values.schema.json", _values_schema),
    Artifact("values.yaml", lambda _current: chart_files.values_yaml()),
    Artifact("templates/_reserved.tpl", lambda _current: chart_files.reserved_volumes_template()),
)


def stale_files(chart: Path, *, write: bool) -> list[Path]:
    """Return the chart's generated files whose bytes differ from a fresh generation.

    With ``write`` the stale files are rewritten; without it nothing is touched.
    """
    stale = []
    for artifact in ARTIFACTS:
        path = chart / artifact.path
        current = path.read_text(encoding="utf-8") if path.exists() else None
        wanted = artifact.produce(current)
        if wanted != current:
            stale.append(path)
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(wanted, encoding="utf-8")
    return stale
