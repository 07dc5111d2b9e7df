"""The wheel carries the chart as ``schema_gen/chart`` (see ``schema_gen.packaged``).

A hook rather than ``force-include``: an editable install reads the chart from the
checkout, so it must not copy one into site-packages, where it would go stale.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ChartInWheel(BuildHookInterface):
    """Add ``charts/agents`` to a regular wheel as ``schema_gen/chart``."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version != "editable":
            build_data["force_include"]["charts/agents"] = "schema_gen/chart"
