"""Kubernetes objects the values hold and the chart copies unchanged into its manifests.

Each is typed by the pinned Kubernetes definition (see :mod:`schema_gen.k8s`): Helm
refuses a typo in an affinity or a toleration at install time, naming the key,
instead of the API server refusing the rendered object later.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from schema_gen import k8s


def _checked(name: str) -> Any:
    def check(value: dict[str, Any]) -> dict[str, Any]:
        if found := k8s.findings(name, value):
            raise ValueError(
                "; ".join(
                    "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
                    + (": " if path else "")
                    + why
                    for path, why in found
                )
            )
        return value

    return AfterValidator(check)


def _kube(name: str) -> Any:
    return Annotated[dict[str, Any], _checked(name), WithJsonSchema({k8s.PLACEHOLDER_KEY: name})]


Affinity = _kube(k8s.AFFINITY)
Toleration = _kube(k8s.TOLERATION)
PodSecurityContext = _kube(k8s.POD_SECURITY_CONTEXT)
SecurityContext = _kube(k8s.SECURITY_CONTEXT)
TopologySpreadConstraint = _kube(k8s.TOPOLOGY_SPREAD_CONSTRAINT)
PolicyRule = _kube(k8s.POLICY_RULE)
IngressRule = _kube(k8s.INGRESS_RULE)
EgressRule = _kube(k8s.EGRESS_RULE)
LimitRangeItem = _kube(k8s.LIMIT_RANGE_ITEM)
ScopeSelector = _kube(k8s.SCOPE_SELECTOR)
