"""The chart's Deployments: the values key that configures each and the names it renders.

Every other module, the templates (through the generated ``agents.components``
helper) and the tests read the components from here, so a name is spelled once.
The names are upstream 0.9.29's: selectors and names are immutable, so a release
upgrades in place only if they stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The release the docs describe and the tests render: objects are named after it.
RELEASE = "agents"
NAMESPACE = "agents"
# The release namespace of `helm template` and `helm install` without -n (and without a
# kubeconfig context naming one): lint, explain and migrate judge in it when not told.
HELM_DEFAULT_NAMESPACE = "default"
# The chart's name: the app.kubernetes.io/name of its objects and the base of object
# names (a release whose name contains it is named after the release alone).
CHART = "agents"


@dataclass(frozen=True)
class ChartComponent:
    """One Deployment of the chart and the values key that configures it."""

    key: str  # the values key: controlPlane.*, controllers.*, agentsShell.*, linearMcpGateway.*
    # The Deployment's name in a release called RELEASE ({fullname} = {name} = "agents").
    deployment: str
    container: str  # the main container's name
    # The pods' app.kubernetes.io/name (upstream's selector, which an upgrade must keep).
    selector_name: str
    optional: bool  # rendered only when its values key's enabled is true
    # Whether the global extraVolumes/extraVolumeMounts reach its pod (upstream's meaning:
    # the control plane and the controllers only).
    global_extras: bool
    description: str  # what runs in it, for the docs
    # What, besides enabled: true, the values need for it to render (its own required keys).
    needs: dict[str, object] = field(default_factory=dict)
    # How the templates name it in any release: the full name (agents.fullname) or, for
    # agents-shell as upstream does, the chart's name (agents.name), then this suffix.
    named_after: str = "fullname"
    suffix: str = ""

    def deployment_name(self, fullname: str, name: str) -> str:
        """Return its Deployment's name in a release whose agents.fullname and agents.name
        are given (agents.shellName truncates to 63 characters, as every helper does)."""
        base = fullname if self.named_after == "fullname" else name
        named = base + self.suffix
        if self.named_after != "name":
            return named
        cut = named[:63]  # trunc 63 | trimSuffix "-": one dash dropped
        return cut[:-1] if cut.endswith("-") else cut

    def turned_on(self) -> dict[str, object]:
        """Return the values that render this Deployment (nothing for one always there)."""
        return {self.key: {"enabled": True, **self.needs}} if self.optional else {}


CONTROL_PLANE = ChartComponent(
    key="controlPlane",
    deployment="agents",
    container="agents",
    selector_name="agents",
    optional=False,
    global_extras=True,
    description="the control plane: HTTP API, gRPC and, unless controllers.enabled, the "
    "reconcile loops",
)
CONTROLLERS = ChartComponent(
    key="controllers",
    deployment="agents-controllers",
    container="agents-controllers",
    selector_name="agents-controllers",
    optional=True,
    global_extras=True,
    description="the reconcile loops, apart from the control plane",
    suffix="-controllers",
)
AGENTS_SHELL = ChartComponent(
    key="agentsShell",
    deployment="agents-shell",
    container="agents-shell",
    selector_name="agents-shell",
    optional=True,
    global_extras=False,
    description="agents-shell, an authenticated shell with a persistent workspace",
    named_after="name",
    suffix="-shell",
)
LINEAR_GATEWAY = ChartComponent(
    key="linearMcpGateway",
    deployment="agents-linear-mcp-gateway",
    container="gateway",
    selector_name="agents-linear-mcp-gateway",
    optional=True,
    global_extras=False,
    description="the Linear MCP gateway that Linear-triggered runner pods call",
    needs={"databaseSecret": {"name": "agents-db-app"}},
    suffix="-linear-mcp-gateway",
)
# In the order the templates and rules walk them.
COMPONENTS: tuple[ChartComponent, ...] = (CONTROL_PLANE, CONTROLLERS, AGENTS_SHELL, LINEAR_GATEWAY)
KEYS: tuple[str, ...] = tuple(c.key for c in COMPONENTS)
BY_KEY: dict[str, ChartComponent] = {c.key: c for c in COMPONENTS}
# The two Deployments that run the agents server (the same image family, one env).
SERVERS: tuple[ChartComponent, ...] = (CONTROL_PLANE, CONTROLLERS)
# Which containers an environment variable reaches, as EnvVar takes them.
IN_BOTH = (CONTROL_PLANE.key, CONTROLLERS.key)
IN_CONTROL_PLANE = (CONTROL_PLANE.key,)
IN_CONTROLLERS = (CONTROLLERS.key,)
IN_SHELL = (AGENTS_SHELL.key,)
IN_GATEWAY = (LINEAR_GATEWAY.key,)
# The reconcile loops whose namespaces values list (each a values key).
WATCHERS = ("controller", "orchestrationController", "supportingController")
# Which Deployment each component renders into, for the release above.
DEPLOYMENTS: dict[str, str] = {c.key: c.deployment for c in COMPONENTS}


def every_deployment() -> dict[str, object]:
    """Return values that render every Deployment of the chart."""
    return {k: v for c in COMPONENTS for k, v in c.turned_on().items()}


def rendered(values: dict) -> list[ChartComponent]:
    """Return the components whose Deployment chart-merged ``values`` render, in order."""
    return [c for c in COMPONENTS if not c.optional or ((values.get(c.key) or {}).get("enabled"))]


def template_data() -> list[dict[str, object]]:
    """Return the components as the generated ``agents.components`` helper holds them."""
    return [
        {"key": c.key, "optional": c.optional, "globalExtras": c.global_extras} for c in COMPONENTS
    ]
