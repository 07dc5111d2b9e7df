"""linearMcpGateway.*: the Linear MCP gateway that Linear-triggered runner pods call."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_GATEWAY
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import (
    CONTRACT,
    COUNT_OR_PERCENT_STRING,
    DNS_LABEL,
    OPTIONAL_DNS_SUBDOMAIN,
    SECRET_KEY,
    UNSETTABLE,
    NotInUpstream,
    Port,
    Strict,
    section,
)
from schema_gen.contract.models.image import GatewayImage
from schema_gen.contract.models.volumes import (
    GatewayMount,
    GatewayVolume,
    renders_mounts,
    renders_volumes,
)
from schema_gen.contract.models.workload import Resources, resources

ServiceAccountName = Annotated[str, Field(pattern=OPTIONAL_DNS_SUBDOMAIN, min_length=1)]


class GatewayDatabaseSecret(Strict):
    """The Secret key holding the gateway's database URL."""

    name: Annotated[str, EnvVar("DATABASE_URL", IN_GATEWAY, "secretKeyRef")] = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        description="Secret name; required when the gateway is enabled.",
    )
    key: str = Field("uri", pattern=SECRET_KEY, description="Key within the Secret.")


class NamedAccount(Strict):
    """A ServiceAccount the chart creates under a fixed name."""

    name: ServiceAccountName = Field(description="Its name.")


class GatewayConfig(Strict):
    """What the gateway serves and whom it trusts."""

    port: Annotated[Port, EnvVar("LINEAR_MCP_GATEWAY_PORT", IN_GATEWAY, "int", line="own")] = Field(
        8080, description="Port it listens on (container, Service and NetworkPolicy)."
    )
    namespace: Annotated[str, EnvVar("LINEAR_MCP_NAMESPACE", IN_GATEWAY, line="own")] = Field(
        "agents",
        pattern=DNS_LABEL,
        description="Namespace it serves; must be the release namespace.",
    )
    audience: Annotated[str, EnvVar("LINEAR_MCP_TOKEN_AUDIENCE", IN_GATEWAY, line="own")] = Field(
        "agents.proompteng.ai/linear-mcp",
        min_length=1,
        description="Audience of the ServiceAccount tokens runner pods present.",
    )
    runner_service_account: Annotated[
        str, EnvVar("LINEAR_MCP_RUNNER_SERVICE_ACCOUNT", IN_GATEWAY, line="own")
    ] = Field(
        "codex-linear-runner",
        min_length=1,
        description="ServiceAccount of the runner pods it trusts; must be "
        "linearMcpGateway.runnerServiceAccount.name.",
    )
    agent_name: Annotated[str, EnvVar("LINEAR_MCP_AGENT_NAME", IN_GATEWAY, line="own")] = Field(
        "codex-linear-agent", min_length=1, description="Agent that Linear issues start."
    )
    provider_name: Annotated[str, EnvVar("LINEAR_MCP_PROVIDER_NAME", IN_GATEWAY, line="own")] = (
        Field("codex-linear", min_length=1, description="AgentProvider of those runs.")
    )
    trigger_label: Annotated[str, EnvVar("LINEAR_MCP_TRIGGER_LABEL", IN_GATEWAY, line="own")] = (
        Field("agentrun", min_length=1, description="Linear label that starts a run.")
    )


class GatewayDisruptionBudget(Strict):
    """A PodDisruptionBudget {fullname}-linear-mcp-gateway."""

    enabled: bool = Field(True, description="Create it.")
    min_available: (
        Annotated[int, Field(ge=0)] | Annotated[str, Field(pattern=COUNT_OR_PERCENT_STRING)]
    ) = Field(1, description="Pods that must stay up (a number or a percentage).")


class GatewayServiceMonitor(Strict):
    """A Prometheus Operator ServiceMonitor for the gateway's /metrics."""

    enabled: bool = Field(False, description="Create it.")
    interval: str = Field("30s", description="Scrape interval.")
    scrape_timeout: str = Field("10s", description="Scrape timeout.")


class GatewayNetworkPolicy(Strict):
    """A NetworkPolicy: in from Linear runner pods and the observability namespace; out to DNS,
    HTTPS and the database."""

    enabled: bool = Field(True, description="Create it.")


class LinearMcpGateway(Strict):
    """The Linear MCP gateway: Deployment {fullname}-linear-mcp-gateway, with its Service,
    ServiceAccounts, RBAC, PodDisruptionBudget and NetworkPolicy."""

    enabled: bool = Field(False, description="Deploy it (needs databaseSecret.name).")
    replica_count: Annotated[int, Field(ge=2, le=2**31 - 1)] = Field(
        2, description="Replicas; at least 2, so the PodDisruptionBudget leaves one up."
    )
    # Upstream's image: {} inherits controllers.image whole; here each key can.
    image: Annotated[
        GatewayImage, UNSETTABLE, NotInUpstream("Values are typed, with the fix in every refusal")
    ] = section(GatewayImage)
    image_pull_secrets: list[str] = Field(
        [], description="imagePullSecrets names; empty = controllers.image.pullSecrets."
    )
    oauth_secret_name: Annotated[
        str, EnvVar("LINEAR_MCP_OAUTH_CLIENT_ID", IN_GATEWAY, "secretKeyRef")
    ] = Field(
        "linear-mcp-oauth",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        min_length=1,
        description="Secret with the Linear OAuth client-id, client-secret and actor-id keys.",
    )
    database_secret: GatewayDatabaseSecret = section(GatewayDatabaseSecret)
    service_account: NamedAccount = Field(
        NamedAccount.model_construct(name="agents-linear-mcp-gateway"),
        description="The gateway's ServiceAccount (it reviews runner tokens).",
    )
    runner_service_account: NamedAccount = Field(
        NamedAccount.model_construct(name="codex-linear-runner"),
        description="The ServiceAccount of Linear runner pods, created without a token mount.",
    )
    config: GatewayConfig = section(GatewayConfig)
    resources: Annotated[Resources, UNSETTABLE] = Field(
        resources({"cpu": "100m", "memory": "256Mi"}, {"cpu": "1000m", "memory": "1Gi"}),
        description="Container resources.",
    )
    pod_disruption_budget: GatewayDisruptionBudget = section(GatewayDisruptionBudget)
    service_monitor: GatewayServiceMonitor = section(GatewayServiceMonitor)
    network_policy: GatewayNetworkPolicy = section(GatewayNetworkPolicy)
    extra_volumes: Annotated[
        list[GatewayVolume], renders_volumes("component", "the gateway pod"), CONTRACT
    ] = Field([], description="Volumes added to the gateway pod, after its tmp volume.")
    extra_volume_mounts: Annotated[
        list[GatewayMount], renders_mounts("component", "the gateway container"), CONTRACT
    ] = Field(
        [],
        description="Mounts added to the gateway container, after /tmp. Each must name a volume "
        "from linearMcpGateway.extraVolumes.",
    )
