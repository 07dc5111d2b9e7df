"""env.*, envFrom*: environment variables written by hand, shared or per component."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from schema_gen.contract.models.base import (
    ENV_NAME,
    OPTIONAL_DNS_SUBDOMAIN,
    SECRET_KEY,
    Strict,
    or_empty,
)

EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME)]
ObjectName = Annotated[str, StringConstraints(pattern=OPTIONAL_DNS_SUBDOMAIN, min_length=1)]
# A key of a Secret or ConfigMap, or "" for the documented fallback.
OptionalKey = Annotated[str, StringConstraints(pattern=or_empty(SECRET_KEY))]


class LiteralVar(Strict):
    """A variable with a literal value."""

    name: EnvName = Field(description="Variable name.")
    value: str = Field(description="Its value.")


class SecretVar(Strict):
    """A variable read from a key of a Secret."""

    name: EnvName = Field(description="Variable name.")
    secret_name: ObjectName = Field(description="The Secret.")
    key: OptionalKey = Field(None, description="Key within the Secret; unset or empty = value.")


class ConfigMapVar(Strict):
    """A variable read from a key of a ConfigMap."""

    name: EnvName = Field(description="Variable name.")
    config_map_name: ObjectName = Field(description="The ConfigMap.")
    key: OptionalKey = Field(
        None, description="Key within the ConfigMap; unset or empty = the variable's name."
    )


class Env(Strict):
    """Environment variables for a container."""

    vars: dict[EnvName, str] = Field(
        {},
        description="Environment variables, name to value. Quote values: numbers and booleans "
        "are rejected rather than silently reformatted.",
    )


class FullEnv(Env):
    """Environment variables: literal, and read from Secret and ConfigMap keys."""

    extra: list[LiteralVar] = Field(
        [], description="Variables with literal values, added after every other variable."
    )
    secrets: list[SecretVar] = Field([], description="Variables read from Secret keys.")
    config: list[ConfigMapVar] = Field([], description="Variables read from ConfigMap keys.")


class EnvFromRef(Strict):
    """A Secret or ConfigMap whose every key becomes a variable, with options."""

    name: str = Field(
        description='The object\'s name; empty renders the name "anonymous", as upstream does.'
    )
    optional: bool = Field(None, description="Start the pod even when the object is missing.")
    keys: str | list[str] = Field(
        None,
        description="The keys it is expected to hold: only read by validation, which refuses "
        "reserved variable names here unless the chart's own maps set them "
        "(validation.reservedEnvKeysEnforced).",
    )


# A bare name (a DNS-1123 subdomain) or the object form.
EnvFromSource = ObjectName | EnvFromRef
