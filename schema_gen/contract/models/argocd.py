"""argocdHooks.*: Argo CD hook Jobs that run a smoke AgentRun around each sync."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator

from schema_gen.contract.models.base import (
    DNS_SUBDOMAIN,
    UNSETTABLE,
    KubeObject,
    KubeSeconds,
    Strict,
    pattern,
    section,
)
from schema_gen.contract.models.image import ToolImage, tool_image

# Argo CD reads a wave as a quoted integer.
SYNC_WAVE = pattern(r"^(-?[0-9]+)?$", 'a whole number in quotes, such as "-1"; or empty')
# timeout(1)'s durations, which the PostSync hook's script passes it.
TIMEOUT = pattern(
    r"^([0-9]+(\.[0-9]+)?[smhd]?)?$",
    'a duration in timeout(1)\'s syntax, such as "90s", "10m" or "1.5h"; or empty',
)


class SyncWaves(Strict):
    """The sync waves of the hook Jobs (quoted integers)."""

    pre_sync: str = Field(
        "-1", pattern=SYNC_WAVE, description="Wave of the PreSync Job; empty = 0."
    )
    post_sync: str = Field(
        "1", pattern=SYNC_WAVE, description="Wave of the PostSync Job; empty = 0."
    )


class PreSync(Strict):
    """The PreSync Job {fullname}-smoke-cleanup: deletes the previous smoke run."""

    enabled: bool = Field(True, description="Create it (when a smoke run or selector is set).")


class PostSync(Strict):
    """The PostSync Job {fullname}-smoke-run: applies smoke.agentRun and waits for it."""

    enabled: bool = Field(True, description="Create it (when smoke.agentRun is set).")
    wait_timeout: str = Field(
        "10m",
        pattern=TIMEOUT,
        description="How long to wait for the run, in timeout(1)'s syntax (90s, 10m, 1h); "
        "empty = 10m.",
    )
    cleanup: bool = Field(True, description="Delete the run and its Jobs afterwards.")


# A DNS-1123 subdomain: the run's name goes into the hook scripts unquoted.
SMOKE_NAME = DNS_SUBDOMAIN


class Smoke(Strict):
    """The smoke AgentRun."""

    label_selector: str = Field(
        "",
        description="Selector of the Jobs and ConfigMaps to clean up; empty = "
        "agents.proompteng.ai/agent-run=<agentRun's name>.",
    )
    agent_run: KubeObject = Field(
        {},
        json_schema_extra={
            "properties": {"metadata": {"properties": {"name": {"pattern": SMOKE_NAME}}}}
        },
        description="The AgentRun manifest to apply; it must have metadata.name (a DNS-1123 "
        "subdomain, as Kubernetes requires).",
    )

    @field_validator("agent_run")
    @classmethod
    def _named(cls, run: dict) -> dict:
        """The hook scripts name the run: it must be one Kubernetes accepts."""
        name = (run.get("metadata") or {}).get("name") if isinstance(run, dict) else None
        if isinstance(name, str) and not re.fullmatch(SMOKE_NAME, name):
            raise ValueError(
                f'metadata.name "{name}" is not a Kubernetes object name: use lowercase '
                'letters, digits, "-" and "."'
            )
        return run


class ArgocdHooks(Strict):
    """Argo CD hook Jobs around each sync."""

    enabled: bool = Field(False, description="Create the hook Jobs.")
    service_account_name: str = Field(
        "", description="ServiceAccount of the Jobs; empty = the chart's ServiceAccount."
    )
    ttl_seconds_after_finished: KubeSeconds = Field(300, description="Delete Jobs after this long.")
    sync_waves: Annotated[SyncWaves, UNSETTABLE] = section(SyncWaves)
    image: Annotated[ToolImage, UNSETTABLE] = Field(
        tool_image("alpine/k8s", "1.30.11"), description="The kubectl image the Jobs run."
    )
    pre_sync: Annotated[PreSync, UNSETTABLE] = section(PreSync)
    post_sync: Annotated[PostSync, UNSETTABLE] = section(PostSync)
    smoke: Annotated[Smoke, UNSETTABLE] = section(Smoke)
