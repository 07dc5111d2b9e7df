"""The two Deployments: images, environment, database wiring, per-component extras."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from schema_gen.env_mapping import EnvVar
from schema_gen.mapping import CONTAINER, NOTES, POD, Renders
from schema_gen.models.base import (
    BOTH,
    DIGEST,
    ENV_NAME,
    OPTIONAL_DNS_SUBDOMAIN,
    SECRET_KEY,
    Strict,
)
from schema_gen.models.volumes import (
    ExtraVolume,
    ExtraVolumeMount,
    renders_mounts,
    renders_volumes,
)
from schema_gen.reserved import reserved_volume

_DB_CA = reserved_volume("db-ca-cert")


class Image(Strict):
    """A container image."""

    repository: str = Field(min_length=1, description="Image repository.")
    tag: str = Field("", description="Image tag; empty means the chart's appVersion.")
    digest: str = Field(
        "", pattern=DIGEST, description="Image digest (sha256:...); when set it pins the image."
    )
    pull_policy: Literal["Always", "IfNotPresent", "Never"] = Field(
        "IfNotPresent", description="Kubernetes imagePullPolicy."
    )


EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME)]


class Env(Strict):
    """Environment variables for a container."""

    vars: dict[EnvName, str] = Field(
        {},
        description="Environment variables, name to value. Quote values: numbers and booleans "
        "are rejected rather than silently reformatted.",
    )


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


class SecretKeyRef(Strict):
    """A key in a Secret of the release namespace."""

    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, max_length=253, description="Secret name; empty = off."
    )
    key: str = Field(pattern=SECRET_KEY, description="Key within the Secret.")


class Database(Strict):
    """Database connection settings."""

    secret_ref: Annotated[
        SecretKeyRef,
        EnvVar("DATABASE_URL", BOTH, "secretKeyRef"),
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="DATABASE_URL from a secretKeyRef, in both containers, when name is set.",
            probe={"secretRef": {"name": "probe-db", "key": "url"}},
            expect={
                "name": "DATABASE_URL",
                "valueFrom": {"secretKeyRef": {"name": "probe-db", "key": "url"}},
            },
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="uri"),
        description="Secret key holding the database URL, exposed as DATABASE_URL in both "
        "containers when name is set.",
    )
    ca_secret: Annotated[
        SecretKeyRef,
        Renders(
            field=f"{POD}.volumes[]",
            behavior=f"Chart-managed secret volume `{_DB_CA.name}` (reserved name), first in "
            "both pods, when name is set.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect={
                "name": _DB_CA.name,
                "secret": {
                    "secretName": "probe-ca",
                    "items": [{"key": "probe.crt", "path": "probe.crt"}],
                },
            },
            value="`{key}.*`",
        ),
        Renders(
            field=f"{CONTAINER}.volumeMounts[]",
            behavior=f"Mounts `{_DB_CA.name}` read-only at {_DB_CA.mount_path}, first in both "
            "containers.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect={"name": _DB_CA.name, "mountPath": _DB_CA.mount_path, "readOnly": True},
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="ca.crt"),
        description="Secret key holding the database CA certificate. When name is set the chart "
        "adds the volume db-ca-cert and mounts it read-only at /etc/agents/ca in both containers.",
    )


class Validation(Strict):
    """How the chart's render-time checks react to a broken volume contract."""

    mode: Annotated[
        Literal["fail", "warn"],
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
