"""Kubernetes objects the values hold and the chart copies unchanged into its manifests.

Each is typed by the pinned Kubernetes definition (see :mod:`schema_gen.contract.k8s`): Helm
refuses a typo in an affinity or a toleration at install time, naming the key,
instead of the API server refusing the rendered object later.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from schema_gen.contract import k8s


def _checked(name: str, *, empty_is_unset: bool) -> Any:
    def check(value: dict[str, Any]) -> dict[str, Any]:
        if empty_is_unset and not value:
            return value  # the chart's default: nothing to check, nothing rendered
        if found := k8s.findings(name, value):
            raise k8s.Findings(found)
        return value

    return AfterValidator(check)


def _kube(name: str, *, empty_is_unset: bool = False) -> Any:
    """Return the type of a value checked against Kubernetes definition ``name``.

    ``empty_is_unset``: a key whose ``{}`` means "none" (every field of its definition is
    optional, so ``{}`` is valid); the check, and loading the definitions, is skipped for it.
    """
    check = _checked(name, empty_is_unset=empty_is_unset)
    return Annotated[dict[str, Any], check, WithJsonSchema({k8s.PLACEHOLDER_KEY: name})]


# Keys of their own (affinity: {}), where {} is the default.
Affinity = _kube(k8s.AFFINITY, empty_is_unset=True)
PodSecurityContext = _kube(k8s.POD_SECURITY_CONTEXT, empty_is_unset=True)
SecurityContext = _kube(k8s.SECURITY_CONTEXT, empty_is_unset=True)
ScopeSelector = _kube(k8s.SCOPE_SELECTOR, empty_is_unset=True)
Lifecycle = _kube(k8s.LIFECYCLE, empty_is_unset=True)
# Items of lists, where an empty item is a mistake to report.
Toleration = _kube(k8s.TOLERATION)
TopologySpreadConstraint = _kube(k8s.TOPOLOGY_SPREAD_CONSTRAINT)
PolicyRule = _kube(k8s.POLICY_RULE)
IngressRule = _kube(k8s.INGRESS_RULE)
EgressRule = _kube(k8s.EGRESS_RULE)
LimitRangeItem = _kube(k8s.LIMIT_RANGE_ITEM)
