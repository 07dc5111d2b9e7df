"""Pod-level settings of the chart's Deployments: replicas, autoscaling, resources, probes."""

from __future__ import annotations

from pydantic import Field

from schema_gen.models.base import KubeSeconds, Percent, Quantity, Replicas, Strict


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
        "unset = CPU only.",
    )


class Resources(Strict):
    """Container resource requests and limits (Kubernetes quantities)."""

    requests: dict[str, Quantity] = Field(
        None, description="Resources the scheduler reserves, such as cpu: 100m, memory: 256Mi."
    )
    limits: dict[str, Quantity] = Field(
        None, description="Most the container may use, such as memory: 2Gi."
    )


class Probe(Strict):
    """An HTTP probe on the container's http port."""

    enabled: bool = Field(True, description="Render the probe.")
    path: str = Field("/health", min_length=1, description="HTTP path probed.")
    initial_delay_seconds: KubeSeconds = Field(description="Seconds before the first probe.")
    period_seconds: Replicas = Field(10, description="Seconds between probes.")
    timeout_seconds: Replicas = Field(2, description="Seconds before a probe times out.")
    failure_threshold: Replicas = Field(6, description="Failures in a row that count as failed.")
