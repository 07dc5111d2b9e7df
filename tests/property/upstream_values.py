"""Values files drawn from upstream 0.9.29's interface, weighted toward what operators write.

A file is a handful of features an operator turns on together (split controllers, the
agents-shell and the Linear gateway, PodDisruptionBudgets, rollout checksums with the
objects the pods read, envFrom in both forms, extra volumes of every source kind, the
database's three ways, a GitHub App, namespaces and RBAC scope, names at and past 63
characters), each written the ways Helm lets an operator write it: quoted and unquoted
numbers, ``null``, ``""`` and ``0``. On top, a few keys of upstream's values.yaml set to
one of Helm's idioms. Everything drawn is a key upstream's values.yaml or schema has;
nothing comes from this chart's models.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

UPSTREAM = Path(__file__).resolve().parents[1] / "upstream" / "charts" / "agents-0.9.29"
SUM = "0123456789abcdef" * 4  # a sha256 in hex, as rolloutChecksums takes it

# Mostly the common case, sometimes one of the others.
_MOSTLY = 6


def mostly(common: Any, *others: Any) -> st.SearchStrategy:
    """Return a strategy that draws ``common`` six times in ten, else one of ``others``."""
    pool = [common] * _MOSTLY + list(others) * max(1, (10 - _MOSTLY) // max(1, len(others)))
    return st.sampled_from(pool)


def one_in(draw: st.DrawFn, n: int) -> bool:
    """Return True once in ``n`` draws; shrinks to False, so a failing file sheds it."""
    return draw(st.integers(0, n - 1)) == n - 1


def sometimes(draw: st.DrawFn, tenths: int) -> bool:
    """Return True ``tenths`` times in ten; shrinks to False."""
    return draw(st.integers(0, 9)) >= 10 - tenths


def number(n: int) -> st.SearchStrategy:
    """``n`` as operators write it: mostly bare, sometimes quoted, or written as a float."""
    return mostly(n, str(n), float(n))


# Names operators give: short ones, and ones at and past 63 characters or ending in a dash,
# which upstream's trunc 63 | trimSuffix "-" makes valid.
NAME_OVERRIDES = st.sampled_from(
    ["", "platform", "agents", "team-agents", "agents-", "a" * 63, "b" * 62 + "-", "c" * 70,
     "prod-agents-control-plane-for-the-platform-team-in-region-eu-west-1", "x" * 61 + "--"]
)  # fmt: skip
RELEASES = mostly("agents", "prod", "agents-prod", "platform-agents-canary-release-name")
NAMESPACES = mostly("agents", "agents-ci", "platform")

# One volume of each source kind Kubernetes 1.33 has, as its docs write them.
VOLUME_SOURCES: dict[str, dict[str, Any]] = {
    "awsElasticBlockStore": {"volumeID": "vol-0123456789abcdef0", "fsType": "ext4"},
    "azureDisk": {"diskName": "d", "diskURI": "https://example.com/d.vhd"},
    "azureFile": {"secretName": "azure", "shareName": "share"},
    "cephfs": {"monitors": ["10.0.0.1:6789"]},
    "cinder": {"volumeID": "v"},
    "configMap": {"name": "agents-ca", "items": [{"key": "ca.crt", "path": "ca.crt"}]},
    "csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": True,
            "volumeAttributes": {"secretProviderClass": "vault"}},
    "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]},
    "emptyDir": {},
    "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"],
                  "resources": {"requests": {"storage": "1Gi"}}}}},
    "fc": {"targetWWNs": ["500a0982991b8dc5"], "lun": 2},
    "flexVolume": {"driver": "example.com/lvm"},
    "flocker": {"datasetName": "d"},
    "gcePersistentDisk": {"pdName": "disk"},
    "gitRepo": {"repository": "https://github.com/proompteng/lab.git"},
    "glusterfs": {"endpoints": "glusterfs", "path": "vol"},
    "hostPath": {"path": "/var/run/agents", "type": "DirectoryOrCreate"},
    "image": {"reference": "ghcr.io/proompteng/tools:1", "pullPolicy": "IfNotPresent"},
    "iscsi": {"targetPortal": "10.0.0.2:3260", "iqn": "iqn.2001-04.com.example:storage",
              "lun": 0},
    "nfs": {"server": "nfs.example.com", "path": "/exports"},
    "persistentVolumeClaim": {"claimName": "agents-data"},
    "photonPersistentDisk": {"pdID": "p"},
    "portworxVolume": {"volumeID": "p"},
    "projected": {"sources": [
        {"secret": {"name": "agents-creds"}},
        {"configMap": {"name": "agents-settings"}},
        {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}},
        {"downwardAPI": {"items": [{"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}]}},
    ]},
    "quobyte": {"registry": "q:7861", "volume": "v"},
    "rbd": {"monitors": ["10.0.0.3:6789"], "image": "i"},
    "scaleIO": {"gateway": "https://g", "system": "s", "secretRef": {"name": "sio"},
                "volumeName": "v"},
    "secret": {"secretName": "agents-ssh", "defaultMode": 256},
    "storageos": {"volumeName": "v"},
    "vsphereVolume": {"volumePath": "[ds] v.vmdk"},
}  # fmt: skip
# Operators mostly mount Secrets, ConfigMaps, emptyDirs, claims and projections.
COMMON_SOURCES = ["secret", "configMap", "emptyDir", "persistentVolumeClaim", "projected", "csi"]


@functools.cache
def upstream_defaults() -> dict[str, Any]:
    return yaml.safe_load((UPSTREAM / "values.yaml").read_text(encoding="utf-8"))


def _leaves(node: Any, at: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(node, dict) and node:
        found: list[tuple[tuple[str, ...], Any]] = []
        for key, value in node.items():
            found += _leaves(value, (*at, key))
        return found
    return [(at, node)]


@functools.cache
def upstream_leaves() -> list[tuple[tuple[str, ...], Any]]:
    """Every key of upstream's values.yaml that holds no map, with its default."""
    return _leaves(upstream_defaults())


def idioms(default: Any) -> list[Any]:
    """Return the ways Helm lets an operator write a key besides its default."""
    found: list[Any] = [None]
    if isinstance(default, bool):
        return [*found, not default]
    if isinstance(default, int):
        return [*found, 0, str(default), float(default), default + 1]
    if isinstance(default, str):
        found.append("")
        if default.isdigit():
            found.append(int(default))
        return found
    if isinstance(default, list):
        return [*found, []]
    if isinstance(default, dict):
        return [*found, {}]
    return found


def put(values: dict[str, Any], at: tuple[str, ...], value: Any) -> None:
    """Set ``at`` in ``values``, making maps on the way (a non-map on the way is replaced)."""
    node = values
    for key in at[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[at[-1]] = value


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return ``over`` merged into a copy of ``base``, maps key by key, as ``-f`` files merge."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# --- the features -------------------------------------------------------------------------


@st.composite
def identity(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("nameOverride", "fullnameOverride"):
        if one_in(draw, 4):
            values[key] = draw(NAME_OVERRIDES)
    if one_in(draw, 6):
        values["namespaceOverride"] = draw(st.sampled_from(["platform", "agents", "tools"]))
    return values


def _image(draw: st.DrawFn, *, digest_ok: bool = True) -> dict[str, Any]:
    image: dict[str, Any] = {}
    if draw(st.booleans()):
        image["repository"] = draw(
            st.sampled_from(
                ["registry.example.com/agents", "ghcr.io/proompteng/agents-control-plane"]
            )
        )
    if draw(st.booleans()):
        image["tag"] = draw(st.sampled_from(["v0.9.29", "1.2.3", "", "main-abc123"]))
    if digest_ok and one_in(draw, 4):
        image["digest"] = draw(st.sampled_from(["sha256:" + SUM, ""]))
    if one_in(draw, 4):
        image["pullPolicy"] = draw(st.sampled_from(["Always", "IfNotPresent", ""]))
    if one_in(draw, 5):
        image["pullSecrets"] = draw(st.sampled_from([["regcred"], []]))
    return image


@st.composite
def images(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for at in (
        ("image",),
        ("controlPlane", "image"),
        ("controllers", "image"),
        ("runner", "image"),
    ):
        if one_in(draw, 3):
            put(values, at, _image(draw))
    if one_in(draw, 6):
        values["imagePolicy"] = {"requireDigest": True}
        put(values, ("image", "digest"), "sha256:" + SUM)
        if draw(st.booleans()):
            put(values, ("runner", "image", "digest"), "sha256:" + SUM)
    return values


def _budget(draw: st.DrawFn, *, max_unavailable: bool = True) -> dict[str, Any]:
    budget: dict[str, Any] = {"enabled": draw(mostly(True, False))}
    bounds = st.sampled_from([1, "1", 2, "2", "50%", 0, "0", "", None])
    if draw(st.booleans()):
        budget["minAvailable"] = draw(bounds)
    if max_unavailable and one_in(draw, 3):
        # Kubernetes takes one bound: operators null minAvailable, or forget to.
        budget["minAvailable"] = draw(mostly(None, 1))
        budget["maxUnavailable"] = draw(bounds)
    if one_in(draw, 5):
        budget["annotations"] = {"team": "platform"}
    return budget


def _probe(draw: st.DrawFn) -> dict[str, Any]:
    probe: dict[str, Any] = {}
    if one_in(draw, 4):
        probe["enabled"] = draw(st.booleans())
    if draw(st.booleans()):
        probe["path"] = draw(st.sampled_from(["/healthz", "/ready"]))
    for key in ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"):
        if one_in(draw, 4):
            probe[key] = draw(number(draw(st.sampled_from([10, 3, 30, 1, 0]))))
    return probe


def _strategy(draw: st.DrawFn) -> dict[str, Any]:
    if one_in(draw, 4):
        return {"type": "Recreate"}
    rolling = {}
    for key in ("maxSurge", "maxUnavailable"):
        if draw(st.booleans()):
            rolling[key] = draw(st.sampled_from([1, "1", 0, "25%", "0", 2]))
    return {"type": "RollingUpdate", "rollingUpdate": rolling}


@st.composite
def server_shape(draw: st.DrawFn) -> dict[str, Any]:
    """Replicas, autoscaling, probes, strategy, lifecycle: the top level's and the control
    plane's."""
    values: dict[str, Any] = {}
    if draw(st.booleans()):
        values["replicaCount"] = draw(number(draw(st.integers(1, 4))))
    if one_in(draw, 4):
        values["autoscaling"] = {
            "enabled": True,
            "minReplicas": draw(number(2)),
            "maxReplicas": draw(number(draw(st.integers(2, 10)))),
            "targetMemoryUtilizationPercentage": draw(st.sampled_from([None, 75, "75"])),
        }
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        if one_in(draw, 4):
            values[key] = _probe(draw)
        if one_in(draw, 6):
            put(values, ("controlPlane", key), _probe(draw))
    if one_in(draw, 4):
        values["deploymentStrategy"] = _strategy(draw)
    if one_in(draw, 6):
        put(values, ("controlPlane", "deploymentStrategy"), _strategy(draw))
    if one_in(draw, 5):
        values["deploymentLifecycle"] = {
            "minReadySeconds": draw(number(10)),
            "revisionHistoryLimit": draw(st.sampled_from([3, "3", 0, None])),
        }
    if one_in(draw, 6):
        values["lifecycle"] = {"preStop": {"exec": {"command": ["sleep", "5"]}}}
    if one_in(draw, 5):
        values["terminationGracePeriodSeconds"] = draw(st.sampled_from([60, "60", 0, None]))
    if one_in(draw, 4):
        values["resources"] = {
            "requests": {"cpu": "250m", "memory": "512Mi"},
            "limits": draw(st.sampled_from([{}, {"memory": "1Gi"}, {"cpu": "2", "memory": "2Gi"}])),
        }
    if one_in(draw, 4):
        values["podDisruptionBudget"] = _budget(draw)
    if one_in(draw, 5):
        values["podAnnotations"] = {"prometheus.io/scrape": "true"}
        values["podLabels"] = {"team": "platform"}
    if one_in(draw, 5):
        values["tolerations"] = [{"key": "dedicated", "operator": draw(mostly("Equal", "Exist")),
                                  "value": "agents", "effect": "NoSchedule"}]  # fmt: skip
        values["nodeSelector"] = {"kubernetes.io/os": "linux"}
    if one_in(draw, 6):
        values["securityContext"] = {"runAsNonRoot": True, "runAsUser": 1000, "fsGroup": 1000}
        values["containerSecurityContext"] = {
            "allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]},
        }  # fmt: skip
    return values


@st.composite
def controllers(draw: st.DrawFn) -> dict[str, Any]:
    """The split controllers Deployment, as operators turn it on."""
    own: dict[str, Any] = {"enabled": draw(mostly(True, False))}
    if draw(st.booleans()):
        own["replicaCount"] = draw(number(draw(st.integers(1, 3))))
    if one_in(draw, 3):
        own["podDisruptionBudget"] = _budget(draw)
    if one_in(draw, 3):
        own["service"] = {"enabled": True, "port": draw(number(50051))}
    if one_in(draw, 4):
        own["autoscaling"] = {"enabled": True, "minReplicas": 1, "maxReplicas": draw(number(3))}
    if one_in(draw, 4):
        own["image"] = _image(draw)
    if one_in(draw, 4):
        own["env"] = {"vars": draw(env_vars())}
    if one_in(draw, 4):
        own["deploymentStrategy"] = _strategy(draw)
    for key in ("livenessProbe", "readinessProbe"):
        if one_in(draw, 5):
            own[key] = _probe(draw)
    if one_in(draw, 5):
        own["resources"] = {"requests": {"cpu": "100m"}}
    values: dict[str, Any] = {"controllers": own}
    if one_in(draw, 3):  # a budget for each Deployment
        values["podDisruptionBudget"] = _budget(draw)
    if one_in(draw, 4):  # the runner Jobs the controllers start
        ttl = draw(st.sampled_from([120, 3600, 0, None]))
        values["controller"] = {"jobTtlSeconds": ttl}
    return values


@st.composite
def agents_shell(draw: st.DrawFn) -> dict[str, Any]:
    shell: dict[str, Any] = {"enabled": draw(mostly(True, False))}
    workspace: dict[str, Any] = {}
    mode = draw(st.sampled_from(["persistentVolumeClaim", "emptyDir", None]))
    if mode:
        workspace["volumeMode"] = mode
    if one_in(draw, 4):
        workspace["existingClaim"] = "shell-workspace"
    if one_in(draw, 4):
        workspace["size"] = draw(st.sampled_from(["50Gi", "20Gi"]))
        workspace["storageClassName"] = draw(st.sampled_from(["", "fast"]))
    if one_in(draw, 3):
        workspace["bootstrap"] = {
            "enabled": True,
            "depth": draw(st.sampled_from([0, 1, "1"])),
            "tokenSecret": {"name": draw(st.sampled_from(["", "github-token"]))},
        }
    if workspace:
        shell["workspace"] = workspace
    if one_in(draw, 3):
        shell["rbac"] = {
            "clusterAdmin": draw(st.booleans()),
            "extraReadNamespaces": draw(st.sampled_from([[], ["argocd"], ["argocd", "agents"]])),
        }
    if one_in(draw, 4):
        tls = draw(st.sampled_from([{}, {"secretName": "shell-tls"}]))
        shell["ingressRoute"] = {"enabled": True, "host": "shell.example.com", "tls": tls}
    if one_in(draw, 4):
        shell["networkPolicy"] = {"enabled": True}
    if one_in(draw, 4):
        port = draw(st.sampled_from(["8080", "9090"]))
        shell["env"] = {
            "vars": {"AGENTS_SHELL_GIT_USER_NAME": "Platform Bot", "AGENTS_SHELL_LISTEN_PORT": port}
        }
    if one_in(draw, 4):
        shell["service"] = {
            "port": draw(number(80)),
            "type": draw(st.sampled_from(["ClusterIP", "NodePort"])),
        }
    if one_in(draw, 5):
        shell["serviceAccount"] = {
            "create": draw(st.booleans()),
            "name": draw(st.sampled_from(["", "shell"])),
        }
    if one_in(draw, 4):
        # Loosening the pod's security context, as upstream's values.yaml lets one write.
        shell["securityContext"] = draw(st.sampled_from([
            {"runAsUser": 2000}, {"seccompProfile": {"type": None}}, {"fsGroupChangePolicy": None},
        ]))  # fmt: skip
    for key in ("livenessProbe", "readinessProbe"):
        if one_in(draw, 5):
            shell[key] = _probe(draw)
    if one_in(draw, 5):
        shell["image"] = _image(draw)
    return {"agentsShell": shell}


@st.composite
def linear_gateway(draw: st.DrawFn) -> dict[str, Any]:
    gateway: dict[str, Any] = {
        "enabled": draw(mostly(True, False)),
        "databaseSecret": {"name": draw(mostly("linear-db", ""))},
    }
    if one_in(draw, 3):
        gateway["podDisruptionBudget"] = {
            "enabled": draw(st.booleans()),
            "minAvailable": draw(st.sampled_from([1, "1", "50%", 0])),
        }
    if one_in(draw, 4):
        gateway["replicaCount"] = draw(number(3))
    if one_in(draw, 4):
        gateway["serviceMonitor"] = {"enabled": True}
    if one_in(draw, 4):
        gateway["networkPolicy"] = {"enabled": draw(st.booleans())}
    if one_in(draw, 4):
        gateway["image"] = {"repository": "ghcr.io/proompteng/linear-mcp-gateway", "tag": "v1"}
    if one_in(draw, 5):
        gateway["config"] = {"namespace": draw(st.sampled_from(["agents", "linear"]))}
    if one_in(draw, 5):
        gateway["serviceAccount"] = {"name": draw(st.sampled_from(["linear-gateway", None]))}
    return {"linearMcpGateway": gateway}


def _ref(draw: st.DrawFn, name: str) -> Any:
    form = draw(st.integers(0, 3))
    if form == 0:
        return name  # upstream's own form: a plain name
    entry: dict[str, Any] = {"name": name}
    if form == 3:
        entry["optional"] = draw(st.booleans())
    return entry


@st.composite
def env_from(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if draw(st.booleans()):
        values["envFromSecretRefs"] = [
            _ref(draw, n)
            for n in draw(st.sampled_from([["agents-extra-secret"], ["a-env", "b-env"]]))
        ]
    if draw(st.booleans()):
        values["envFromConfigMapRefs"] = [
            _ref(draw, n) for n in draw(st.sampled_from([["agents-extra-env"], ["c-env"]]))
        ]
    return values


@st.composite
def env_vars(draw: st.DrawFn) -> dict[str, Any]:
    names = ["LOG_LEVEL", "NODE_ENV", "PORT", "AGENTS_MIGRATIONS", "OTEL_EXPORTER_OTLP_ENDPOINT",
             "AGENTS_AGENT_RUNNER_IMAGE", "FEATURE_FLAG"]  # fmt: skip
    forms = st.sampled_from(["debug", "production", "8080", "", "true", "skip", "http://otel:4317"])
    return draw(st.dictionaries(st.sampled_from(names), forms, max_size=3))


@st.composite
def env(draw: st.DrawFn) -> dict[str, Any]:
    e: dict[str, Any] = {}
    values: dict[str, Any] = {"env": e}
    if draw(st.booleans()):
        e["vars"] = draw(env_vars())
    if one_in(draw, 3):  # a component's own variables over the shared ones
        put(values, ("controlPlane", "env", "vars"), draw(env_vars()))
    if one_in(draw, 4):
        e["secrets"] = [{"name": "OPENAI_API_KEY", "secretName": "openai", "secretKey": "key"}]
    if one_in(draw, 4):
        e["config"] = [
            {"name": "REGION", "configMapName": "cluster-info", "configMapKey": "region"}
        ]
    if one_in(draw, 4):
        e["extra"] = [{"name": "EXTRA", "value": "1"}]
    return values


@st.composite
def extra_volumes(draw: st.DrawFn) -> dict[str, Any]:
    kinds = draw(
        st.lists(
            st.one_of(st.sampled_from(COMMON_SOURCES), st.sampled_from(sorted(VOLUME_SOURCES))),
            min_size=1, max_size=3, unique=True,
        )
    )  # fmt: skip
    volumes, mounts = [], []
    for i, kind in enumerate(kinds):
        name = f"extra-{i}"
        volumes.append({"name": name, "volume": {kind: copy.deepcopy(VOLUME_SOURCES[kind])}})
        if one_in(draw, 10):
            # What the volume contract refuses: a name the chart uses, a mount of nothing.
            volumes[-1]["name"] = draw(st.sampled_from(["db-ca-cert", "extra-x"]))
        if draw(mostly(True, False)):
            mount: dict[str, Any] = {"name": name, "mountPath": f"/mnt/{kind.lower()}"}
            if one_in(draw, 3):
                mount["readOnly"] = draw(st.booleans())
            if one_in(draw, 5):
                mount["subPath"] = draw(st.sampled_from(["sub", ""]))
            mounts.append(mount)
    return {"extraVolumes": volumes, "extraVolumeMounts": mounts}


@st.composite
def database(draw: st.DrawFn) -> dict[str, Any]:
    db: dict[str, Any] = {}
    way = draw(st.sampled_from(["secretRef", "url", "createSecret", "none"]))
    if way == "secretRef":
        db["secretRef"] = {"name": "agents-db", "key": draw(mostly("url", "uri"))}
    elif way == "url":
        db["url"] = "postgres://agents@db:5432/agents"
    elif way == "createSecret":
        db["url"] = "postgres://agents@db:5432/agents"
        db["createSecret"] = {"enabled": True, "name": draw(st.sampled_from(["", "agents-db-url"]))}
    if draw(st.booleans()):
        db["caSecret"] = {"name": draw(st.sampled_from(["pg-ca", "", None])),
                          "key": draw(mostly("ca.crt", None, ""))}  # fmt: skip
    return {"database": db}


@st.composite
def scope(draw: st.DrawFn) -> dict[str, Any]:
    """Namespaces the loops watch and the RBAC scope they need."""
    values: dict[str, Any] = {}
    cluster = draw(st.booleans())
    values["rbac"] = {"clusterScoped": cluster}
    watched = st.sampled_from([["agents"], ["agents", "team-a"], ["*"], ["team-b"]])
    for key in ("controller", "orchestrationController", "supportingController"):
        if one_in(draw, 3):
            put(values, (key, "namespaces"), draw(watched))
    if one_in(draw, 4):
        values["rbac"]["extraRules"] = [
            {"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}
        ]
    if one_in(draw, 5):
        values["runnerServiceAccount"] = {
            "create": True, "rbac": {"create": draw(st.booleans())},
            "name": draw(st.sampled_from(["", "agents-runner"])),
        }  # fmt: skip
    if one_in(draw, 5):
        values["serviceAccount"] = {
            "create": draw(st.booleans()),
            "name": draw(st.sampled_from(["", "agents"])),
        }
    return values


@st.composite
def grpc(draw: st.DrawFn) -> dict[str, Any]:
    g: dict[str, Any] = {}
    if draw(st.booleans()):
        g["enabled"] = draw(st.booleans())
    if draw(st.booleans()):
        port = draw(st.sampled_from([50051, 9000]))
        g["port"] = draw(st.one_of(number(port), st.sampled_from([0, None])))
    if draw(st.booleans()):
        g["servicePort"] = draw(number(50051))
    if one_in(draw, 3):
        g["serviceType"] = draw(st.sampled_from(["ClusterIP", "NodePort", "LoadBalancer"]))
    if one_in(draw, 5):
        g["manageEnvVar"] = draw(st.booleans())
    return {"grpc": g}


@st.composite
def github_app(draw: st.DrawFn) -> dict[str, Any]:
    vcp: dict[str, Any] = {"enabled": draw(mostly(True, False))}
    method = draw(st.sampled_from(["app", "token", "ssh"]))
    auth: dict[str, Any] = {"method": method}
    if method == "app":
        auth["app"] = {
            "appId": draw(st.sampled_from([1234567, "1234567", 42, 987654321])),
            "installationId": draw(st.sampled_from([76543210, "76543210", 7])),
            "privateKeySecretRef": {"name": "github-app"},
            "tokenTtlSeconds": draw(st.sampled_from([0, 3600, "3600"])),
        }
    elif method == "token":
        auth["token"] = {
            "secretRef": {"name": "github-token"},
            "type": draw(st.sampled_from(["", "pat"])),
        }
    else:
        auth["ssh"] = {"privateKeySecretRef": {"name": "github-ssh"},
                       "knownHostsConfigMapRef": {"name": "known-hosts"}}  # fmt: skip
        vcp["cloneProtocol"] = "ssh"
    vcp["auth"] = auth
    if one_in(draw, 4):
        vcp["namespace"] = draw(st.sampled_from(["", "agents", "vcs"]))
    return {"versionControlProvider": vcp}


@st.composite
def extras(draw: st.DrawFn) -> dict[str, Any]:
    """The other objects the chart adds around its pods."""
    values: dict[str, Any] = {}
    if one_in(draw, 4):
        values["metrics"] = {"serviceMonitor": {"enabled": True, "interval": "15s"},
                             "dashboards": {"enabled": draw(st.booleans())}}  # fmt: skip
    if one_in(draw, 4):
        values["networkPolicy"] = {
            "enabled": True,
            "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"name": "traefik"}}}]}],
        }
    if one_in(draw, 5):
        values["resourceQuota"] = {
            "enabled": True,
            "hard": {"pods": draw(st.sampled_from(["20", "50"]))},
        }
    if one_in(draw, 5):
        values["limitRange"] = {"enabled": True, "limits": [{"type": "Container",
                                "default": {"cpu": "500m"}}]}  # fmt: skip
    if one_in(draw, 5):
        values["podSecurityAdmission"] = {"enabled": True, "createNamespace": draw(st.booleans()),
                                          "labels": {"enforce": "restricted"}}  # fmt: skip
    if one_in(draw, 5):
        values["argocdHooks"] = {"enabled": True}
    if one_in(draw, 5):
        values["tests"] = {"enabled": True}
    if one_in(draw, 5):
        user = {"name": draw(st.sampled_from(["", "nats-user"]))}
        values["agentComms"] = {
            "enabled": True,
            "subjects": ["agents.>"],
            "nats": {"url": "nats://nats:4222", "userSecret": user},
        }
    if one_in(draw, 5):
        values["service"] = {
            "type": draw(st.sampled_from(["ClusterIP", "NodePort"])),
            "port": draw(st.one_of(number(80), st.sampled_from([8080, 0]))),
        }
    if one_in(draw, 6):
        values["metrics"] = {"service": {"port": draw(st.sampled_from([9090, "9090", 0]))}}
    return values


@st.composite
def controller_settings(draw: st.DrawFn) -> dict[str, Any]:
    """The reconcile loops' numbers and switches, written as operators write them."""
    values: dict[str, Any] = {}
    leaves = [(at, d) for at, d in upstream_leaves() if at[0] == "controller"]
    for at, default in draw(
        st.lists(st.sampled_from(leaves), max_size=4, unique_by=lambda x: x[0])
    ):
        put(values, at, draw(st.sampled_from(idioms(default)[1:] or [default]) | st.just(default)))
    if one_in(draw, 5):
        put(values, ("controller", "leaderElection", "enabled"), False)
    return values


def _needed_objects(values: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The Secrets and ConfigMaps upstream's checksum rule asks entries for, read from the
    file as its validation.yaml reads them (an operator lists what the pods read)."""
    secrets: list[str] = []
    config_maps: list[str] = []
    db = values.get("database") or {}
    if not (db.get("createSecret") or {}).get("enabled") and not db.get("url"):
        secrets.append(((db.get("secretRef") or {}).get("name")) or "")
    secrets.append(((db.get("caSecret") or {}).get("name")) or "")
    comms = values.get("agentComms") or {}
    if comms.get("enabled"):
        secrets.append((((comms.get("nats") or {}).get("userSecret")) or {}).get("name") or "")
    for key, pool in (("envFromSecretRefs", secrets), ("envFromConfigMapRefs", config_maps)):
        for ref in values.get(key) or []:
            pool.append(ref if isinstance(ref, str) else ref.get("name") or "")
    e = values.get("env") or {}
    secrets += [s.get("secretName") or "" for s in e.get("secrets") or []]
    config_maps += [c.get("configMapName") or "" for c in e.get("config") or []]
    for volume in values.get("extraVolumes") or []:
        source = volume.get("volume") or {}
        secrets.append((source.get("secret") or {}).get("secretName") or "")
        config_maps.append((source.get("configMap") or {}).get("name") or "")
        for projection in (source.get("projected") or {}).get("sources") or []:
            secrets.append((projection.get("secret") or {}).get("name") or "")
            config_maps.append((projection.get("configMap") or {}).get("name") or "")
    return sorted({s for s in secrets if s}), sorted({c for c in config_maps if c})


def checksums(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
    """rolloutChecksums on, with an entry for what the pods read (mostly all of it)."""
    secrets, config_maps = _needed_objects(values)
    rollout: dict[str, Any] = {"enabled": True}
    for key, names in (("secrets", secrets), ("configMaps", config_maps)):
        if one_in(draw, 10) and names:
            names = names[1:]  # one forgotten: upstream refuses, and so must ours
        entries = [{"name": n, "checksum": SUM} for n in names]
        if entries and one_in(draw, 6):
            entries.append(
                {"name": "other-namespace-object", "namespace": "shared", "checksum": SUM}
            )
        if entries or draw(st.booleans()):
            rollout[key] = entries
    return {"rolloutChecksums": rollout}


@st.composite
def idiom_leaves(draw: st.DrawFn) -> dict[str, Any]:
    """A few keys of upstream's values.yaml, anywhere, set to one of Helm's idioms."""
    values: dict[str, Any] = {}
    for at, default in draw(st.lists(st.sampled_from(upstream_leaves()), max_size=3)):
        put(values, at, draw(st.sampled_from(idioms(default))))
    return values


# Each feature with how often operators turn it on, in tenths.
FEATURES = (
    (identity(), 4),
    (images(), 4),
    (server_shape(), 5),
    (controllers(), 5),
    (agents_shell(), 3),
    (linear_gateway(), 3),
    (env_from(), 3),
    (env(), 4),
    (extra_volumes(), 4),
    (database(), 5),
    (scope(), 4),
    (grpc(), 3),
    (github_app(), 2),
    (extras(), 3),
    (controller_settings(), 3),
)


@st.composite
def values_files(draw: st.DrawFn) -> dict[str, Any]:
    """Return a values file an operator switching from upstream 0.9.29 might write."""
    values: dict[str, Any] = {}
    for feature, tenths in FEATURES:
        if sometimes(draw, tenths):
            values = merge(values, draw(feature))
    if sometimes(draw, 3):
        values = merge(values, checksums(draw, values))
    if sometimes(draw, 3):
        values = merge(values, draw(idiom_leaves()))
    return values


@st.composite
def installs(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """Return (release, namespace, values): one ``helm install RELEASE -n NAMESPACE -f FILE``."""
    return draw(RELEASES), draw(NAMESPACES), draw(values_files())
