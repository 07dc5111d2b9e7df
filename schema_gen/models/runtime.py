"""runtime.*: the images and ServiceAccount the controllers run agents with."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.components import IN_CONTROLLERS
from schema_gen.environment import EnvVar
from schema_gen.models.base import Strict


class Runtime(Strict):
    """What the controllers run for agents and schedules."""

    agent_runner_image: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_IMAGE", IN_CONTROLLERS)] = Field(
        "", description="Image of the agent runner Jobs; empty keeps the app's default."
    )
    agent_image: Annotated[str, EnvVar("JANGAR_AGENT_IMAGE", IN_CONTROLLERS)] = Field(
        "", description="Image of the agent itself; empty keeps the app's default."
    )
    schedule_runner_image: Annotated[
        str, EnvVar("JANGAR_SCHEDULE_RUNNER_IMAGE", IN_CONTROLLERS)
    ] = Field("", description="Image of scheduled runs; empty keeps the app's default.")
    schedule_service_account: Annotated[
        str, EnvVar("JANGAR_SCHEDULE_SERVICE_ACCOUNT", IN_CONTROLLERS)
    ] = Field("", description="ServiceAccount of scheduled runs; empty keeps the app's default.")
