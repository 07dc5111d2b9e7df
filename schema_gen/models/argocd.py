"""argocdHooks.*: Argo CD hook Jobs that run a smoke AgentRun around each sync."""

from __future__ import annotations

from pydantic import Field

from schema_gen.models.base import KubeObject, KubeSeconds, Strict
from schema_gen.models.image import ToolImage, tool_image


class SyncWaves(Strict):
    """The sync waves of the hook Jobs (quoted integers)."""

    pre_sync: str = Field("-1", pattern=r"^-?[0-9]+$", description="Wave of the PreSync Job.")
    post_sync: str = Field("1", pattern=r"^-?[0-9]+$", description="Wave of the PostSync Job.")


class PreSync(Strict):
    """The PreSync Job {fullname}-smoke-cleanup: deletes the previous smoke run."""

    enabled: bool = Field(True, description="Create it (when a smoke run or selector is set).")


class PostSync(Strict):
    """The PostSync Job {fullname}-smoke-run: applies smoke.agentRun and waits for it."""

    enabled: bool = Field(True, description="Create it (when smoke.agentRun is set).")
    wait_timeout: str = Field(
        "10m",
        pattern=r"^[0-9]+(\.[0-9]+)?[smhd]?$",
        description="How long to wait for the run (timeout(1) syntax: 10m).",
    )
    cleanup: bool = Field(True, description="Delete the run and its Jobs afterwards.")


class Smoke(Strict):
    """The smoke AgentRun."""

    label_selector: str = Field(
        "",
        description="Selector of the Jobs and ConfigMaps to clean up; empty = "
        "agents.proompteng.ai/agent-run=<agentRun's name>.",
    )
    agent_run: KubeObject = Field(
        {}, description="The AgentRun manifest to apply; it must have metadata.name."
    )


class ArgocdHooks(Strict):
    """Argo CD hook Jobs around each sync."""

    enabled: bool = Field(False, description="Create the hook Jobs.")
    service_account_name: str = Field(
        "", description="ServiceAccount of the Jobs; empty = the chart's ServiceAccount."
    )
    ttl_seconds_after_finished: KubeSeconds = Field(300, description="Delete Jobs after this long.")
    sync_waves: SyncWaves = Field(SyncWaves.model_construct(), description=SyncWaves.__doc__)
    image: ToolImage = Field(
        tool_image("alpine/k8s", "1.30.11"), description="The kubectl image the Jobs run."
    )
    pre_sync: PreSync = Field(PreSync.model_construct(), description=PreSync.__doc__)
    post_sync: PostSync = Field(PostSync.model_construct(), description=PostSync.__doc__)
    smoke: Smoke = Field(Smoke.model_construct(), description=Smoke.__doc__)
