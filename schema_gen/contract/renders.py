"""Where values keys render: the metadata behind the Config Mapping table.

A model field declares, next to its type, a :class:`Renders` for each place the
chart puts its value. The docs print the table from these declarations and the
tests render the chart with each row's probe and check that the value lands at
the documented field in exactly the documented Deployments, so a row cannot lie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from schema_gen.contract import components
from schema_gen.contract.model_fields import walk
from schema_gen.contract.values_paths import nested

POD = "spec.template.spec"
CONTAINER = f"{POD}.containers[0]"
NOTES = "NOTES.txt"


@dataclass(frozen=True)
class Renders:
    """One Config Mapping row: a values key, the field it renders to, and how."""

    field: str  # dotted path in a Deployment ("[]": an item of that list), or NOTES.txt
    behavior: str
    probe: dict[str, Any]  # values, relative to the model holding the key, that exercise it
    expect: Any  # the list item (for "...[]") or value that must appear at field
    scope: Literal["both", "component", "notes"] = "both"
    value: str = "`{key}`"  # how the Helm value column shows the key
    context: dict[str, Any] | None = None  # top-level values the probe needs besides its own
    resource: tuple[str, str] | None = None  # (kind, name) when it renders outside the Deployments
    also: tuple[str, ...] = ()  # other components (values keys) whose Deployment it reaches


@dataclass(frozen=True)
class Row:
    """A Config Mapping row resolved to its full values key and Deployments."""

    key: str  # dotted values path of the model field
    prefix: tuple[str, ...]  # where the probe goes in the values
    renders: Renders
    deployments: tuple[str, ...]

    @property
    def value(self) -> str:
        """The Helm value column."""
        return self.renders.value.format(key=self.key)

    def probe_values(self) -> dict[str, Any]:
        """Return the whole values document that exercises this row, every Deployment on."""
        probe = dict(self.renders.probe)
        if self.prefix:
            probe = nested(".".join(self.prefix), probe)
        return deep_merge(base_values(self.renders), probe)


def base_values(renders: Renders) -> dict[str, Any]:
    """Return the values a row's probe is rendered over: its context, every Deployment on."""
    return deep_merge(components.every_deployment(), renders.context or {})


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return ``over`` merged into a copy of ``base``, maps key by key, as ``helm -f`` does."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = deep_merge(merged[key], value)
        merged[key] = value
    return merged


def _deployments(renders: Renders, path: tuple[str, ...]) -> tuple[str, ...]:
    """Return the Deployments a row renders into: a component's own, both, or none."""
    if renders.resource or renders.scope == "notes":
        return ()
    also = tuple(components.DEPLOYMENTS[key] for key in renders.also)
    if renders.scope == "component" and path[0] in components.DEPLOYMENTS:
        return (components.DEPLOYMENTS[path[0]], *also)
    return (*(c.deployment for c in components.SERVERS), *also)


def rows(model: Any) -> list[Row]:
    """Return the Config Mapping rows declared on ``model`` and the models below it."""
    return [
        Row(at.dotted, at.path[:-1], renders, _deployments(renders, at.path))
        for at in walk(model)
        for renders in at.metadata(Renders)
    ]
