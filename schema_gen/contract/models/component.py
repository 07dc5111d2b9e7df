"""controlPlane.* and controllers.*: what each of the two server Deployments has of its own.

Each key here overlays the top-level key of the same name for that Deployment only:
a probe, strategy or lifecycle key set here wins over the top-level one (upstream
0.9.29 lets the top level win, so its component keys have no effect; see the
differences page).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import LINEAR_GATEWAY
from schema_gen.contract.models.base import (
    CONTRACT,
    UNSETTABLE,
    Fallback,
    KubeSeconds,
    Replicas,
    Strict,
    StringMap,
    section,
)
from schema_gen.contract.models.env import Env
from schema_gen.contract.models.image import InheritedImage, inherited
from schema_gen.contract.models.kube import Lifecycle
from schema_gen.contract.models.policies import PodDisruptionBudget
from schema_gen.contract.models.services import ServiceType
from schema_gen.contract.models.volumes import (
    ServerMount,
    ServerVolume,
    renders_mounts,
    renders_volumes,
)
from schema_gen.contract.models.workload import (
    Autoscaling,
    DeploymentLifecycle,
    DeploymentStrategy,
    ProbeOverride,
    Resources,
    UnboundedProbeOverride,
)
from schema_gen.contract.renders import CONTAINER, Renders

_IMAGE = Renders(
    field=f"{CONTAINER}.image",
    behavior="repository:tag, then @digest when set; each empty field inherits image.*.",
    probe={"image": {"repository": "probe.example/agents", "tag": "probe"}},
    expect="probe.example/agents:probe",
    scope="component",
    value="`{key}.*`",
)
_ENV = Renders(
    field=f"{CONTAINER}.env[]",
    behavior="Overlays the shared env.vars in this Deployment only; wins on conflict.",
    probe={"env": {"vars": {"PROBE_COMPONENT": "on"}}},
    expect={"name": "PROBE_COMPONENT", "value": "on"},
    scope="component",
    value="`{key}.vars`",
)
_CONTROLLERS_IMAGE = Renders(
    field=f"{CONTAINER}.image",
    behavior="repository:tag, then @digest when set; each empty field inherits image.*. The "
    "Linear MCP gateway's empty image fields take these first.",
    probe={"image": {"repository": "probe.example/agents", "tag": "probe"}},
    expect="probe.example/agents:probe",
    scope="component",
    value="`{key}.*`",
    also=(LINEAR_GATEWAY.key,),
)
_PROBE = "Overlays the top-level {0} key by key for this Deployment (its keys win)."


class ServerComponent(Strict):
    """What each server Deployment may set for itself, over the top-level keys."""

    image: Annotated[InheritedImage, _IMAGE, UNSETTABLE] = section(InheritedImage)
    env: Annotated[Env, _ENV] = Field(
        Env.model_construct(),
        description="Overlay on the shared env for this Deployment: its vars win over env.vars.",
    )
    liveness_probe: Annotated[ProbeOverride, UNSETTABLE] = Field(
        ProbeOverride.model_construct(), description=_PROBE.format("livenessProbe")
    )
    readiness_probe: Annotated[ProbeOverride, UNSETTABLE] = Field(
        ProbeOverride.model_construct(), description=_PROBE.format("readinessProbe")
    )
    startup_probe: Annotated[ProbeOverride, UNSETTABLE] = Field(
        ProbeOverride.model_construct(), description=_PROBE.format("startupProbe")
    )
    lifecycle: Lifecycle = Field(
        {}, description="Container lifecycle hooks; overlays the top-level lifecycle."
    )
    deployment_lifecycle: Annotated[DeploymentLifecycle, UNSETTABLE] = Field(
        DeploymentLifecycle.model_construct(),
        description="Overlays the top-level deploymentLifecycle key by key.",
    )
    deployment_strategy: DeploymentStrategy = Field(
        None,
        description="Overlays the top-level deploymentStrategy; a type of Recreate drops "
        "rollingUpdate.",
    )
    termination_grace_period_seconds: KubeSeconds | None = Field(
        None,
        description="Seconds a pod has to stop; set (even to null) it replaces the top-level "
        "terminationGracePeriodSeconds, null leaving it to Kubernetes.",
    )
    extra_volumes: Annotated[
        list[ServerVolume], renders_volumes("component", "this Deployment's pod only"), CONTRACT
    ] = Field(
        [], description="Volumes added to this Deployment only, after the global extraVolumes."
    )
    extra_volume_mounts: Annotated[
        list[ServerMount], renders_mounts("component", "this Deployment's container only"), CONTRACT
    ] = Field(
        [],
        description="Mounts added to this Deployment's container only, after the global "
        "extraVolumeMounts. Each must name a volume from extraVolumes or this component's own.",
    )


class ControlPlane(ServerComponent):
    """The control plane: Deployment {fullname} (HTTP API, gRPC and, unless
    controllers.enabled, the reconcile loops)."""

    image: Annotated[InheritedImage, _IMAGE, UNSETTABLE] = Field(
        inherited("ghcr.io/proompteng/agents-control-plane"),
        description=InheritedImage.__doc__,
    )
    replica_count: Replicas = Field(None, description="Replicas; unset = replicaCount.")
    resources: Resources = Field(None, description="Container resources; unset = resources.")


class ControllersService(Strict):
    """A Service {fullname}-controllers-grpc in front of the controllers' gRPC listener."""

    enabled: bool = Field(
        False,
        description="Create it (with controllers.enabled); required when controllers.env.vars "
        "turns AGENTS_GRPC_ENABLED on.",
    )
    type: ServiceType = Field("ClusterIP", description="Service type; empty = ClusterIP.")
    port: Annotated[int, Field(ge=0, le=65535), Fallback("grpc.servicePort", (0,))] = Field(
        50051,
        description="Service port; 0 = grpc.servicePort. It forwards to the controllers' "
        "AGENTS_GRPC_PORT, else grpc.port.",
    )
    annotations: StringMap = Field({}, description="Annotations of the Service.")
    labels: StringMap = Field({}, description="Labels added to the Service.")


class ControllersDisruptionBudget(PodDisruptionBudget):
    """A PodDisruptionBudget {fullname}-controllers for the controllers' pods."""


class Controllers(ServerComponent):
    """The controllers: Deployment {fullname}-controllers, running the reconcile loops apart
    from the control plane."""

    enabled: bool = Field(
        False,
        description="Run the reconcile loops in their own Deployment. false: the control plane "
        "runs them in-process and there is one server Deployment.",
    )
    image: Annotated[InheritedImage, _CONTROLLERS_IMAGE, UNSETTABLE] = Field(
        inherited("ghcr.io/proompteng/agents-controller"),
        description="The controllers' image; each empty field inherits image.*. The Linear MCP "
        "gateway runs it too, unless linearMcpGateway.image names its own.",
    )
    replica_count: Annotated[Replicas, Fallback()] = Field(
        1, description="Replicas, unless autoscaling.enabled."
    )
    liveness_probe: Annotated[UnboundedProbeOverride, UNSETTABLE] = Field(
        UnboundedProbeOverride.model_construct(), description=_PROBE.format("livenessProbe")
    )
    readiness_probe: Annotated[UnboundedProbeOverride, UNSETTABLE] = Field(
        UnboundedProbeOverride.model_construct(), description=_PROBE.format("readinessProbe")
    )
    autoscaling: Annotated[Autoscaling, UNSETTABLE] = section(Autoscaling)
    pod_disruption_budget: ControllersDisruptionBudget = section(ControllersDisruptionBudget)
    service: ControllersService = section(ControllersService)
    deployment_strategy: Annotated[DeploymentStrategy, UNSETTABLE] = Field(
        DeploymentStrategy.model_construct(),
        description="Overlays the top-level deploymentStrategy; a type of Recreate drops "
        "rollingUpdate.",
    )
    resources: Annotated[Resources, UNSETTABLE] = Field(
        Resources.model_construct(), description="Container resources; empty = resources."
    )
