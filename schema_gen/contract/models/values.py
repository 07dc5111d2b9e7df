"""The root of the chart's values, and the rules that span its entries."""

from __future__ import annotations

import copy
import functools
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from schema_gen.contract import api_checks, chart_rules, volume_rules
from schema_gen.contract.components import CONTROL_PLANE, IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.accounts import Rbac, RunnerServiceAccount, ServiceAccount
from schema_gen.contract.models.agent_comms import AgentComms
from schema_gen.contract.models.agent_runtime import AgentRuntime
from schema_gen.contract.models.agents_shell import AgentsShell
from schema_gen.contract.models.argocd import ArgocdHooks
from schema_gen.contract.models.base import (
    NAME_OVERRIDE,
    NAMESPACE,
    UNSETTABLE,
    KubeSeconds,
    Replicas,
    Strict,
    StringMap,
)
from schema_gen.contract.models.component import Controllers, ControlPlane
from schema_gen.contract.models.controller import (
    Controller,
    OrchestrationController,
    SupportingController,
    Swarm,
)
from schema_gen.contract.models.database import Database
from schema_gen.contract.models.env import EnvFromSource, FullEnv
from schema_gen.contract.models.grpc import Grpc
from schema_gen.contract.models.helm_tests import HelmTests
from schema_gen.contract.models.image import Image, ImagePolicy
from schema_gen.contract.models.kube import (
    Affinity,
    Lifecycle,
    PodSecurityContext,
    SecurityContext,
    Toleration,
)
from schema_gen.contract.models.kubernetes_api import KubernetesApi
from schema_gen.contract.models.linear_gateway import LinearMcpGateway
from schema_gen.contract.models.observability import Audit, Logging
from schema_gen.contract.models.policies import (
    LimitRange,
    NetworkPolicy,
    PodDisruptionBudget,
    PodSecurityAdmission,
    ResourceQuota,
)
from schema_gen.contract.models.rollout import RolloutChecksums
from schema_gen.contract.models.runner import Runner
from schema_gen.contract.models.services import Cors, Metrics, Service
from schema_gen.contract.models.validation import Validation
from schema_gen.contract.models.vcp import VersionControlProvider
from schema_gen.contract.models.volumes import (
    EXTRA_MOUNTS_EXAMPLE,
    EXTRA_VOLUMES_EXAMPLE,
    ServerMount,
    ServerVolume,
    renders_mounts,
    renders_volumes,
)
from schema_gen.contract.models.workload import (
    Autoscaling,
    BoundedProbe,
    DeploymentLifecycle,
    DeploymentStrategy,
    Probe,
    Resources,
    RollingUpdate,
    probe,
    resources,
)
from schema_gen.contract.renders import CONTAINER, POD, Renders

CONTROL_PLANE_DEPLOYMENT = CONTROL_PLANE.deployment
# A namespace name (DNS-1123 label), as upstream's validation requires of namespaceOverride.
NamespaceName = Annotated[str, StringConstraints(pattern=NAMESPACE)]


def _documented(model: type[Strict], **defaults: Any) -> Any:
    """Return a Field whose default is ``model`` with ``defaults``, described by its docstring."""
    return Field(model.model_construct(**defaults), description=model.__doc__)


class Values(Strict):
    """The values of the agents chart."""

    name_override: str = Field(
        "",
        pattern=NAME_OVERRIDE,
        description="Replaces the chart name in object names and labels; cut to 63 "
        'characters and one trailing "-" dropped, as upstream does, it must be a DNS-1123 label.',
    )
    fullname_override: str = Field(
        "",
        pattern=NAME_OVERRIDE,
        description="Replaces {fullname} in object names; cut to 63 characters and one "
        'trailing "-" dropped, as upstream does, it must be a DNS-1123 label.',
    )
    namespace_override: NamespaceName = Field(
        None,
        description="Namespace of every object; unset = the release namespace. An empty value "
        "is refused: remove the key instead.",
    )
    replica_count: Annotated[
        Replicas,
        Renders(
            field="spec.replicas",
            behavior="Replicas of the control plane, unless autoscaling.enabled or "
            "controlPlane.replicaCount is set.",
            probe={"replicaCount": 3},
            expect=3,
            resource=("Deployment", CONTROL_PLANE_DEPLOYMENT),
        ),
    ] = Field(1, description="Replicas of the control plane.")
    autoscaling: Autoscaling = _documented(Autoscaling)
    image: Annotated[
        Image,
        EnvVar("AGENTS_IMAGE", IN_BOTH, "image"),
        EnvVar("AGENTS_RUNTIME_IMAGE", IN_BOTH, "image"),
        EnvVar("AGENTS_GITOPS_REVISION", IN_BOTH, "tag"),
        Renders(
            field=f"{POD}.imagePullSecrets[]",
            behavior="imagePullSecrets of both server pods, unless the component names its own.",
            probe={"image": {"pullSecrets": ["probe-pull"]}},
            expect={"name": "probe-pull"},
            value="`{key}.pullSecrets`",
        ),
    ] = _documented(Image)
    image_policy: Annotated[ImagePolicy, UNSETTABLE] = _documented(ImagePolicy)
    control_plane: ControlPlane = _documented(ControlPlane)
    controllers: Controllers = _documented(Controllers)
    runner: Runner = _documented(Runner)
    linear_mcp_gateway: LinearMcpGateway = _documented(LinearMcpGateway)
    agents_shell: AgentsShell = _documented(AgentsShell)
    service_account: ServiceAccount = _documented(ServiceAccount)
    runner_service_account: RunnerServiceAccount = _documented(RunnerServiceAccount)
    rbac: Rbac = _documented(Rbac)
    service: Annotated[
        Service,
        Renders(
            field="spec.ports[]",
            behavior="The Service in front of the control plane's http port (8080).",
            probe={"service": {"port": 8081}},
            expect={"name": "http", "port": 8081, "targetPort": "http", "protocol": "TCP"},
            resource=("Service", CONTROL_PLANE_DEPLOYMENT),
            value="`{key}.port`",
        ),
    ] = _documented(Service)
    grpc: Grpc = _documented(Grpc)
    swarm: Swarm = _documented(Swarm)
    validation: Validation = Field(Validation.model_construct(), description="Render-time checks.")
    audit: Audit = _documented(Audit)
    metrics: Metrics = _documented(Metrics)
    cors: Cors = _documented(Cors)
    resources: Annotated[
        Resources,
        UNSETTABLE,
        Renders(
            field=f"{CONTAINER}.resources",
            behavior="Resources of both server containers, unless the component sets its own.",
            probe={"resources": {"requests": {"cpu": "7m", "memory": "7Mi"}}},
            expect={"requests": {"cpu": "7m", "memory": "7Mi"}, "limits": {}},
        ),
    ] = Field(
        resources({"cpu": "100m", "memory": "256Mi"}),
        description="Container resources of both server Deployments; controlPlane.resources "
        "and controllers.resources replace them.",
    )
    resource_quota: ResourceQuota = _documented(ResourceQuota)
    limit_range: LimitRange = _documented(LimitRange)
    pod_annotations: StringMap = Field({}, description="Annotations of both server pods.")
    pod_labels: StringMap = Field({}, description="Labels added to both server pods.")
    rollout_checksums: RolloutChecksums = _documented(RolloutChecksums)
    security_context: PodSecurityContext = Field(
        {}, description="securityContext of both server pods."
    )
    container_security_context: SecurityContext = Field(
        {}, description="securityContext of both server containers."
    )
    node_selector: Annotated[
        StringMap,
        Renders(
            field=f"{POD}.nodeSelector",
            behavior="nodeSelector of both server pods.",
            probe={"nodeSelector": {"pool": "probe"}},
            expect={"pool": "probe"},
        ),
    ] = Field({}, description="nodeSelector of both server pods.")
    affinity: Affinity = Field({}, description="affinity of both server pods.")
    tolerations: Annotated[
        list[Toleration],
        Renders(
            field=f"{POD}.tolerations[]",
            behavior="tolerations of both server pods, as written.",
            probe={"tolerations": [{"key": "probe", "operator": "Exists"}]},
            expect={"key": "probe", "operator": "Exists"},
        ),
    ] = Field([], description="tolerations of both server pods.")
    liveness_probe: Annotated[
        Probe,
        UNSETTABLE,
        Renders(
            field=f"{CONTAINER}.livenessProbe.httpGet.path",
            behavior="HTTP liveness probe on the http port of both server containers, when "
            "enabled.",
            probe={"livenessProbe": {"path": "/probe"}},
            expect="/probe",
            value="`{key}.*`",
        ),
    ] = Field(
        probe(initial_delay_seconds=10),
        description="The liveness probe of both server containers.",
    )
    readiness_probe: Annotated[Probe, UNSETTABLE] = Field(
        probe(path="/ready", initial_delay_seconds=5),
        description="The readiness probe of both server containers.",
    )
    startup_probe: Annotated[BoundedProbe, UNSETTABLE] = Field(
        probe(
            BoundedProbe,
            enabled=False,
            initial_delay_seconds=10,
            period_seconds=5,
            failure_threshold=30,
        ),
        description="The startup probe of both server containers.",
    )
    deployment_strategy: Annotated[DeploymentStrategy, UNSETTABLE] = Field(
        DeploymentStrategy.model_construct(
            type="RollingUpdate",
            rolling_update=RollingUpdate.model_construct(max_surge=1, max_unavailable=0),
        ),
        description="Update strategy of both server Deployments.",
    )
    deployment_lifecycle: Annotated[DeploymentLifecycle, UNSETTABLE] = Field(
        DeploymentLifecycle.model_construct(
            min_ready_seconds=0, progress_deadline_seconds=600, revision_history_limit=10
        ),
        description="Rollout settings of both server Deployments.",
    )
    lifecycle: Lifecycle = Field({}, description="Lifecycle hooks of both server containers.")
    termination_grace_period_seconds: KubeSeconds | None = Field(
        30, description="Seconds a server pod has to stop; null = the Kubernetes default."
    )
    pod_disruption_budget: PodDisruptionBudget = _documented(PodDisruptionBudget)
    network_policy: NetworkPolicy = _documented(NetworkPolicy)
    env: Annotated[
        FullEnv,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Environment of both server containers; the components' env.vars win.",
            probe={"env": {"vars": {"PROBE_SHARED": "on"}}},
            expect={"name": "PROBE_SHARED", "value": "on"},
            value="`{key}.vars`",
        ),
    ] = Field(
        FullEnv.model_construct(
            vars={"NODE_ENV": "production", "PORT": "8080", "AGENTS_MIGRATIONS": "auto"}
        ),
        description="Environment shared by both server Deployments.",
    )
    agent_runtime: AgentRuntime = _documented(AgentRuntime)
    env_from_secret_refs: list[EnvFromSource] = Field(
        [], description="Secrets whose every key becomes a variable in both server containers."
    )
    env_from_config_map_refs: list[EnvFromSource] = Field(
        [],
        description="ConfigMaps whose every key becomes a variable in both server containers.",
    )
    controller: Controller = _documented(Controller)
    version_control_provider: VersionControlProvider = _documented(VersionControlProvider)
    orchestration_controller: OrchestrationController = _documented(OrchestrationController)
    supporting_controller: SupportingController = _documented(SupportingController)
    agent_comms: AgentComms = _documented(AgentComms)
    database: Database = Field(
        Database.model_construct(), description="Database connection settings."
    )
    extra_volumes: Annotated[
        list[ServerVolume],
        renders_volumes("both", "both server pods, after the chart-managed ones"),
    ] = Field(
        [],
        description="Volumes added to both server Deployments (control plane and controllers), "
        "after the chart-managed ones.",
        examples=[EXTRA_VOLUMES_EXAMPLE],
    )
    extra_volume_mounts: Annotated[
        list[ServerMount],
        renders_mounts("both", "both server containers, after the chart-managed ones"),
    ] = Field(
        [],
        description="Mounts added to both server containers, after the chart-managed ones. Each "
        "must name a volume that both server Deployments have.",
        examples=[EXTRA_MOUNTS_EXAMPLE],
    )
    logging: Annotated[Logging, UNSETTABLE] = _documented(Logging)
    pod_security_admission: PodSecurityAdmission = _documented(PodSecurityAdmission)
    kubernetes_api: KubernetesApi = _documented(KubernetesApi)
    argocd_hooks: ArgocdHooks = _documented(ArgocdHooks)
    tests: HelmTests = _documented(HelmTests)
    global_: dict[str, Any] = Field(
        {},
        alias="global",
        description="Values Helm shares with subcharts; accepted and unused by this chart.",
    )

    @model_validator(mode="after")
    def _rules_hold(self, info: ValidationInfo) -> Values:
        """Apply the rules that span entries (validation.mode warn leaves the contract's).

        ``context={"per_entry_only": True}`` skips them too, for callers that
        report cross-entry problems themselves, one by one; ``{"namespace": ...}`` gives
        the release namespace the rules on it need.
        """
        if (info.context or {}).get("per_entry_only"):
            return self
        values = self.model_dump(by_alias=True, exclude_none=True)
        problems = chart_rules.chart_problems(values, (info.context or {}).get("namespace"))
        problems += api_checks.problems(values)
        if self.validation.mode != "warn":  # warn: Helm renders and lists them in NOTES.txt
            problems += volume_rules.contract_problems(values)
        if problems:
            raise ValueError("\n".join(problems))
        return self


@functools.cache
def _defaults() -> dict[str, Any]:
    return Values.model_construct().model_dump(
        by_alias=True, exclude_none=True, exclude={"global_"}
    )


def chart_defaults() -> dict[str, Any]:
    """Return the chart's defaults: what values.yaml holds, as Helm reads it (a fresh copy)."""
    return copy.deepcopy(_defaults())
