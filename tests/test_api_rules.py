"""What the API server would refuse in a volume or mount is refused at render time instead.

Each rule of schema_gen/api_rules.py has an invalid sample, which Helm, pydantic
and jsonschema (on values.schema.json) all refuse, and a valid neighbour, which
all three accept and which renders into Deployments kubernetes-validate passes.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pydantic
import pytest

from schema_gen import api_rules, components, k8s
from schema_gen.helm_engine import RenderRejected
from schema_gen.models import Values
from tests.conftest import (
    CHART,
    CONTROL_PLANE,
    CONTROLLERS,
    assert_valid_kubernetes,
    merged_values,
    render,
    with_both,
)

SCHEMA = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
TOKEN = {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}
FIELD = {"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}
RESOURCE = {"containerName": "controllers", "resource": "limits.memory"}
PVC_SPEC = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}


def _volume(source: dict[str, Any]) -> dict[str, Any]:
    return {"controllers": {"extraVolumes": [{"name": "v", "volume": source}]}}


def _mount(**fields: Any) -> dict[str, Any]:
    return {
        "controllers": {
            "extraVolumes": [{"name": "v", "volume": {"emptyDir": {}}}],
            "extraVolumeMounts": [{"name": "v", "mountPath": "/v", **fields}],
        }
    }


def _secret_item(**item: Any) -> dict[str, Any]:
    return {"secret": {"secretName": "s", "items": [{"key": "k", "path": "p", **item}]}}


def _pvc(**spec: Any) -> dict[str, Any]:
    return {"ephemeral": {"volumeClaimTemplate": {"spec": {**PVC_SPEC, **spec}}}}


VOLUME = "/controllers/extraVolumes/0/volume"
MOUNT = "/controllers/extraVolumeMounts/0"
# (rule, invalid values, valid neighbour, values path Helm must name)
CASES = [
    ("secret name empty", _volume({"secret": {"secretName": ""}}), _volume({"secret": {"secretName": "s"}}), f"{VOLUME}/secret/secretName"),
    ("secret name missing", _volume({"secret": {"optional": True}}), _volume({"secret": {"secretName": "s", "optional": True}}), f"{VOLUME}/secret"),
    ("configMap name empty", _volume({"configMap": {"name": ""}}), _volume({"configMap": {"name": "c"}}), f"{VOLUME}/configMap/name"),
    ("defaultMode above 0777", _volume({"secret": {"secretName": "s", "defaultMode": 512}}), _volume({"secret": {"secretName": "s", "defaultMode": 511}}), f"{VOLUME}/secret/defaultMode"),
    ("defaultMode negative", _volume({"configMap": {"name": "c", "defaultMode": -1}}), _volume({"configMap": {"name": "c", "defaultMode": 0}}), f"{VOLUME}/configMap/defaultMode"),
    ("item mode above 0777", _volume(_secret_item(mode=1000)), _volume(_secret_item(mode=256)), f"{VOLUME}/secret/items/0/mode"),
    ("item key empty", _volume(_secret_item(key="")), _volume(_secret_item(key="k")), f"{VOLUME}/secret/items/0/key"),
    ("item path empty", _volume(_secret_item(path="")), _volume(_secret_item(path="p")), f"{VOLUME}/secret/items/0/path"),
    ("item path absolute", _volume(_secret_item(path="/etc/p")), _volume(_secret_item(path="etc/p")), f"{VOLUME}/secret/items/0/path"),
    ("item path backstep", _volume(_secret_item(path="a/../b")), _volume(_secret_item(path="a/..b")), f"{VOLUME}/secret/items/0/path"),
    ("item path starts with ..", _volume(_secret_item(path="..data")), _volume(_secret_item(path="data..")), f"{VOLUME}/secret/items/0/path"),
    ("projected defaultMode", _volume({"projected": {"defaultMode": 4096, "sources": [TOKEN]}}), _volume({"projected": {"defaultMode": 420, "sources": [TOKEN]}}), f"{VOLUME}/projected/defaultMode"),
    ("projection with two types", _volume({"projected": {"sources": [{**TOKEN, "secret": {"name": "s"}}]}}), _volume({"projected": {"sources": [TOKEN, {"secret": {"name": "s"}}]}}), f"{VOLUME}/projected/sources/0"),
    ("projection with no type", _volume({"projected": {"sources": [{}]}}), _volume({"projected": {"sources": [TOKEN]}}), f"{VOLUME}/projected/sources/0"),
    ("token lifetime under 10 minutes", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 599}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 600}}]}}), "expirationSeconds"),
    ("token lifetime over 2^32", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 4294967297}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 4294967296}}]}}), "expirationSeconds"),
    ("token path absolute", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "/t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}), "serviceAccountToken/path"),
    ("token path missing", _volume({"projected": {"sources": [{"serviceAccountToken": {"audience": "a"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"audience": "a", "path": "t"}}]}}), "serviceAccountToken"),
    ("trust bundle with name and signer", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "signerName": "x.io/s", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle with neither", _volume({"projected": {"sources": [{"clusterTrustBundle": {"path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle without path", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "b.crt"}}]}}), "clusterTrustBundle"),
    ("downward item with both refs", _volume({"downwardAPI": {"items": [{**FIELD, "resourceFieldRef": RESOURCE}]}}), _volume({"downwardAPI": {"items": [FIELD]}}), f"{VOLUME}/downwardAPI/items/0"),
    ("downward item with no ref", _volume({"downwardAPI": {"items": [{"path": "x"}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), f"{VOLUME}/downwardAPI/items/0"),
    ("downward fieldPath unsupported", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "spec.nodeName"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.uid"}}]}}), "fieldRef/fieldPath"),
    ("downward subscript on name", _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.name['a']"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "fieldRef": {"fieldPath": "metadata.labels['app.kubernetes.io/name']"}}]}}), "fieldRef/fieldPath"),
    ("downward resource without container", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {"resource": "limits.cpu"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {"resource": "limits.cpu", "containerName": "controllers"}}]}}), "resourceFieldRef"),
    ("downward item path backstep", _volume({"downwardAPI": {"items": [{**FIELD, "path": "../name"}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "pod/name"}]}}), "items/0/path"),
    ("emptyDir negative sizeLimit", _volume({"emptyDir": {"sizeLimit": "-1Gi"}}), _volume({"emptyDir": {"sizeLimit": "0", "medium": "Bogus"}}), f"{VOLUME}/emptyDir/sizeLimit"),
    ("emptyDir sizeLimit not a quantity", _volume({"emptyDir": {"sizeLimit": "1 GB"}}), _volume({"emptyDir": {"sizeLimit": "1G"}}), f"{VOLUME}/emptyDir/sizeLimit"),
    ("hostPath empty", _volume({"hostPath": {"path": ""}}), _volume({"hostPath": {"path": "/var/log"}}), f"{VOLUME}/hostPath/path"),
    ("hostPath backstep", _volume({"hostPath": {"path": "/var/../etc"}}), _volume({"hostPath": {"path": "/var/..etc"}}), f"{VOLUME}/hostPath/path"),
    ("hostPath type unknown", _volume({"hostPath": {"path": "/x", "type": "Dir"}}), _volume({"hostPath": {"path": "/x", "type": "DirectoryOrCreate"}}), f"{VOLUME}/hostPath/type"),
    ("nfs server empty", _volume({"nfs": {"server": "", "path": "/exports"}}), _volume({"nfs": {"server": "nfs.local", "path": "/exports"}}), f"{VOLUME}/nfs/server"),
    ("nfs path relative", _volume({"nfs": {"server": "nfs.local", "path": "exports"}}), _volume({"nfs": {"server": "nfs.local", "path": "/exports"}}), f"{VOLUME}/nfs/path"),
    ("pvc claimName empty", _volume({"persistentVolumeClaim": {"claimName": ""}}), _volume({"persistentVolumeClaim": {"claimName": "data"}}), f"{VOLUME}/persistentVolumeClaim/claimName"),
    ("csi driver not a subdomain", _volume({"csi": {"driver": "csi_driver"}}), _volume({"csi": {"driver": "Secrets-Store.csi.k8s.io"}}), f"{VOLUME}/csi/driver"),
    ("csi driver too long", _volume({"csi": {"driver": "a" * 64}}), _volume({"csi": {"driver": "a" * 63}}), f"{VOLUME}/csi/driver"),
    ("ephemeral without template", _volume({"ephemeral": {}}), _volume(_pvc()), f"{VOLUME}/ephemeral"),
    ("ephemeral without access mode", _volume(_pvc(accessModes=[])), _volume(_pvc(accessModes=["ReadWriteOncePod"])), "spec/accessModes"),
    ("ephemeral unknown access mode", _volume(_pvc(accessModes=["ReadWrite"])), _volume(_pvc(accessModes=["ReadOnlyMany"])), "spec/accessModes/0"),
    ("ephemeral without storage request", _volume(_pvc(resources={"requests": {"cpu": "1"}})), _volume(_pvc(resources={"requests": {"storage": "10Gi"}})), "spec/resources/requests"),
    ("configMap without name", _volume({"configMap": {"optional": True}}), _volume({"configMap": {"name": "c", "optional": True}}), f"{VOLUME}/configMap"),
    ("projected secret without name", _volume({"projected": {"sources": [{"secret": {"optional": True}}]}}), _volume({"projected": {"sources": [{"secret": {"name": "s", "optional": True}}]}}), "sources/0/secret"),
    ("projected secret name empty", _volume({"projected": {"sources": [{"secret": {"name": ""}}]}}), _volume({"projected": {"sources": [{"secret": {"name": "s"}}]}}), "sources/0/secret/name"),
    ("projected configMap without name", _volume({"projected": {"sources": [{"configMap": {"optional": True}}]}}), _volume({"projected": {"sources": [{"configMap": {"name": "c", "optional": True}}]}}), "sources/0/configMap"),
    ("projected configMap name empty", _volume({"projected": {"sources": [{"configMap": {"name": ""}}]}}), _volume({"projected": {"sources": [{"configMap": {"name": "c"}}]}}), "sources/0/configMap/name"),
    ("token path empty", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": ""}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}), "serviceAccountToken/path"),
    ("token path backstep", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "a/../t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "a/..t"}}]}}), "serviceAccountToken/path"),
    ("token path starts with ..", _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "..t"}}]}}), _volume({"projected": {"sources": [{"serviceAccountToken": {"path": "t.."}}]}}), "serviceAccountToken/path"),
    ("trust bundle name with labelSelector", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "labelSelector": {}, "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "labelSelector": {}, "path": "ca.crt"}}]}}), "clusterTrustBundle"),
    ("trust bundle name empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle/name"),
    ("trust bundle signerName empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "", "path": "ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"signerName": "x.io/s", "path": "ca.crt"}}]}}), "clusterTrustBundle/signerName"),
    ("trust bundle path empty", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": ""}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "b"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path absolute", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "/ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.crt"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path backstep", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "x/../ca.crt"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "x/ca.crt"}}]}}), "clusterTrustBundle/path"),
    ("trust bundle path starts with ..", _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "..ca"}}]}}), _volume({"projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca.."}}]}}), "clusterTrustBundle/path"),
    ("downward defaultMode", _volume({"downwardAPI": {"defaultMode": 512, "items": [FIELD]}}), _volume({"downwardAPI": {"defaultMode": 292, "items": [FIELD]}}), "downwardAPI/defaultMode"),
    ("downward item mode", _volume({"downwardAPI": {"items": [{**FIELD, "mode": -1}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "mode": 256}]}}), "downwardAPI/items/0/mode"),
    ("downward item path empty", _volume({"downwardAPI": {"items": [{**FIELD, "path": ""}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "n"}]}}), "downwardAPI/items/0/path"),
    ("downward item path absolute", _volume({"downwardAPI": {"items": [{**FIELD, "path": "/name"}]}}), _volume({"downwardAPI": {"items": [{**FIELD, "path": "name"}]}}), "downwardAPI/items/0/path"),
    ("downward resource container empty", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "containerName": ""}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), "resourceFieldRef/containerName"),
    ("downward resource unknown", _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {**RESOURCE, "resource": "limits.gpu"}}]}}), _volume({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": RESOURCE}]}}), "resourceFieldRef/resource"),
    ("csi driver empty", _volume({"csi": {"driver": ""}}), _volume({"csi": {"driver": "csi.example.com"}}), f"{VOLUME}/csi/driver"),
    ("ephemeral without accessModes and resources", _volume({"ephemeral": {"volumeClaimTemplate": {"spec": {"storageClassName": "fast"}}}}), _volume(_pvc(storageClassName="fast")), "volumeClaimTemplate/spec"),
    ("ephemeral resources without requests", _volume(_pvc(resources={"limits": {"storage": "1Gi"}})), _volume(_pvc(resources={"limits": {"storage": "1Gi"}, "requests": {"storage": "1Gi"}})), "spec/resources"),
    ("mount subPathExpr absolute", _mount(subPathExpr="/$(POD_NAME)"), _mount(subPathExpr="$(POD_NAME)/x"), f"{MOUNT}/subPathExpr"),
    ("mount subPath absolute", _mount(subPath="/a"), _mount(subPath="a"), f"{MOUNT}/subPath"),
    ("mount subPath backstep", _mount(subPath="a/../../b"), _mount(subPath="..data"), f"{MOUNT}/subPath"),
    ("mount subPathExpr backstep", _mount(subPathExpr="$(POD_NAME)/.."), _mount(subPathExpr="$(POD_NAME)"), f"{MOUNT}/subPathExpr"),
    ("mount subPath with subPathExpr", _mount(subPath="a", subPathExpr="$(POD_NAME)"), _mount(subPath="", subPathExpr="$(POD_NAME)"), MOUNT),
    ("mount propagation unknown", _mount(mountPropagation="Shared"), _mount(mountPropagation="HostToContainer"), f"{MOUNT}/mountPropagation"),
    ("recursiveReadOnly unknown", _mount(readOnly=True, recursiveReadOnly="Always"), _mount(readOnly=True, recursiveReadOnly="Enabled"), f"{MOUNT}/recursiveReadOnly"),
    ("recursiveReadOnly without readOnly", _mount(recursiveReadOnly="IfPossible"), _mount(recursiveReadOnly="Disabled"), MOUNT),
    ("recursiveReadOnly with propagation", _mount(readOnly=True, recursiveReadOnly="Enabled", mountPropagation="HostToContainer"), _mount(readOnly=True, recursiveReadOnly="Enabled", mountPropagation="None"), MOUNT),
    ("mountPath empty", _mount(mountPath=""), _mount(mountPath="/data/"), f"{MOUNT}/mountPath"),
]  # fmt: skip

EDGE_CASES = [
    ("subPath of ..data", _mount(subPath="..data")),
    ("defaultMode 0 and 511", {"extraVolumes": [
        {"name": "zero", "volume": {"secret": {"secretName": "s", "defaultMode": 0}}},
        {"name": "all", "volume": {"configMap": {"name": "c", "defaultMode": 511}}},
    ]}),
    ("name of 63 characters starting with a digit", {"extraVolumes": [
        {"name": "0" + "a" * 62, "volume": {"emptyDir": {}}},
    ]}),
    ("one volume at two paths with different subPaths", {"controllers": {
        "extraVolumes": [{"name": "cfg", "volume": {"configMap": {"name": "c"}}}],
        "extraVolumeMounts": [
            {"name": "cfg", "mountPath": "/etc/a.yaml", "subPath": "a.yaml"},
            {"name": "cfg", "mountPath": "/etc/b.yaml", "subPath": "b.yaml"},
        ],
    }}),
]  # fmt: skip


def _schema_accepts(values: dict[str, Any]) -> bool:
    return jsonschema.Draft7Validator(SCHEMA).is_valid(merged_values(values))


def _models_accept(values: dict[str, Any]) -> bool:
    try:
        Values.model_validate(merged_values(values))
    except pydantic.ValidationError:
        return False
    return True


@pytest.mark.parametrize(("rule", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES])
def test_invalid_sample_is_refused_by_helm_pydantic_and_jsonschema(rule, bad, good, where):
    with pytest.raises(RenderRejected) as caught:
        render(bad)
    assert caught.value.stage == "schema"
    assert where in caught.value.message
    assert not _models_accept(bad)
    assert not _schema_accepts(bad)


@pytest.mark.parametrize(("rule", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES])
def test_valid_neighbour_renders_and_passes_kubernetes_validation(rule, bad, good, where):
    good = with_both(good)
    rendered = render(good)
    assert_valid_kubernetes(rendered.get("Deployment", CONTROLLERS))
    assert _models_accept(good)
    assert _schema_accepts(good)


@pytest.mark.parametrize(("case", "values"), EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_valid_edge_cases_stay_accepted(case, values):
    values = with_both(values)
    rendered = render(values)
    for deployment in (CONTROL_PLANE, CONTROLLERS):
        assert_valid_kubernetes(rendered.get("Deployment", deployment))
    assert _models_accept(values)


def test_rule_errors_from_the_models_say_what_to_fix():
    bad = _volume(_secret_item(path="../etc/passwd"))
    with pytest.raises(pydantic.ValidationError) as caught:
        Values.model_validate(merged_values(bad))
    assert "volume.secret.items[0].path: must not contain a '..' path segment" in str(caught.value)


def _key(rule: api_rules.ApiRule) -> str:
    # Rules with the same fragment are one rule to the schema (see api_rules.rule_for).
    return json.dumps(rule.schema, sort_keys=True)


# Every rule of api_rules.py, where it applies: (definition or "mount", property, rule).
def _declared_rules() -> set[tuple[str, str, str]]:
    declared = set()
    for table, suffix in ((api_rules.VOLUME_RULES, ""), (api_rules.VOLUME_ITEM_RULES, "[]")):
        for definition, by_property in table.items():
            for prop, rules in by_property.items():
                declared |= {(definition, prop + suffix, _key(rule)) for rule in rules}
    for prop, rules in api_rules.MOUNT_RULES.items():
        declared |= {("mount", prop, _key(rule)) for rule in rules}
    return declared


def _definition(schema: dict[str, Any]) -> str | None:
    """Return the definition a property schema refers to, directly or under allOf."""
    refs = [schema, *schema.get("allOf", [])]
    return next((r["$ref"].rsplit("/", 1)[-1] for r in refs if "$ref" in r), None)


def _places(path: tuple[str | int, ...]) -> list[tuple[str, str]]:
    """Return the (definition, property) pairs an error at ``path`` in a source may belong to.

    The property itself ("secretName" of SecretVolumeSource), or the whole object it
    holds ("" of SecretProjection); a list item as "property[]".
    """
    definitions = k8s.volume_source_definitions()
    current, schema, prop = k8s.VOLUME_SOURCE, None, ""
    places = [(current, "")]
    for part in path:
        if isinstance(part, int):
            schema, owner = schema["items"], (current, f"{prop}[]")
        else:
            schema, owner, prop = definitions[current]["properties"][part], (current, part), part
        inner = _definition(schema)
        places = [owner, *([(inner, "")] if inner else [])]
        current = inner or current
    return places


def _broken_rules(values: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Return which declared rules ``values`` break, and where."""
    found = set()
    lists = [values, *(values.get(c, {}) for c in components.KEYS)]
    for volume in (v for own in lists for v in own.get("extraVolumes", [])):
        for error in k8s._validator(k8s.VOLUME_SOURCE).iter_errors(volume["volume"]):
            rule = api_rules.rule_for(error.schema)
            found |= {(d, p, _key(rule)) for d, p in _places(tuple(error.path)) if rule}
    for mount in (m for own in lists for m in own.get("extraVolumeMounts", [])):
        for prop, rules in api_rules.MOUNT_RULES.items():
            given = mount if not prop else mount.get(prop)
            if given is not None:
                found |= {
                    ("mount", prop, _key(r)) for r in rules if api_rules.violations(given, (r,))
                }
    return found


def test_every_api_rule_has_a_sample_that_breaks_it_where_it_applies():
    broken = set().union(*(_broken_rules(bad) for _rule, bad, _good, _where in CASES))
    missing = _declared_rules() - broken
    messages = {_key(r): r.message for r in api_rules._all_rules()}
    assert not missing, sorted((d, p, messages[r]) for d, p, r in missing)
