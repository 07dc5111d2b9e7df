"""How a Deployment runs its pods: replicas, autoscaling, resources, probes, rollout, lifecycle."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.models.base import (
    COUNT_OR_PERCENT_STRING,
    INT32_MAX,
    KubeSeconds,
    Percent,
    Quantity,
    Replicas,
    Strict,
)


class Autoscaling(Strict):
    """A HorizontalPodAutoscaler for the Deployment; when on, the Deployment sets no replicas."""

    enabled: bool = Field(False, description="Create the HorizontalPodAutoscaler.")
    min_replicas: Replicas = Field(1, description="Fewest replicas.")
    max_replicas: Replicas = Field(3, description="Most replicas.")
    target_cpu_utilization_percentage: Percent = Field(
        80,
        alias="targetCPUUtilizationPercentage",
        description="Average CPU use, in percent of requests, the autoscaler aims for.",
    )
    target_memory_utilization_percentage: Percent | None = Field(
        None,
        description="Average memory use, in percent of requests, the autoscaler aims for; "
        "null or unset = CPU only.",
    )


class Resources(Strict):
    """Container resource requests and limits (Kubernetes quantities)."""

    requests: dict[str, Quantity] = Field(
        None, description="Resources the scheduler reserves, such as cpu: 100m, memory: 256Mi."
    )
    limits: dict[str, Quantity] = Field(
        None, description="Most the container may use, such as memory: 2Gi."
    )


def resources(requests: dict[str, str], limits: dict[str, str] | None = None) -> Resources:
    """Return a resources default."""
    return Resources.model_construct(requests=requests, limits=limits or {})


class Probe(Strict):
    """An HTTP probe on the container's http port."""

    enabled: bool = Field(True, description="Render the probe.")
    path: str = Field("/health", description="HTTP path probed; empty = /.")
    initial_delay_seconds: KubeSeconds = Field(None, description="Seconds before the first probe.")
    period_seconds: KubeSeconds = Field(
        10, description="Seconds between probes; 0 = Kubernetes' default (10)."
    )
    timeout_seconds: KubeSeconds = Field(
        2, description="Seconds before a probe times out; 0 = Kubernetes' default (1)."
    )
    failure_threshold: KubeSeconds = Field(
        6, description="Failures in a row that count as failed; 0 = Kubernetes' default (3)."
    )


# Where upstream 0.9.29's schema bounds a probe's counts (agentsShell's probes, the
# top-level startupProbe, every component override), 0 is refused as upstream refuses it.
KubeCount = Annotated[int, Field(ge=1, le=INT32_MAX)]


class BoundedProbe(Probe):
    """An HTTP probe on the container's http port."""

    period_seconds: KubeCount = Field(10, description="Seconds between probes.")
    timeout_seconds: KubeCount = Field(2, description="Seconds before a probe times out.")
    failure_threshold: KubeCount = Field(6, description="Failures in a row that count as failed.")


def probe(kind: type[Probe] = Probe, **defaults: object) -> Probe:
    """Return a probe default (the fields not given keep the kind's defaults)."""
    return kind.model_construct(**defaults)


class ProbeOverride(Strict):
    """A component's probe: each key set here replaces the top-level probe's."""

    enabled: bool = Field(None, description="Render the probe.")
    path: str = Field(None, description="HTTP path probed.")
    initial_delay_seconds: KubeSeconds = Field(None, description="Seconds before the first probe.")
    period_seconds: KubeCount = Field(None, description="Seconds between probes.")
    timeout_seconds: KubeCount = Field(None, description="Seconds before a probe times out.")
    failure_threshold: KubeCount = Field(
        None, description="Failures in a row that count as failed."
    )


class UnboundedProbeOverride(ProbeOverride):
    """A component's probe: each key set here replaces the top-level probe's."""

    # Upstream 0.9.29's schema bounds no count of the controllers' liveness and readiness
    # probes: 0 is Kubernetes' default there, as in the top-level probes.
    period_seconds: KubeSeconds = Field(
        None, description="Seconds between probes; 0 = Kubernetes' default (10)."
    )
    timeout_seconds: KubeSeconds = Field(
        None, description="Seconds before a probe times out; 0 = Kubernetes' default (1)."
    )
    failure_threshold: KubeSeconds = Field(
        None, description="Failures in a row that count as failed; 0 = Kubernetes' default (3)."
    )


# A count or a percentage of the replicas, as Kubernetes writes maxSurge and minAvailable.
IntOrPercent = Annotated[int, Field(ge=0)] | Annotated[str, Field(pattern=COUNT_OR_PERCENT_STRING)]


class RollingUpdate(Strict):
    """How a rolling update replaces pods."""

    max_surge: IntOrPercent = Field(None, description="Pods above the desired count (n or n%).")
    max_unavailable: IntOrPercent = Field(
        None, description="Pods that may be unavailable during the update (n or n%)."
    )


class DeploymentStrategy(Strict):
    """The Deployment's update strategy (spec.strategy)."""

    type: Literal["RollingUpdate", "Recreate", ""] = Field(
        None, description="RollingUpdate or Recreate; empty = RollingUpdate."
    )
    rolling_update: RollingUpdate = Field(
        None, description="Parameters of a RollingUpdate; dropped when the type is Recreate."
    )


class DeploymentLifecycle(Strict):
    """Rollout settings of the Deployment's spec."""

    min_ready_seconds: KubeSeconds = Field(
        None, description="Seconds a new pod must be ready before it counts as available."
    )
    progress_deadline_seconds: Annotated[int, Field(ge=1, le=2**31 - 1)] = Field(
        None, description="Seconds before a stalled rollout is reported as failed."
    )
    revision_history_limit: KubeSeconds = Field(
        None, description="Old ReplicaSets kept for rollback."
    )
