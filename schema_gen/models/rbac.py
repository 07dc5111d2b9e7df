"""rbac.*: the RBAC the Deployments' ServiceAccount is granted."""

from __future__ import annotations

from pydantic import Field

from schema_gen.models.base import Strict


class Rbac(Strict):
    """The ServiceAccount and RBAC the Deployments run with."""

    create: bool = Field(True, description="Create the Roles or ClusterRoles and their bindings.")
    cluster_scoped: bool = Field(
        True,
        description="ClusterRole and ClusterRoleBinding; false: a Role and RoleBinding in each "
        "of controller.namespaces (the release namespace when empty).",
    )
