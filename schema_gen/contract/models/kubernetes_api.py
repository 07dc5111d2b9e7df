"""kubernetesApi.*: where the app reaches the Kubernetes API."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import Strict, pattern

PORT_STRING = pattern(r"^([0-9]{1,5})?$", 'a port number in quotes, such as "6443"; or empty')


class KubernetesApi(Strict):
    """Where the app reaches the Kubernetes API; empty keeps what the kubelet sets."""

    host: Annotated[str, EnvVar("KUBERNETES_SERVICE_HOST", IN_BOTH)] = Field(
        "", description="API server host."
    )
    port: Annotated[str, EnvVar("KUBERNETES_SERVICE_PORT", IN_BOTH)] = Field(
        "", pattern=PORT_STRING, description='API server port, quoted ("6443").'
    )
