"""controller.*, orchestrationController.*, supportingController.*: the reconcile loops.

Each key declares the environment variable it sets. The loops run in the
controllers Deployment when controllers.enabled, else in the control plane;
their variables (environment.loop_var) go to whichever container runs them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.components import IN_BOTH, IN_CONTROL_PLANE
from schema_gen.environment import EnvVar, loop_var
from schema_gen.models.base import (
    Count,
    Seconds,
    Strict,
    StringMap,
    WatchedNamespace,
)
from schema_gen.models.kube import (
    Affinity,
    PodSecurityContext,
    Toleration,
    TopologySpreadConstraint,
)

_CTL = "JANGAR_AGENTS_CONTROLLER_"


def _var(suffix: str, form: str = "int", where: tuple[str, ...] = IN_BOTH) -> EnvVar:
    return loop_var(f"{_CTL}{suffix}", form, where)


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
        dict[str, Seconds], _var("REPO_CONCURRENCY_OVERRIDES", "json", IN_CONTROL_PLANE)
    ] = Field({}, description="Repository (owner/name) to its limit.")


class Queue(Strict):
    """How many AgentRuns may wait."""

    per_namespace: Annotated[Seconds, _var("QUEUE_NAMESPACE")] = Field(
        200, description="At most this many queued per namespace."
    )
    per_repo: Annotated[Seconds, _var("QUEUE_REPO")] = Field(
        50, description="At most this many queued per repository."
    )
    cluster: Annotated[Seconds, _var("QUEUE_CLUSTER")] = Field(
        1000, description="At most this many queued in the cluster."
    )


class Rate(Strict):
    """How many AgentRuns may start per window."""

    window_seconds: Annotated[Count, _var("RATE_WINDOW_SECONDS")] = Field(
        60, description="Length of the window, in seconds."
    )
    per_namespace: Annotated[Seconds, _var("RATE_NAMESPACE")] = Field(
        120, description="At most this many started per window per namespace."
    )
    per_repo: Annotated[Seconds, _var("RATE_REPO")] = Field(
        30, description="At most this many started per window per repository."
    )
    cluster: Annotated[Seconds, _var("RATE_CLUSTER")] = Field(
        600, description="At most this many started per window in the cluster."
    )


class WebhookRetry(Strict):
    """How failed webhook deliveries are retried."""

    base_delay_seconds: Annotated[
        Seconds, _var("WEBHOOK_RETRY_BASE_DELAY_SECONDS", "int", IN_CONTROL_PLANE)
    ] = Field(1, description="Delay before the first retry.")
    max_delay_seconds: Annotated[
        Seconds, _var("WEBHOOK_RETRY_MAX_DELAY_SECONDS", "int", IN_CONTROL_PLANE)
    ] = Field(60, description="Longest delay between retries.")
    max_attempts: Annotated[Count, _var("WEBHOOK_RETRY_MAX_ATTEMPTS", "int", IN_CONTROL_PLANE)] = (
        Field(5, description="Attempts before a delivery is dropped.")
    )


class Webhook(Strict):
    """Incoming webhooks (control plane loops only)."""

    queue_size: Annotated[Count, _var("WEBHOOK_QUEUE_SIZE", "int", IN_CONTROL_PLANE)] = Field(
        1000, description="Deliveries buffered before new ones are refused."
    )
    retry: WebhookRetry = Field(WebhookRetry.model_construct(), description=WebhookRetry.__doc__)


class AuthSecret(Strict):
    """The Secret the controller mounts into agent runner pods for authentication."""

    name: Annotated[str, _var("AUTH_SECRET_NAME", "string")] = Field(
        "", description="Secret name; empty = none (and key and mountPath are not set)."
    )
    key: Annotated[str, _var("AUTH_SECRET_KEY", "string")] = Field(
        "auth.json", min_length=1, description="Key within the Secret."
    )
    mount_path: Annotated[str, _var("AUTH_SECRET_MOUNT_PATH", "string")] = Field(
        "/root/.codex", min_length=1, description="Where runner pods mount the Secret."
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


class ImagePolicy(Strict):
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

    labels: LabelPolicy = Field(LabelPolicy.model_construct(), description=LabelPolicy.__doc__)
    images: ImagePolicy = Field(ImagePolicy.model_construct(), description=ImagePolicy.__doc__)
    secrets: SecretPolicy = Field(SecretPolicy.model_construct(), description=SecretPolicy.__doc__)


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


class DefaultWorkload(Strict):
    """Pod settings of the agent runner Jobs unless an AgentRun sets its own."""

    service_account_name: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_SERVICE_ACCOUNT", IN_BOTH)] = (
        Field(
            "",
            description="ServiceAccount of runner pods; empty = the runner ServiceAccount when "
            "runnerServiceAccount.setAsDefault.",
        )
    )
    node_selector: Annotated[
        StringMap, EnvVar("JANGAR_AGENT_RUNNER_NODE_SELECTOR", IN_BOTH, "json")
    ] = Field({}, description="nodeSelector of runner pods.")
    tolerations: Annotated[
        list[Toleration], EnvVar("JANGAR_AGENT_RUNNER_TOLERATIONS", IN_BOTH, "json")
    ] = Field([], description="tolerations of runner pods.")
    affinity: Annotated[Affinity, EnvVar("JANGAR_AGENT_RUNNER_AFFINITY", IN_BOTH, "json")] = Field(
        {}, description="affinity of runner pods."
    )
    topology_spread_constraints: Annotated[
        list[TopologySpreadConstraint],
        EnvVar("JANGAR_AGENT_RUNNER_TOPOLOGY_SPREAD_CONSTRAINTS", IN_BOTH, "json"),
    ] = Field([], description="topologySpreadConstraints of runner pods.")
    pod_security_context: Annotated[
        PodSecurityContext, EnvVar("JANGAR_AGENT_RUNNER_POD_SECURITY_CONTEXT", IN_BOTH, "json")
    ] = Field({}, description="securityContext of runner pods.")
    image_pull_secrets: Annotated[
        list[str], EnvVar("JANGAR_AGENT_RUNNER_IMAGE_PULL_SECRETS", IN_BOTH, "json")
    ] = Field([], description="imagePullSecrets names of runner pods.")
    priority_class_name: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_PRIORITY_CLASS", IN_BOTH)] = (
        Field("", description="priorityClassName of runner pods; empty = none.")
    )
    scheduler_name: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_SCHEDULER_NAME", IN_BOTH)] = Field(
        "", description="schedulerName of runner pods; empty = the default scheduler."
    )


class Controller(Strict):
    """The agents controller: the reconcile loops of Agents and AgentRuns."""

    enabled: Annotated[bool, _var("ENABLED", "flag")] = Field(
        True, description="Run the agents controller."
    )
    namespaces: Annotated[
        list[WatchedNamespace],
        _var("NAMESPACES", "list"),
        EnvVar("JANGAR_PRIMITIVES_NAMESPACES", IN_BOTH, "list"),
    ] = Field(
        [],
        description='Namespaces to reconcile; empty = the release namespace; several or "*" '
        "need rbac.clusterScoped.",
    )
    concurrency: Concurrency = Field(Concurrency.model_construct(), description=Concurrency.__doc__)
    repo_concurrency: RepoConcurrency = Field(
        RepoConcurrency.model_construct(), description=RepoConcurrency.__doc__
    )
    queue: Queue = Field(Queue.model_construct(), description=Queue.__doc__)
    rate: Rate = Field(Rate.model_construct(), description=Rate.__doc__)
    webhook: Webhook = Field(Webhook.model_construct(), description=Webhook.__doc__)
    agent_run_retention_seconds: Annotated[Seconds, _var("AGENTRUN_RETENTION_SECONDS")] = Field(
        2592000, description="Delete finished AgentRuns after this many seconds."
    )
    log_retention_seconds: Annotated[
        Seconds, EnvVar("JANGAR_AGENT_RUNNER_LOG_RETENTION_SECONDS", IN_CONTROL_PLANE, "int")
    ] = Field(604800, description="Keep runner logs this many seconds.")
    job_ttl_seconds: Annotated[
        Seconds, EnvVar("JANGAR_AGENT_RUNNER_JOB_TTL_SECONDS", IN_BOTH, "int")
    ] = Field(
        600,
        description="ttlSecondsAfterFinished of the runner Jobs; wins over "
        "jobTtlSecondsAfterFinished.",
    )
    job_ttl_seconds_after_finished: Seconds = Field(
        600, description="Older name of jobTtlSeconds, used when jobTtlSeconds is unset."
    )
    auth_secret: AuthSecret = Field(AuthSecret.model_construct(), description=AuthSecret.__doc__)
    admission_policy: AdmissionPolicy = Field(
        AdmissionPolicy.model_construct(), description=AdmissionPolicy.__doc__
    )
    vcs_providers: VcsProviders = Field(
        VcsProviders.model_construct(), description=VcsProviders.__doc__
    )
    default_workload: DefaultWorkload = Field(
        DefaultWorkload.model_construct(), description=DefaultWorkload.__doc__
    )


class OrchestrationController(Strict):
    """The Orchestration controller."""

    enabled: Annotated[bool, loop_var("JANGAR_ORCHESTRATION_CONTROLLER_ENABLED", "flag")] = Field(
        True, description="Run it."
    )
    namespaces: Annotated[
        list[WatchedNamespace],
        loop_var("JANGAR_ORCHESTRATION_CONTROLLER_NAMESPACES", "list"),
    ] = Field([], description="Namespaces it reconciles; empty = the release namespace.")


class SupportingController(Strict):
    """The supporting-primitives controller (budgets, approvals, signals, ...)."""

    enabled: Annotated[bool, loop_var("JANGAR_SUPPORTING_CONTROLLER_ENABLED", "flag")] = Field(
        True, description="Run it."
    )
    namespaces: Annotated[
        list[WatchedNamespace],
        loop_var("JANGAR_SUPPORTING_CONTROLLER_NAMESPACES", "list"),
    ] = Field([], description="Namespaces it reconciles; empty = the release namespace.")
