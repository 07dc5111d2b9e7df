"""grpc.*: the control plane's gRPC server and its Service."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.components import CONTROL_PLANE, IN_CONTROL_PLANE
from schema_gen.environment import EnvVar
from schema_gen.models.base import Port, Strict
from schema_gen.renders import Renders

_SERVICE = ("Service", f"{CONTROL_PLANE.deployment()}-grpc")


class Grpc(Strict):
    """The control plane's gRPC server and its Service."""

    enabled: Annotated[bool, EnvVar("JANGAR_GRPC_ENABLED", IN_CONTROL_PLANE, "bool")] = Field(
        False, description="Serve gRPC from the control plane, behind Service {release}-grpc."
    )
    host: Annotated[str, EnvVar("JANGAR_GRPC_HOST", IN_CONTROL_PLANE)] = Field(
        "", description="Address the server binds; empty keeps the app's default."
    )
    port: Annotated[Port, EnvVar("JANGAR_GRPC_PORT", IN_CONTROL_PLANE, "int")] = Field(
        50051, description="Port the server listens on (the container port)."
    )
    service_type: Annotated[
        Literal["ClusterIP", "NodePort", "LoadBalancer"],
        Renders(
            field="spec.type",
            behavior="Type of the control plane's gRPC Service, rendered when grpc.enabled.",
            probe={"enabled": True, "serviceType": "NodePort"},
            expect="NodePort",
            resource=_SERVICE,
        ),
    ] = Field("ClusterIP", description="Type of the gRPC Service.")
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
