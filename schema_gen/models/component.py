"""controlPlane.* and controllers.*: what differs between the chart's two Deployments."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.models.base import Replicas, Strict
from schema_gen.models.env import Env
from schema_gen.models.image import InheritedImage
from schema_gen.models.volumes import (
    ExtraVolume,
    ExtraVolumeMount,
    renders_mounts,
    renders_volumes,
)
from schema_gen.models.workload import Autoscaling, Resources
from schema_gen.renders import CONTAINER, Renders

_IMAGE = Renders(
    field=f"{CONTAINER}.image",
    behavior="repository:tag, then @digest when set; each empty field inherits image.*.",
    probe={"image": {"repository": "probe.example/agents", "tag": "probe"}},
    expect="probe.example/agents:probe",
    scope="component",
    value="`{key}.*`",
)
_ENV = Renders(
    field=f"{CONTAINER}.env[]",
    behavior="Overlays the shared env.vars in this Deployment only; wins on conflict.",
    probe={"env": {"vars": {"PROBE_COMPONENT": "on"}}},
    expect={"name": "PROBE_COMPONENT", "value": "on"},
    scope="component",
    value="`{key}.vars`",
)


class Component(Strict):
    """Settings one Deployment has on top of the shared ones."""

    image: Annotated[InheritedImage, _IMAGE] = Field(
        InheritedImage.model_construct(), description=InheritedImage.__doc__
    )
    env: Annotated[Env, _ENV] = Field(
        Env.model_construct(),
        description="Overlay on the shared env for this Deployment: its vars win over env.vars.",
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


class ControlPlane(Component):
    """The control plane: Deployment {fullname} (API, gRPC and, unless controllers.enabled,
    the reconcile loops)."""

    replica_count: Replicas = Field(None, description="Replicas; unset = replicaCount.")
    resources: Resources = Field(None, description="Container resources; unset = resources.")


class Controllers(Component):
    """The controllers: Deployment {fullname}-controllers, running the reconcile loops apart
    from the control plane."""

    enabled: bool = Field(
        False,
        description="Run the reconcile loops in their own Deployment. false: the control plane "
        "runs them in-process and there is one Deployment.",
    )
    replica_count: Replicas = Field(1, description="Replicas, unless autoscaling.enabled.")
    autoscaling: Autoscaling = Field(Autoscaling.model_construct(), description=Autoscaling.__doc__)
    resources: Resources = Field(
        Resources.model_construct(), description="Container resources; empty = resources."
    )
