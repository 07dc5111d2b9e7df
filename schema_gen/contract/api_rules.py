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

from schema_gen.contract.go_regex import validator
from schema_gen.contract.k8s_names import (
    ANNOTATION_KEY_SCHEMA,
    ANY_CASE_SUBDOMAIN,
    LABEL,
    LABEL_VALUE_SCHEMA,
    LONG_PREFIX,
    OPTIONAL_SUBDOMAIN_SCHEMA,
    QUALIFIED_NAME_SCHEMA,
    QUALIFIED_PART,
    SUBDOMAIN,
    SUBDOMAIN_MAX,
    SUBDOMAIN_SCHEMA,
)

_CORE = "io.k8s.api.core.v1."
_META = "io.k8s.apimachinery.pkg.apis.meta.v1."


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
DOWNWARD_FIELD_PATH = ApiRule(
    {
        "pattern": "^metadata[.](name|namespace|uid|labels|annotations)$"
        f"|^metadata[.]labels\\['({SUBDOMAIN}/)?{QUALIFIED_PART}'\\]$"
        f"|^metadata[.]annotations\\['({ANY_CASE_SUBDOMAIN}/)?{QUALIFIED_PART}'\\]$",
        "not": {"pattern": "\\['[^/']{254,}/"},
    },
    "must be metadata.name, metadata.namespace, metadata.uid, metadata.labels or "
    "metadata.annotations; only labels and annotations take a ['key'] subscript, a key of "
    "at most 63 letters, digits, '-', '_' or '.' after an optional DNS prefix and '/'",
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


def as_one(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``schema`` as one unit (an ``anyOf`` of one), so a break anywhere inside it
    is reported at the rule's own fragment, and so with the rule's message."""
    return {"anyOf": [schema]}


def _given(name: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"required": [name], "properties": {name: value}}


def _filled(name: str) -> dict[str, Any]:
    return _given(name, {"minItems": 1})


def _true(name: str) -> dict[str, Any]:
    return _given(name, {"const": True})


RANGE_0_255 = ApiRule({"minimum": 0, "maximum": 255}, "must be from 0 to 255")
# "type" keeps the fragment apart from ACCESS_MODES' (a fragment names one rule).
MONITORS = ApiRule(
    {"type": "array", "minItems": 1}, "needs at least one Ceph monitor, such as [10.0.0.1:6789]"
)
DNS_LABEL = ApiRule(
    {"pattern": f"^{LABEL}$"},
    "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and "
    "ending with a letter or digit",
)
OPTIONAL_DNS_LABEL = ApiRule(
    {"pattern": f"^({LABEL})?$"},
    "must be empty or a DNS-1123 label: at most 63 lowercase letters, digits and '-', "
    "starting and ending with a letter or digit",
)
OPTIONAL_DNS_SUBDOMAIN = ApiRule(
    OPTIONAL_SUBDOMAIN_SCHEMA,
    f"must be empty or a DNS-1123 subdomain: at most {SUBDOMAIN_MAX} lowercase letters, "
    "digits, '-' and '.', such as example.com",
)
SECRET_NAME = ApiRule(
    as_one(_given("name", {"minLength": 1})), "needs name: the Secret with the credentials"
)
SECRET_OBJECT_NAME = ApiRule(
    as_one(_given("name", SUBDOMAIN_SCHEMA)),
    "needs name: the Secret, whose name is a DNS-1123 subdomain (lowercase letters, "
    "digits, '-' and '.')",
)
# validateAzureDisk; an unset kind is defaulted to Shared before validation.
AZURE_CACHING_MODE = ApiRule(
    {"enum": ["None", "ReadOnly", "ReadWrite"]}, "must be None, ReadOnly or ReadWrite"
)
AZURE_DISK_KIND = ApiRule(
    {"enum": ["Shared", "Dedicated", "Managed"]}, "must be Shared, Dedicated or Managed"
)
_MANAGED = _given("kind", {"const": "Managed"})
AZURE_DISK_URI = ApiRule(
    {
        "anyOf": [
            {
                **_MANAGED,
                "properties": {
                    **_MANAGED["properties"],
                    "diskURI": {"pattern": "^/subscriptions/"},
                },
            },
            {"not": _MANAGED, "properties": {"diskURI": {"pattern": "^https://"}}},
        ]
    },
    "diskURI must start with /subscriptions/ for kind Managed, and with https:// for Shared "
    "and Dedicated blob disks (kind defaults to Shared)",
)
# validateISCSIVolumeSource: the IQN check is unanchored at the start, so it is kept so.
# "$" is escaped inside the class: fastjsonschema (lint's compiled schema) rewrites
# every unescaped "$" as an end of string, a class's too.
_IQN = r"iqn[.][0-9]{4}-[0-9]{2}[.][A-Za-z0-9.-]+:[^,;*&\$|\t\n\f\r ]+$"
ISCSI_NAME = ApiRule(
    {
        "anyOf": [
            {"allOf": [{"pattern": "^iqn"}, {"pattern": _IQN}]},
            {"pattern": r"^eui[^\n][A-Za-z0-9]{16}$"},
            {"pattern": r"^naa[^\n][A-Za-z0-9]{32}$"},
        ]
    },
    "must be an iSCSI name: iqn.YYYY-MM.reversed.domain:name, eui. and 16 letters or "
    "digits, or naa. and 32",
)
ISCSI_CHAP_SECRET = ApiRule(
    {
        "anyOf": [
            {"not": {"anyOf": [_true("chapAuthDiscovery"), _true("chapAuthSession")]}},
            {"required": ["secretRef"]},
        ]
    },
    "chapAuthDiscovery and chapAuthSession need secretRef: the Secret with the CHAP credentials",
)
FC_TARGET = ApiRule(
    {"anyOf": [_filled("targetWWNs"), _filled("wwids")]},
    "needs targetWWNs (with lun) or wwids",
)
FC_ONE_TARGET = ApiRule(
    {"not": {"allOf": [_filled("targetWWNs"), _filled("wwids")]}},
    "targetWWNs and wwids are mutually exclusive; keep one",
)
FC_LUN = ApiRule(
    {"anyOf": [{"not": _filled("targetWWNs")}, _given("lun", {"minimum": 0, "maximum": 255})]},
    "targetWWNs needs lun, from 0 to 255",
)
# validateFlexVolumeSource: the namespace of "ns/name", or the whole key, lowercased.
_RESERVED_OPTION = (
    "^([^/]*[.])?([kK][uU][bB][eE][rR][nN][eE][tT][eE][sS]|[kK]8[sS])[.][iI][oO](/|$)"
)
FLEX_OPTIONS = ApiRule(
    as_one({"propertyNames": {"not": {"pattern": _RESERVED_OPTION}}}),
    "option names may not be in the kubernetes.io or k8s.io namespaces; use your own "
    "prefix, such as example.com/option",
)
FLOCKER_DATASET = ApiRule(
    {"oneOf": [_given("datasetName", {"minLength": 1}), _given("datasetUUID", {"minLength": 1})]},
    "needs exactly one of datasetName and datasetUUID",
)
NO_SLASH = ApiRule({"not": {"pattern": "/"}}, "must not contain '/'")
# validateQuobyteVolumeSource: comma-separated pairs that net.SplitHostPort accepts.
_HOST_PORT = r"([^:\[\],]*:[^:\[\],]*|\[[^\[\],]*\]:[^:\[\],]*)"
QUOBYTE_REGISTRY = ApiRule(
    {"pattern": f"^{_HOST_PORT}(,{_HOST_PORT})*$"},
    "must be host:port, or several separated by commas ([address]:port for IPv6)",
)
QUOBYTE_TENANT = ApiRule({"maxLength": 64}, "must be at most 64 characters (a UUID)")
OBJECT_FIELD_VERSION = ApiRule({"enum": ["", "v1"]}, 'must be "v1" (the default)')


IMAGE_PULL_POLICY = ApiRule(
    {"enum": ["", "Always", "IfNotPresent", "Never"]}, "must be Always, IfNotPresent or Never"
)
# ValidateClusterTrustBundleName: "<signer name, '/' as ':'>:<subdomain>" or a subdomain.
TRUST_BUNDLE_NAME = ApiRule(
    {"pattern": f"^([^/]+:)?{SUBDOMAIN}$", "not": {"pattern": "[^:]{254}$"}},
    "must be a ClusterTrustBundle name: a DNS-1123 subdomain, after the signer name with "
    "':' for '/' and a ':' (example.com:signer:bundle) if it has one",
)
# ValidateSignerName: a domain of two labels or more, '/', then subdomain-long parts.
SIGNER_NAME = ApiRule(
    {
        "pattern": f"^{LABEL}([.]{LABEL})+/[a-z0-9]([-a-z0-9]{{0,251}}[a-z0-9])?"
        "([.][a-z0-9]([-a-z0-9]{0,251}[a-z0-9])?)*$",
        "not": {"pattern": LONG_PREFIX},
        "maxLength": 571,
    },
    "must be a signer name: a domain of two labels or more, '/', then a name, such as "
    "example.com/my-signer",
)
LABELS = ApiRule(
    as_one({"propertyNames": QUALIFIED_NAME_SCHEMA, "additionalProperties": LABEL_VALUE_SCHEMA}),
    "keys must be label names (at most 63 letters, digits, '-', '_' or '.' after an "
    "optional DNS prefix and '/') and values at most 63 of those, starting and ending with "
    "a letter or digit",
)
LABEL_NAME = ApiRule(
    QUALIFIED_NAME_SCHEMA,
    "must be a label name: at most 63 letters, digits, '-', '_' or '.', starting and "
    "ending with a letter or digit, after an optional DNS prefix and '/'",
)
LABEL_VALUE = ApiRule(
    LABEL_VALUE_SCHEMA,
    "must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and "
    "ending with a letter or digit",
)
SELECTOR_OPERATOR = ApiRule(
    {
        "anyOf": [
            {
                **_filled("values"),
                "properties": {"operator": {"enum": ["In", "NotIn"]}, "values": {"minItems": 1}},
            },
            {
                "properties": {
                    "operator": {"enum": ["Exists", "DoesNotExist"]},
                    "values": {"maxItems": 0},
                }
            },
        ]
    },
    "operator must be In or NotIn with values, or Exists or DoesNotExist without",
)
ANNOTATION_KEYS = ApiRule(
    as_one({"propertyNames": ANNOTATION_KEY_SCHEMA}),
    "keys must be annotation names (at most 63 letters, digits, '-', '_' or '.' after an "
    "optional DNS prefix and '/')",
)
TEMPLATE_METADATA = ApiRule(
    as_one({"propertyNames": {"enum": ["labels", "annotations"]}}),
    "may only set labels and annotations: the claim's name comes from the pod",
)
_RWOP = {"const": "ReadWriteOncePod"}
READ_WRITE_ONCE_POD_ALONE = ApiRule(
    {"anyOf": [{"not": {"contains": _RWOP}}, {"items": _RWOP}]},
    "ReadWriteOncePod may not be combined with other access modes",
)
VOLUME_MODE = ApiRule({"enum": ["Block", "Filesystem"]}, "must be Block or Filesystem")
# ValidatePositiveQuantityValue on requests.storage; a string of zeros is zero.
_ZERO_OR_NEGATIVE = {
    "anyOf": [
        {"type": "string", "pattern": r"^(-|[+]?(0+[.]?0*|[.]0+)([^0-9.]|$))"},
        {"type": "number", "maximum": 0},
    ]
}
STORAGE_POSITIVE = ApiRule(
    as_one({"properties": {"storage": {"not": _ZERO_OR_NEGATIVE}}}),
    "the storage request must be greater than zero",
)
CORE_DATA_SOURCE = ApiRule(
    {
        "anyOf": [
            _given("apiGroup", {"minLength": 1}),
            {"properties": {"kind": {"const": "PersistentVolumeClaim"}}},
        ]
    },
    "without apiGroup, kind must be PersistentVolumeClaim; name the apiGroup of any other kind",
)
_NAMESPACED_REF = _given("dataSourceRef", _given("namespace", {"minLength": 1}))
DATA_SOURCE_NAMESPACE = ApiRule(
    {"not": {"allOf": [{"required": ["dataSource"]}, _NAMESPACED_REF]}},
    "dataSource may not be set when dataSourceRef has a namespace; keep dataSourceRef",
)

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
        "name": (NON_EMPTY, TRUST_BUNDLE_NAME),
        "signerName": (NON_EMPTY, SIGNER_NAME),
        "path": LOCAL_NON_RESERVED_PATH,
    },
    _CORE + "DownwardAPIVolumeSource": {"defaultMode": (FILE_MODE,)},
    _CORE + "DownwardAPIVolumeFile": {
        "": (FIELD_OR_RESOURCE_REF,),
        "path": LOCAL_NON_RESERVED_PATH,
        "mode": (FILE_MODE,),
    },
    _CORE + "ObjectFieldSelector": {
        "apiVersion": (OBJECT_FIELD_VERSION,),
        "fieldPath": (DOWNWARD_FIELD_PATH,),
    },
    _CORE + "ResourceFieldSelector": {
        "": (required("containerName"),),  # the divisor: DIVISORS, where it is set
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
    _CORE + "CSIVolumeSource": {
        "driver": (NON_EMPTY, CSI_DRIVER),
        "nodePublishSecretRef": (SECRET_OBJECT_NAME,),
    },
    _CORE + "EphemeralVolumeSource": {"": (required("volumeClaimTemplate"),)},
    _CORE + "PersistentVolumeClaimTemplate": {"metadata": (TEMPLATE_METADATA,)},
    _META + "ObjectMeta": {"labels": (LABELS,), "annotations": (ANNOTATION_KEYS,)},
    _CORE + "PersistentVolumeClaimSpec": {
        "": (required("accessModes", "resources"), DATA_SOURCE_NAMESPACE),
        "accessModes": (ACCESS_MODES, READ_WRITE_ONCE_POD_ALONE),
        "storageClassName": (OPTIONAL_DNS_SUBDOMAIN,),
        "volumeMode": (VOLUME_MODE,),
    },
    _CORE + "VolumeResourceRequirements": {
        "": (required("requests"),),
        "requests": (STORAGE_REQUEST, STORAGE_POSITIVE),
    },
    _CORE + "TypedLocalObjectReference": {
        "": (CORE_DATA_SOURCE,),
        "apiGroup": (OPTIONAL_DNS_SUBDOMAIN,),
        "kind": (NON_EMPTY,),
        "name": (NON_EMPTY,),
    },
    _CORE + "TypedObjectReference": {
        "": (CORE_DATA_SOURCE,),
        "apiGroup": (OPTIONAL_DNS_SUBDOMAIN,),
        "kind": (NON_EMPTY,),
        "name": (NON_EMPTY,),
        "namespace": (OPTIONAL_DNS_LABEL,),
    },
    _META + "LabelSelector": {"matchLabels": (LABELS,)},
    _META + "LabelSelectorRequirement": {"": (SELECTOR_OPERATOR,), "key": (LABEL_NAME,)},
    _CORE + "AWSElasticBlockStoreVolumeSource": {
        "volumeID": (NON_EMPTY,),
        "partition": (RANGE_0_255,),
    },
    _CORE + "GCEPersistentDiskVolumeSource": {"pdName": (NON_EMPTY,), "partition": (RANGE_0_255,)},
    _CORE + "AzureDiskVolumeSource": {
        "": (AZURE_DISK_URI,),
        "diskName": (NON_EMPTY,),
        "diskURI": (NON_EMPTY,),
        "cachingMode": (AZURE_CACHING_MODE,),
        "kind": (AZURE_DISK_KIND,),
    },
    _CORE + "AzureFileVolumeSource": {"secretName": (NON_EMPTY,), "shareName": (NON_EMPTY,)},
    _CORE + "CephFSVolumeSource": {"monitors": (MONITORS,)},
    _CORE + "RBDVolumeSource": {"monitors": (MONITORS,), "image": (NON_EMPTY,)},
    _CORE + "CinderVolumeSource": {"volumeID": (NON_EMPTY,), "secretRef": (SECRET_NAME,)},
    _CORE + "FCVolumeSource": {"": (FC_TARGET, FC_ONE_TARGET, FC_LUN)},
    _CORE + "FlexVolumeSource": {"driver": (NON_EMPTY,), "options": (FLEX_OPTIONS,)},
    _CORE + "FlockerVolumeSource": {"": (FLOCKER_DATASET,), "datasetName": (NO_SLASH,)},
    _CORE + "GitRepoVolumeSource": {"repository": (NON_EMPTY,), "directory": LOCAL_PATH},
    _CORE + "GlusterfsVolumeSource": {"endpoints": (NON_EMPTY,), "path": (NON_EMPTY,)},
    _CORE + "ImageVolumeSource": {
        "": (required("reference"),),
        "reference": (NON_EMPTY,),
        "pullPolicy": (IMAGE_PULL_POLICY,),
    },
    _CORE + "ISCSIVolumeSource": {
        "": (ISCSI_CHAP_SECRET,),
        "targetPortal": (NON_EMPTY,),
        "iqn": (ISCSI_NAME,),
        "initiatorName": (ISCSI_NAME,),
        "lun": (RANGE_0_255,),
    },
    _CORE + "PhotonPersistentDiskVolumeSource": {"pdID": (NON_EMPTY,)},
    _CORE + "PortworxVolumeSource": {"volumeID": (NON_EMPTY,)},
    _CORE + "QuobyteVolumeSource": {
        "registry": (QUOBYTE_REGISTRY,),
        "tenant": (QUOBYTE_TENANT,),
        "volume": (NON_EMPTY,),
    },
    _CORE + "ScaleIOVolumeSource": {
        "": (required("volumeName"),),
        "gateway": (NON_EMPTY,),
        "system": (NON_EMPTY,),
        "volumeName": (NON_EMPTY,),
    },
    _CORE + "StorageOSVolumeSource": {
        "": (required("volumeName"),),
        "volumeName": (DNS_LABEL,),
        "volumeNamespace": (OPTIONAL_DNS_LABEL,),
        "secretRef": (SECRET_NAME,),
    },
    _CORE + "VsphereVirtualDiskVolumeSource": {"volumePath": (NON_EMPTY,)},
}
# Rules on items of an array property, by definition and property.
VOLUME_ITEM_RULES: dict[str, dict[str, tuple[ApiRule, ...]]] = {
    _CORE + "PersistentVolumeClaimSpec": {"accessModes": (ACCESS_MODE,)},
    _META + "LabelSelectorRequirement": {"values": (LABEL_VALUE,)},
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
    return [r.message for r in rules if not validator(r.schema).is_valid(value)]


def _all_rules() -> list[ApiRule]:
    tables = [*VOLUME_RULES.values(), *VOLUME_ITEM_RULES.values(), MOUNT_RULES]
    flat = [rule for table in tables for rules in table.values() for rule in rules]
    return flat


_BY_SCHEMA = {json.dumps(r.schema, sort_keys=True): r for r in _all_rules()}


def rule_for(schema: Any) -> ApiRule | None:
    """Return the rule whose fragment is ``schema``, if any."""
    return _BY_SCHEMA.get(json.dumps(schema, sort_keys=True)) if isinstance(schema, dict) else None
