"""controlPlane.* and controllers.*: the settings of one Deployment."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.models.base import Strict
from schema_gen.models.env import Env
from schema_gen.models.image import Image
from schema_gen.models.volumes import (
    ExtraVolume,
    ExtraVolumeMount,
    renders_mounts,
    renders_volumes,
)
from schema_gen.renders import CONTAINER, Renders


class Component(Strict):
    """Settings of one Deployment: the control plane or the controllers."""

    image: Annotated[
        Image,
        Renders(
            field=f"{CONTAINER}.image",
            behavior="repository:tag, then @digest when set; the tag defaults to appVersion.",
            probe={"image": {"repository": "probe.example/agents", "tag": "probe"}},
            expect="probe.example/agents:probe",
            scope="component",
            value="`{key}.*`",
        ),
    ] = Field(description="The container image.")
    env: Annotated[
        Env,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Overlays the shared env.vars in this Deployment only; wins on conflict.",
            probe={"env": {"vars": {"PROBE_COMPONENT": "on"}}},
            expect={"name": "PROBE_COMPONENT", "value": "on"},
            scope="component",
            value="`{key}.vars`",
        ),
    ] = Field(
        Env.model_construct(),
        description="Overlay on the shared env.vars for this Deployment (wins on conflict).",
    )
    extra_volumes: Annotated[
        list[ExtraVolume], renders_volumes("component", "this Deployment's pod only")
    ] = Field(
        [], description="Volumes added to this Deployment only, after the global extraVolumes."
    )
    extra_volume_mounts: Annotated[
        list[ExtraVolumeMount], renders_mounts("component", "this Deployment's container only")
    ] = Field(
        [],
        description="Mounts added to this Deployment's container only, after the global "
        "extraVolumeMounts. Each must name a volume from extraVolumes or this component's own.",
    )
