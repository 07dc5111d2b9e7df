"""serviceAccount.*, runnerServiceAccount.*, rbac.*: who the pods run as, and what they may do."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import OPTIONAL_DNS_SUBDOMAIN, Strict, StringMap, section
from schema_gen.contract.models.kube import PolicyRule


class ServiceAccount(Strict):
    """The ServiceAccount both Deployments run as."""

    create: bool = Field(True, description="Create it.")
    name: Annotated[str, EnvVar("AGENTS_SERVICE_ACCOUNT_NAME", IN_BOTH, "account")] = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        description="Its name; empty = {fullname}-sa when created, else default.",
    )
    annotations: StringMap = Field({}, description="Annotations, such as a cloud IAM role binding.")


class RunnerRbac(Strict):
    """A Role for the runner ServiceAccount: read pods, logs, ConfigMaps and events."""

    create: bool = Field(False, description="Create the Role and its RoleBinding.")
    extra_rules: list[PolicyRule] = Field([], description="Rules appended to the Role.")


class RunnerServiceAccount(Strict):
    """A ServiceAccount for agent runner pods."""

    create: bool = Field(
        False, description="Create it, named {fullname}-runner unless name is set."
    )
    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Its name (used even when not created)."
    )
    annotations: StringMap = Field({}, description="Annotations of the ServiceAccount.")
    set_as_default: bool = Field(
        True,
        description="Runner pods use it unless controller.defaultWorkload.serviceAccountName is "
        "set.",
    )
    rbac: RunnerRbac = section(RunnerRbac)


class Rbac(Strict):
    """The Role (or ClusterRole) the Deployments' ServiceAccount is bound to."""

    create: bool = Field(True, description="Create the Role or ClusterRole and its binding.")
    cluster_scoped: Annotated[bool, EnvVar("AGENTS_RBAC_CLUSTER_SCOPED", IN_BOTH, "bool")] = Field(
        False,
        description="A ClusterRole and ClusterRoleBinding (needed to watch several namespaces); "
        "false: a Role and RoleBinding in the release namespace.",
    )
    extra_rules: list[PolicyRule] = Field([], description="Rules appended to the role.")
