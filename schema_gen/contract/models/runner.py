"""runner.*: the agent runner the controllers start Jobs with."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import Strict, section
from schema_gen.contract.models.image import Image


class RunnerImage(Image):
    """The agent runner image, set as AGENTS_AGENT_RUNNER_IMAGE when its repository is set."""

    repository: str = Field(
        "ghcr.io/proompteng/agents-codex-runner",
        description="Image repository; empty leaves AGENTS_AGENT_RUNNER_IMAGE to env.vars or "
        "the app.",
    )
    pull_secrets: Annotated[
        list[str], EnvVar("AGENTS_AGENT_RUNNER_IMAGE_PULL_SECRETS", IN_BOTH, "json")
    ] = Field(
        [],
        description="imagePullSecrets of runner pods, unless "
        "controller.defaultWorkload.imagePullSecrets names its own.",
    )


class Runner(Strict):
    """The agent runner."""

    image: Annotated[RunnerImage, EnvVar("AGENTS_AGENT_RUNNER_IMAGE", IN_BOTH, "image")] = section(
        RunnerImage
    )
