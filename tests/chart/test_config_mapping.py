"""Every Config Mapping row is proven by rendering: a row that lies fails here."""

from __future__ import annotations

from typing import Any

import pytest

from schema_gen.contract import components, renders
from schema_gen.contract.models import Values
from tests.conftest import merged_values, render
from tests.shared.config_mapping import ROWS


def _at(obj: Any, field: str) -> Any:
    """Return what sits at a dotted field like ``spec.template.spec.containers[0].env[]``."""
    for part in field.removesuffix("[]").split("."):
        name, _, index = part.partition("[")
        obj = obj.get(name) if isinstance(obj, dict) else None
        if index and obj is not None:
            obj = obj[int(index.rstrip("]"))]
    return obj


def _shows(deployment: dict[str, Any], row: renders.Row) -> bool:
    found = _at(deployment, row.renders.field)
    if row.renders.field.endswith("[]"):
        return row.renders.expect in (found or [])
    return found == row.renders.expect


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.key}->{r.renders.field}")
def test_row_renders_where_it_says_in_exactly_the_deployments_it_says(row):
    values = row.probe_values()
    Values.model_validate(merged_values(values))  # the probe itself is valid values
    rendered = render(values)
    if row.renders.scope == "notes":
        assert row.renders.expect in rendered.notes
        return
    if row.renders.resource:
        assert _shows(rendered.get(*row.renders.resource), row)
        return
    for deployment in components.DEPLOYMENTS.values():
        shown = _shows(rendered.get("Deployment", deployment), row)
        assert shown == (deployment in row.deployments), (deployment, row.value)


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r.renders.scope != "notes"], ids=lambda r: r.key
)
def test_without_the_probe_the_value_is_absent(row):
    # Guards against a probe that would pass by accident, such as a chart default.
    rendered = render(renders.base_values(row.renders))
    for deployment in components.DEPLOYMENTS.values():
        assert not _shows(rendered.get("Deployment", deployment), row)
