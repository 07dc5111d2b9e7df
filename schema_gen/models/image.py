"""image.*, runner.image, controlPlane.image, controllers.image: container images."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema_gen.models.base import DIGEST, Strict

PullPolicy = Literal["Always", "IfNotPresent", "Never"]


class Image(Strict):
    """A container image, pinned by tag and optionally by digest."""

    repository: str = Field(min_length=1, description="Image repository.")
    tag: str = Field("latest", description="Image tag.")
    digest: str = Field(
        "",
        pattern=DIGEST,
        description="Image digest (sha256:...); when set the reference becomes "
        "repository:tag@digest, which pins the image.",
    )
    pull_policy: PullPolicy = Field("IfNotPresent", description="Kubernetes imagePullPolicy.")
    pull_secrets: list[str] = Field(
        [], description="Names of Secrets the kubelet pulls the image with (imagePullSecrets)."
    )


class InheritedImage(Strict):
    """One Deployment's image; each empty field takes its value from the top-level image.*."""

    repository: str = Field("", description="Image repository; empty = image.repository.")
    tag: str = Field("", description="Image tag; empty = image.tag.")
    digest: str = Field("", pattern=DIGEST, description="Image digest; empty = image.digest.")
    pull_policy: PullPolicy | Literal[""] = Field(
        "", description="imagePullPolicy; empty = image.pullPolicy."
    )
    pull_secrets: list[str] = Field(
        [], description="imagePullSecrets names; empty = image.pullSecrets."
    )


class HookImage(Strict):
    """The kubectl image the Argo CD hook Jobs run."""

    repository: str = Field("bitnami/kubectl", min_length=1, description="Image repository.")
    tag: str = Field("1.30.1", min_length=1, description="Image tag.")
    pull_policy: PullPolicy = Field("IfNotPresent", description="Kubernetes imagePullPolicy.")


class RunnerImage(Image):
    """The agent runner image the controllers start Jobs with."""

    repository: str = Field(
        description="Image repository; empty leaves JANGAR_AGENT_RUNNER_IMAGE to runtime.* or "
        "the app."
    )
