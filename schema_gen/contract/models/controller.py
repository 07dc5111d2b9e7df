"""controller.*, orchestrationController.*, supportingController.*, swarm.*: the reconcile loops.

Each key declares the environment variable it sets. The loops run in the
controllers Deployment when controllers.enabled, else in the control plane;
their variables (environment.loop_var) go to whichever container runs them.
Where upstream's template reads 0 or "" as "not set" (``| default N``), the key
carries a :class:`Fallback` and keeps that meaning.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.components import IN_BOTH, IN_CONTROL_PLANE, IN_CONTROLLERS
from schema_gen.contract.environment import EnvVar, loop_var
from schema_gen.contract.models.base import (
    UNSETTABLE,
    Count,
    Fallback,
    Seconds,
    Strict,
    StringMap,
    WatchedNamespace,
    section,
    zero_means_default,
)
from schema_gen.contract.models.kube import (
    Affinity,
    PodSecurityContext,
    Toleration,
    TopologySpreadConstraint,
)
from schema_gen.contract.models.workload import Resources

_CTL = "AGENTS_CONTROLLER_"
_WEBHOOK = "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_"


def _var(suffix: str, form: str = "int", where: tuple[str, ...] = IN_BOTH) -> EnvVar:
    return loop_var(f"{_CTL}{suffix}", form, where)


class LeaderElection(Strict):
    """Leader election among the replicas that run the reconcile loops (a Lease)."""

    enabled: Annotated[bool, EnvVar("AGENTS_LEADER_ELECTION_ENABLED", IN_BOTH, "bool")] = Field(
        True,
        description="Elect one leader to reconcile. false turns it off (upstream 0.9.29 keeps it "
        "on whatever is written).",
    )
    lease_name: Annotated[
        str, EnvVar("AGENTS_LEADER_ELECTION_LEASE_NAME", IN_BOTH), Fallback(unset=("",))
    ] = Field(
        "agents-controller-leader", description="Name of the Lease; empty = the default name."
    )
    lease_namespace: Annotated[str, EnvVar("AGENTS_LEADER_ELECTION_LEASE_NAMESPACE", IN_BOTH)] = (
        Field("", description="Namespace of the Lease; empty = the release namespace.")
    )
    lease_duration_seconds: Annotated[
        Count, EnvVar("AGENTS_LEADER_ELECTION_LEASE_DURATION_SECONDS", IN_BOTH, "int")
    ] = Field(30, description="How long a leader's lease lasts.")
    renew_deadline_seconds: Annotated[
        Count, EnvVar("AGENTS_LEADER_ELECTION_RENEW_DEADLINE_SECONDS", IN_BOTH, "int")
    ] = Field(20, description="How long the leader tries to renew before giving up.")
    retry_period_seconds: Annotated[
        Count, EnvVar("AGENTS_LEADER_ELECTION_RETRY_PERIOD_SECONDS", IN_BOTH, "int")
    ] = Field(5, description="How often candidates try to acquire the lease.")


class Concurrency(Strict):
    """How many AgentRuns the agents controller runs at once."""

    per_namespace: Annotated[Count, _var("CONCURRENCY_NAMESPACE")] = Field(
        10, description="At most this many at once per namespace."
    )
    per_agent: Annotated[Count, _var("CONCURRENCY_AGENT")] = Field(
        5, description="At most this many at once per Agent."
    )
    cluster: Annotated[Count, _var("CONCURRENCY_CLUSTER")] = Field(
        100, description="At most this many at once in the cluster."
    )


class RepoConcurrency(Strict):
    """Per-repository limits on AgentRuns running at once (control plane loops only)."""

    enabled: Annotated[bool, _var("REPO_CONCURRENCY_ENABLED", "bool", IN_CONTROL_PLANE)] = Field(
        False, description="Limit AgentRuns per repository."
    )
    default: Annotated[Seconds, _var("REPO_CONCURRENCY_DEFAULT", "int", IN_CONTROL_PLANE)] = Field(
        0, description="Limit for a repository without an override; 0 = none."
    )
    overrides: Annotated[
        dict[str, Seconds], _var("REPO_CONCURRENCY_OVERRIDES", "jsonAlways", IN_CONTROL_PLANE)
    ] = Field({}, description="Repository (owner/name) to its limit.")


class Queue(Strict):
    """How many AgentRuns may wait."""

    per_namespace: Annotated[Seconds, _var("QUEUE_NAMESPACE")] = zero_means_default(
        200, "At most this many queued per namespace"
    )
    per_repo: Annotated[Seconds, _var("QUEUE_REPO")] = zero_means_default(
        50, "At most this many queued per repository"
    )
    cluster: Annotated[Seconds, _var("QUEUE_CLUSTER")] = zero_means_default(
        1000, "At most this many queued in the cluster"
    )


class Rate(Strict):
    """How many AgentRuns may start per window."""

    window_seconds: Annotated[Count, _var("RATE_WINDOW_SECONDS")] = Field(
        60, description="Length of the window, in seconds."
    )
    per_namespace: Annotated[Seconds, _var("RATE_NAMESPACE")] = zero_means_default(
        120, "At most this many started per window per namespace"
    )
    per_repo: Annotated[Seconds, _var("RATE_REPO")] = zero_means_default(
        30, "At most this many started per window per repository"
    )
    cluster: Annotated[Seconds, _var("RATE_CLUSTER")] = zero_means_default(
        600, "At most this many started per window in the cluster"
    )


def _webhook(suffix: str, form: str = "int") -> EnvVar:
    return loop_var(f"{_WEBHOOK}{suffix}", form, IN_CONTROL_PLANE)


class WebhookRetry(Strict):
    """How failed webhook deliveries are retried."""

    base_delay_seconds: Annotated[Seconds, _webhook("RETRY_BASE_DELAY_SECONDS")] = (
        zero_means_default(1, "Delay before the first retry")
    )
    max_delay_seconds: Annotated[Seconds, _webhook("RETRY_MAX_DELAY_SECONDS")] = zero_means_default(
        60, "Longest delay between retries"
    )
    max_attempts: Annotated[Count, _webhook("RETRY_MAX_ATTEMPTS")] = Field(
        5, description="Attempts before a delivery is dropped."
    )


class Webhook(Strict):
    """Incoming implementation-source webhooks (control plane loops only)."""

    queue_size: Annotated[Count, _webhook("QUEUE_SIZE")] = Field(
        1000, description="Deliveries buffered before new ones are refused."
    )
    retry: WebhookRetry = section(WebhookRetry)


class AgentRunArtifacts(Strict):
    """Artifacts an AgentRun may record (set in the controllers Deployment)."""

    max: Annotated[
        int,
        Field(ge=0, le=50),
        EnvVar("AGENTS_AGENTRUN_ARTIFACTS_MAX", IN_CONTROLLERS, "int", line="own"),
    ] = zero_means_default(50, "Most artifacts per AgentRun, up to 50", literal="")
    strict: Annotated[
        bool, EnvVar("AGENTS_AGENTRUN_ARTIFACTS_STRICT", IN_CONTROLLERS, "bool", line="own")
    ] = Field(False, description="Fail an AgentRun that records more than max.")


class RuntimeDebrisCleanup(Strict):
    """Cleanup of pods and Jobs that runs left behind (controllers Deployment only)."""

    mode: Annotated[
        Literal["disabled", "audit", "delete"],
        _var("RUNTIME_DEBRIS_CLEANUP_MODE", "string", IN_CONTROLLERS),
        Fallback(unset=("",)),
    ] = Field("disabled", description="disabled, audit (log only) or delete.")
    orphan_pod_retention_seconds: Annotated[
        Seconds, _var("ORPHAN_POD_RETENTION_SECONDS", "int", IN_CONTROLLERS)
    ] = zero_means_default(86400, "Age at which an orphaned pod counts as debris")
    max_deletes_per_namespace: Annotated[
        Seconds, _var("RUNTIME_DEBRIS_MAX_DELETES_PER_NAMESPACE", "int", IN_CONTROLLERS)
    ] = zero_means_default(25, "Most deletions per namespace per pass")


class AuthSecret(Strict):
    """The Secret the controller mounts into agent runner pods for authentication."""

    name: Annotated[str, _var("AUTH_SECRET_NAME", "string")] = Field(
        "", description="Secret name; empty = none (and key and mountPath are not set)."
    )
    key: Annotated[str, _var("AUTH_SECRET_KEY", "string"), Fallback(unset=("",))] = Field(
        "auth.json", description="Key within the Secret; empty = auth.json."
    )
    mount_path: Annotated[str, _var("AUTH_SECRET_MOUNT_PATH", "string"), Fallback(unset=("",))] = (
        Field(
            "/root/.codex", description="Where runner pods mount the Secret; empty = /root/.codex."
        )
    )


class LabelPolicy(Strict):
    """Labels an AgentRun must, may and may not carry."""

    required: Annotated[list[str], _var("LABELS_REQUIRED", "json")] = Field(
        [], description="Labels every AgentRun must carry."
    )
    allowed: Annotated[list[str], _var("LABELS_ALLOWED", "json")] = Field(
        [], description="Labels an AgentRun may carry; empty allows any."
    )
    denied: Annotated[list[str], _var("LABELS_DENIED", "json")] = Field(
        [], description="Labels an AgentRun may not carry."
    )


class RunImagePolicy(Strict):
    """Images an AgentRun may and may not use."""

    allowed: Annotated[list[str], _var("IMAGES_ALLOWED", "json")] = Field(
        [], description="Image patterns an AgentRun may use; empty allows any."
    )
    denied: Annotated[list[str], _var("IMAGES_DENIED", "json")] = Field(
        [], description="Image patterns an AgentRun may not use."
    )


class SecretPolicy(Strict):
    """Secrets AgentRuns may not use."""

    blocked: Annotated[list[str], _var("BLOCKED_SECRETS", "json")] = Field(
        [], description="Secrets no AgentRun may mount or reference."
    )


class AdmissionPolicy(Strict):
    """What the controller admits: labels, images and Secrets an AgentRun may use."""

    labels: LabelPolicy = section(LabelPolicy)
    images: RunImagePolicy = section(RunImagePolicy)
    secrets: SecretPolicy = section(SecretPolicy)


TokenType = Literal["pat", "fine_grained", "api_token", "access_token"]


class PrRateLimit(Strict):
    """A provider's pull request rate limit."""

    window_seconds: Count = Field(None, description="Length of the window, in seconds.")
    max_requests: Count = Field(None, description="Pull requests allowed per window.")
    backoff_seconds: Seconds = Field(None, description="Wait after hitting the limit.")


class VcsProviders(Strict):
    """VersionControlProvider resources and the policy for their tokens."""

    enabled: Annotated[bool, _var("VCS_PROVIDERS_ENABLED", "bool")] = Field(
        True,
        description="Reconcile VersionControlProvider resources (and grant the RBAC to).",
    )
    deprecated_token_types: Annotated[
        dict[str, list[TokenType]], _var("VCS_DEPRECATED_TOKEN_TYPES", "json")
    ] = Field(
        {"github": ["pat"]},
        description="Provider to token types the controller warns about as deprecated.",
    )
    pr_rate_limits: Annotated[dict[str, PrRateLimit], _var("VCS_PR_RATE_LIMITS", "json")] = Field(
        {}, description="Provider to its pull request rate limit."
    )


_RUNNER = "AGENTS_AGENT_RUNNER_"


class DefaultWorkload(Strict):
    """Pod settings of the agent runner Jobs unless an AgentRun sets its own."""

    service_account_name: Annotated[str, EnvVar(f"{_RUNNER}SERVICE_ACCOUNT", IN_BOTH)] = Field(
        "",
        description="ServiceAccount of runner pods; empty = the runner ServiceAccount when "
        "runnerServiceAccount.setAsDefault.",
    )
    node_selector: Annotated[StringMap, EnvVar(f"{_RUNNER}NODE_SELECTOR", IN_BOTH, "json")] = Field(
        {}, description="nodeSelector of runner pods."
    )
    tolerations: Annotated[list[Toleration], EnvVar(f"{_RUNNER}TOLERATIONS", IN_BOTH, "json")] = (
        Field([], description="tolerations of runner pods.")
    )
    affinity: Annotated[Affinity, EnvVar(f"{_RUNNER}AFFINITY", IN_BOTH, "json")] = Field(
        {}, description="affinity of runner pods."
    )
    topology_spread_constraints: Annotated[
        list[TopologySpreadConstraint],
        EnvVar(f"{_RUNNER}TOPOLOGY_SPREAD_CONSTRAINTS", IN_BOTH, "json"),
    ] = Field([], description="topologySpreadConstraints of runner pods.")
    pod_security_context: Annotated[
        PodSecurityContext, EnvVar(f"{_RUNNER}POD_SECURITY_CONTEXT", IN_BOTH, "json")
    ] = Field({}, description="securityContext of runner pods.")
    resources: Annotated[Resources, UNSETTABLE, EnvVar(f"{_RUNNER}RESOURCES", IN_BOTH, "json")] = (
        Field(Resources.model_construct(), description="Container resources of runner pods.")
    )
    image_pull_secrets: Annotated[
        list[str], EnvVar(f"{_RUNNER}IMAGE_PULL_SECRETS", IN_BOTH, "json")
    ] = Field(
        [], description="imagePullSecrets names of runner pods; empty = runner.image.pullSecrets."
    )
    priority_class_name: Annotated[str, EnvVar(f"{_RUNNER}PRIORITY_CLASS", IN_BOTH)] = Field(
        "", description="priorityClassName of runner pods; empty = none."
    )
    scheduler_name: Annotated[str, EnvVar(f"{_RUNNER}SCHEDULER_NAME", IN_BOTH)] = Field(
        "", description="schedulerName of runner pods; empty = the default scheduler."
    )


_NAMESPACES = (
    'Namespaces to reconcile; unset = the release namespace; several or "*" need '
    "rbac.clusterScoped. An empty list is refused: remove the key instead."
)
Namespaces = Annotated[list[WatchedNamespace], Field(min_length=1)]


class Controller(Strict):
    """The agents controller: the reconcile loops of Agents and AgentRuns."""

    enabled: Annotated[bool, _var("ENABLED", "flag")] = Field(
        True, description="Run the agents controller."
    )
    leader_election: LeaderElection = section(LeaderElection)
    namespaces: Annotated[
        Namespaces,
        _var("NAMESPACES", "list"),
        EnvVar("AGENTS_PRIMITIVES_NAMESPACES", IN_BOTH, "list"),
    ] = Field(None, description=_NAMESPACES)
    concurrency: Concurrency = section(Concurrency)
    repo_concurrency: RepoConcurrency = section(RepoConcurrency)
    queue: Queue = section(Queue)
    rate: Rate = section(Rate)
    webhook: Webhook = section(Webhook)
    agent_run_retention_seconds: Annotated[Seconds, _var("AGENTRUN_RETENTION_SECONDS")] = (
        zero_means_default(2592000, "Delete finished AgentRuns after this many seconds (30 days)")
    )
    agent_run_retention_max_deletes_per_namespace: Annotated[
        Seconds, _var("AGENTRUN_RETENTION_MAX_DELETES_PER_NAMESPACE")
    ] = zero_means_default(100, "Most finished AgentRuns deleted per namespace per pass")
    agent_run_retention_zero_ttl_max_seconds: Annotated[
        Seconds, _var("AGENTRUN_RETENTION_ZERO_TTL_MAX_SECONDS")
    ] = Field(
        0,
        description="Longest an AgentRun with ttlSecondsAfterFinished: 0 is kept; 0 keeps such "
        "runs (retention off for them).",
    )
    agent_run_artifacts: AgentRunArtifacts = section(AgentRunArtifacts)
    log_retention_seconds: Annotated[
        Seconds, EnvVar(f"{_RUNNER}LOG_RETENTION_SECONDS", IN_CONTROL_PLANE, "int", line="own")
    ] = Field(604800, description="Keep runner logs this many seconds; null = the app's default.")
    job_ttl_seconds: Annotated[
        Seconds, EnvVar(f"{_RUNNER}JOB_TTL_SECONDS", IN_BOTH, "int", line="own")
    ] = Field(
        600,
        description="ttlSecondsAfterFinished of the runner Jobs; wins over "
        "jobTtlSecondsAfterFinished (null it to use that).",
    )
    job_ttl_seconds_after_finished: Seconds = Field(
        600, description="Older name of jobTtlSeconds, used when jobTtlSeconds is unset."
    )
    runtime_debris_cleanup: Annotated[RuntimeDebrisCleanup, UNSETTABLE] = section(
        RuntimeDebrisCleanup
    )
    auth_secret: AuthSecret = section(AuthSecret)
    admission_policy: AdmissionPolicy = section(AdmissionPolicy)
    vcs_providers: VcsProviders = section(VcsProviders)
    default_workload: DefaultWorkload = section(DefaultWorkload)


class OrchestrationController(Strict):
    """The Orchestration controller."""

    enabled: Annotated[bool, loop_var("AGENTS_ORCHESTRATION_CONTROLLER_ENABLED", "flag")] = Field(
        True, description="Run it."
    )
    namespaces: Annotated[
        Namespaces, loop_var("AGENTS_ORCHESTRATION_CONTROLLER_NAMESPACES", "list")
    ] = Field(None, description=_NAMESPACES)


class SupportingController(Strict):
    """The supporting-primitives controller (budgets, approvals, signals, ...)."""

    enabled: Annotated[bool, loop_var("AGENTS_SUPPORTING_CONTROLLER_ENABLED", "flag")] = Field(
        True, description="Run it."
    )
    namespaces: Annotated[
        Namespaces, loop_var("AGENTS_SUPPORTING_CONTROLLER_NAMESPACES", "list")
    ] = Field(None, description=_NAMESPACES)


class Swarm(Strict):
    """The Swarm primitive (its CRD stays installed either way)."""

    enabled: Annotated[bool, EnvVar("AGENTS_SWARM_PRIMITIVE_ENABLED", IN_BOTH, "bool")] = Field(
        False,
        description="Watch and reconcile Swarms, serve their summaries, and grant the RBAC.",
    )
