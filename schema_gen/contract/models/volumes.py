"""The extra volumes/mounts contract: the entries operators add to the pods."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    create_model,
    model_validator,
)

from schema_gen.contract import api_rules, k8s
from schema_gen.contract.models.base import DNS_LABEL, Strict
from schema_gen.contract.renders import CONTAINER, POD, Renders
from schema_gen.contract.reserved import reserved_names, reserved_volume


def _reserved_check(names: tuple[str, ...]) -> Any:
    def check(name: str) -> str:
        if name in names:
            owner = reserved_volume(name)
            raise ValueError(
                f'"{name}" is reserved for the chart-managed volume that holds {owner.purpose} '
                f"({owner.values_key}); choose another name"
            )
        return name

    return AfterValidator(check)


def volume_name(components: tuple[str, ...]) -> Any:
    """Return the type of a volume name in the pods of ``components``: not one they reserve."""
    names = tuple(dict.fromkeys(n for c in components for n in reserved_names(c)))
    return Annotated[
        str,
        StringConstraints(pattern=DNS_LABEL, max_length=63),
        Field(json_schema_extra={"not": {"enum": list(names)}}),
        _reserved_check(names),
    ]


def _valid_volume_source(volume: dict[str, Any]) -> dict[str, Any]:
    if found := k8s.volume_source_findings(volume):
        raise k8s.Findings(found)
    return volume


# The source map is kept as the operator wrote it (it renders byte for byte) and
# checked against the pinned Kubernetes schema, the same one values.schema.json embeds.
VolumeSource = Annotated[
    dict[str, Any],
    AfterValidator(_valid_volume_source),
    WithJsonSchema({k8s.PLACEHOLDER_KEY: k8s.VOLUME_SOURCE}),
]


class ExtraVolume(Strict):
    """A volume the operator adds to a pod."""

    name: str = Field(
        description="Volume name: a DNS-1123 label, unique in the pod, not a reserved name."
    )
    volume: VolumeSource = Field(
        description=(
            "Exactly one Kubernetes volume source, as in a Pod's volumes[] entry without its "
            "name, for example {secret: {secretName: corp-ca}}. Rendered unchanged."
        )
    )


def _enforced(rules: tuple[api_rules.ApiRule, ...]) -> Any:
    """Return pydantic metadata that puts ``rules`` in the schema and applies them."""

    def check(value: Any) -> Any:
        if broken := api_rules.violations(value, rules):
            raise ValueError("; ".join(broken))
        return value

    return [Field(json_schema_extra=api_rules.with_rules({}, rules)), AfterValidator(check)]


LocalPath = Annotated[str, *_enforced(api_rules.MOUNT_RULES["subPath"])]


class ExtraVolumeMount(Strict):
    """A mount the operator adds to a container; every field renders unchanged."""

    model_config = ConfigDict(json_schema_extra=api_rules.with_rules({}, api_rules.MOUNT_RULES[""]))

    name: str = Field(description="Name of the volume to mount.")
    mount_path: str = Field(
        min_length=1, description="Path in the container at which the volume is mounted."
    )
    # Optional fields default to None without admitting an explicit null: pydantic
    # does not validate defaults, and the schema (like Helm) rejects null.
    read_only: bool = Field(None, description="Mount read-only.")
    sub_path: LocalPath = Field(
        None, description="Path within the volume to mount instead of its root."
    )
    sub_path_expr: LocalPath = Field(
        None, description="Like subPath, with $(VAR) references expanded from the environment."
    )
    mount_propagation: Literal["None", "HostToContainer", "Bidirectional"] = Field(
        None, description="How mounts propagate between the host and the container."
    )
    recursive_read_only: Literal["Disabled", "Enabled", "IfPossible"] = Field(
        None, description="Whether a read-only mount is read-only recursively."
    )

    @model_validator(mode="after")
    def _api_server_accepts(self) -> ExtraVolumeMount:
        """Apply the API server's checks that span fields (subPath, recursiveReadOnly)."""
        given = self.model_dump(by_alias=True, exclude_unset=True)
        if broken := api_rules.violations(given, api_rules.MOUNT_RULES[""]):
            raise ValueError("; ".join(broken))
        return self


@functools.cache
def extra_models(
    component: str, prefix: str = ""
) -> tuple[type[ExtraVolume], type[ExtraVolumeMount]]:
    """Return the volume and mount models of entries that reach ``component``'s pod.

    Each pod reserves its own chart-managed names; an entry may not take any of them.
    ``prefix`` names the schema definitions (``ShellExtraVolume``); the server pods'
    models keep the plain names.
    """
    name = volume_name((component,))
    volume = create_model(
        f"{prefix}ExtraVolume",
        __base__=ExtraVolume,
        __doc__=ExtraVolume.__doc__,
        name=(name, Field(description=ExtraVolume.model_fields["name"].description)),
    )
    mount = create_model(
        f"{prefix}ExtraVolumeMount",
        __base__=ExtraVolumeMount,
        __doc__=ExtraVolumeMount.__doc__,
        name=(name, Field(description=ExtraVolumeMount.model_fields["name"].description)),
    )
    return volume, mount


# What the Config Mapping probes render (see schema_gen/contract/renders.py).
PROBE_VOLUME = {"name": "probe", "volume": {"emptyDir": {"sizeLimit": "1Mi"}}}
PROBE_RENDERED_VOLUME = {"name": "probe", "emptyDir": {"sizeLimit": "1Mi"}}
PROBE_MOUNT = {"name": "probe", "mountPath": "/probe", "readOnly": True, "subPath": "p"}


def renders_volumes(scope: Literal["both", "component"], where: str) -> Renders:
    return Renders(
        field=f"{POD}.volumes[]",
        behavior=f"Appends volumes to {where}, each as {{name, <source>}} exactly as written.",
        probe={"extraVolumes": [PROBE_VOLUME]},
        expect=PROBE_RENDERED_VOLUME,
        scope=scope,
        value="`{key}[].name` + `{key}[].volume`",
    )


def renders_mounts(scope: Literal["both", "component"], where: str) -> Renders:
    return Renders(
        field=f"{CONTAINER}.volumeMounts[]",
        behavior=f"Appends mounts to {where}, every field as written.",
        probe={"extraVolumes": [PROBE_VOLUME], "extraVolumeMounts": [PROBE_MOUNT]},
        expect=PROBE_MOUNT,
        scope=scope,
        value="`{key}[].name` + `{key}[].mountPath`",
    )


EXTRA_VOLUMES_EXAMPLE = [{"name": "corp-ca", "volume": {"configMap": {"name": "corp-ca-bundle"}}}]
EXTRA_MOUNTS_EXAMPLE = [{"name": "corp-ca", "mountPath": "/etc/ssl/corp", "readOnly": True}]


# The entries of the server pods (the global lists and controlPlane/controllers), of
# agents-shell's and of the gateway's: each refuses the names its pod reserves.
ServerVolume, ServerMount = extra_models("controlPlane")
ShellVolume, ShellMount = extra_models("agentsShell", "Shell")
GatewayVolume, GatewayMount = extra_models("linearMcpGateway", "Gateway")
