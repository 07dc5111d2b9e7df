"""runtime.*, runner.*, workflowRuntime.*, kubernetesApi.*, logging.*: what the app runs and
talks to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.components import IN_BOTH
from schema_gen.environment import EnvVar
from schema_gen.models.base import Strict
from schema_gen.models.image import RunnerImage


class Runtime(Strict):
    """Images and the ServiceAccount agents and schedules run with; env.vars of the same name
    win."""

    agent_runner_image: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_IMAGE", IN_BOTH)] = Field(
        "", description="Image of the agent runner Jobs; runner.image, when set, wins."
    )
    agent_image: Annotated[str, EnvVar("JANGAR_AGENT_IMAGE", IN_BOTH)] = Field(
        "", description="Image of the agent itself; empty keeps the app's default."
    )
    schedule_runner_image: Annotated[str, EnvVar("JANGAR_SCHEDULE_RUNNER_IMAGE", IN_BOTH)] = Field(
        "", description="Image of scheduled runs; empty keeps the app's default."
    )
    schedule_service_account: Annotated[str, EnvVar("JANGAR_SCHEDULE_SERVICE_ACCOUNT", IN_BOTH)] = (
        Field("", description="ServiceAccount of scheduled runs; empty keeps the app's default.")
    )


class Runner(Strict):
    """The agent runner."""

    image: Annotated[RunnerImage, EnvVar("JANGAR_AGENT_RUNNER_IMAGE", IN_BOTH, "image")] = Field(
        RunnerImage.model_construct(repository="registry.ide-newton.ts.net/lab/codex-universal"),
        description="Image of the agent runner Jobs, set as JANGAR_AGENT_RUNNER_IMAGE when its "
        "repository is set.",
    )


class NativeWorkflows(Strict):
    """The Orchestrations the app's native workflows start."""

    rerun_orchestration: Annotated[str, EnvVar("JANGAR_CODEX_RERUN_ORCHESTRATION", IN_BOTH)] = (
        Field("", description="Orchestration that reruns a Codex task; empty = none.")
    )
    rerun_orchestration_namespace: Annotated[
        str, EnvVar("JANGAR_CODEX_RERUN_ORCHESTRATION_NAMESPACE", IN_BOTH)
    ] = Field("", description="Its namespace; empty = the app's default.")
    system_improvement_orchestration: Annotated[
        str, EnvVar("JANGAR_SYSTEM_IMPROVEMENT_ORCHESTRATION", IN_BOTH)
    ] = Field("", description="Orchestration of system improvement runs; empty = none.")
    system_improvement_orchestration_namespace: Annotated[
        str, EnvVar("JANGAR_SYSTEM_IMPROVEMENT_ORCHESTRATION_NAMESPACE", IN_BOTH)
    ] = Field("", description="Its namespace; empty = the app's default.")


class WorkflowRuntime(Strict):
    """Workflows the app runs."""

    native: NativeWorkflows = Field(
        NativeWorkflows.model_construct(), description=NativeWorkflows.__doc__
    )


class KubernetesApi(Strict):
    """Where the app reaches the Kubernetes API; empty keeps what the kubelet sets."""

    host: Annotated[str, EnvVar("KUBERNETES_SERVICE_HOST", IN_BOTH)] = Field(
        "", description="API server host."
    )
    port: Annotated[str, EnvVar("KUBERNETES_SERVICE_PORT", IN_BOTH)] = Field(
        "", pattern=r"^([0-9]{1,5})?$", description='API server port, quoted ("6443").'
    )


class Logging(Strict):
    """Logging; the chart passes nothing from here to the app yet."""

    level: str = Field("info", description="Log level (kept for compatibility; unused).")
