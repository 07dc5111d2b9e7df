"""agentRuntime.*: the Orchestrations the app's native runtime starts."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import Strict, section


class NativeRuntime(Strict):
    """The Orchestrations the native runtime starts (0.9.1 called this workflowRuntime.native)."""

    rerun_orchestration: Annotated[str, EnvVar("AGENTS_CODEX_RERUN_ORCHESTRATION", IN_BOTH)] = (
        Field("", description="Orchestration that reruns a Codex task; empty = none.")
    )
    rerun_orchestration_namespace: Annotated[
        str, EnvVar("AGENTS_CODEX_RERUN_ORCHESTRATION_NAMESPACE", IN_BOTH)
    ] = Field("", description="Its namespace; empty = the app's default.")
    system_improvement_orchestration: Annotated[
        str, EnvVar("AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION", IN_BOTH)
    ] = Field("", description="Orchestration of system improvement runs; empty = none.")
    system_improvement_orchestration_namespace: Annotated[
        str, EnvVar("AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION_NAMESPACE", IN_BOTH)
    ] = Field("", description="Its namespace; empty = the app's default.")


class AgentRuntime(Strict):
    """How the app runs agents."""

    native: NativeRuntime = section(NativeRuntime)
