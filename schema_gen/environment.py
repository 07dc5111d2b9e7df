"""Values to environment variables: which key sets which, where, in what form, what wins.

Model fields declare an :class:`EnvVar` for each variable they set; the forms a
value takes (:data:`FORMATS`), the variables the chart forces (:data:`FORCED`)
and the precedence of sources (:data:`PRECEDENCE`) are declared here once. The
chart's ``_env.tpl`` writes the variables in the order upstream 0.9.1 does; the
generated ``_env_mapping.tpl`` gives it :data:`FORCED`, and the Config Mapping,
``schema-gen explain`` and the tests read the same declarations. The tests
render every declared variable to prove the declarations and the template agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from schema_gen.components import CONTROL_PLANE, CONTROLLERS
from schema_gen.components import KEYS as COMPONENT_KEYS
from schema_gen.model_fields import walk
from schema_gen.values_paths import value_at


@dataclass(frozen=True)
class Format:
    """How a typed key's value appears in its variable."""

    name: str
    documented: str  # how the Config Mapping describes the form, after the precedence


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("string", "the string, unset when empty."),
        Format("int", "the number, quoted."),
        Format("bool", "`true` or `false`."),
        Format("flag", "`1` when true (then the loop's other variables are set), `0` when false."),
        Format("on", "`true` when on; nothing when off."),
        Format("not", "the negation: `false` when on, `true` when off."),
        Format("list", "the list joined with commas; empty = the release namespace or unset."),
        Format("json", "the value as JSON, unset when empty."),
        Format("path", "the certificate's path under the chart's mount, when name is set."),
        Format("image", "repository:tag, then @digest when set; unset when repository is empty."),
        Format("account", "the ServiceAccount's name, always set."),
        Format("secretKeyRef", "a `secretKeyRef` to that Secret key, when `name` is set."),
    )
}


@dataclass(frozen=True)
class EnvVar:
    """A container environment variable that a values key sets."""

    name: str
    components: tuple[str, ...]  # the components (values keys) whose container may get it
    format: str = "string"  # a key of FORMATS
    # Set only in the container that runs the reconcile loops: the controllers' when
    # controllers.enabled, else the control plane's (as chart 0.9.1 does).
    loops: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"{self.name}: unknown format {self.format!r}; see FORMATS")


def loop_var(
    name: str, form: str = "string", components: tuple[str, ...] = COMPONENT_KEYS
) -> EnvVar:
    """Return a variable of the reconcile loops: set only in the container that runs them."""
    return EnvVar(name, components, form, loops=True)


@dataclass(frozen=True)
class Declared:
    """An :class:`EnvVar` with the dotted values path of the key that sets it."""

    path: str
    var: EnvVar


def containers(var: EnvVar, *, split: bool) -> set[str]:
    """Return the components whose container gets ``var`` (``split``: controllers.enabled)."""
    rendered = {CONTROL_PLANE.key, CONTROLLERS.key} if split else {CONTROL_PLANE.key}
    if var.loops:
        rendered = {CONTROLLERS.key if split else CONTROL_PLANE.key}
    return rendered & set(var.components)


def declarations(model: Any) -> list[Declared]:
    """Return every EnvVar declared on ``model`` and the models below it, in field order."""
    return [
        Declared(".".join(map(str, f.path)), var) for f in walk(model) for var in f.metadata(EnvVar)
    ]


# Forced in a component unless the operator's env.vars set them. The controllers run
# the same server as the control plane, which alone runs migrations, serves gRPC and
# keeps the cache; with the controllers Deployment on, the control plane leaves the
# primitives reconciler to it.
FORCED: dict[str, dict[str, str]] = {
    CONTROLLERS.key: {
        "JANGAR_MIGRATIONS": "skip",
        "JANGAR_GRPC_ENABLED": "0",
        "JANGAR_CONTROL_PLANE_CACHE_ENABLED": "0",
    },
}
FORCED_WITH_CONTROLLERS: dict[str, dict[str, str]] = {
    CONTROL_PLANE.key: {"JANGAR_PRIMITIVES_RECONCILER": "0"},
}


@dataclass(frozen=True)
class Layer:
    """A source of a container's variables; a later layer wins over an earlier one."""

    kind: Literal["typed", "vars", "forced"]
    path: str = ""  # "vars": the name -> value map's values path; {component} is filled in

    def source(self, component: str) -> str:
        """Return how the docs and ``explain`` name this source in ``component``."""
        names = {"typed": TYPED, "forced": FORCED_SOURCE}
        return names.get(self.kind) or self.path.format(component=component)


TYPED = "typed key"
FORCED_SOURCE = "forced by the chart"
SHARED = "env.vars"
# Lowest first, in each component's container.
PRECEDENCE: tuple[Layer, ...] = (
    Layer("typed"),
    Layer("vars", SHARED),
    Layer("forced"),
    Layer("vars", "{component}.env.vars"),
)


def forced(component: str, values: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Return the variables the chart forces in ``component`` (all that may be, without values)."""
    found = dict(FORCED.get(component, {}))
    if values is None or (values.get("controllers") or {}).get("enabled"):
        found.update(FORCED_WITH_CONTROLLERS.get(component, {}))
    return found


def operator_vars(values: Mapping[str, Any], component: str) -> dict[str, tuple[str, str]]:
    """Return name -> (value, source) of the env.vars layers and forced variables, merged."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in PRECEDENCE[1:]:
        if layer.kind == "forced":
            pairs = forced(component, values)
        else:
            path = layer.path.format(component=component).split(".")
            node: Any = values
            for part in path:
                node = (node or {}).get(part) if isinstance(node, Mapping) else None
            pairs = node or {}
        for name, value in pairs.items():
            merged[name] = (value, layer.source(component))
    return merged


# Variables the chart always sets from no values key.
FIXED: dict[str, str] = {"JANGAR_POD_NAMESPACE": "the pod's namespace (a fieldRef)"}
CHART_SOURCE = "the chart"


def sources(values: Mapping[str, Any], component: str, declared: list[Declared]) -> dict[str, str]:
    """Return variable -> what set it in ``component``, for the variables the values can set.

    A variable the operator's layers hold is theirs (the chart leaves its own out);
    else the first typed key that declares it and is set (database.url before
    database.secretRef); else the chart.
    """
    found = dict.fromkeys(FIXED, CHART_SOURCE)
    for item in sorted(declared, key=lambda d: not value_at(values, d.path)):
        if component in item.var.components:
            found.setdefault(item.var.name, item.path)
    found.update(
        {name: source for name, (_value, source) in operator_vars(values, component).items()}
    )
    return found


def template_data() -> dict[str, Any]:
    """Return the forced variables as the generated ``agents.envMapping`` helper holds them."""
    return {"forced": FORCED, "forcedWithControllers": FORCED_WITH_CONTROLLERS}
