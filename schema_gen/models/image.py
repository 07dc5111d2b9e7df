"""image.*: a container image, pinned by tag or digest."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema_gen.models.base import DIGEST, Strict


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
