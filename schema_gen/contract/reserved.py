"""The registry of chart-managed volumes, whose names and mount paths operators may not reuse.

This is the one place a chart-managed volume is declared: the schema's
``not``/``enum``, the models' validators, the cross-entry rules, ``explain``,
the docs and the chart's generated ``agents.reservedVolumes`` helper (which the
validation templates read) all take it from here; a test renders each one and
checks the templates put it where this registry says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.contract.components import AGENTS_SHELL, IN_BOTH, LINEAR_GATEWAY
from schema_gen.contract.values_paths import value_at


@dataclass(frozen=True)
class ReservedVolume:
    """A volume the chart adds to the pods of some components."""

    name: str
    components: tuple[str, ...]  # the components (values keys) whose pods get it
    mount_path: str  # where the chart mounts it in the component's main container
    purpose: str
    # A values path whose non-empty value turns the volume on; "" = always there.
    enabled_by: str = ""
    env: str = ""  # a variable set to the mounted file's path, if any
    read_only: bool = False
    owner: str = ""  # the values key that configures it, when no enabled_by names it

    @property
    def values_key(self) -> str:
        """Return the values key that configures the volume (its owner in messages)."""
        return self.enabled_by.rsplit(".", 1)[0] if self.enabled_by else self.owner

    def mount(self) -> dict[str, Any]:
        """Return the main container's mount of the volume."""
        mount: dict[str, Any] = {"name": self.name, "mountPath": self.mount_path}
        if self.read_only:
            mount["readOnly"] = True
        return mount


DB_CA = ReservedVolume(
    name="db-ca-cert",
    components=IN_BOTH,
    mount_path="/etc/agents/ca",
    purpose="the database CA certificate, from the Secret named by database.caSecret.name",
    enabled_by="database.caSecret.name",
    env="PGSSLROOTCERT",
    read_only=True,
)
WORKSPACE = ReservedVolume(
    name="workspace",
    components=(AGENTS_SHELL.key,),
    mount_path="/workspace",
    purpose="the agents-shell workspace (agentsShell.workspace)",
    owner="agentsShell.workspace",
)
GATEWAY_TMP = ReservedVolume(
    name="tmp",
    components=(LINEAR_GATEWAY.key,),
    mount_path="/tmp",
    purpose="the Linear MCP gateway's scratch space (its root filesystem is read-only)",
    owner="linearMcpGateway",
)
RESERVED_VOLUMES: tuple[ReservedVolume, ...] = (DB_CA, WORKSPACE, GATEWAY_TMP)


def db_ca_volume(ref: Mapping[str, Any]) -> dict[str, Any]:
    """Return the pod volume of the database CA for Secret reference ``ref``: one key, a file."""
    key = ref.get("key") or "ca.crt"
    item = {"key": key, "path": key}
    return {"name": DB_CA.name, "secret": {"secretName": ref["name"], "items": [item]}}


def reserved_names(component: str | None = None) -> list[str]:
    """Return the reserved volume names (of ``component``'s pod, or of any pod), in order."""
    return [v.name for v in RESERVED_VOLUMES if component is None or component in v.components]


def reserved_volume(name: str) -> ReservedVolume:
    """Return the registry entry called ``name``."""
    return next(volume for volume in RESERVED_VOLUMES if volume.name == name)


def enabled(values: Mapping[str, Any], component: str) -> list[ReservedVolume]:
    """Return the chart-managed volumes ``component``'s pod gets with chart-merged ``values``."""
    return [
        v
        for v in RESERVED_VOLUMES
        if component in v.components and (not v.enabled_by or value_at(values, v.enabled_by))
    ]


def occupied(values: Mapping[str, Any], component: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return (volume name -> owner, mountPath -> owner) of ``component``'s chart-managed entries.

    Its pod starts with these; an operator's entry may not take either.
    """
    on = enabled(values, component)
    return {v.name: v.values_key for v in on}, {v.mount_path: v.values_key for v in on}


def template_data() -> list[dict[str, Any]]:
    """Return the registry as the generated ``agents.reservedVolumes`` helper holds it."""
    return [
        {
            "name": v.name,
            "components": list(v.components),
            "enabledBy": v.enabled_by,
            "owner": v.values_key,
            "mountPath": v.mount_path,
        }
        for v in RESERVED_VOLUMES
    ]
