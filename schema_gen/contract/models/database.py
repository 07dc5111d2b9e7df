"""database.*: where the database URL and its CA certificate come from."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from schema_gen.contract import reserved
from schema_gen.contract.components import IN_BOTH
from schema_gen.contract.environment import EnvVar
from schema_gen.contract.models.base import (
    OPTIONAL_DNS_SUBDOMAIN,
    SECRET_KEY,
    Strict,
    StringMap,
    or_empty,
    section,
)
from schema_gen.contract.renders import CONTAINER, POD, Renders

_DB_CA = reserved.DB_CA
# templates/database-secret.yaml fails with the same words.
NEEDS_URL = (
    "database.createSecret.enabled needs database.url: set the URL the Secret should hold, "
    "or turn createSecret off and point database.secretRef at an existing Secret"
)


class SecretKeyRef(Strict):
    """A key in a Secret of the release namespace."""

    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, max_length=253, description="Secret name; empty = off."
    )
    key: str = Field(None, pattern=or_empty(SECRET_KEY), description="Key within the Secret.")


def secret_key_ref(key: str) -> SecretKeyRef:
    """Return a reference default whose empty key falls back to ``key``."""
    return SecretKeyRef.model_construct(key=key)


class CreateSecret(Strict):
    """A Secret the chart creates from database.url, so the URL is not in the pod spec."""

    enabled: bool = Field(
        False,
        description="Create it (database.url is then required) and read DATABASE_URL "
        "from its key url.",
    )
    name: str = Field(
        "",
        pattern=OPTIONAL_DNS_SUBDOMAIN,
        max_length=253,
        description="Secret name; empty = {fullname}-db.",
    )
    annotations: StringMap = Field({}, description="Annotations of the Secret.")


class Database(Strict):
    """Database connection settings."""

    # What _url_to_hold checks, in the schema: Helm refuses it before any template runs.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {
                    "createSecret": {
                        "properties": {"enabled": {"const": True}},
                        "required": ["enabled"],
                    }
                },
                "required": ["createSecret"],
            },
            "then": {"properties": {"url": {"minLength": 1}}},
        }
    )

    url: Annotated[str, EnvVar("DATABASE_URL", IN_BOTH, line="own")] = Field(
        "",
        description="Database URL, set as DATABASE_URL in both containers; it wins over "
        "secretRef. Prefer secretRef: this puts the URL in the pod spec.",
    )
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
        secret_key_ref("url"),
        description="Secret key holding the database URL, exposed as DATABASE_URL in both "
        "containers when name is set and url is empty; an empty key = url.",
    )
    create_secret: CreateSecret = section(CreateSecret)

    @field_validator("create_secret")
    @classmethod
    def _url_to_hold(cls, create: CreateSecret, info: ValidationInfo) -> CreateSecret:
        """The Secret holds database.url: creating it without one is refused, as Helm does."""
        if create.enabled and not info.data.get("url"):
            raise ValueError(NEEDS_URL)
        return create

    ca_secret: Annotated[
        SecretKeyRef,
        EnvVar("PGSSLROOTCERT", IN_BOTH, "path"),
        Renders(
            field=f"{POD}.volumes[]",
            behavior=f"Chart-managed secret volume `{_DB_CA.name}` (reserved name), first in "
            "both pods, when name is set.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect=reserved.db_ca_volume({"name": "probe-ca", "key": "probe.crt"}),
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
        secret_key_ref("ca.crt"),
        description="Secret key holding the database CA certificate. When name is set the chart "
        f"adds the volume {_DB_CA.name} and mounts it read-only at {_DB_CA.mount_path} in both "
        "containers, and sets PGSSLROOTCERT to the certificate's path; an empty key = ca.crt.",
    )
