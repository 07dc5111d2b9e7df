"""grpc.*: the control plane's gRPC server and its Service."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.components import CONTROL_PLANE, IN_BOTH, IN_CONTROL_PLANE
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import NEEDED, Fallback, Port, Strict
from schema_gen.contract.renders import Renders

_SERVICE = ("Service", f"{CONTROL_PLANE.deployment}-grpc")


class Grpc(Strict):
    """The gRPC server (agentctl talks to it) and its Service {fullname}-grpc."""

    enabled: Annotated[
        bool, EnvVar("AGENTS_GRPC_ENABLED", IN_CONTROL_PLANE, "bool", line="own")
    ] = Field(
        True,
        description="Serve gRPC: the control plane gets a grpc port and the Service is created.",
    )
    manage_env_var: bool = Field(
        True,
        description="The chart sets AGENTS_GRPC_ENABLED, AGENTS_GRPC_HOST and AGENTS_GRPC_PORT "
        "of the control plane from grpc.*, and refuses env.vars that set them to anything else. "
        "false: the control plane gets them from env.vars only.",
    )
    port: Annotated[
        Port, NEEDED, EnvVar("AGENTS_GRPC_PORT", IN_BOTH, "int", line="own"), Fallback()
    ] = Field(
        50051,
        description="Port the server listens on (the grpc container port); both servers read "
        "it, so it cannot be null.",
    )
    service_port: Annotated[
        Port,
        Renders(
            field="spec.ports[]",
            behavior="The Service port, forwarding to the control plane's grpc container port.",
            probe={"enabled": True, "servicePort": 443},
            expect={"name": "grpc", "port": 443, "targetPort": "grpc", "protocol": "TCP"},
            resource=_SERVICE,
        ),
    ] = Field(50051, description="Port of the gRPC Service.")
    service_type: Annotated[
        Literal["ClusterIP", "NodePort", "LoadBalancer"],
        Renders(
            field="spec.type",
            behavior="Type of the gRPC Service, rendered when grpc.enabled.",
            probe={"enabled": True, "serviceType": "NodePort"},
            expect="NodePort",
            resource=_SERVICE,
        ),
    ] = Field("ClusterIP", description="Type of the gRPC Service.")
