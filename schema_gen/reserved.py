"""The registry of chart-managed volumes, whose names operators may not reuse.

This is the one place a reserved name is declared: the schema's ``not``/``enum``,
the models' validators, the chart's generated helper template and the docs all
read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReservedVolume:
    """A volume the chart itself adds to the pods."""

    name: str
    values_key: str  # the values key that configures the volume
    enabled_by: str  # the values path whose non-empty value makes the chart add it
    mount_path: str  # where the chart mounts it in every container
    purpose: str


RESERVED_VOLUMES: tuple[ReservedVolume, ...] = (
    ReservedVolume(
        name="db-ca-cert",
        values_key="database.caSecret",
        enabled_by="database.caSecret.name",
        mount_path="/etc/agents/ca",
        purpose="the database CA certificate, from the Secret named by database.caSecret.name",
    ),
)


def reserved_names() -> list[str]:
    """Return the reserved volume names, in registry order."""
    return [volume.name for volume in RESERVED_VOLUMES]


def reserved_volume(name: str) -> ReservedVolume:
    """Return the registry entry called ``name``."""
    return next(volume for volume in RESERVED_VOLUMES if volume.name == name)
