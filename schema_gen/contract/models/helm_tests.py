"""tests.*: the Helm test Pod (`helm test`) that checks the API answers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.models.base import UNSETTABLE, Fallback, Strict
from schema_gen.contract.models.image import ToolImage, tool_image
from schema_gen.contract.models.workload import Resources


class HelmTests(Strict):
    """A Pod {fullname}-test-connection that `helm test` runs: curl of the API's /health."""

    enabled: bool = Field(False, description="Render it.")
    image: Annotated[ToolImage, UNSETTABLE] = Field(
        tool_image("curlimages/curl", "8.11.1"), description="The curl image it runs."
    )
    timeout_seconds: Annotated[int, Field(ge=1), Fallback()] = Field(
        30, description="curl's connect timeout, in seconds."
    )
    resources: Annotated[Resources, UNSETTABLE] = Field(
        Resources.model_construct(), description="Container resources; empty = none."
    )
