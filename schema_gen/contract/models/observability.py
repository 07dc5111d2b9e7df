"""logging.*, audit.*: what the app records about itself and where it sends it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import UNSETTABLE, Strict, StringMap, section

_HTTP = "when audit.sink.type is http"


class Logging(Strict):
    """Logging; the chart passes nothing from here to the app yet."""

    level: str = Field("info", description="Log level (kept for compatibility; unused).")


class HttpSink(Strict):
    """Where the http audit sink posts events."""

    url: Annotated[str, EnvVar("AGENTS_AUDIT_SINK_HTTP_URL", IN_BOTH, when=_HTTP)] = Field(
        "", description="Endpoint the events are posted to; empty = the app's default."
    )
    headers: Annotated[
        StringMap, EnvVar("AGENTS_AUDIT_SINK_HTTP_HEADERS_JSON", IN_BOTH, "json", when=_HTTP)
    ] = Field({}, description="Headers sent with each post.")
    timeout_ms: Annotated[
        int,
        Field(ge=0),
        EnvVar("AGENTS_AUDIT_SINK_HTTP_TIMEOUT_MS", IN_BOTH, "int", when=_HTTP, line="own"),
    ] = Field(2000, description="Timeout of a post, in milliseconds; 0 = the app's default.")


class AuditSink(Strict):
    """Where audit events go."""

    type: Annotated[
        Literal["none", "stdout", "http"], EnvVar("AGENTS_AUDIT_SINK_TYPE", IN_BOTH, "unlessNone")
    ] = Field("none", description="none, stdout or http.")
    http: Annotated[HttpSink, UNSETTABLE] = section(HttpSink)


class Audit(Strict):
    """The audit log of what the control plane and controllers do."""

    sink: AuditSink = section(AuditSink)
