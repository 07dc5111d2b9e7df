"""What the Kubernetes API server checks in volumes and mounts beyond its OpenAPI schema.

Each rule is read from ``pkg/apis/core/validation/validation.go`` and written
here once, as a JSON Schema fragment with the message an operator needs. The
fragments are laid over the pinned Kubernetes definitions (and the mount
model), so Helm refuses at render time what the API server would refuse
half-way through an install; pydantic checks values against the same
fragments, so both give one verdict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

_CORE = "io.k8s.api.core.v1."


@dataclass(frozen=True)
class ApiRule:
    """A constraint the API server applies: the schema accepted values satisfy, and why."""

    schema: dict[str, Any]
    message: str  # what is wrong and how to fix it


NON_EMPTY = ApiRule({"minLength": 1}, "must not be empty")
RELATIVE = ApiRule({"not": {"pattern": "^/"}}, "must be a relative path (no leading '/')")
NO_BACKSTEPS = ApiRule(
    {"not": {"pattern": "(^|/)[.][.](/|$)"}}, "must not contain a '..' path segment"
)
NO_DOTDOT_PREFIX = ApiRule({"not": {"pattern": "^[.][.]"}}, "must not start with '..'")
ABSOLUTE = ApiRule({"pattern": "^/"}, "must be an absolute path (start with '/')")
FILE_MODE = ApiRule(
    {"minimum": 0, "maximum": 511},
    "must be a file mode from 0 to 0777 in octal (0 to 511 in decimal)",
)
# The quantity grammar of k8s.io/apimachinery/pkg/api/resource, for strings.
QUANTITY = ApiRule(
    {
        "pattern": r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)"
        r"(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)))?$"
    },
    "must be a quantity such as 512Mi, 1Gi or 500m",
)
# "pattern" ignores numbers, so the string test is typed; "minimum" covers numbers.
NOT_NEGATIVE_QUANTITY = ApiRule(
    {"not": {"type": "string", "pattern": "^-"}, "minimum": 0}, "must not be negative"
)
SA_TOKEN_LIFETIME = ApiRule(
    {"minimum": 600, "maximum": 4294967296},
    "must be from 600 (10 minutes) to 4294967296 (2^32) seconds",
)
CSI_DRIVER = ApiRule(
    {
        "maxLength": 63,
        "pattern": "^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?"
        "([.][a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$",
    },
    "must be a DNS-1123 subdomain of at most 63 characters, such as csi.example.com",
)
HOST_PATH_TYPE = ApiRule(
    {
        "enum": [
            "",
            "BlockDevice",
            "CharDevice",
            "Directory",
            "DirectoryOrCreate",
            "File",
            "FileOrCreate",
            "Socket",
        ]
    },
    'must be "", BlockDevice, CharDevice, Directory, DirectoryOrCreate, File, FileOrCreate '
    "or Socket",
)
_QUALIFIED_KEY = (
    "(([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?([.][a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*)/)?"
    "([a-zA-Z0-9][-a-zA-Z0-9_.]*)?[a-zA-Z0-9]"
)
DOWNWARD_FIELD_PATH = ApiRule(
    {
        "pattern": "^metadata[.](name|namespace|uid|labels|annotations)$"
        f"|^metadata[.](labels|annotations)\\['{_QUALIFIED_KEY}'\\]$"
    },
    "must be metadata.name, metadata.namespace, metadata.uid, metadata.labels or "
    "metadata.annotations (only labels and annotations take a ['key'] subscript)",
)
CONTAINER_RESOURCE = ApiRule(
    {"pattern": "^(limits|requests)[.](cpu|memory|ephemeral-storage|hugepages-.+)$"},
    "must be limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, "
    "requests.memory, requests.ephemeral-storage or a hugepages-<size> resource",
)
ACCESS_MODES = ApiRule({"minItems": 1}, "needs at least one access mode, such as [ReadWriteOnce]")
ACCESS_MODE = ApiRule(
    {"enum": ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]},
    "must be ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod",
)
EXACTLY_ONE_PROJECTION = ApiRule(
    {"minProperties": 1, "maxProperties": 1},
    "must hold exactly one of secret, configMap, downwardAPI, serviceAccountToken, "
    "clusterTrustBundle",
)
FIELD_OR_RESOURCE_REF = ApiRule(
    {"oneOf": [{"required": ["fieldRef"]}, {"required": ["resourceFieldRef"]}]},
    "needs exactly one of fieldRef and resourceFieldRef",
)
NAME_OR_SIGNER = ApiRule(
    {"oneOf": [{"required": ["name"]}, {"required": ["signerName"]}]},
    "needs exactly one of name and signerName",
)
SELECTOR_NEEDS_SIGNER = ApiRule(
    {"not": {"required": ["name", "labelSelector"]}},
    "labelSelector may only be used with signerName, not with name",
)
SUBPATH_EXCLUSIVE = ApiRule(
    {
        "not": {
            "required": ["subPath", "subPathExpr"],
            "properties": {"subPath": {"minLength": 1}, "subPathExpr": {"minLength": 1}},
        }
    },
    "subPath and subPathExpr are mutually exclusive; keep one",
)
RECURSIVE_READ_ONLY = ApiRule(
    {
        "if": {
            "required": ["recursiveReadOnly"],
            "properties": {"recursiveReadOnly": {"enum": ["Enabled", "IfPossible"]}},
        },
        "then": {
            "required": ["readOnly"],
            "properties": {"readOnly": {"const": True}, "mountPropagation": {"const": "None"}},
        },
    },
    "recursiveReadOnly Enabled or IfPossible needs readOnly: true and no mountPropagation "
    "other than None",
)


def required(*names: str) -> ApiRule:
    """Return the rule that ``names`` must be present."""
    listed = ", ".join(names)
    return ApiRule({"required": list(names)}, f"needs {listed}")


# requests is a map of quantities; the API server wants "storage" among them.
STORAGE_REQUEST = ApiRule(
    {"required": ["storage"]}, "needs a storage request, such as storage: 1Gi"
)

LOCAL_PATH = (RELATIVE, NO_BACKSTEPS)  # validateLocalDescendingPath
LOCAL_NON_RESERVED_PATH = (NON_EMPTY, RELATIVE, NO_BACKSTEPS, NO_DOTDOT_PREFIX)

# Property rules by Kubernetes definition, then definition-wide rules under "".
VOLUME_RULES: dict[str, dict[str, tuple[ApiRule, ...]]] = {
    _CORE + "SecretVolumeSource": {
        "": (required("secretName"),),
        "secretName": (NON_EMPTY,),
        "defaultMode": (FILE_MODE,),
    },
    _CORE + "ConfigMapVolumeSource": {
        "": (required("name"),),
        "name": (NON_EMPTY,),
        "defaultMode": (FILE_MODE,),
    },
    _CORE + "KeyToPath": {
        "key": (NON_EMPTY,),
        "path": LOCAL_NON_RESERVED_PATH,
        "mode": (FILE_MODE,),
    },
    _CORE + "ProjectedVolumeSource": {"defaultMode": (FILE_MODE,)},
    _CORE + "VolumeProjection": {"": (EXACTLY_ONE_PROJECTION,)},
    _CORE + "SecretProjection": {"": (required("name"),), "name": (NON_EMPTY,)},
    _CORE + "ConfigMapProjection": {"": (required("name"),), "name": (NON_EMPTY,)},
    _CORE + "ServiceAccountTokenProjection": {
        "expirationSeconds": (SA_TOKEN_LIFETIME,),
        "path": LOCAL_NON_RESERVED_PATH,
    },
    _CORE + "ClusterTrustBundleProjection": {
        "": (NAME_OR_SIGNER, SELECTOR_NEEDS_SIGNER),
        "name": (NON_EMPTY,),
        "signerName": (NON_EMPTY,),
        "path": LOCAL_NON_RESERVED_PATH,
    },
    _CORE + "DownwardAPIVolumeSource": {"defaultMode": (FILE_MODE,)},
    _CORE + "DownwardAPIVolumeFile": {
        "": (FIELD_OR_RESOURCE_REF,),
        "path": LOCAL_NON_RESERVED_PATH,
        "mode": (FILE_MODE,),
    },
    _CORE + "ObjectFieldSelector": {"fieldPath": (DOWNWARD_FIELD_PATH,)},
    _CORE + "ResourceFieldSelector": {
        "": (required("containerName"),),
        "containerName": (NON_EMPTY,),
        "resource": (CONTAINER_RESOURCE,),
    },
    _CORE + "EmptyDirVolumeSource": {"sizeLimit": (NOT_NEGATIVE_QUANTITY,)},
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {"": (QUANTITY,)},
    _CORE + "HostPathVolumeSource": {
        "path": (NON_EMPTY, NO_BACKSTEPS),
        "type": (HOST_PATH_TYPE,),
    },
    _CORE + "NFSVolumeSource": {"server": (NON_EMPTY,), "path": (ABSOLUTE,)},
    _CORE + "PersistentVolumeClaimVolumeSource": {"claimName": (NON_EMPTY,)},
    _CORE + "CSIVolumeSource": {"driver": (NON_EMPTY, CSI_DRIVER)},
    _CORE + "EphemeralVolumeSource": {"": (required("volumeClaimTemplate"),)},
    _CORE + "PersistentVolumeClaimSpec": {
        "": (required("accessModes", "resources"),),
        "accessModes": (ACCESS_MODES,),
    },
    _CORE + "VolumeResourceRequirements": {
        "": (required("requests"),),
        "requests": (STORAGE_REQUEST,),
    },
}
# Rules on items of an array property, by definition and property.
VOLUME_ITEM_RULES: dict[str, dict[str, tuple[ApiRule, ...]]] = {
    _CORE + "PersistentVolumeClaimSpec": {"accessModes": (ACCESS_MODE,)},
}

MOUNT_RULES: dict[str, tuple[ApiRule, ...]] = {
    "": (SUBPATH_EXCLUSIVE, RECURSIVE_READ_ONLY),
    "subPath": LOCAL_PATH,
    "subPathExpr": LOCAL_PATH,
}


def with_rules(schema: dict[str, Any], rules: tuple[ApiRule, ...]) -> dict[str, Any]:
    """Return ``schema`` that also demands every rule, each kept whole under ``allOf``.

    Whole rules let an error be traced back to its rule and message. A ``$ref``
    moves into the ``allOf`` too: draft-07 ignores everything beside a ``$ref``.
    """
    if not rules:
        return schema
    schema = dict(schema)
    head = [{"$ref": schema.pop("$ref")}] if "$ref" in schema else []
    return {**schema, "allOf": [*head, *schema.get("allOf", []), *(r.schema for r in rules)]}


def violations(value: Any, rules: tuple[ApiRule, ...]) -> list[str]:
    """Return the message of every rule ``value`` breaks."""
    import jsonschema  # only validation needs it; generation should start fast

    return [r.message for r in rules if not jsonschema.Draft7Validator(r.schema).is_valid(value)]


def _all_rules() -> list[ApiRule]:
    tables = [*VOLUME_RULES.values(), *VOLUME_ITEM_RULES.values(), MOUNT_RULES]
    flat = [rule for table in tables for rules in table.values() for rule in rules]
    return flat


_BY_SCHEMA = {json.dumps(r.schema, sort_keys=True): r for r in _all_rules()}


def rule_for(schema: Any) -> ApiRule | None:
    """Return the rule whose fragment is ``schema``, if any."""
    return _BY_SCHEMA.get(json.dumps(schema, sort_keys=True)) if isinstance(schema, dict) else None
