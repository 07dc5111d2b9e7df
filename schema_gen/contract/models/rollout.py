"""rolloutChecksums.*: pod annotations that restart the pods when their inputs change."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.models.base import NAMESPACE, Strict, pattern

_NAME = pattern(
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    'a Kubernetes object name: lowercase letters, digits, "-" and ".", each part of at '
    "most 63 starting and ending with a letter or digit",
)
_CHECKSUM = pattern(r"^[A-Fa-f0-9]{64}$", "a SHA-256 checksum: 64 hexadecimal digits")


class Checksum(Strict):
    """The checksum of an object the pods read, maintained by whoever changes the object."""

    name: Annotated[str, Field(min_length=1, pattern=_NAME)] = Field(
        description="The object's name."
    )
    namespace: Annotated[str, Field(min_length=1, pattern=NAMESPACE)] = Field(
        None, description="Its namespace; unset = the release namespace."
    )
    checksum: Annotated[str, Field(pattern=_CHECKSUM)] = Field(
        description="sha256 of its content, 64 hex digits."
    )


class RolloutChecksums(Strict):
    """Checksum annotations on the server pods, so a changed Secret or ConfigMap rolls them.

    When enabled, every Secret and ConfigMap the pods read (database.secretRef,
    database.caSecret, env.secrets, env.config, envFromSecretRefs, envFromConfigMapRefs,
    agentComms.nats.userSecret, and the secret, configMap and projected sources of
    extraVolumes) must have an entry; the chart's own database Secret is summed by the chart.
    """

    enabled: bool = Field(False, description="Add the annotations (and require the entries).")
    secrets: list[Checksum] = Field(
        [], json_schema_extra={"uniqueItems": True}, description="Secrets the pods read."
    )
    config_maps: list[Checksum] = Field(
        [], json_schema_extra={"uniqueItems": True}, description="ConfigMaps the pods read."
    )
