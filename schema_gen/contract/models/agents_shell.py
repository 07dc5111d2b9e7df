"""agentsShell.*: agents-shell, an authenticated shell Deployment with a persistent workspace."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from schema_gen.contract.models.base import (
    CONTRACT,
    DNS_LABEL,
    OPTIONAL_DNS_SUBDOMAIN,
    UNSETTABLE,
    KubeObject,
    KubeSeconds,
    Port,
    Replicas,
    Strict,
    StringMap,
    section,
)
from schema_gen.contract.models.env import FullEnv
from schema_gen.contract.models.image import Image
from schema_gen.contract.models.kube import (
    Affinity,
    EgressRule,
    PodSecurityContext,
    PolicyRule,
    SecurityContext,
    Toleration,
)
from schema_gen.contract.models.services import ServiceType
from schema_gen.contract.models.volumes import (
    ShellMount,
    ShellVolume,
    renders_mounts,
    renders_volumes,
)
from schema_gen.contract.models.workload import (
    BoundedProbe,
    DeploymentStrategy,
    Resources,
    probe,
    resources,
)

# templates/agents-shell-deployment.yaml fails with the same words.
BOOTSTRAP_NEEDS = (
    "agentsShell.workspace.bootstrap.enabled needs repository and targetPath: set both, or "
    "turn bootstrap off"
)


class ShellImage(Image):
    """The agents-shell image (also the workspace bootstrap's)."""

    repository: str = Field("ghcr.io/proompteng/agents-shell", description="Image repository.")


class ShellServiceAccount(Strict):
    """The ServiceAccount agents-shell runs as."""

    create: bool = Field(True, description="Create it.")
    name: str = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        description="Its name; empty = {fullname}-shell when created, else default.",
    )
    annotations: StringMap = Field({}, description="Annotations of it.")


class ShellRbac(Strict):
    """What agents-shell may read: a Role in the release namespace, and more if asked."""

    create: bool = Field(True, description="Create the Role (read pods, logs, workloads, ...).")
    cluster_admin: bool = Field(
        False, description="Also bind the cluster-admin ClusterRole: full control of the cluster."
    )
    extra_rules: list[PolicyRule] = Field([], description="Rules appended to the Role.")
    extra_read_namespaces: list[Annotated[str, Field(pattern=DNS_LABEL, max_length=63)]] = Field(
        [], description="Other namespaces it may read, through a ClusterRole and RoleBindings."
    )


_SHELL_VARS = {
    "AGENTS_SHELL_RESOURCE": "https://agents-shell.proompteng.ai",
    "AGENTS_SHELL_OAUTH_ISSUER": "https://auth.proompteng.ai/realms/master",
    "AGENTS_SHELL_LISTEN_PORT": "8080",
    "AGENTS_SHELL_ALLOWED_K8S_NAMESPACES": "agents",
    "AGENTS_SHELL_WORKSPACE_ROOT": "/workspace",
    "AGENTS_SHELL_AUDIT_LOG_PATH": "/workspace/.agents-shell/audit.jsonl",
    "AGENTS_SHELL_ENABLE_K8S_APPLY": "false",
    "HOME": "/workspace/.agents-shell/home",
    "AGENTS_SHELL_GIT_USER_NAME": "Greg Konush",
    "AGENTS_SHELL_GIT_USER_EMAIL": "greg@proompteng.ai",
    "AGENTS_SHELL_AGENT_NAMESPACE": "agents",
    "AGENTS_SHELL_AGENT_NAME": "codex-agent",
    "AGENTS_SHELL_AGENT_REPOSITORY": "proompteng/lab",
    "AGENTS_SHELL_AGENT_BASE_BRANCH": "main",
    "AGENTS_SHELL_AGENT_VCS_REF": "github",
    "AGENTS_SHELL_AGENT_RUNTIME_SERVICE_ACCOUNT": "agents-sa",
    "AGENTS_SHELL_AGENT_SECRETS": "github-token,codex-auth",
}


class TokenSecret(Strict):
    """A Secret key holding a Git token."""

    name: str = Field("", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Secret name; empty = none.")
    key: str = Field("token", description="Key within the Secret; empty = token.")


class Bootstrap(Strict):
    """An init container that clones (or fast-forwards) a Git repository into the workspace."""

    # What the bootstrap template insists on, in the schema: Helm refuses it up front.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"enabled": {"const": True}}, "required": ["enabled"]},
            "then": {
                "properties": {"repository": {"minLength": 1}, "targetPath": {"minLength": 1}},
                "required": ["repository", "targetPath"],
            },
        }
    )

    enabled: bool = Field(False, description="Run it.")
    repository: str = Field(
        "https://github.com/proompteng/lab.git",
        description="Repository to clone; required when enabled.",
    )
    branch: str = Field("main", description="Branch to check out; empty = main.")
    target_path: str = Field(
        "/workspace/lab", description="Where in the workspace; required when enabled."
    )
    depth: Annotated[int, Field(ge=0)] = Field(
        0, description="Clone depth; 0 = full history; null or unset = 1."
    )
    token_secret: Annotated[TokenSecret, UNSETTABLE] = Field(
        TokenSecret.model_construct(), description="A Secret key holding a token for HTTPS clones."
    )

    @model_validator(mode="after")
    def _source_and_target(self) -> Bootstrap:
        """The init container clones repository into targetPath: both must be set."""
        given = self.model_fields_set  # a null deletes the default: then the field is unset
        repository = self.repository if "repository" in given else ""
        target = self.target_path if "target_path" in given else ""
        if self.enabled and (not repository or not target):
            raise ValueError(BOOTSTRAP_NEEDS)
        return self


class Workspace(Strict):
    """The workspace mounted at /workspace: a PersistentVolumeClaim or an emptyDir."""

    enabled: bool = Field(
        True,
        description="Create the PersistentVolumeClaim (unless existingClaim); volumeMode "
        "persistentVolumeClaim needs it.",
    )
    volume_mode: Literal["persistentVolumeClaim", "emptyDir"] = Field(
        "persistentVolumeClaim",
        description="persistentVolumeClaim (kept across restarts) or emptyDir (lost with the pod).",
    )
    existing_claim: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Use this claim instead of creating one."
    )
    claim_name: str = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        description="Name of the claim the chart creates; empty = agents-shell-workspace.",
    )
    access_modes: list[
        Literal["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]
    ] = Field(["ReadWriteOnce"], description="Access modes of the claim.")
    size: str = Field("20Gi", description="Storage requested by the claim.")
    storage_class_name: str = Field("", description="StorageClass; empty = the cluster default.")
    annotations: StringMap = Field({}, description="Annotations of the claim.")
    labels: StringMap = Field({}, description="Labels added to the claim.")
    bootstrap: Annotated[Bootstrap, UNSETTABLE] = section(Bootstrap)


class ShellService(Strict):
    """The Service agents-shell in front of the shell's http port."""

    enabled: bool = Field(True, description="Create it.")
    type: ServiceType = Field("ClusterIP", description="Service type.")
    port: Port = Field(80, description="Service port, forwarding to the http port (8080).")
    annotations: StringMap = Field({}, description="Annotations of the Service.")
    labels: StringMap = Field({}, description="Labels added to the Service.")


class IngressRoute(Strict):
    """A Traefik IngressRoute to the shell's Service (needs Traefik's CRDs)."""

    enabled: bool = Field(False, description="Create it.")
    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, description="Its name; empty = agents-shell."
    )
    host: str = Field("agents-shell.proompteng.ai", description="Host it routes.")
    entry_points: list[str] = Field(["web", "websecure"], description="Traefik entry points.")
    priority: int = Field(10, description="Route priority.")
    middlewares: list[KubeObject] = Field([], description="Traefik middlewares, as written.")
    tls: KubeObject = Field({}, description="Traefik TLS settings, as written; {} = none.")


class ShellNetworkPolicy(Strict):
    """A NetworkPolicy for the shell's pods."""

    enabled: bool = Field(False, description="Create it.")
    ingress_namespaces: list[Annotated[str, Field(pattern=DNS_LABEL, max_length=63)]] = Field(
        ["traefik"], description="Namespaces whose pods may reach the shell's http port."
    )
    egress: list[EgressRule] = Field([], description="Egress rules; none = egress unrestricted.")
    annotations: StringMap = Field({}, description="Annotations of it.")


class AgentsShell(Strict):
    """agents-shell: Deployment agents-shell, with its ServiceAccount, RBAC, Service, workspace
    and optional IngressRoute and NetworkPolicy."""

    enabled: bool = Field(False, description="Deploy it.")
    replica_count: Replicas = Field(1, description="Replicas.")
    image: Annotated[ShellImage, UNSETTABLE] = section(ShellImage)
    service_account: ShellServiceAccount = section(ShellServiceAccount)
    rbac: ShellRbac = section(ShellRbac)
    env: FullEnv = Field(
        FullEnv.model_construct(vars=_SHELL_VARS), description="Environment of the shell."
    )
    workspace: Workspace = section(Workspace)
    service: ShellService = section(ShellService)
    ingress_route: IngressRoute = section(IngressRoute)
    network_policy: ShellNetworkPolicy = section(ShellNetworkPolicy)
    resources: Annotated[Resources, UNSETTABLE] = Field(
        resources({"cpu": "200m", "memory": "512Mi"}), description="Container resources."
    )
    pod_annotations: StringMap = Field({}, description="Annotations of the pods.")
    pod_labels: StringMap = Field({}, description="Labels added to the pods.")
    security_context: PodSecurityContext = Field(
        {
            "runAsNonRoot": True,
            "runAsUser": 1000,
            "runAsGroup": 1000,
            "fsGroup": 1000,
            "fsGroupChangePolicy": "OnRootMismatch",
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        description="securityContext of the pods.",
    )
    container_security_context: SecurityContext = Field(
        {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": False,
            "capabilities": {"drop": ["ALL"]},
        },
        description="securityContext of the containers.",
    )
    node_selector: StringMap = Field({}, description="nodeSelector of the pods.")
    affinity: Affinity = Field({}, description="affinity of the pods.")
    tolerations: list[Toleration] = Field([], description="tolerations of the pods.")
    deployment_strategy: Annotated[DeploymentStrategy, UNSETTABLE] = Field(
        DeploymentStrategy.model_construct(type="Recreate"),
        description="The Deployment's strategy: Recreate, as the workspace claim is ReadWriteOnce.",
    )
    termination_grace_period_seconds: KubeSeconds = Field(
        30, description="Seconds a pod has to stop."
    )
    liveness_probe: BoundedProbe = Field(
        probe(BoundedProbe, path="/healthz", initial_delay_seconds=10),
        description="The liveness probe.",
    )
    readiness_probe: BoundedProbe = Field(
        probe(BoundedProbe, path="/readyz", initial_delay_seconds=5),
        description="The readiness probe.",
    )
    extra_volumes: Annotated[
        list[ShellVolume], renders_volumes("component", "the agents-shell pod"), CONTRACT
    ] = Field([], description="Volumes added to the agents-shell pod, after the workspace.")
    extra_volume_mounts: Annotated[
        list[ShellMount], renders_mounts("component", "the agents-shell container"), CONTRACT
    ] = Field(
        [],
        description="Mounts added to the agents-shell container, after the workspace. Each must "
        "name a volume from agentsShell.extraVolumes.",
    )
