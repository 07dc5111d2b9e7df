"""No string an operator writes can change the structure of what the chart renders.

Every string in a values file that sets every key (the chart's defaults, the
"everything" samples, every Deployment and gate on) is replaced with text that
would add a key if a template wrote it unquoted: a quote, a newline, a new
mapping line. Values the chart refuses (patterns, names) stay refused; every
value it accepts must come out as data, never as a key of a rendered object.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest

from schema_gen.contract.components import every_deployment
from schema_gen.contract.renders import deep_merge
from schema_gen.tools import lint
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import CHART, load_yaml, merged_values, render

MARK = "injected"
# What an unquoted `key: {{ value }}` would turn into extra keys, in block and flow style,
# and a value that would close a JSON string a template wrote by hand.
PAYLOADS = (
    '{i}"\n{mark}{i}: true\nx: "',
    "{i}\n{mark}{i}: true",
    '{i}", "{mark}{i}": "true',
    "{{{mark}{i}: true}}",
)
# Gates that let conditional templates render the keys behind them.
GATES: dict[str, Any] = {
    "controller": {"authSecret": {"name": "auth"}},
    "agentComms": {"enabled": True, "subjects": ["s"], "nats": {"user": "u", "password": "p"}},
    "database": {"caSecret": {"name": "ca"}},
    "audit": {"sink": {"type": "http", "http": {"url": "https://audit.example"}}},
    **every_deployment(),
}
# The everything sample installs into its own namespace, which the gateway must name.
GATES["linearMcpGateway"] = {**GATES["linearMcpGateway"], "config": {"namespace": "agents-system"}}
Path = tuple[Any, ...]


def _strings(node: Any, at: Path = ()) -> Iterator[Path]:
    """Yield the path of every string value under ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*at, index))
    elif isinstance(node, str):
        yield at


def _set(values: dict[str, Any], at: Path, value: Any) -> None:
    node: Any = values
    for key in at[:-1]:
        node = node[key]
    node[at[-1]] = value


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def _base() -> dict[str, Any]:
    samples = [load_yaml(CHART / "ci" / f) for f in ("everything-values.yaml",)]
    values: dict[str, Any] = {}
    for sample in [*samples, GATES]:
        values = deep_merge(values, sample)
    return merged_values(values)


BASE = _base()
LEAVES = list(_strings(BASE))


def _accepted(payload: str) -> tuple[dict[str, Any], dict[Path, str]]:
    """Return the base values with the payload in every string the chart accepts it in."""
    values = copy.deepcopy(BASE)
    placed = {at: payload.format(i=i, mark=MARK) for i, at in enumerate(LEAVES)}
    for at, text in placed.items():
        _set(values, at, text)
    while True:  # put back what lint refuses, until nothing is refused
        refused = [f.at for f in lint.findings(values, "agents") if not f.warning]
        back = [at for at in placed if any(at[: len(r)] == tuple(r) for r in refused)]
        if not refused:
            return values, placed
        assert back, f"refused, but no payload is at the paths: {refused}"
        for at in back:
            _set(values, at, copy.deepcopy(_original(at)))
            del placed[at]


def _original(at: Path) -> Any:
    node: Any = BASE
    for key in at:
        node = node[key]
    return node


def test_the_values_reach_the_templates_that_render_strings():
    assert len(LEAVES) > 150
    rendered = render(BASE)
    kinds = {obj["kind"] for obj in rendered.objects}
    assert {"Deployment", "Service", "Role", "NetworkPolicy"} <= kinds


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_accepted_string_adds_a_key_to_a_rendered_object(payload):
    values, placed = _accepted(payload)
    assert len(placed) > 100, "most strings are free text and must take the payload"
    try:
        rendered = render(values)
    except RenderRejected as refused:  # lint let them through: Helm must not refuse them
        pytest.fail(f"lint passed values Helm refuses: {refused.message}")
    added = sorted({k for obj in rendered.objects for k in _keys(obj) if MARK in k})
    sources = [
        ".".join(map(str, LEAVES[int(found.group(1))]))
        for k in added
        if (found := re.fullmatch(rf"{MARK}(\d+)", k))
    ]
    assert added == [], f"strings became keys: {added}, from {sources}"
