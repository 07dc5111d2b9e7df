"""The registry of chart-managed volumes, whose names and mount paths operators may not reuse.

This is the one place a chart-managed volume is declared: the schema's
``not``/``enum``, the models' validators, the cross-entry rules, ``explain``,
the docs and the chart's generated ``agents.reservedVolumes`` helper (from
which the templates render the volume and its mount) all read it from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.values_paths import value_at


@dataclass(frozen=True)
class ReservedVolume:
    """A Secret volume the chart adds to every pod when its values key names a Secret."""

    name: str
    values_key: str  # a {name, key} Secret reference; a non-empty name turns the volume on
    mount_path: str  # where the chart mounts it, read-only, in every container
    purpose: str
    env: str = ""  # a variable set to the mounted file's path, if any

    @property
    def enabled_by(self) -> str:
        """Return the values path whose non-empty value makes the chart add the volume."""
        return f"{self.values_key}.name"

    def volume(self, ref: Mapping[str, Any]) -> dict[str, Any]:
        """Return the pod volume for Secret reference ``ref``: that one key, as a file."""
        item = {"key": ref["key"], "path": ref["key"]}
        return {"name": self.name, "secret": {"secretName": ref["name"], "items": [item]}}

    def mount(self) -> dict[str, Any]:
        """Return the container's mount of the volume."""
        return {"name": self.name, "mountPath": self.mount_path, "readOnly": True}


RESERVED_VOLUMES: tuple[ReservedVolume, ...] = (
    ReservedVolume(
        name="db-ca-cert",
        values_key="database.caSecret",
        mount_path="/etc/jangar/ca",
        purpose="the database CA certificate, from the Secret named by database.caSecret.name",
        env="PGSSLROOTCERT",
    ),
)


def reserved_names() -> list[str]:
    """Return the reserved volume names, in registry order."""
    return [volume.name for volume in RESERVED_VOLUMES]


def reserved_volume(name: str) -> ReservedVolume:
    """Return the registry entry called ``name``."""
    return next(volume for volume in RESERVED_VOLUMES if volume.name == name)


def enabled(values: Mapping[str, Any]) -> list[ReservedVolume]:
    """Return the chart-managed volumes that chart-merged ``values`` turn on, in registry order."""
    return [volume for volume in RESERVED_VOLUMES if value_at(values, volume.enabled_by)]


def occupied(values: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Return (volume name -> owner, mountPath -> owner) of the chart-managed entries in use.

    Every pod starts with these; an operator's entry may not take either.
    """
    on = enabled(values)
    return {v.name: v.values_key for v in on}, {v.mount_path: v.values_key for v in on}


def template_data() -> list[dict[str, str]]:
    """Return the registry as the generated ``agents.reservedVolumes`` helper holds it."""
    return [
        {"name": v.name, "valuesKey": v.values_key, "mountPath": v.mount_path, "env": v.env}
        for v in RESERVED_VOLUMES
    ]
