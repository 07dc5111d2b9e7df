"""Kubernetes types the values hold, taken from the pinned Kubernetes version.

The volume sources, and the objects the chart copies into its manifests (affinity,
tolerations, security contexts, RBAC rules, ...), are not modelled by hand: they
come from the strict JSON schemas that the ``kubernetes-validate`` package ships
for each Kubernetes minor version, so that the schema Helm enforces, the
Pydantic models and the validator of rendered manifests all speak for the same
Kubernetes release.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

from schema_gen.contract import api_rules

# The one place the Kubernetes version is pinned: volume sources in
# values.schema.json and the validation of rendered manifests both follow it.
KUBERNETES_VERSION = "1.33"

VOLUME_SOURCE = "VolumeSource"
# The Kubernetes definitions values keys are typed by (besides the volume source):
# what the chart copies unchanged into a manifest.
AFFINITY = "io.k8s.api.core.v1.Affinity"
TOLERATION = "io.k8s.api.core.v1.Toleration"
POD_SECURITY_CONTEXT = "io.k8s.api.core.v1.PodSecurityContext"
SECURITY_CONTEXT = "io.k8s.api.core.v1.SecurityContext"
TOPOLOGY_SPREAD_CONSTRAINT = "io.k8s.api.core.v1.TopologySpreadConstraint"
POLICY_RULE = "io.k8s.api.rbac.v1.PolicyRule"
INGRESS_RULE = "io.k8s.api.networking.v1.NetworkPolicyIngressRule"
EGRESS_RULE = "io.k8s.api.networking.v1.NetworkPolicyEgressRule"
LIMIT_RANGE_ITEM = "io.k8s.api.core.v1.LimitRangeItem"
SCOPE_SELECTOR = "io.k8s.api.core.v1.ScopeSelector"
LIFECYCLE = "io.k8s.api.core.v1.Lifecycle"
OBJECTS = (
    AFFINITY,
    TOLERATION,
    POD_SECURITY_CONTEXT,
    SECURITY_CONTEXT,
    TOPOLOGY_SPREAD_CONSTRAINT,
    POLICY_RULE,
    INGRESS_RULE,
    EGRESS_RULE,
    LIMIT_RANGE_ITEM,
    SCOPE_SELECTOR,
    LIFECYCLE,
)
# Models mark a field typed by a Kubernetes definition with {PLACEHOLDER_KEY: name};
# the schema export turns the mark into a local $ref.
PLACEHOLDER_KEY = "x-kubernetes-definition"
# Annotations that help nobody validating values and would only bloat the schema.
_DROPPED_KEYS = frozenset({"description", "format"})


class MissingDependency(RuntimeError):
    """A package `generate` needs (pyproject.toml's dependency group ``generate``; lint
    and explain need none of them) is not installed in this environment."""

    def __init__(self, requirement: str) -> None:
        super().__init__(
            f"{requirement} is not installed here; generating needs pyproject.toml's "
            "dependency group generate: `nox -s schema` and `nox -s check` install it, or "
            f"`pip install --group generate` (pip 25.1+), or `pip install '{requirement}'`"
        )


def _definitions_file() -> Path:
    # Found, not imported: importing kubernetes_validate pulls in jsonschema, which
    # generation does not need and would pay for on every run.
    spec = importlib.util.find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependency(f"kubernetes-validate>={KUBERNETES_VERSION}")
    folder = f"v{KUBERNETES_VERSION}.0-local-strict"
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / "kubernetes-json-schema" / folder / "_definitions.json"


@functools.cache
def _upstream_definitions() -> dict[str, Any]:
    return json.loads(_definitions_file().read_text(encoding="utf-8"))["$defs"]


def _local_ref(ref: str) -> str:
    # Upstream refs look like "#/$defs/NAME" or "/api/_definitions.json#/$defs/NAME";
    # Helm resolves anything non-local against the network or the filesystem root.
    return "#/definitions/" + ref.rsplit("/", 1)[-1]


def _draft7(node: Any, refs: set[str]) -> Any:
    """Return ``node`` rewritten for draft-07, collecting the definitions it refers to.

    Kubernetes marks optional fields nullable (``type: [string, null]``); values
    files have no use for an explicit null, and leaving it in doubles every
    error Helm prints, so null is dropped from every type.
    """
    if isinstance(node, list):
        return [_draft7(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED_KEYS or key.startswith("x-kubernetes-"):
            continue
        if key == "$ref":
            refs.add(value.rsplit("/", 1)[-1])
            out[key] = _local_ref(value)
        elif key == "type" and isinstance(value, list):
            kept = [t for t in value if t != "null"]
            out[key] = kept[0] if len(kept) == 1 else kept
        elif key == "properties":
            out[key] = {name: _draft7(sub, refs) for name, sub in value.items()}
        else:
            out[key] = _draft7(value, refs)
    return out


def _volume_source(volume: dict[str, Any], refs: set[str]) -> dict[str, Any]:
    source = _draft7(volume, refs)
    del source["properties"]["name"]
    source.pop("required", None)
    source["description"] = (
        f"Exactly one Kubernetes {KUBERNETES_VERSION} volume source "
        "(secret, configMap, emptyDir, projected, ...), rendered unchanged."
    )
    # Neither upstream schema says "exactly one source"; the API server does.
    source["minProperties"] = 1
    source["maxProperties"] = 1
    return source


@functools.cache
def volume_source_definitions() -> dict[str, Any]:
    """Return the draft-07 definitions for ``VolumeSource`` and everything it reaches.

    Keys are sorted so the output does not depend on traversal order.
    """
    upstream = _upstream_definitions()
    refs: set[str] = set()
    result = {VOLUME_SOURCE: _volume_source(upstream["io.k8s.api.core.v1.Volume"], refs)}
    return _with_reached(result, refs)


EVERY_TYPE = frozenset({VOLUME_SOURCE, *OBJECTS})


@functools.cache
def definitions(names: frozenset[str] = EVERY_TYPE) -> dict[str, Any]:
    """Return the draft-07 definitions of ``names`` and of all they reach, sorted.

    The schema embeds only the types some value is typed by (Helm compiles every
    definition it is given, on every render); by default, every type of :data:`OBJECTS`
    and the volume source.
    """
    volume = volume_source_definitions() if VOLUME_SOURCE in names else {}
    reached = _with_reached({}, set(names) - {VOLUME_SOURCE})
    first = {VOLUME_SOURCE: volume[VOLUME_SOURCE]} if volume else {}
    return {**first, **dict(sorted({**volume, **reached}.items()))}


def _with_reached(result: dict[str, Any], refs: set[str]) -> dict[str, Any]:
    """Return ``result`` with the definitions ``refs`` name, and all they reach, added."""
    upstream = _upstream_definitions()
    done: set[str] = set()
    while pending := sorted(refs - done):
        for name in pending:
            done.add(name)
            result[name] = _with_api_rules(name, _draft7(upstream[name], refs))
    first = {VOLUME_SOURCE: result.pop(VOLUME_SOURCE)} if VOLUME_SOURCE in result else {}
    return {**first, **dict(sorted(result.items()))}


def _with_api_rules(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """Lay the API server's own checks (:mod:`schema_gen.contract.api_rules`) over a definition."""
    rules = api_rules.VOLUME_RULES.get(name, {})
    item_rules = api_rules.VOLUME_ITEM_RULES.get(name, {})
    properties = dict(definition.get("properties", {}))
    for prop, prop_rules in rules.items():
        if prop:
            properties[prop] = api_rules.with_rules(properties[prop], prop_rules)
    for prop, prop_rules in item_rules.items():
        items = api_rules.with_rules(properties[prop]["items"], prop_rules)
        properties[prop] = {**properties[prop], "items": items}
    if properties:
        definition = {**definition, "properties": properties}
    return api_rules.with_rules(definition, rules.get("", ()))


@functools.cache
def _shipped_definitions() -> dict[str, Any]:
    """Return the definitions of the schema the chart this schema-gen ships gives Helm.

    Values are checked against what Helm checks them against; and reading them there
    spares a lint the pinned Kubernetes schemas (1.4 MB of JSON, and the package that
    holds them, which only generating needs). Empty when the chart has no schema yet.
    """
    from schema_gen import packaged

    try:
        schema = json.loads((packaged.chart() / "values.schema.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    found = schema.get("definitions") if isinstance(schema, dict) else None
    return found if isinstance(found, dict) else {}


@functools.cache
def _validator(name: str) -> Any:
    shipped = _shipped_definitions()
    # A chart generating its first schema, or one older than the models, has no such
    # definition yet: then the pinned Kubernetes schemas answer.
    known = shipped if name in shipped else definitions()
    return api_rules.validator({"definitions": known, "$ref": f"#/definitions/{name}"})


class Findings(ValueError):
    """Raised by a model's check of a Kubernetes-typed value: each way it breaks the type,
    with the path inside the value, which lint adds to the key's own path."""

    def __init__(self, found: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.found = found
        super().__init__("; ".join(_at(path) + why for path, why in found))


def _at(path: tuple[str | int, ...]) -> str:
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return f"{dotted}: " if dotted else ""


def findings(name: str, value: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Return (path inside ``value``, message) per way it breaks definition ``name``."""
    errors = sorted(_validator(name).iter_errors(value), key=lambda e: list(e.path))
    found = []
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = sorted((error.schema.get("properties") or {}).keys())
            found += [
                ((*error.path, key), _unknown(key, known))
                for key in error.instance
                if key not in known
            ]
        else:
            found.append((tuple(error.path), _reason(error)))
    return found


def _unknown(key: str, known: list[str]) -> str:
    """Return lint's words for a key the Kubernetes type has no field for."""
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else f" (known keys: {', '.join(known)})"
    return f'unknown key "{key}"{hint}'


def volume_source_findings(volume: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Return (path inside the source, message) per way ``volume`` breaks the pinned schema."""
    return findings(VOLUME_SOURCE, volume)


def volume_source_errors(volume: Any) -> list[str]:
    """Return one message per way ``volume`` breaks the pinned Kubernetes schema."""
    return [
        "volume" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path) + f": {why}"
        for path, why in volume_source_findings(volume)
    ]


def _reason(error: Any) -> str:
    if rule := api_rules.rule_for(error.schema):
        return rule.message
    if error.validator == "maxProperties" and isinstance(error.instance, dict):
        names = ", ".join(sorted(error.instance))
        return f"holds {len(error.instance)} volume sources ({names}); exactly one is allowed"
    if error.validator == "minProperties":
        return "names no volume source; exactly one (secret, configMap, emptyDir, ...) is needed"
    return error.message


def volume_mount_fields() -> list[str]:
    """Return the field names of core/v1 VolumeMount at the pinned version."""
    return list(_upstream_definitions()["io.k8s.api.core.v1.VolumeMount"]["properties"])
