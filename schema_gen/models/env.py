"""env.*, envFrom*: environment variables written by hand, shared or per component."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from schema_gen.models.base import ENV_NAME, OPTIONAL_DNS_SUBDOMAIN, SECRET_KEY, Strict

EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME)]
ObjectName = Annotated[str, StringConstraints(pattern=OPTIONAL_DNS_SUBDOMAIN, min_length=1)]
ObjectKey = Annotated[str, StringConstraints(pattern=SECRET_KEY)]


class LiteralVar(Strict):
    """A variable with a literal value."""

    name: EnvName = Field(description="Variable name.")
    value: str = Field(description="Its value.")


class SecretVar(Strict):
    """A variable read from a key of a Secret."""

    name: EnvName = Field(description="Variable name.")
    secret_name: ObjectName = Field(description="The Secret.")
    key: ObjectKey = Field(None, description="Key within the Secret; unset = value.")


class ConfigMapVar(Strict):
    """A variable read from a key of a ConfigMap."""

    name: EnvName = Field(description="Variable name.")
    config_map_name: ObjectName = Field(description="The ConfigMap.")
    key: ObjectKey = Field(None, description="Key within the ConfigMap; unset = the name.")


class Env(Strict):
    """Environment variables for a container."""

    vars: dict[EnvName, str] = Field(
        {},
        description="Environment variables, name to value. Quote values: numbers and booleans "
        "are rejected rather than silently reformatted.",
    )


class SharedEnv(Env):
    """Environment of both containers."""

    extra: list[LiteralVar] = Field(
        [], description="Variables with literal values, added after every other variable."
    )
    secrets: list[SecretVar] = Field([], description="Variables read from Secret keys.")
    config: list[ConfigMapVar] = Field([], description="Variables read from ConfigMap keys.")
