"""What every values model shares: strictness, camelCase keys, patterns and small types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
# Empty, or a DNS-1123 subdomain: what Kubernetes accepts as a Secret's name.
OPTIONAL_DNS_SUBDOMAIN = r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$"
# A Secret or ConfigMap key, which the chart also uses as a file name: letters, digits,
# "-", "_", "."; not "." or "..", nor starting with ".." (the API server's IsConfigMapKey).
SECRET_KEY = r"^\.?[-_a-zA-Z0-9][-._a-zA-Z0-9]*$"
ENV_NAME = r"^[-._a-zA-Z][-._a-zA-Z0-9]*$"
DIGEST = r"^(sha256:[a-f0-9]{64})?$"


# Helm reads numbers as float64: past 2^53 a whole number is no longer kept exact.
MAX_EXACT = 2**53
# What Kubernetes takes in its int32 fields (replicas, probe timings, TTLs).
INT32_MAX = 2**31 - 1
Count = Annotated[int, Field(ge=1, le=MAX_EXACT)]
Seconds = Annotated[int, Field(ge=0, le=MAX_EXACT)]
Replicas = Annotated[int, Field(ge=1, le=INT32_MAX)]
KubeSeconds = Annotated[int, Field(ge=0, le=INT32_MAX)]
Percent = Annotated[int, Field(ge=1, le=100)]
# A namespace, or "*" for every namespace (which needs rbac.clusterScoped).
WatchedNamespace = Annotated[
    str, StringConstraints(pattern=r"^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$")
]
Port = Annotated[int, Field(ge=1, le=65535)]
# Kubernetes reads a quantity written as a number too (cpu: 1); Helm passes either through.
Quantity = str | int | float
# Labels, annotations, selectors: string to string.
StringMap = dict[str, str]
# A Kubernetes object the chart renders unchanged (affinity, a toleration, an RBAC rule, ...);
# the API server checks it.
KubeObject = dict[str, Any]


class MissingDefaults(ValueError):
    """Keys with a chart default that a merged document lacks (a null deleted them)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__(
            f"missing {', '.join(keys)}: a null in the values file deletes the chart's "
            "default; set a value instead"
        )


class Strict(BaseModel):
    """Base of every values model: camelCase keys, unknown keys and lax types rejected.

    ``strict`` matters for agreement with Helm: JSON Schema rejects ``"true"``
    for a boolean, so pydantic must not coerce it either.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        alias_generator=to_camel,
        populate_by_name=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _chart_defaults_present(cls, data: Any) -> Any:
        """Refuse a merged document that lacks a key the chart sets by default.

        Helm deletes a key whose value is null, so ``controlPlane: null`` leaves
        the templates without the chart's defaults; the schema marks these keys
        required (see :func:`has_chart_default`) and this is the same check.
        """
        if isinstance(data, dict):
            missing = [
                field.alias
                for name, field in cls.model_fields.items()
                if has_chart_default(field.default, field.alias)
                and field.alias not in data
                and name not in data
            ]
            if missing:
                raise MissingDefaults(missing)
        return data


def has_chart_default(default: Any, alias: str | None) -> bool:
    """Return whether merged values always hold a field, unless a null deleted it.

    A field with a default other than None is in the chart's values.yaml; one whose
    default is None is optional. ``global`` is Helm's own and may be absent.
    """
    return default is not None and default is not PydanticUndefined and alias != "global"
