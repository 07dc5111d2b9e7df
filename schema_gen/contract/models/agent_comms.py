"""agentComms.*: the NATS subscriber that carries messages between agents."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar, loop_var
from schema_gen.contract.models.base import (
    OPTIONAL_DNS_SUBDOMAIN,
    SECRET_KEY,
    Fallback,
    Strict,
    or_empty,
    section,
)

# The one place the default NATS server is written; the templates get it from the
# generated agents.defaults helper.
DEFAULT_NATS_URL = "nats://nats.nats.svc.cluster.local:4222"
_ENABLED = "when agentComms.enabled (the control plane gets it too when controllers.enabled)"


class NatsUserSecret(Strict):
    """A Secret holding the NATS user name and password."""

    name: str = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        max_length=253,
        description="Secret name; when set it wins over nats.user and nats.password.",
    )
    username_key: str = Field(
        "username",
        pattern=or_empty(SECRET_KEY),
        description="Key of the user name; empty = username.",
    )
    password_key: str = Field(
        "password",
        pattern=or_empty(SECRET_KEY),
        description="Key of the password; empty = password.",
    )


class Nats(Strict):
    """The NATS server and credentials."""

    url: Annotated[
        str, EnvVar("NATS_URL", IN_BOTH, when=_ENABLED), Fallback(DEFAULT_NATS_URL, ("",))
    ] = Field("", description=f"Server URL; empty = {DEFAULT_NATS_URL}.")
    user: Annotated[str, loop_var("NATS_USER")] = Field(
        "", description="User name, in the pod spec; prefer userSecret."
    )
    password: Annotated[str, loop_var("NATS_PASSWORD")] = Field(
        "", description="Password, in the pod spec; prefer userSecret."
    )
    user_secret: NatsUserSecret = section(NatsUserSecret)


class AgentComms(Strict):
    """Agent messaging over NATS, subscribed by whichever Deployment runs the reconcile loops."""

    enabled: Annotated[bool, loop_var("AGENTS_AGENT_COMMS_SUBSCRIBER_DISABLED", "not")] = Field(
        False, description="Subscribe to agent messages."
    )
    subjects: Annotated[list[str], loop_var("AGENTS_AGENT_COMMS_SUBJECTS", "csv")] = Field(
        [], description="Subjects to subscribe to; empty = the app's default."
    )
    nats: Nats = section(Nats)
