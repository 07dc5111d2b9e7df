"""The root of the chart's values, and the rules that span its entries."""

from __future__ import annotations

import copy
import functools
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, model_validator

from schema_gen import rules
from schema_gen.models.base import Strict
from schema_gen.models.component import Component
from schema_gen.models.controller import Controller, OrchestrationController, SupportingController
from schema_gen.models.database import Database
from schema_gen.models.env import Env
from schema_gen.models.grpc import Grpc
from schema_gen.models.image import Image
from schema_gen.models.rbac import Rbac
from schema_gen.models.runtime import Runtime
from schema_gen.models.validation import Validation
from schema_gen.models.volumes import (
    EXTRA_MOUNTS_EXAMPLE,
    EXTRA_VOLUMES_EXAMPLE,
    ExtraVolume,
    ExtraVolumeMount,
    renders_mounts,
    renders_volumes,
)
from schema_gen.renders import CONTAINER, Renders


class Values(Strict):
    """The values of the agents chart."""

    database: Database = Field(
        Database.model_construct(), description="Database connection settings."
    )
    env: Annotated[
        Env,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Environment of both containers, sorted by name.",
            probe={"env": {"vars": {"PROBE_SHARED": "on"}}},
            expect={"name": "PROBE_SHARED", "value": "on"},
            value="`{key}.vars`",
        ),
    ] = Field(Env.model_construct(), description="Environment shared by both Deployments.")
    extra_volumes: Annotated[
        list[ExtraVolume], renders_volumes("both", "both pods, after the chart-managed ones")
    ] = Field(
        [],
        description="Volumes added to both Deployments, after the chart-managed ones.",
        examples=[EXTRA_VOLUMES_EXAMPLE],
    )
    extra_volume_mounts: Annotated[
        list[ExtraVolumeMount],
        renders_mounts("both", "both containers, after the chart-managed ones"),
    ] = Field(
        [],
        description="Mounts added to both containers, after the chart-managed ones. Each must "
        "name a volume that both Deployments have.",
        examples=[EXTRA_MOUNTS_EXAMPLE],
    )
    control_plane: Component = Field(
        Component.model_construct(
            image=Image.model_construct(
                repository="registry.ide-newton.ts.net/lab/jangar-control-plane"
            )
        ),
        description="The control plane: Deployment {release} (API and gRPC).",
    )
    controllers: Component = Field(
        Component.model_construct(
            image=Image.model_construct(repository="registry.ide-newton.ts.net/lab/jangar")
        ),
        description="The controllers: Deployment {release}-controllers (reconcile loops).",
    )
    controller: Controller = Field(Controller.model_construct(), description=Controller.__doc__)
    orchestration_controller: OrchestrationController = Field(
        OrchestrationController.model_construct(), description=OrchestrationController.__doc__
    )
    supporting_controller: SupportingController = Field(
        SupportingController.model_construct(), description=SupportingController.__doc__
    )
    grpc: Grpc = Field(Grpc.model_construct(), description=Grpc.__doc__)
    runtime: Runtime = Field(Runtime.model_construct(), description=Runtime.__doc__)
    rbac: Rbac = Field(Rbac.model_construct(), description=Rbac.__doc__)
    validation: Validation = Field(
        Validation.model_construct(), description="Render-time checks of the volume contract."
    )
    global_: dict[str, Any] = Field(
        {},
        alias="global",
        description="Values Helm shares with subcharts; accepted and unused by this chart.",
    )

    @model_validator(mode="after")
    def _contract_holds(self, info: ValidationInfo) -> Values:
        """Apply the cross-entry rules (R2-R4) unless validation.mode is warn.

        ``context={"per_entry_only": True}`` skips them too, for callers that
        report cross-entry problems themselves, one by one.
        """
        if self.validation.mode == "warn" or (info.context or {}).get("per_entry_only"):
            return self  # Helm renders and lists the problems in NOTES.txt
        if problems := rules.contract_problems(self.model_dump(by_alias=True)):
            raise ValueError("\n".join(problems))
        return self


@functools.cache
def _defaults() -> dict[str, Any]:
    return Values.model_construct().model_dump(
        by_alias=True, exclude_none=True, exclude={"global_"}
    )


def chart_defaults() -> dict[str, Any]:
    """Return the chart's defaults: what values.yaml holds, as Helm reads it (a fresh copy)."""
    return copy.deepcopy(_defaults())
