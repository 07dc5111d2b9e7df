"""The controllers' settings, each key declaring the environment variable it sets."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.env_mapping import EnvVar
from schema_gen.mapping import Renders
from schema_gen.models.base import (
    CONTROL_PLANE,
    CONTROLLERS,
    Count,
    Namespace,
    NonEmpty,
    Port,
    Seconds,
    Strict,
)

_CTL = "JANGAR_AGENTS_CONTROLLER_"


class Concurrency(Strict):
    """How many AgentRuns the controllers run at once; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once per namespace."
    )
    agent: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_AGENT", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once per Agent."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once in the cluster."
    )


class Queue(Strict):
    """How many AgentRuns may wait; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}QUEUE_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}QUEUE_REPO", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}QUEUE_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns in the cluster."
    )


class Rate(Strict):
    """How many AgentRuns may start per window; unset keys keep the app's default."""

    window_seconds: Annotated[Count, EnvVar(f"{_CTL}RATE_WINDOW_SECONDS", CONTROLLERS, "int")] = (
        Field(None, description="Length of the rate window, in seconds.")
    )
    namespace: Annotated[Count, EnvVar(f"{_CTL}RATE_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}RATE_REPO", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}RATE_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window in the cluster."
    )


class AdmissionPolicy(Strict):
    """What the controllers admit: labels, images and Secrets an AgentRun may use."""

    labels_required: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_REQUIRED", CONTROLLERS, "list")
    ] = Field([], description="Labels every AgentRun must carry.")
    labels_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_ALLOWED", CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may carry; empty allows any.")
    labels_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_DENIED", CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may not carry.")
    images_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_ALLOWED", CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may use; empty allows any.")
    images_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_DENIED", CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may not use.")
    blocked_secrets: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}BLOCKED_SECRETS", CONTROLLERS, "list")
    ] = Field([], description="Secrets no AgentRun may mount or reference.")


class VcsProviders(Strict):
    """Version control providers (VersionControlProvider resources)."""

    enabled: Annotated[bool, EnvVar(f"{_CTL}VCS_PROVIDERS_ENABLED", CONTROLLERS, "bool")] = Field(
        None,
        description="Reconcile VersionControlProvider resources; unset keeps the app's default.",
    )


class AuthSecret(Strict):
    """The Secret the controllers hand to agent runners for authentication."""

    name: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_NAME", CONTROLLERS)] = Field(
        "", description="Secret name; empty = none."
    )
    key: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_KEY", CONTROLLERS)] = Field(
        "", description="Key within the Secret."
    )
    mount_path: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_MOUNT_PATH", CONTROLLERS)] = Field(
        "", description="Where runner pods mount the Secret."
    )


class Controller(Strict):
    """The agents controller: the reconcile loops of Agents and AgentRuns."""

    namespaces: Annotated[
        list[Namespace],
        EnvVar(f"{_CTL}NAMESPACES", CONTROLLERS, "list"),
        EnvVar("JANGAR_PRIMITIVES_NAMESPACES", CONTROLLERS, "list"),
    ] = Field([], description="Namespaces to reconcile; empty = every namespace.")
    concurrency: Concurrency = Field(Concurrency.model_construct(), description=Concurrency.__doc__)
    queue: Queue = Field(Queue.model_construct(), description=Queue.__doc__)
    rate: Rate = Field(Rate.model_construct(), description=Rate.__doc__)
    agent_run_retention_seconds: Annotated[
        Seconds, EnvVar(f"{_CTL}AGENTRUN_RETENTION_SECONDS", CONTROLLERS, "int")
    ] = Field(None, description="Delete finished AgentRuns after this many seconds.")
    job_ttl_seconds_after_finished: Annotated[
        Seconds, EnvVar("JANGAR_AGENT_RUNNER_JOB_TTL_SECONDS", CONTROLLERS, "int")
    ] = Field(None, description="ttlSecondsAfterFinished of the runner Jobs.")
    admission_policy: AdmissionPolicy = Field(
        AdmissionPolicy.model_construct(), description=AdmissionPolicy.__doc__
    )
    vcs_providers: VcsProviders = Field(
        VcsProviders.model_construct(), description=VcsProviders.__doc__
    )
    auth_secret: AuthSecret = Field(AuthSecret.model_construct(), description=AuthSecret.__doc__)


class OrchestrationController(Strict):
    """The Orchestration controller."""

    enabled: Annotated[
        bool, EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_ENABLED", CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace], EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_NAMESPACES", CONTROLLERS, "list")
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")


class SupportingController(Strict):
    """The supporting-primitives controller (budgets, approvals, signals, ...)."""

    enabled: Annotated[
        bool, EnvVar("JANGAR_SUPPORTING_CONTROLLER_ENABLED", CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace], EnvVar("JANGAR_SUPPORTING_CONTROLLER_NAMESPACES", CONTROLLERS, "list")
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")


class Grpc(Strict):
    """The control plane's gRPC server and its Service."""

    enabled: Annotated[bool, EnvVar("JANGAR_GRPC_ENABLED", CONTROL_PLANE, "bool")] = Field(
        False, description="Serve gRPC from the control plane, behind Service {release}-grpc."
    )
    host: Annotated[str, EnvVar("JANGAR_GRPC_HOST", CONTROL_PLANE)] = Field(
        "", description="Address the server binds; empty keeps the app's default."
    )
    port: Annotated[Port, EnvVar("JANGAR_GRPC_PORT", CONTROL_PLANE, "int")] = Field(
        50051, description="Port the server listens on (the container port)."
    )
    service_type: Annotated[
        Literal["ClusterIP", "NodePort", "LoadBalancer"],
        Renders(
            field="spec.type",
            behavior="Type of the control plane's gRPC Service, rendered when grpc.enabled.",
            probe={"enabled": True, "serviceType": "NodePort"},
            expect="NodePort",
            resource=("Service", "agents-grpc"),
        ),
    ] = Field("ClusterIP", description="Type of the gRPC Service.")
    service_port: Annotated[
        Port,
        Renders(
            field="spec.ports[]",
            behavior="The Service port, forwarding to the control plane's grpc container port.",
            probe={"enabled": True, "servicePort": 443},
            expect={"name": "grpc", "port": 443, "targetPort": "grpc", "protocol": "TCP"},
            resource=("Service", "agents-grpc"),
        ),
    ] = Field(50051, description="Port of the gRPC Service.")


class Runtime(Strict):
    """What the controllers run for agents and schedules."""

    agent_runner_image: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_IMAGE", CONTROLLERS)] = Field(
        "", description="Image of the agent runner Jobs; empty keeps the app's default."
    )
    agent_image: Annotated[str, EnvVar("JANGAR_AGENT_IMAGE", CONTROLLERS)] = Field(
        "", description="Image of the agent itself; empty keeps the app's default."
    )
    schedule_runner_image: Annotated[str, EnvVar("JANGAR_SCHEDULE_RUNNER_IMAGE", CONTROLLERS)] = (
        Field("", description="Image of scheduled runs; empty keeps the app's default.")
    )
    schedule_service_account: Annotated[
        str, EnvVar("JANGAR_SCHEDULE_SERVICE_ACCOUNT", CONTROLLERS)
    ] = Field("", description="ServiceAccount of scheduled runs; empty keeps the app's default.")


class Rbac(Strict):
    """The ServiceAccount and RBAC the Deployments run with."""

    create: bool = Field(True, description="Create the Roles or ClusterRoles and their bindings.")
    cluster_scoped: bool = Field(
        True,
        description="ClusterRole and ClusterRoleBinding; false: a Role and RoleBinding in each "
        "of controller.namespaces (the release namespace when empty).",
    )
