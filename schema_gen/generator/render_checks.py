"""What ``generate`` checks in the chart's render before it writes anything.

The schema, the docs and lint describe the chart; the render is what reaches a cluster.
So ``generate`` renders the chart as generated (Helm's SDK) in a few scenarios: the
defaults, each optional Deployment on, and every typed variable's gate open with the
controllers Deployment off and on. It refuses when Kubernetes would refuse an object
(kubernetes-validate --strict at the pinned version), naming the scenario, the object,
the field, the rendered value and the fix; and when a typed variable renders where its
Config Mapping row does not say, or in another form than the row's.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from schema_gen.contract import components, environment
from schema_gen.contract.environment import Declared
from schema_gen.contract.k8s import KUBERNETES_VERSION, MissingDependency
from schema_gen.contract.renders import deep_merge

# Values that open every gate a typed variable sits behind: the controller's auth
# Secret, NATS with literal credentials, the http audit sink, the database CA, the
# loops' namespaces listed (cluster scope lets them differ from the release's), every
# optional Deployment.
EVERY_GATE: dict[str, Any] = deep_merge(
    components.every_deployment(),
    {
        "controller": {"authSecret": {"name": "auth"}, "namespaces": ["agents"]},
        "orchestrationController": {"namespaces": ["agents"]},
        "supportingController": {"namespaces": ["agents"]},
        "rbac": {"clusterScoped": True},
        "agentComms": {"enabled": True, "subjects": ["s"], "nats": {"user": "u", "password": "p"}},
        "database": {"caSecret": {"name": "ca"}},
        "audit": {"sink": {"type": "http", "http": {"url": "https://audit.example"}}},
    },
)
_CONTROLLERS_OFF = {components.CONTROLLERS.key: {"enabled": False}}


def scenarios() -> dict[str, dict[str, Any]]:
    """Return what each render is called in a message -> its values."""
    found: dict[str, dict[str, Any]] = {"the defaults": {}}
    for component in components.COMPONENTS:
        if component.optional:
            found[f"{component.key}.enabled"] = component.turned_on()
    found["every gate open"] = EVERY_GATE
    found["every gate open, controllers off"] = deep_merge(EVERY_GATE, _CONTROLLERS_OFF)
    return found


# How each form looks in a rendered env entry's value: the Config Mapping's "Form" column.
_LOOKS: dict[str, Callable[[Any], bool]] = {
    "int": lambda v: isinstance(v, str) and re.fullmatch(r"-?[0-9]+", v) is not None,
    "bool": lambda v: v in ("true", "false"),
    "flag": lambda v: v in ("0", "1"),
    "not": lambda v: v in ("true", "false"),
    "json": lambda v: isinstance(v, str) and _is_json(v),
    "jsonAlways": lambda v: isinstance(v, str) and _is_json(v),
}
_STRINGS = ("string", "list", "csv", "unlessNone", "path", "image", "tag", "account")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _looks_right(form: str, entry: dict[str, Any]) -> bool:
    if form == "secretKeyRef":
        return "secretKeyRef" in (entry.get("valueFrom") or {})
    value = entry.get("value")
    if form in _STRINGS:
        return isinstance(value, str)
    return _LOOKS[form](value)


@functools.cache
def _validator(api_version: str, kind: str) -> Any:
    """Return kubernetes-validate's --strict validator for ``kind`` at the pinned version,
    built once (kubernetes_validate.validate rebuilds it for every object)."""
    try:
        import jsonschema
        from kubernetes_validate import utils
        from referencing import Registry, Resource
    except ImportError as error:  # generate's dependency group, not the operator's
        raise MissingDependency(f"kubernetes-validate ({error.name})") from None

    version = [v for v in utils.all_versions() if utils.major_minor(v) <= KUBERNETES_VERSION][-1]
    folder = f"kubernetes-json-schema/v{version}-local-strict"
    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)  # rbac.authorization.k8s.io/v1
    try:
        schema = utils.schema_contents(f"{folder}/{kind.lower()}-{group}.json", version)
    except Exception:  # a custom resource (ServiceMonitor, IngressRoute): its operator checks it
        return None
    definitions = utils.schema_contents(f"{folder}/_definitions.json", version)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


def _field(path: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def kubernetes_problems(scenario: str, objects: list[dict[str, Any]]) -> Iterator[str]:
    """Yield a line for each field of ``objects`` the API server would refuse."""
    for obj in objects:
        validator = _validator(obj.get("apiVersion", ""), obj.get("kind", ""))
        if validator is None:
            continue
        for error in validator.iter_errors(obj):
            yield (
                f"{scenario}: {obj['kind']}/{obj['metadata']['name']} {_field(error.path)}: "
                f"{json.dumps(error.instance)[:80]} is refused by Kubernetes "
                f"{KUBERNETES_VERSION} ({error.message[:120]}); fix the template that writes it"
            )


def _envs(objects: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Return component key -> variable -> its env entry, for the Deployments rendered."""
    by_name = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Deployment"}
    return {
        c.key: {
            e["name"]: e
            for e in by_name[c.deployment]["spec"]["template"]["spec"]["containers"][0].get(
                "env", []
            )
        }
        for c in components.COMPONENTS
        if c.deployment in by_name
    }


def mapping_problems(
    scenario: str, objects: list[dict[str, Any]], declared: list[Declared], *, split: bool
) -> Iterator[str]:
    """Yield a line for each typed variable that renders where its Config Mapping row does
    not say, or in another form than the row's."""
    envs = _envs(objects)
    for item in declared:
        allowed = environment.containers(item.var, split=split)
        if item.var.format in environment.SWITCHES:  # the other server gets the switch off
            allowed |= set(components.IN_BOTH) if split else set()
        for component, env in envs.items():
            entry = env.get(item.var.name)
            if entry is None:
                continue
            if component not in allowed and not _set_elsewhere(item, component, declared):
                yield (
                    f"{scenario}: {item.var.name} ({item.path}) renders in "
                    f"{components.DEPLOYMENTS[component]}, which its Config Mapping row does not "
                    "name; fix the EnvVar's components (or loops) or the template's condition"
                )
            elif component in allowed and not _looks_right(item.var.format, entry):
                shown = json.dumps(entry.get("value", entry.get("valueFrom")))[:80]
                yield (
                    f"{scenario}: {components.DEPLOYMENTS[component]} {item.var.name} = {shown}, "
                    f"not {environment.FORMATS[item.var.format].documented.rstrip('.')} as "
                    f"{item.path}'s Config Mapping row says; fix its template line or its form"
                )


def _set_elsewhere(item: Declared, component: str, declared: list[Declared]) -> bool:
    """Return whether another key, or the chart itself, sets the same variable there."""
    others = (d for d in declared if d.var.name == item.var.name and d is not item)
    return any(component in environment.containers(d.var, split=True) for d in others) or (
        item.var.name in environment.FIXED.get(component, {})
        or item.var.name in environment.FORCED.get(component, {})
    )


def problems(chart: Path, declared: list[Declared]) -> list[str]:
    """Return every problem of the chart's render, each a line naming where and the fix."""
    from schema_gen.tools.helm_engine import RenderRejected, sdk_outcomes

    named = scenarios()
    found: list[str] = []
    for (scenario, values), outcome in zip(
        named.items(), sdk_outcomes(chart, list(named.values())), strict=True
    ):
        if isinstance(outcome, RenderRejected):
            first = outcome.message.strip().splitlines()[0] if outcome.message.strip() else ""
            found.append(f"{scenario}: the chart does not render ({outcome.stage}): {first}")
            continue
        found += kubernetes_problems(scenario, outcome.objects)
        split = bool(values.get(components.CONTROLLERS.key, {}).get("enabled"))
        found += mapping_problems(scenario, outcome.objects, declared, split=split)
    return found
