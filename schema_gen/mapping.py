"""Where values keys render: the metadata behind the Config Mapping table.

A model field declares, next to its type, a :class:`Renders` for each place the
chart puts its value. The docs print the table from these declarations and the
tests render the chart with each row's probe and check that the value lands at
the documented field in exactly the documented Deployments, so a row cannot lie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# The Deployment each component renders into, for a release named "agents".
DEPLOYMENTS = {"controlPlane": "agents", "controllers": "agents-controllers"}
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
        """Return the whole values document that exercises this row."""
        values: dict[str, Any] = dict(self.renders.probe)
        for part in reversed(self.prefix):
            values = {part: values}
        return {**(self.renders.context or {}), **values}


def rows(model: Any, prefix: tuple[str, ...] = (), component: str | None = None) -> list[Row]:
    """Return the Config Mapping rows declared on ``model`` and the models below it."""
    found: list[Row] = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        for renders in (m for m in field.metadata if isinstance(m, Renders)):
            if renders.resource:
                deployments = ()
            elif renders.scope == "component" and component:
                deployments: tuple[str, ...] = (DEPLOYMENTS[component],)
            elif renders.scope == "notes":
                deployments = ()
            else:
                deployments = tuple(DEPLOYMENTS.values())
            found.append(Row(".".join((*prefix, key)), prefix, renders, deployments))
        annotation = field.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            below = key if key in DEPLOYMENTS else component
            found += rows(annotation, (*prefix, key), below)
    return found
