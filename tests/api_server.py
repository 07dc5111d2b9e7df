"""Would the API server take these objects? kubernetes-validate --strict, the checks the
API server makes beyond its OpenAPI schema that a chart's values reach, and for volume
sources the API rules (schema_gen/contract/api_rules.py, taken from the same code).

The second kind is written here from Kubernetes' own validation code
(k8s.io/apimachinery/pkg/util/validation and pkg/apis/{core,apps,policy,autoscaling}/
validation), not from this chart's contract: the differential test uses it to decide
whether a values file upstream renders would be refused at install time anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema

from schema_gen.contract import k8s

# k8s.io/apimachinery/pkg/util/validation/validation.go
_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL = re.compile(rf"^{_LABEL}$")
DNS1123_SUBDOMAIN = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")
DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
QUALIFIED_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
PERCENT = re.compile(r"^[0-9]+%$")
IANA_SVC_NAME = re.compile(r"^[-a-z0-9]+$")

# Which name grammar each kind's metadata.name follows (ValidateObjectMeta's nameFn).
_SERVICE_NAMES = {"Service"}
_LABEL_NAMES = {"Namespace"}
_PATH_SEGMENT_NAMES = {"Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"}
# Custom resources: the API server checks only the subdomain grammar and the CRD's schema,
# which kubernetes-validate does not ship.
CUSTOM_KINDS = {"ServiceMonitor", "IngressRoute", "VersionControlProvider", "AgentRun"}


def _name_problem(kind: str, name: Any) -> str | None:
    if not isinstance(name, str) or not name:
        return "metadata.name: Required value"
    if kind in _PATH_SEGMENT_NAMES:
        bad = name in (".", "..") or "/" in name or "%" in name
        return f"metadata.name: {name!r} may not contain '/' or '%'" if bad else None
    if kind in _SERVICE_NAMES:
        ok = len(name) <= 63 and DNS1035_LABEL.match(name)
        return None if ok else f"metadata.name: {name!r} is not a DNS-1035 label"
    if kind in _LABEL_NAMES:
        ok = len(name) <= 63 and DNS1123_LABEL.match(name)
        return None if ok else f"metadata.name: {name!r} is not a DNS-1123 label"
    ok = len(name) <= 253 and DNS1123_SUBDOMAIN.match(name)
    return None if ok else f"metadata.name: {name!r} is not a DNS-1123 subdomain"


def _qualified_name_problem(key: str) -> bool:
    prefix, _, name = key.rpartition("/")
    if prefix and (len(prefix) > 253 or not DNS1123_SUBDOMAIN.match(prefix)):
        return True
    return len(name) > 63 or not QUALIFIED_NAME.match(name)


def _label_problems(labels: Any, at: str) -> Iterator[str]:
    if not isinstance(labels, dict):
        return
    for key, value in labels.items():
        if _qualified_name_problem(str(key)):
            yield f"{at}: key {key!r} is not a qualified name"
        if not isinstance(value, str) or len(value) > 63 or not LABEL_VALUE.match(value):
            yield f"{at}[{key}]: {value!r} is not a valid label value"


def _int_or_percent(value: Any) -> bool:
    if isinstance(value, str):
        return bool(PERCENT.match(value))
    return isinstance(value, int) and value >= 0


def _port_name_problem(name: Any) -> bool:
    return not (
        isinstance(name, str)
        and 0 < len(name) <= 15
        and IANA_SVC_NAME.match(name)
        and re.search("[a-z]", name)
        and "--" not in name
        and not name.startswith("-")
        and not name.endswith("-")
    )


def _pod_problems(spec: dict[str, Any], at: str) -> Iterator[str]:
    names = set()
    volume_names = {v.get("name") for v in spec.get("volumes") or []}
    for group in ("initContainers", "containers"):
        for i, container in enumerate(spec.get(group) or []):
            where = f"{at}.{group}[{i}]"
            name = container.get("name")
            if not isinstance(name, str) or len(name) > 63 or not DNS1123_LABEL.match(name):
                yield f"{where}.name: {name!r} is not a DNS-1123 label"
            if name in names:
                yield f"{where}.name: {name!r} Duplicate value"
            names.add(name)
            image = container.get("image")
            if not isinstance(image, str) or not image or image != image.strip():
                yield f"{where}.image: {image!r} Required value, without surrounding spaces"
            paths = set()
            for j, mount in enumerate(container.get("volumeMounts") or []):
                if mount.get("name") not in volume_names:
                    yield f"{where}.volumeMounts[{j}].name: {mount.get('name')!r} Not found"
                if mount.get("mountPath") in paths:
                    yield f"{where}.volumeMounts[{j}].mountPath: must be unique"
                paths.add(mount.get("mountPath"))
            for port in container.get("ports") or []:
                number = port.get("containerPort")
                if not isinstance(number, int) or not 1 <= number <= 65535:
                    yield f"{where}.ports.containerPort: {number!r} must be 1 to 65535"
                if "name" in port and _port_name_problem(port["name"]):
                    yield f"{where}.ports.name: {port['name']!r} is not an IANA service name"
    volumes = set()
    for i, volume in enumerate(spec.get("volumes") or []):
        source = {k: v for k, v in volume.items() if k != "name"}
        # The volume sources' own checks, from Kubernetes' validation code: the API rules.
        yield from (f"{at}.volumes[{i}].{p}" for p in k8s.volume_source_errors(source))
        name = volume.get("name")
        if not isinstance(name, str) or len(name) > 63 or not DNS1123_LABEL.match(name):
            yield f"{at}.volumes[{i}].name: {name!r} is not a DNS-1123 label"
        if name in volumes:
            yield f"{at}.volumes[{i}].name: {name!r} Duplicate value"
        volumes.add(name)


def _deployment_problems(obj: dict[str, Any]) -> Iterator[str]:
    spec = obj.get("spec") or {}
    template = spec.get("template") or {}
    selector = (spec.get("selector") or {}).get("matchLabels") or {}
    labels = (template.get("metadata") or {}).get("labels") or {}
    yield from _label_problems(selector, "spec.selector.matchLabels")
    yield from _label_problems(labels, "spec.template.metadata.labels")
    if any(labels.get(k) != v for k, v in selector.items()):
        yield "spec.template.metadata.labels: `selector` does not match template `labels`"
    strategy = spec.get("strategy") or {}
    if strategy.get("type") == "Recreate" and strategy.get("rollingUpdate") is not None:
        yield "spec.strategy.rollingUpdate: may not be specified when strategy `type` is 'Recreate'"
    rolling = strategy.get("rollingUpdate") or {}
    for key in ("maxSurge", "maxUnavailable"):
        if key in rolling and not _int_or_percent(rolling[key]):
            yield f"spec.strategy.rollingUpdate.{key}: must be an integer or percentage"
    if (
        rolling
        and rolling.get("maxSurge") in (0, "0%")
        and rolling.get("maxUnavailable") in (0, "0%")
    ):
        yield "spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when `maxSurge` is 0"
    for key in ("replicas", "minReadySeconds", "revisionHistoryLimit"):
        if isinstance(spec.get(key), int) and spec[key] < 0:
            yield f"spec.{key}: must be greater than or equal to 0"
    yield from _pod_problems(template.get("spec") or {}, "spec.template.spec")


def _service_problems(obj: dict[str, Any]) -> Iterator[str]:
    for i, port in enumerate((obj.get("spec") or {}).get("ports") or []):
        number = port.get("port")
        if not isinstance(number, int) or not 1 <= number <= 65535:
            yield f"spec.ports[{i}].port: {number!r} must be 1 to 65535"
        target = port.get("targetPort")
        if isinstance(target, int) and not 1 <= target <= 65535:
            yield f"spec.ports[{i}].targetPort: {target!r} must be 1 to 65535"
        if isinstance(target, str) and _port_name_problem(target):
            yield f"spec.ports[{i}].targetPort: {target!r} is not an IANA service name"
    yield from _label_problems((obj.get("spec") or {}).get("selector"), "spec.selector")


def _budget_problems(obj: dict[str, Any]) -> Iterator[str]:
    spec = obj.get("spec") or {}
    if "minAvailable" in spec and "maxUnavailable" in spec:
        yield "spec: minAvailable and maxUnavailable cannot be both set"
    for key in ("minAvailable", "maxUnavailable"):
        if key in spec and not _int_or_percent(spec[key]):
            yield f"spec.{key}: {spec[key]!r} must be an integer or percentage"


def _autoscaler_problems(obj: dict[str, Any]) -> Iterator[str]:
    spec = obj.get("spec") or {}
    low, high = spec.get("minReplicas", 1), spec.get("maxReplicas")
    if isinstance(low, int) and low < 1:
        yield "spec.minReplicas: must be greater than or equal to 1"
    if isinstance(low, int) and isinstance(high, int) and high < low:
        yield "spec.maxReplicas: must be greater than or equal to `minReplicas`"


_BY_KIND = {
    "Deployment": _deployment_problems,
    "Service": _service_problems,
    "PodDisruptionBudget": _budget_problems,
    "HorizontalPodAutoscaler": _autoscaler_problems,
    "Pod": lambda obj: _pod_problems(obj.get("spec") or {}, "spec"),
    "Job": lambda obj: _pod_problems(
        ((obj.get("spec") or {}).get("template") or {}).get("spec") or {}, "spec.template.spec"
    ),
}


def _schema_problem(obj: dict[str, Any]) -> str | None:
    from tests.conftest import _strict_validator

    try:
        validator = _strict_validator(obj["apiVersion"], obj["kind"])
    except Exception:  # a kind kubernetes-validate has no schema for
        return None
    error = jsonschema.exceptions.best_match(validator.iter_errors(obj))
    if error is None:
        return None
    return f"{'.'.join(str(p) for p in error.path)}: {error.message}"


def problems(objects: list[dict[str, Any]]) -> list[str]:
    """Return why the API server would refuse any of ``objects``: ``Kind/name: field: why``."""
    found: list[str] = []
    seen: set[tuple[str, Any, Any]] = set()
    for obj in objects:
        key = (obj.get("kind", ""), (obj.get("metadata") or {}).get("namespace"),
               (obj.get("metadata") or {}).get("name"))  # fmt: skip
        if key in seen:
            found.append(f"{key[0]}/{key[2]}: already exists (the render names it twice)")
        seen.add(key)
        kind = obj.get("kind", "")
        meta = obj.get("metadata") or {}
        label = f"{kind}/{meta.get('name')}"
        local = [_name_problem(kind, meta.get("name"))]
        namespace = meta.get("namespace")
        if namespace is not None and not (
            isinstance(namespace, str) and len(namespace) <= 63 and DNS1123_LABEL.match(namespace)
        ):
            local.append(f"metadata.namespace: {namespace!r} is not a DNS-1123 label")
        local += list(_label_problems(meta.get("labels"), "metadata.labels"))
        local += [
            f"metadata.annotations: key {key!r} is not a qualified name"
            for key in meta.get("annotations") or {}
            if _qualified_name_problem(str(key))
        ]
        local += list(_BY_KIND.get(kind, lambda _obj: iter(()))(obj))
        if kind not in CUSTOM_KINDS:
            local.append(_schema_problem(obj))
        found += [f"{label}: {problem}" for problem in local if problem]
    return found
