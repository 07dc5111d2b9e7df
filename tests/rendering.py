"""Renders for the tests: Helm's Go engine, with the schema step answered once per process.

Helm compiles ``values.schema.json`` on every render, about three quarters of a render
of this chart. For values the schema accepts, the tests render a copy of the chart
without its schema (the same templates, so the same output) after checking the
merged values with the schema compiled once (fastjsonschema, as lint's clean path
does); values the schema refuses
are rendered by the whole chart, so Helm's own refusal and words reach the test.
That the compiled schema and Helm give one verdict on the same values is what
tests/property and tests/test_clean_values hold; ``SCHEMA_GEN_FULL_RENDERS=1`` renders
every time the whole way.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import fastjsonschema

from schema_gen.contract.components import NAMESPACE, RELEASE
from schema_gen.tools import helm_engine


class _Chart:
    """A chart loaded once: whole, without its schema, and the schema compiled."""

    def __init__(self, chart: Path) -> None:
        self.whole = helm_engine.load(chart)
        schema_file = chart / "values.schema.json"
        self.validator = None
        self.schemaless = self.whole
        if schema_file.is_file():
            schema = json.loads(schema_file.read_text(encoding="utf-8"))
            self.validator = fastjsonschema.compile(schema)
            copy = Path(tempfile.mkdtemp(prefix="schemaless-")) / chart.name
            shutil.copytree(chart, copy, ignore=shutil.ignore_patterns("values.schema.json"))
            atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
            self.schemaless = helm_engine.load(copy)

    def accepts(self, values: dict[str, Any]) -> bool:
        if self.validator is None:
            return True
        try:
            self.validator(self.whole.merge_values(values))
        except fastjsonschema.JsonSchemaException:
            return False
        return True


@functools.cache
def _chart(chart: Path) -> _Chart:
    return _Chart(chart)


def render(
    chart: Path,
    values: dict[str, Any] | None = None,
    *,
    release: str = RELEASE,
    namespace: str = NAMESPACE,
) -> helm_engine.Rendered:
    """Return what Helm renders for ``values``, or raise its RenderRejected (see above).

    Only for charts the tests never change (the repository's and the pinned upstream
    ones): a chart is read once per process.
    """
    values = values or {}
    if os.environ.get("SCHEMA_GEN_FULL_RENDERS") == "1":
        return helm_engine.render(chart, values, release=release, namespace=namespace)
    loaded = _chart(Path(chart).resolve())
    target = loaded.schemaless if loaded.accepts(values) else loaded.whole
    return helm_engine.render_loaded(target, values, release=release, namespace=namespace)


def merged(chart: Path, values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` coalesced over ``chart``'s defaults by Helm itself."""
    return _chart(Path(chart).resolve()).whole.merge_values(values)


def render_whole(
    chart: Path,
    values: dict[str, Any] | None = None,
    *,
    release: str = RELEASE,
    namespace: str = NAMESPACE,
) -> helm_engine.Rendered:
    """Return what Helm renders, its schema step included: for tests of Helm's verdict."""
    loaded = _chart(Path(chart).resolve()).whole
    return helm_engine.render_loaded(loaded, values or {}, release=release, namespace=namespace)
