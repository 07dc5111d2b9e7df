"""image.*, imagePolicy.*, and the images of each workload: container images and their pins."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schema_gen.contract.models.base import DIGEST, Strict

PullPolicy = Literal["Always", "IfNotPresent", "Never"]
# "" leaves the policy to Kubernetes (Always for :latest, else IfNotPresent), as upstream.
OptionalPullPolicy = Literal["Always", "IfNotPresent", "Never", ""]
_DIGEST = (
    "Image digest (sha256:...); when set the reference becomes repository:tag@digest, which "
    "pins the image."
)


class Image(Strict):
    """A container image, pinned by tag and optionally by digest."""

    repository: str = Field(
        "ghcr.io/proompteng/agents-control-plane",
        description="Image repository; the components' own image.repository wins.",
    )
    tag: str = Field("latest", description="Image tag.")
    digest: str = Field("", pattern=DIGEST, description=_DIGEST)
    pull_policy: OptionalPullPolicy = Field(
        "IfNotPresent", description="Kubernetes imagePullPolicy; empty = Kubernetes' default."
    )
    pull_secrets: list[str] = Field(
        [], description="Names of Secrets the kubelet pulls the image with (imagePullSecrets)."
    )


class InheritedImage(Strict):
    """One Deployment's image; each empty field takes its value from the top-level image.*."""

    repository: str = Field("", description="Image repository; empty = image.repository.")
    tag: str = Field("", description="Image tag; empty = image.tag.")
    digest: str = Field("", pattern=DIGEST, description="Image digest; empty = image.digest.")
    pull_policy: OptionalPullPolicy = Field(
        "", description="imagePullPolicy; empty = image.pullPolicy."
    )
    pull_secrets: list[str] = Field(
        [], description="imagePullSecrets names; empty = image.pullSecrets."
    )


def inherited(repository: str) -> InheritedImage:
    """Return the default of a component's image: its own repository, the rest inherited."""
    return InheritedImage.model_construct(repository=repository)


class GatewayImage(Strict):
    """The Linear MCP gateway's image; each empty field takes controllers.image.*, then image.*."""

    repository: str = Field("", description="Image repository; empty = controllers.image, image.")
    tag: str = Field("", description="Image tag; empty = controllers.image.tag, then image.tag.")
    digest: str = Field(
        "", pattern=DIGEST, description="Image digest; empty = controllers.image, then image."
    )
    pull_policy: OptionalPullPolicy = Field(
        "", description="imagePullPolicy; empty = controllers.image, then image."
    )


class ToolImage(Strict):
    """An image of a helper the chart runs (a hook Job, a test Pod)."""

    repository: str = Field(None, description="Image repository.")
    tag: str = Field(None, description="Image tag.")
    digest: str = Field("", pattern=DIGEST, description=_DIGEST)
    pull_policy: OptionalPullPolicy = Field(
        "IfNotPresent", description="Kubernetes imagePullPolicy; empty = IfNotPresent."
    )


def tool_image(repository: str, tag: str) -> ToolImage:
    """Return a helper's default image."""
    return ToolImage.model_construct(repository=repository, tag=tag)


class ImagePolicy(Strict):
    """Rules on the images the chart renders."""

    require_digest: bool = Field(
        False,
        description="Refuse to render an image of a running workload without a sha256 digest: "
        "the control plane's, the runner's (or an AGENTS_AGENT_RUNNER_IMAGE override ending in "
        "@sha256:...), and, when enabled, the controllers', agents-shell's, the Argo CD hooks' "
        "and the Helm test's.",
    )
