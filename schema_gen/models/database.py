"""database.*: where the database URL and its CA certificate come from."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from schema_gen.components import IN_BOTH
from schema_gen.environment import EnvVar
from schema_gen.models.base import OPTIONAL_DNS_SUBDOMAIN, SECRET_KEY, Strict
from schema_gen.renders import CONTAINER, POD, Renders
from schema_gen.reserved import reserved_volume

_DB_CA = reserved_volume("db-ca-cert")


class SecretKeyRef(Strict):
    """A key in a Secret of the release namespace."""

    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, max_length=253, description="Secret name; empty = off."
    )
    key: str = Field(pattern=SECRET_KEY, description="Key within the Secret.")


class Database(Strict):
    """Database connection settings."""

    secret_ref: Annotated[
        SecretKeyRef,
        EnvVar("DATABASE_URL", IN_BOTH, "secretKeyRef"),
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="DATABASE_URL from a secretKeyRef, in both containers, when name is set.",
            probe={"secretRef": {"name": "probe-db", "key": "url"}},
            expect={
                "name": "DATABASE_URL",
                "valueFrom": {"secretKeyRef": {"name": "probe-db", "key": "url"}},
            },
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="uri"),
        description="Secret key holding the database URL, exposed as DATABASE_URL in both "
        "containers when name is set.",
    )
    ca_secret: Annotated[
        SecretKeyRef,
        Renders(
            field=f"{POD}.volumes[]",
            behavior=f"Chart-managed secret volume `{_DB_CA.name}` (reserved name), first in "
            "both pods, when name is set.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect=_DB_CA.volume({"name": "probe-ca", "key": "probe.crt"}),
            value="`{key}.*`",
        ),
        Renders(
            field=f"{CONTAINER}.volumeMounts[]",
            behavior=f"Mounts `{_DB_CA.name}` read-only at {_DB_CA.mount_path}, first in both "
            "containers.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect=_DB_CA.mount(),
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="ca.crt"),
        description="Secret key holding the database CA certificate. When name is set the chart "
        f"adds the volume {_DB_CA.name} and mounts it read-only at {_DB_CA.mount_path} in both "
        "containers.",
    )
