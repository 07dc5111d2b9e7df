"""env.*: environment variables written by hand, shared or per component."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from schema_gen.models.base import ENV_NAME, Strict

EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME)]


class Env(Strict):
    """Environment variables for a container."""

    vars: dict[EnvName, str] = Field(
        {},
        description="Environment variables, name to value. Quote values: numbers and booleans "
        "are rejected rather than silently reformatted.",
    )
