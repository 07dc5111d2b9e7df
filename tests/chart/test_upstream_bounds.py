"""Every bound upstream 0.9.29's schema sets, this chart keeps: what upstream refuses, ours
refuses, unless the differences page lists the widening.

The oracle is upstream's own schema and Helm's refusal of upstream's chart: for each
constraint upstream states (a minimum, a maximum, an enum, a pattern, a length, a count
of items), the test writes the nearest value past it, has Helm render upstream (which
must refuse it) and ours (which must refuse it too). A bound dropped from a model
(lint then calls 400 artifacts "no problems") fails here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from schema_gen.contract import differences
from tests import parity
from tests.conftest import CHART

UPSTREAM = parity.UPSTREAM_CHARTS["0.9.29"]
SCHEMA = json.loads((UPSTREAM / "values.schema.json").read_text(encoding="utf-8"))
# Upstream's bounds this chart widens on purpose, each an entry of the page (WIDENED).
WIDENED = {"grpc.serviceType": "gRPC Service type"}
# Values a probe needs to reach its key: the gateway renders only when enabled, with
# its database Secret named.
CONTEXT: dict[str, dict[str, Any]] = {
    "linearMcpGateway": {"linearMcpGateway": {"enabled": True, "databaseSecret": {"name": "db"}}},
    "agentsShell": {"agentsShell": {"enabled": True}},
}


def _past(keyword: str, bound: Any, schema: dict[str, Any]) -> Any:
    """Return the nearest value that breaks ``keyword: bound``, of the key's own type."""
    if keyword == "minimum":
        return bound - 1
    if keyword == "maximum":
        return bound + 1
    if keyword == "enum":
        return "not-" + str(bound[0])
    if keyword == "pattern":
        return "Not_A_Name!"
    if keyword == "minLength":
        return "x" * (bound - 1)
    if keyword == "maxLength":
        return "a" * (bound + 1)
    if keyword == "minItems":
        return []
    raise AssertionError(keyword)


def _constraints(node: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple]:
    for keyword in ("minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "minItems"):
        if keyword in node:
            yield path, keyword, node[keyword], node
    for key, sub in node.get("properties", {}).items():
        yield from _constraints(sub, (*path, key))
    if isinstance(node.get("items"), dict):
        yield from _constraints(node["items"], (*path, "[]"))
    if isinstance(node.get("additionalProperties"), dict):
        yield from _constraints(node["additionalProperties"], (*path, "*"))


CASES = list(_constraints(SCHEMA))


def _values(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    for key in reversed(path):
        value = [value] if key == "[]" else {"probe" if key == "*" else key: value}
    return _merged(CONTEXT.get(path[0], {}), value)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both else value
    return merged


@pytest.mark.parametrize(
    ("path", "keyword", "bound", "node"),
    CASES,
    ids=[f"{'.'.join(p)}:{k}" for p, k, _b, _n in CASES],
)
def test_a_value_past_upstreams_bound_is_refused_here_too(path, keyword, bound, node):
    dotted = ".".join(p for p in path if p != "[]")
    values = _values(path, _past(keyword, bound, node))
    theirs = parity.render(UPSTREAM, values)
    assert isinstance(theirs, parity.Refused), f"upstream renders {values}: the probe is wrong"
    ours = parity.render(CHART, values)
    if dotted in WIDENED:
        listed = [title for title, _why in differences.BY_DESIGN]
        listed += [widening.title for widening in differences.WIDENED]
        assert WIDENED[dotted] in listed  # the page says so
        return
    assert isinstance(ours, parity.Refused), f"ours renders {values}, which upstream refuses"
