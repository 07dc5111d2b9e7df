"""podDisruptionBudget, networkPolicy, resourceQuota, limitRange, podSecurityAdmission:
the policy objects the chart can add around its pods and namespace."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from schema_gen.contract.models.base import (
    COUNT_OR_PERCENT_STRING,
    OPTIONAL_DNS_SUBDOMAIN,
    KubeSeconds,
    Strict,
    StringMap,
    or_empty,
)
from schema_gen.contract.models.kube import EgressRule, IngressRule, LimitRangeItem, ScopeSelector

# A count (1 or "1"), a percentage ("50%"), or "" for unset.
DisruptionCount = (
    KubeSeconds | Annotated[str, StringConstraints(pattern=or_empty(COUNT_OR_PERCENT_STRING))]
)


class PodDisruptionBudget(Strict):
    """A PodDisruptionBudget {fullname} for the control plane's pods."""

    enabled: bool = Field(False, description="Create it.")
    min_available: DisruptionCount = Field(
        1,
        description="Pods that must stay up (a number or a percentage); empty or null = unset. "
        "Kubernetes takes one of minAvailable and maxUnavailable: to use maxUnavailable, set "
        "this to null.",
    )
    max_unavailable: DisruptionCount = Field(
        "", description="Pods that may be down (a number or a percentage); empty = unset."
    )
    annotations: StringMap = Field({}, description="Annotations of it.")


class NetworkPolicy(Strict):
    """A NetworkPolicy for the control plane's pods."""

    enabled: bool = Field(False, description="Create it.")
    policy_types: list[Literal["Ingress", "Egress"]] = Field(
        ["Ingress", "Egress"], description="Directions it governs; empty or null = both."
    )
    ingress: list[IngressRule] = Field([], description="Ingress rules; none = deny all ingress.")
    egress: list[EgressRule] = Field([], description="Egress rules; none = deny all egress.")
    annotations: StringMap = Field({}, description="Annotations of it.")


class ResourceQuota(Strict):
    """A ResourceQuota for the release namespace."""

    enabled: bool = Field(False, description="Create it.")
    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Its name; empty = {fullname}."
    )
    hard: dict[str, str | int | float] = Field({}, description="Resource to its hard limit.")
    scopes: list[str] = Field([], description="Quota scopes.")
    scope_selector: ScopeSelector = Field({}, description="Quota scopeSelector.")
    annotations: StringMap = Field({}, description="Annotations of it.")
    labels: StringMap = Field({}, description="Labels added to it.")


class LimitRange(Strict):
    """A LimitRange for the release namespace."""

    enabled: bool = Field(False, description="Create it.")
    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Its name; empty = {fullname}."
    )
    limits: list[LimitRangeItem] = Field([], description="Its limits entries.")
    annotations: StringMap = Field({}, description="Annotations of it.")
    labels: StringMap = Field({}, description="Labels added to it.")


class PodSecurityAdmission(Strict):
    """Pod Security Admission labels on a Namespace the chart creates."""

    enabled: bool = Field(False, description="Use it (with createNamespace).")
    create_namespace: bool = Field(False, description="Create the release namespace.")
    labels: StringMap = Field(
        {}, description="Labels of the namespace, such as pod-security.kubernetes.io/enforce."
    )
