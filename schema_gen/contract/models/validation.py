"""validation.*: how the render-time checks react to broken values."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.models.base import CONTRACT, Strict
from schema_gen.contract.renders import NOTES, Renders


class Validation(Strict):
    """How the chart's render-time checks react to broken values."""

    mode: Annotated[
        Literal["fail", "warn"],
        CONTRACT,
        Renders(
            field=NOTES,
            behavior="fail: a broken cross-entry rule stops the render, listing every problem. "
            "warn: the chart renders and NOTES.txt lists the problems.",
            probe={"mode": "warn"},
            context={"extraVolumeMounts": [{"name": "probe-missing", "mountPath": "/probe"}]},
            expect='volume "probe-missing" is not defined',
            scope="notes",
        ),
    ] = Field(
        "fail",
        description="fail: a mount without its volume, a duplicate volume name or a duplicate "
        "mountPath stops the render. warn: render anyway and list the problems in NOTES.txt. "
        "Per-entry rules in values.schema.json apply in both modes.",
    )
    reserved_env_keys_enforced: bool = Field(
        True,
        description="Refuse envFromSecretRefs / envFromConfigMapRefs entries whose keys list a "
        "variable the chart manages (AGENTS_GRPC_*, AGENTS_MIGRATIONS, ...) unless env.vars or "
        "the component's env.vars set it too, and a reserved key listed by two such entries.",
    )
