"""The root of the chart's values, and the rules that span its entries."""

from __future__ import annotations

import copy
import functools
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, model_validator

from schema_gen import api_checks, rules
from schema_gen.components import CONTROL_PLANE, IN_BOTH
from schema_gen.environment import EnvVar
from schema_gen.models.accounts import Rbac, RunnerServiceAccount, ServiceAccount
from schema_gen.models.agent_comms import AgentComms
from schema_gen.models.argocd import ArgocdHooks
from schema_gen.models.base import Replicas, Strict, StringMap
from schema_gen.models.component import Controllers, ControlPlane
from schema_gen.models.controller import Controller, OrchestrationController, SupportingController
from schema_gen.models.database import Database
from schema_gen.models.env import SharedEnv
from schema_gen.models.grpc import Grpc
from schema_gen.models.image import Image
from schema_gen.models.kube import Affinity, PodSecurityContext, SecurityContext, Toleration
from schema_gen.models.policies import (
    LimitRange,
    NetworkPolicy,
    PodDisruptionBudget,
    PodSecurityAdmission,
    ResourceQuota,
)
from schema_gen.models.runtime import KubernetesApi, Logging, Runner, Runtime, WorkflowRuntime
from schema_gen.models.services import Metrics, Service
from schema_gen.models.validation import Validation
from schema_gen.models.vcp import VersionControlProvider
from schema_gen.models.volumes import (
    EXTRA_MOUNTS_EXAMPLE,
    EXTRA_VOLUMES_EXAMPLE,
    ExtraVolume,
    ExtraVolumeMount,
    renders_mounts,
    renders_volumes,
)
from schema_gen.models.workload import Autoscaling, Probe, Resources
from schema_gen.renders import CONTAINER, POD, Renders

CONTROL_PLANE_DEPLOYMENT = CONTROL_PLANE.deployment()


def _documented(model: type[Strict], **defaults: Any) -> Any:
    """Return a Field whose default is ``model`` with ``defaults``, described by its docstring."""
    return Field(model.model_construct(**defaults), description=model.__doc__)


class Values(Strict):
    """The values of the agents chart."""

    name_override: str = Field("", description="Replaces the chart name in object names.")
    fullname_override: str = Field("", description="Replaces {fullname} in object names.")
    namespace_override: str = Field(
        "", description="Namespace of every object; empty = the release namespace."
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
        EnvVar("JANGAR_IMAGE", IN_BOTH, "image"),
        Renders(
            field=f"{POD}.imagePullSecrets[]",
            behavior="imagePullSecrets of every pod, unless the component names its own.",
            probe={"image": {"pullSecrets": ["probe-pull"]}},
            expect={"name": "probe-pull"},
            value="`{key}.pullSecrets`",
        ),
    ] = _documented(Image, repository="ghcr.io/proompteng/jangar")
    control_plane: ControlPlane = _documented(ControlPlane)
    controllers: Controllers = _documented(Controllers)
    runner: Runner = _documented(Runner)
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
    metrics: Metrics = _documented(Metrics)
    resources: Annotated[
        Resources,
        Renders(
            field=f"{CONTAINER}.resources",
            behavior="Resources of both containers, unless the component sets its own.",
            probe={"resources": {"requests": {"cpu": "7m", "memory": "7Mi"}}},
            expect={"requests": {"cpu": "7m", "memory": "7Mi"}, "limits": {}},
        ),
    ] = Field(
        Resources.model_construct(requests={"cpu": "100m", "memory": "256Mi"}, limits={}),
        description="Container resources of both Deployments; controlPlane.resources and "
        "controllers.resources replace them.",
    )
    resource_quota: ResourceQuota = _documented(ResourceQuota)
    limit_range: LimitRange = _documented(LimitRange)
    pod_annotations: StringMap = Field({}, description="Annotations of every pod.")
    pod_labels: StringMap = Field({}, description="Labels added to every pod.")
    security_context: PodSecurityContext = Field({}, description="securityContext of every pod.")
    container_security_context: SecurityContext = Field(
        {}, description="securityContext of every container."
    )
    node_selector: Annotated[
        StringMap,
        Renders(
            field=f"{POD}.nodeSelector",
            behavior="nodeSelector of every pod.",
            probe={"nodeSelector": {"pool": "probe"}},
            expect={"pool": "probe"},
        ),
    ] = Field({}, description="nodeSelector of every pod.")
    affinity: Affinity = Field({}, description="affinity of every pod.")
    tolerations: Annotated[
        list[Toleration],
        Renders(
            field=f"{POD}.tolerations[]",
            behavior="tolerations of every pod, as written.",
            probe={"tolerations": [{"key": "probe", "operator": "Exists"}]},
            expect={"key": "probe", "operator": "Exists"},
        ),
    ] = Field([], description="tolerations of every pod.")
    liveness_probe: Annotated[
        Probe,
        Renders(
            field=f"{CONTAINER}.livenessProbe.httpGet.path",
            behavior="HTTP liveness probe on the http port of both containers, when enabled.",
            probe={"livenessProbe": {"path": "/probe"}},
            expect="/probe",
            value="`{key}.*`",
        ),
    ] = Field(
        Probe.model_construct(initial_delay_seconds=10),
        description="The liveness probe of both containers.",
    )
    readiness_probe: Probe = Field(
        Probe.model_construct(initial_delay_seconds=5),
        description="The readiness probe of both containers.",
    )
    pod_disruption_budget: PodDisruptionBudget = _documented(PodDisruptionBudget)
    network_policy: NetworkPolicy = _documented(NetworkPolicy)
    env: Annotated[
        SharedEnv,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Environment of both containers; the components' env.vars win.",
            probe={"env": {"vars": {"PROBE_SHARED": "on"}}},
            expect={"name": "PROBE_SHARED", "value": "on"},
            value="`{key}.vars`",
        ),
    ] = Field(
        SharedEnv.model_construct(
            vars={"NODE_ENV": "production", "PORT": "8080", "JANGAR_MIGRATIONS": "auto"}
        ),
        description="Environment shared by both Deployments.",
    )
    workflow_runtime: WorkflowRuntime = _documented(WorkflowRuntime)
    runtime: Runtime = _documented(Runtime)
    env_from_secret_refs: list[str] = Field(
        [], description="Secrets whose every key becomes a variable in both containers."
    )
    env_from_config_map_refs: list[str] = Field(
        [], description="ConfigMaps whose every key becomes a variable in both containers."
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
        list[ExtraVolume], renders_volumes("both", "both pods, after the chart-managed ones")
    ] = Field(
        [],
        description="Volumes added to both Deployments, after the chart-managed ones.",
        examples=[EXTRA_VOLUMES_EXAMPLE],
    )
    extra_volume_mounts: Annotated[
        list[ExtraVolumeMount],
        renders_mounts("both", "both containers, after the chart-managed ones"),
    ] = Field(
        [],
        description="Mounts added to both containers, after the chart-managed ones. Each must "
        "name a volume that both Deployments have.",
        examples=[EXTRA_MOUNTS_EXAMPLE],
    )
    logging: Logging = _documented(Logging)
    pod_security_admission: PodSecurityAdmission = _documented(PodSecurityAdmission)
    kubernetes_api: KubernetesApi = _documented(KubernetesApi)
    argocd_hooks: ArgocdHooks = _documented(ArgocdHooks)
    validation: Validation = Field(
        Validation.model_construct(), description="Render-time checks of the volume contract."
    )
    global_: dict[str, Any] = Field(
        {},
        alias="global",
        description="Values Helm shares with subcharts; accepted and unused by this chart.",
    )

    @model_validator(mode="after")
    def _contract_holds(self, info: ValidationInfo) -> Values:
        """Apply the cross-entry rules (R2-R4) unless validation.mode is warn.

        ``context={"per_entry_only": True}`` skips them too, for callers that
        report cross-entry problems themselves, one by one.
        """
        if (info.context or {}).get("per_entry_only"):
            return self
        values = self.model_dump(by_alias=True)
        problems = rules.scope_problems(values) + api_checks.problems(values)
        if self.validation.mode != "warn":  # warn: Helm renders and lists them in NOTES.txt
            problems += rules.contract_problems(values)
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
