"""Values to environment variables: which key sets which, where, in what form, what wins.

Model fields declare an :class:`EnvVar` for each variable they set. Value
formats (:data:`FORMATS`) and the precedence of sources (:data:`PRECEDENCE`) are
declared here once. The chart's generated ``_env_mapping.tpl`` carries all three
into one generic template loop, and the Config Mapping rows, ``schema-gen
explain`` and the tests read the same declarations, so a new variable is one
model field and a new format one entry below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from schema_gen.model_fields import walk
from schema_gen.values_paths import value_at

Rendered = str | dict[str, Any]  # a variable's value, or its valueFrom


@dataclass(frozen=True)
class Format:
    """How a typed key's value becomes a variable: in Python, in the chart, in the docs."""

    name: str
    python: Callable[[Any], Rendered | None]  # the value, or None when the key sets nothing
    # Go template: reads $value, sets "value" or "valueFrom" on $entry (left empty: unset).
    template: str
    documented: str  # how the Config Mapping describes the form, after the precedence
    example: tuple[Any, Rendered]  # a key's value and what it renders as (docs and tests)


def _is_int(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _secret_key_ref(value: Any) -> dict[str, Any] | None:
    if isinstance(value, Mapping) and value.get("name"):
        return {"secretKeyRef": {"name": value["name"], "key": value["key"]}}
    return None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "string",
            lambda v: v if isinstance(v, str) and v else None,
            '{{- if and (kindIs "string" $value) $value }}'
            '{{ $_ := set $entry "value" $value }}{{ end -}}',
            "unset when empty.",
            ("probe-value", "probe-value"),
        ),
        Format(
            "int",
            lambda v: str(int(v)) if _is_int(v) else None,
            '{{- if or (kindIs "float64" $value) (kindIs "int64" $value) (kindIs "int" $value) }}'
            '{{ $_ := set $entry "value" (printf "%d" (int64 $value)) }}{{ end -}}',
            "a whole number.",
            (4242, "4242"),
        ),
        Format(
            "bool",
            lambda v: ("true" if v else "false") if isinstance(v, bool) else None,
            '{{- if kindIs "bool" $value }}{{ $_ := set $entry "value" (toString $value) }}'
            "{{ end -}}",
            "`true` or `false`.",
            (True, "true"),
        ),
        Format(
            "list",
            lambda v: ",".join(str(item) for item in v) if v else None,
            '{{- if $value }}{{ $_ := set $entry "value" (join "," $value) }}{{ end -}}',
            "the list is comma-joined.",
            (["probe-a", "probe-b"], "probe-a,probe-b"),
        ),
        Format(
            "secretKeyRef",
            _secret_key_ref,
            '{{- if and (kindIs "map" $value) $value.name }}{{ $_ := set $entry "valueFrom" '
            '(dict "secretKeyRef" (dict "name" $value.name "key" $value.key)) }}{{ end -}}',
            "a `secretKeyRef` to that Secret key, when `name` is set.",
            ({"name": "probe-db", "key": "k"}, {"secretKeyRef": {"name": "probe-db", "key": "k"}}),
        ),
    )
}


@dataclass(frozen=True)
class EnvVar:
    """A container environment variable that a values key sets."""

    name: str
    components: tuple[str, ...]  # the components (values keys) whose container gets it
    format: str = "string"  # a key of FORMATS

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"{self.name}: unknown format {self.format!r}; see FORMATS")


@dataclass(frozen=True)
class Declared:
    """An :class:`EnvVar` with the dotted values path of the key that sets it."""

    path: str
    var: EnvVar


def declarations(model: Any) -> list[Declared]:
    """Return every EnvVar declared on ``model`` and the models below it, in field order."""
    return [
        Declared(".".join(map(str, f.path)), var) for f in walk(model) for var in f.metadata(EnvVar)
    ]


# Forced in a component unless its own env.vars sets them: the controllers run the
# same server as the control plane, which alone runs migrations and serves gRPC.
FORCED: dict[str, dict[str, str]] = {
    "controllers": {"JANGAR_MIGRATIONS": "skip", "JANGAR_GRPC_ENABLED": "0"},
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


def _layer(
    layer: Layer, values: Mapping[str, Any], component: str, declared: list[Declared]
) -> list[tuple[str, Rendered, str]]:
    """Return (variable, value, source) for what ``layer`` sets in ``component``."""
    if layer.kind == "typed":
        found = []
        for item in declared:
            if component in item.var.components:
                value = FORMATS[item.var.format].python(value_at(values, item.path))
                if value is not None:
                    found.append((item.var.name, value, item.path))
        return found
    if layer.kind == "forced":
        pairs = FORCED.get(component, {})
    else:
        pairs = value_at(values, layer.path.format(component=component)) or {}
    return [(name, value, layer.source(component)) for name, value in pairs.items()]


def effective_env(
    values: Mapping[str, Any], component: str, declared: list[Declared]
) -> dict[str, tuple[Rendered, str]]:
    """Return name -> (value or valueFrom, the source that set it) for a component's container.

    ``values`` are chart-merged, camelCase; the walk is the one the templates do.
    """
    env: dict[str, tuple[Rendered, str]] = {}
    for layer in PRECEDENCE:
        for name, value, source in _layer(layer, values, component, declared):
            env[name] = (value, source)
    return dict(sorted(env.items()))


def container_env(env: Mapping[str, tuple[Rendered, str]]) -> list[dict[str, Any]]:
    """Return ``effective_env`` as the container's ``env`` list, as the chart renders it."""
    return [
        {"name": name, "valueFrom": value}
        if isinstance(value, dict)
        else {"name": name, "value": value}
        for name, (value, _source) in env.items()
    ]


def precedence(component: str, var: str, *, typed: bool) -> list[str]:
    """Return the sources that can set ``var`` in ``component``, lowest to highest.

    ``typed``: whether a typed values key sets ``var`` in this component.
    """
    kept = {"typed": typed, "forced": var in FORCED.get(component, {}), "vars": True}
    return [layer.source(component) for layer in PRECEDENCE if kept[layer.kind]]


def template_data(declared: list[Declared]) -> dict[str, Any]:
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
    layers = [{"kind": layer.kind, "path": layer.path} for layer in PRECEDENCE]
    return {"typed": typed, "forced": FORCED, "layers": layers}


def format_template() -> str:
    """Return the body of ``agents.envEntry``: one branch per format."""
    branches = [
        f'{{{{- {"if" if n == 0 else "else if"} eq .format "{f.name}" }}}}\n{f.template}\n'
        for n, f in enumerate(FORMATS.values())
    ]
    return "".join(branches) + "{{- end -}}\n"
