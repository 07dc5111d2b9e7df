"""Values to environment variables: which key sets which variable, where, and what wins.

Model fields declare an :class:`EnvVar` for each variable they set. From these
declarations come the chart's generated ``agents.envMapping`` helper (which the
templates walk), the environment rows of the Config Mapping, ``schema-gen
explain`` and the tests, so the chart and its docs cannot disagree.

Precedence, lowest to highest, in each Deployment:

1. the typed key (``controller.namespaces``, ``grpc.port``, ...), when set;
2. the shared ``env.vars``;
3. the variables the chart forces in that Deployment (:data:`FORCED`);
4. the component's own ``env.vars`` (``controlPlane.env.vars`` or ``controllers.env.vars``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from schema_gen.rules import value_at

Format = Literal["string", "int", "bool", "list", "secretKeyRef"]

# Forced in a component unless its own env.vars sets them: the controllers run the
# same server as the control plane, which alone runs migrations and serves gRPC.
FORCED: dict[str, dict[str, str]] = {
    "controllers": {"JANGAR_MIGRATIONS": "skip", "JANGAR_GRPC_ENABLED": "0"},
}
SHARED = "env.vars"
FORCED_SOURCE = "forced by the chart"


@dataclass(frozen=True)
class EnvVar:
    """A container environment variable that a values key sets."""

    name: str
    components: tuple[str, ...]  # the components whose container gets it
    format: Format = "string"  # how the value is written: lists comma-joined


@dataclass(frozen=True)
class Declared:
    """An :class:`EnvVar` with the dotted values path of the key that sets it."""

    path: str
    var: EnvVar


def declarations(model: Any, prefix: str = "") -> list[Declared]:
    """Return every EnvVar declared on ``model`` and the models below it, in field order."""
    found = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{field.alias or name}"
        found += [Declared(path, m) for m in field.metadata if isinstance(m, EnvVar)]
        if isinstance(field.annotation, type) and hasattr(field.annotation, "model_fields"):
            found += declarations(field.annotation, f"{path}.")
    return found


def rendered_value(value: Any, form: Format) -> str | dict[str, Any] | None:
    """Return what a typed key's value renders as, or None when it sets nothing."""
    if form == "list":
        return ",".join(str(v) for v in value) if value else None
    if form == "int":
        return str(int(value)) if isinstance(value, int | float) and value is not True else None
    if form == "bool":
        return ("true" if value else "false") if isinstance(value, bool) else None
    if form == "secretKeyRef":
        if isinstance(value, Mapping) and value.get("name"):
            return {"secretKeyRef": {"name": value["name"], "key": value["key"]}}
        return None
    return value if isinstance(value, str) and value else None


def effective_env(
    values: Mapping[str, Any], component: str, declared: list[Declared]
) -> dict[str, tuple[str | dict[str, Any], str]]:
    """Return name -> (value or valueFrom, the source that set it) for a component's container.

    ``values`` are chart-merged, camelCase; the walk is the one the templates do.
    """
    env: dict[str, tuple[str | dict[str, Any], str]] = {}
    for item in declared:
        if component in item.var.components:
            value = rendered_value(value_at(values, item.path), item.var.format)
            if value is not None:
                env[item.var.name] = (value, item.path)
    for name, value in (value_at(values, SHARED) or {}).items():
        env[name] = (value, SHARED)
    for name, value in FORCED.get(component, {}).items():
        env[name] = (value, FORCED_SOURCE)
    for name, value in (value_at(values, f"{component}.env.vars") or {}).items():
        env[name] = (value, f"{component}.env.vars")
    return dict(sorted(env.items()))


def container_env(env: Mapping[str, tuple[str | dict[str, Any], str]]) -> list[dict[str, Any]]:
    """Return ``effective_env`` as the container's ``env`` list, as the chart renders it."""
    return [
        {"name": name, "valueFrom": value}
        if isinstance(value, dict)
        else {"name": name, "value": value}
        for name, (value, _source) in env.items()
    ]


TYPED = "typed key"


def precedence(component: str, var: str, *, typed: bool) -> list[str]:
    """Return the sources that can set ``var`` in ``component``, lowest to highest.

    ``typed``: whether a typed values key sets ``var`` in this component.
    """
    forced = [FORCED_SOURCE] if var in FORCED.get(component, {}) else []
    return [*([TYPED] if typed else []), SHARED, *forced, f"{component}.env.vars"]


def template_json(declared: list[Declared]) -> str:
    """Return the mapping as the generated ``agents.envMapping`` helper holds it."""
    typed = [
        {
            "name": item.var.name,
            "path": item.path,
            "format": item.var.format,
            "components": list(item.var.components),
        }
        for item in declared
    ]
    return json.dumps({"typed": typed, "forced": FORCED}, sort_keys=True)
