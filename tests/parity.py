"""Our chart against upstream's, object by object and field by field.

Both charts are rendered by the same Helm engine with the same values; each
rendered object is flattened into leaves (``Deployment/agents:spec.replicas``),
lists of named items keyed by their name (env by variable, containers,
volumes and ports by name), so a difference names the field, not a list index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema_gen.tools import helm_engine
from tests import rendering

HERE = Path(__file__).resolve().parent / "upstream"
UPSTREAM_CHARTS = {v: HERE / "charts" / f"agents-{v}" for v in ("0.9.1", "0.9.29")}
# Values files upstream ships with each version: name -> path.
UPSTREAM_VALUES = {
    v: {p.stem: p for p in sorted((HERE / "values" / v).glob("*.yaml"))} for v in UPSTREAM_CHARTS
}
# The namespace each upstream values file is written for (`helm -n`), where not "agents".
NAMESPACES = {"ci-ha": "agents-ci"}
# Labels that carry the chart's own version, not anything the values decide.
VERSION_LABELS = ("helm.sh/chart", "app.kubernetes.io/version")


class Objects(dict):
    """``kind/name`` -> object; ``every`` keeps them all, an object named twice included
    (which the dict holds once, the last one rendered)."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        super().__init__((f"{o['kind']}/{o['metadata']['name']}", o) for o in objects)
        self.every = objects

    def named_twice(self) -> set[str]:
        return (
            {f"{o['kind']}/{o['metadata']['name']}" for o in self.every}
            if len(self.every) != len(self)
            else set()
        )


@dataclass(frozen=True)
class Refused:
    """Helm refused the values: the stage (schema or template) and its message."""

    stage: str
    message: str


def render(
    chart: Path,
    values: dict[str, Any],
    namespace: str = "agents",
    release: str = "agents",
    *,
    whole: bool = False,
) -> dict[str, dict[str, Any]] | Refused:
    """Return ``kind/name`` -> object as Helm renders ``chart`` with ``values``, or why not.

    ``whole`` renders with the chart's schema step, Helm's own verdict on the values
    (tests/rendering.py answers that step with a compiled copy of the schema).
    """
    how = rendering.render_whole if whole else rendering.render
    try:
        rendered = how(chart, values, release=release, namespace=namespace)  # charts never changed
    except helm_engine.RenderRejected as error:
        return Refused(error.stage, error.message)
    return Objects(rendered.objects)


def _item_key(item: Any, index: int) -> str:
    if isinstance(item, dict) and "name" in item and isinstance(item["name"], str):
        # A volume may be mounted twice; the path tells the mounts apart.
        return f"{item['name']}@{item['mountPath']}" if "mountPath" in item else item["name"]
    return str(index)


def leaves(node: Any, at: str = "") -> dict[str, Any]:
    """Return path -> scalar (or empty map/list) for every leaf under ``node``."""
    if isinstance(node, dict) and node:
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in VERSION_LABELS:
                continue
            out.update(leaves(value, f"{at}.{key}" if at else str(key)))
        return out
    if isinstance(node, list) and node:
        out = {}
        for index, item in enumerate(node):
            out.update(leaves(item, f"{at}[{_item_key(item, index)}]"))
        return out
    return {at: node}


@dataclass(frozen=True)
class Difference:
    """One field that differs: ``None`` on a side means the field is absent there."""

    path: str  # kind/name:field.path
    ours: Any
    theirs: Any

    def __str__(self) -> str:
        return f"{self.path}: ours={json.dumps(self.ours)} upstream={json.dumps(self.theirs)}"


MISSING = None


def differences(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> list[Difference]:
    """Return every field that differs between two renders, objects matched by kind/name."""
    found: list[Difference] = []
    for name in sorted(set(ours) | set(theirs)):
        a = leaves(ours.get(name, {}))
        b = leaves(theirs.get(name, {}))
        if name not in ours or name not in theirs:
            found.append(Difference(f"{name}:", name in ours, name in theirs))
            continue
        for path in sorted(set(a) | set(b)):
            if a.get(path, MISSING) != b.get(path, MISSING) or (path in a) != (path in b):
                found.append(Difference(f"{name}:{path}", a.get(path), b.get(path)))
    return found


def field_counts(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]], kinds: tuple[str, ...]
) -> tuple[int, int]:
    """Return (equal, total) leaves of upstream's objects of ``kinds`` that ours renders alike."""
    equal = total = 0
    for name, obj in theirs.items():
        if obj["kind"] not in kinds:
            continue
        mine = leaves(ours.get(name, {}))
        for path, value in leaves(obj).items():
            total += 1
            equal += path in mine and mine[path] == value
    return equal, total
