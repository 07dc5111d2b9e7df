"""service.*, cors.*, metrics.*: the control plane's HTTP API, its Services and monitoring."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.components import IN_BOTH, IN_CONTROL_PLANE
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import Fallback, KubeObject, Port, Strict, StringMap, section

# "" leaves the type to Kubernetes (ClusterIP), as upstream's templates do.
ServiceType = Literal["ClusterIP", "NodePort", "LoadBalancer", ""]


class Service(Strict):
    """The Service {fullname} in front of the control plane's http port."""

    type: ServiceType = Field("ClusterIP", description="Service type.")
    port: Port = Field(80, description="Service port, forwarding to the http port (8080).")
    annotations: StringMap = Field({}, description="Annotations of the Service.")
    labels: StringMap = Field({}, description="Labels added to the Service.")


class MetricsService(Strict):
    """The Service {fullname}-metrics that Prometheus scrapes."""

    enabled: bool = Field(True, description="Create it (with metrics.enabled).")
    type: ServiceType = Field("ClusterIP", description="Service type.")
    port: Port = Field(9090, description="Service port, forwarding to the http port.")
    annotations: StringMap = Field({}, description="Annotations of the Service.")
    labels: StringMap = Field({}, description="Labels added to the Service.")


class ServiceMonitor(Strict):
    """A Prometheus Operator ServiceMonitor for the metrics Service."""

    enabled: bool = Field(False, description="Create it (with metrics.enabled).")
    namespace: str = Field("", description="Its namespace; empty = the release namespace.")
    interval: str = Field("30s", description="Scrape interval; empty = 30s.")
    scrape_timeout: str = Field("10s", description="Scrape timeout; empty = 10s.")
    honor_labels: bool = Field(False, description="Keep the target's labels on conflict.")
    labels: StringMap = Field({}, description="Labels added to it (for the Prometheus selector).")
    annotations: StringMap = Field({}, description="Annotations of it.")
    relabelings: list[KubeObject] = Field([], description="Relabelings before the scrape.")
    metric_relabelings: list[KubeObject] = Field(
        [], description="Relabelings of the scraped samples."
    )


class Dashboards(Strict):
    """A ConfigMap holding the chart's Grafana dashboard, for Grafana's sidecar to load."""

    enabled: bool = Field(True, description="Create it (with metrics.enabled).")
    annotations: StringMap = Field({}, description="Annotations of the ConfigMap.")
    labels: StringMap = Field(
        {"grafana_dashboard": "1"}, description="Labels of the ConfigMap (the sidecar's selector)."
    )


class Metrics(Strict):
    """Prometheus metrics of the control plane."""

    enabled: Annotated[
        bool, EnvVar("AGENTS_PROMETHEUS_METRICS_ENABLED", IN_CONTROL_PLANE, "bool")
    ] = Field(True, description="Serve metrics, and create the objects below that are enabled.")
    path: Annotated[
        str, EnvVar("AGENTS_PROMETHEUS_METRICS_PATH", IN_CONTROL_PLANE), Fallback(unset=("",))
    ] = Field("/metrics", description="HTTP path of the metrics; empty = /metrics.")
    service: MetricsService = section(MetricsService)
    service_monitor: ServiceMonitor = section(ServiceMonitor)
    dashboards: Dashboards = section(Dashboards)


class Cors(Strict):
    """Cross-origin requests to the HTTP API."""

    allowed_origins: Annotated[
        list[Annotated[str, Field(min_length=1)]],
        EnvVar("AGENTS_CORS_ALLOWED_ORIGINS", IN_BOTH, "csv"),
    ] = Field([], description="Origins browsers may call the API from; empty = the app's default.")
