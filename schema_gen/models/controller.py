"""controller.*, orchestrationController.*, supportingController.*: the reconcile loops.

Each key declares the environment variable of the controllers' container it sets.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.components import IN_CONTROLLERS
from schema_gen.environment import EnvVar
from schema_gen.models.base import Count, Namespace, NonEmpty, Seconds, Strict

_CTL = "JANGAR_AGENTS_CONTROLLER_"


class Concurrency(Strict):
    """How many AgentRuns the controllers run at once; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_NAMESPACE", IN_CONTROLLERS, "int")] = (
        Field(None, description="At most this many AgentRuns at once per namespace.")
    )
    agent: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_AGENT", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once per Agent."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_CLUSTER", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once in the cluster."
    )


class Queue(Strict):
    """How many AgentRuns may wait; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}QUEUE_NAMESPACE", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}QUEUE_REPO", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}QUEUE_CLUSTER", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns in the cluster."
    )


class Rate(Strict):
    """How many AgentRuns may start per window; unset keys keep the app's default."""

    window_seconds: Annotated[
        Count, EnvVar(f"{_CTL}RATE_WINDOW_SECONDS", IN_CONTROLLERS, "int")
    ] = Field(None, description="Length of the rate window, in seconds.")
    namespace: Annotated[Count, EnvVar(f"{_CTL}RATE_NAMESPACE", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}RATE_REPO", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}RATE_CLUSTER", IN_CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window in the cluster."
    )


class AdmissionPolicy(Strict):
    """What the controllers admit: labels, images and Secrets an AgentRun may use."""

    labels_required: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_REQUIRED", IN_CONTROLLERS, "list")
    ] = Field([], description="Labels every AgentRun must carry.")
    labels_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_ALLOWED", IN_CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may carry; empty allows any.")
    labels_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_DENIED", IN_CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may not carry.")
    images_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_ALLOWED", IN_CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may use; empty allows any.")
    images_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_DENIED", IN_CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may not use.")
    blocked_secrets: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}BLOCKED_SECRETS", IN_CONTROLLERS, "list")
    ] = Field([], description="Secrets no AgentRun may mount or reference.")


class VcsProviders(Strict):
    """Version control providers (VersionControlProvider resources)."""

    enabled: Annotated[bool, EnvVar(f"{_CTL}VCS_PROVIDERS_ENABLED", IN_CONTROLLERS, "bool")] = (
        Field(
            None,
            description="Reconcile VersionControlProvider resources; unset keeps the app's "
            "default.",
        )
    )


class AuthSecret(Strict):
    """The Secret the controllers hand to agent runners for authentication."""

    name: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_NAME", IN_CONTROLLERS)] = Field(
        "", description="Secret name; empty = none."
    )
    key: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_KEY", IN_CONTROLLERS)] = Field(
        "", description="Key within the Secret."
    )
    mount_path: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_MOUNT_PATH", IN_CONTROLLERS)] = Field(
        "", description="Where runner pods mount the Secret."
    )


class Controller(Strict):
    """The agents controller: the reconcile loops of Agents and AgentRuns."""

    namespaces: Annotated[
        list[Namespace],
        EnvVar(f"{_CTL}NAMESPACES", IN_CONTROLLERS, "list"),
        EnvVar("JANGAR_PRIMITIVES_NAMESPACES", IN_CONTROLLERS, "list"),
    ] = Field([], description="Namespaces to reconcile; empty = every namespace.")
    concurrency: Concurrency = Field(Concurrency.model_construct(), description=Concurrency.__doc__)
    queue: Queue = Field(Queue.model_construct(), description=Queue.__doc__)
    rate: Rate = Field(Rate.model_construct(), description=Rate.__doc__)
    agent_run_retention_seconds: Annotated[
        Seconds, EnvVar(f"{_CTL}AGENTRUN_RETENTION_SECONDS", IN_CONTROLLERS, "int")
    ] = Field(None, description="Delete finished AgentRuns after this many seconds.")
    job_ttl_seconds_after_finished: Annotated[
        Seconds, EnvVar("JANGAR_AGENT_RUNNER_JOB_TTL_SECONDS", IN_CONTROLLERS, "int")
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
        bool, EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_ENABLED", IN_CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace],
        EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_NAMESPACES", IN_CONTROLLERS, "list"),
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")


class SupportingController(Strict):
    """The supporting-primitives controller (budgets, approvals, signals, ...)."""

    enabled: Annotated[
        bool, EnvVar("JANGAR_SUPPORTING_CONTROLLER_ENABLED", IN_CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace], EnvVar("JANGAR_SUPPORTING_CONTROLLER_NAMESPACES", IN_CONTROLLERS, "list")
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")
