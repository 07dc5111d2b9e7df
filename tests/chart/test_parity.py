"""Our chart renders what upstream 0.9.29 renders for the same values, field for field.

Every difference the renders show must be one the differences page explains
(``schema_gen.contract.differences.RENDERED``), and every values file upstream renders, ours
renders too, unless the page lists why not (``REFUSED``). The values are upstream's
own files, its defaults file, and files built from every key of its values.yaml set
to null, "", 0 or its opposite, one key at a time and an area's keys together.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import helm_python
import pytest
import yaml

from schema_gen.contract import differences
from tests import parity
from tests.conftest import CHART

UPSTREAM = parity.UPSTREAM_CHARTS["0.9.29"]
DEFAULTS = yaml.safe_load((UPSTREAM / "values.yaml").read_text(encoding="utf-8"))


@functools.cache
def _render(chart: Path, values_json: str, namespace: str) -> Any:
    return parity.render(chart, json.loads(values_json), namespace)


def _both(values: dict[str, Any], namespace: str = "agents") -> tuple[Any, Any]:
    key = json.dumps(values, sort_keys=True)
    return _render(CHART, key, namespace), _render(UPSTREAM, key, namespace)


def _unexplained(values: dict[str, Any], ours: Any, theirs: Any) -> list[str]:
    """Return the differences no entry of the differences page explains."""
    return [
        str(found)
        for found in parity.differences(ours, theirs)
        if not differences.explained(differences.Seen(found.path, found.ours, found.theirs, values))
    ]


@pytest.mark.parametrize("name", sorted(parity.UPSTREAM_VALUES["0.9.29"]))
def test_upstreams_values_files_render_alike(name):
    path = parity.UPSTREAM_VALUES["0.9.29"][name]
    values = helm_python.values_from_yaml(path.read_text(encoding="utf-8"))
    ours, theirs = _both(values, parity.NAMESPACES.get(name, "agents"))
    assert not isinstance(theirs, parity.Refused), theirs
    assert not isinstance(ours, parity.Refused), ours.message
    assert _unexplained(values, ours, theirs) == []
    equal, total = parity.field_counts(ours, theirs, ("Deployment",))
    assert total > 150 and equal >= total - 2  # the scripts and the retention digits at most


def test_upstreams_defaults_file_renders_alike():
    values = helm_python.values_from_yaml((UPSTREAM / "values.yaml").read_text(encoding="utf-8"))
    ours, theirs = _both(values)
    assert not isinstance(ours, parity.Refused), ours.message
    assert _unexplained(values, ours, theirs) == []


def _leaves(node: Any, at: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(node, dict):
        found = [(at, node)] if at else []
        for key, value in node.items():
            found += _leaves(value, (*at, key))
        return found
    return [(at, node)]


def _idioms(default: Any) -> list[Any]:
    """Return the ways operators write a key besides its default, as Helm reads them."""
    found: list[Any] = [None]
    if isinstance(default, str):
        found.append("")
    if isinstance(default, bool):
        found.append(not default)
    elif isinstance(default, int):
        found.append(0)
    if isinstance(default, list) and default:
        found.append([])
    return found


# Keys a template reads only when their area is on.
_TURNED_ON = {
    "controllers": {"controllers": {"enabled": True}},
    "agentsShell": {"agentsShell": {"enabled": True}},
    "linearMcpGateway": {"linearMcpGateway": {"enabled": True, "databaseSecret": {"name": "db"}}},
    "argocdHooks": {"argocdHooks": {"enabled": True}},
    "tests": {"tests": {"enabled": True}},
    "podDisruptionBudget": {"podDisruptionBudget": {"enabled": True}},
    "networkPolicy": {"networkPolicy": {"enabled": True}},
    "resourceQuota": {"resourceQuota": {"enabled": True}},
    "limitRange": {"limitRange": {"enabled": True}},
    "rolloutChecksums": {"rolloutChecksums": {"enabled": True}},
    "versionControlProvider": {"versionControlProvider": {"enabled": True}},
    "agentComms": {"agentComms": {"enabled": True}},
}


def _with(base: dict[str, Any], at: tuple[str, ...], value: Any) -> dict[str, Any]:
    values = copy.deepcopy(base)
    node = values
    for key in at[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return values
    node[at[-1]] = value
    return values


def _cases() -> list[tuple[tuple[str, ...], Any]]:
    return [(at, value) for at, default in _leaves(DEFAULTS) for value in _idioms(default)]


# Idioms ours refuses while upstream renders, each for a reason REFUSED lists: a port of
# 0, a nameless ServiceAccount, a seccompProfile without its type, a rolling update that
# can move no pod (maxSurge 0 beside the default maxUnavailable 0; the API server refuses
# each), and a nulled gRPC port (upstream renders AGENTS_GRPC_PORT "<nil>").
EXPECTED_REFUSALS = {
    (("service", "port"), 0),
    (("grpc", "port"), 0),
    (("grpc", "port"), None),
    (("grpc", "servicePort"), 0),
    (("metrics", "service", "port"), 0),
    (("agentsShell", "service", "port"), 0),
    (("linearMcpGateway", "serviceAccount", "name"), None),
    (("agentsShell", "securityContext", "seccompProfile", "type"), None),
    (("deploymentStrategy", "rollingUpdate", "maxSurge"), 0),
}


REFUSAL_KEYS = {(at, json.dumps(value)) for at, value in EXPECTED_REFUSALS}


def _area(at: tuple[str, ...]) -> str:
    return at[0]


def _base(at: tuple[str, ...]) -> dict[str, Any]:
    return copy.deepcopy(_TURNED_ON.get(at[0], {})) if len(at) > 1 else {}


def _check(values: dict[str, Any], label: str) -> list[str]:
    ours, theirs = _both(values)
    if isinstance(theirs, parity.Refused):
        return []  # upstream refuses: ours may do either, lint says why
    if isinstance(ours, parity.Refused):
        return [f"{label}: refused here, rendered upstream: {ours.message.splitlines()[-1]}"]
    return [f"{label}: {found}" for found in _unexplained(values, ours, theirs)]


AREAS = sorted({_area(at) for at, _value in _cases()})


@pytest.mark.parametrize("area", AREAS)
def test_helms_idioms_render_as_upstream(area):
    """Each key of the area set to null, "", 0 or its opposite, alone; then all together."""
    problems: list[str] = []
    together: dict[str, Any] = {}
    for at, value in _cases():
        if _area(at) != area:
            continue
        label = f"{'.'.join(at)}: {json.dumps(value)}"
        values = _with(_base(at), at, value)
        found = _check(values, label)
        if (at, json.dumps(value)) in REFUSAL_KEYS:
            ours, _theirs = _both(values)
            assert isinstance(ours, parity.Refused), f"{label} renders; the table says refused"
            continue
        problems += found
        if value is None and not found:
            together = _with(together or _base(at), at, None)
    assert problems == []
    if together:  # every null of the area at once: upstream refusing is fine, ours must agree
        assert _check(together, f"{area}: every key null") == []


# Values that show each way this chart renders differently, written here, apart from the
# differences page: an entry dropped from the page leaves one of these unexplained.
DEMONSTRATIONS = {
    "a mount read-only": {
        "extraVolumes": [{"name": "ca", "volume": {"configMap": {"name": "ca"}}}],
        "extraVolumeMounts": [{"name": "ca", "mountPath": "/ca", "readOnly": True}],
    },
    "an operator's AGENTS_IMAGE": {"env": {"vars": {"AGENTS_IMAGE": "r/agents:1"}}},
    "a component's variable over env.vars": {
        "env": {"vars": {"LOG_LEVEL": "info"}},
        "controlPlane": {"env": {"vars": {"LOG_LEVEL": "debug"}}},
    },
    "jobTtlSeconds in the controllers": {
        "controllers": {"enabled": True},
        "controller": {"jobTtlSeconds": 120},
    },
    "a component's probe": {"controllers": {"enabled": True,
                                            "livenessProbe": {"timeoutSeconds": 9}}},
    "a component's strategy": {"controlPlane": {"deploymentStrategy": {
        "rollingUpdate": {"maxSurge": 2}}}},
    "Recreate": {"deploymentStrategy": {"type": "Recreate"}},
    "leader election off": {"controller": {"leaderElection": {"enabled": False}}},
    "agents-shell's bootstrap": {"agentsShell": {"enabled": True,
                                                 "workspace": {"bootstrap": {"enabled": True}}}},
    "the smoke hooks": {"argocdHooks": {"enabled": True, "smoke": {"agentRun": {
        "apiVersion": "agents.proompteng.ai/v1alpha1", "kind": "AgentRun",
        "metadata": {"name": "smoke"}}}}},
}  # fmt: skip


@pytest.mark.parametrize("values", DEMONSTRATIONS.values(), ids=DEMONSTRATIONS.keys())
def test_every_difference_a_demonstration_shows_is_on_the_page(values):
    ours, theirs = _both(values)
    assert not isinstance(ours, parity.Refused), ours.message
    assert not isinstance(theirs, parity.Refused), theirs.message
    assert parity.differences(ours, theirs), "no difference: the demonstration shows nothing"
    assert _unexplained(values, ours, theirs) == []


def _upstream_variables(template: str) -> set[str]:
    """Return every variable name upstream's template writes or tests for, from its text."""
    text = (UPSTREAM / "templates" / template).read_text(encoding="utf-8")
    return set(re.findall(r'"((?:AGENTS|NATS|KUBERNETES|PGSSL|DATABASE)_[A-Z0-9_]+)"', text)) | set(
        re.findall(r"- name: ((?:AGENTS|NATS|KUBERNETES|PGSSL|DATABASE)_[A-Z0-9_]+)", text)
    )


def test_the_shared_env_vars_reach_each_server_as_upstreams_do():
    # Every variable either server template names, set in the shared env.vars: which of
    # them the controllers take from it and which the chart keeps (upstream's reserved
    # list) is upstream's render to say, not the list this chart declares.
    names = _upstream_variables("deployment-controllers.yaml") | _upstream_variables(
        "deployment.yaml"
    )
    names = {n for n in names if not n.startswith("AGENTS_GRPC_")}  # grpc.* owns them (a rule)
    values = {"controllers": {"enabled": True}, "env": {"vars": dict.fromkeys(sorted(names), "op")}}
    ours, theirs = _both(values)
    assert not isinstance(theirs, parity.Refused), theirs.message
    assert not isinstance(ours, parity.Refused), ours.message
    assert len(names) > 40
    for deployment in ("agents", "agents-controllers"):
        # Which names take the operator's "op" (where upstream also writes its own line
        # after it, the differences page's "the operator's value wins" applies).
        mine, upstream = (
            {e["name"] for e in c["env"] if e["name"] in names and e.get("value") == "op"}
            for c in (
                render[f"Deployment/{deployment}"]["spec"]["template"]["spec"]["containers"][0]
                for render in (ours, theirs)
            )
        )
        assert mine == upstream, deployment


_SUM = "0" * 64
# Operators' files that upstream renders and ours once refused, each a combination no
# sample had (issue 28). Upstream's render is the oracle: each must render here too,
# alike but for what the differences page explains.
OPERATORS_FILES = {
    "checksums with an emptyDir volume": {
        "rolloutChecksums": {"enabled": True},
        "extraVolumes": [{"name": "scratch", "volume": {"emptyDir": {}}}],
        "extraVolumeMounts": [{"name": "scratch", "mountPath": "/scratch"}],
    },
    "checksums with a csi and a projected token volume": {
        "rolloutChecksums": {"enabled": True},
        "extraVolumes": [
            {"name": "vault", "volume": {"csi": {"driver": "secrets-store.csi.k8s.io"}}},
            {"name": "token", "volume": {"projected": {"sources": [
                {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}}},
        ],
    },
    "checksums with the CA Secret's name null": {
        "rolloutChecksums": {"enabled": True},
        "database": {"caSecret": {"name": None}},
    },
    "checksums with envFrom refs as plain names": {
        "rolloutChecksums": {
            "enabled": True,
            "secrets": [{"name": "agents-extra-secret", "checksum": _SUM}],
            "configMaps": [{"name": "agents-extra-env", "checksum": _SUM}],
        },
        "envFromSecretRefs": ["agents-extra-secret"],
        "envFromConfigMapRefs": ["agents-extra-env"],
    },
}  # fmt: skip


@pytest.mark.parametrize("values", OPERATORS_FILES.values(), ids=OPERATORS_FILES.keys())
def test_operators_files_upstream_renders_render_alike(values):
    ours, theirs = _both(values)
    assert not isinstance(theirs, parity.Refused), theirs.message
    assert not isinstance(ours, parity.Refused), ours.message
    assert _unexplained(values, ours, theirs) == []


# Helm's idioms and names as upstream's templates read them (issue 28, findings 3 to 5):
# a quoted count is the count upstream writes bare; a name override past 63 characters or
# ending in "-" is what upstream's trunc 63 | trimSuffix "-" makes of it; both
# PodDisruptionBudgets on, which the page lists.
OPERATORS_FILES_IDIOMS = {
    "a PodDisruptionBudget's minAvailable in quotes": {
        "podDisruptionBudget": {"enabled": True, "minAvailable": "1"},
    },
    "the controllers' maxUnavailable in quotes": {
        "controllers": {"enabled": True, "podDisruptionBudget": {
            "enabled": True, "minAvailable": None, "maxUnavailable": "1"}},
    },
    "the Linear gateway's minAvailable in quotes": {
        "linearMcpGateway": {"enabled": True, "databaseSecret": {"name": "db"},
                             "podDisruptionBudget": {"minAvailable": "1"}},
    },
    "a fullnameOverride ending in a dash": {"fullnameOverride": "agents-"},
    "a fullnameOverride past 63 characters": {"fullnameOverride": "platform-agents-" * 5},
    "a nameOverride past 63 characters": {"nameOverride": "c" * 70},
    "a nameOverride of 62 characters and a dash": {"nameOverride": "b" * 62 + "-"},
    "both PodDisruptionBudgets": {
        "podDisruptionBudget": {"enabled": True},
        "controllers": {"enabled": True, "podDisruptionBudget": {"enabled": True}},
    },
}  # fmt: skip


@pytest.mark.parametrize(
    "values", OPERATORS_FILES_IDIOMS.values(), ids=OPERATORS_FILES_IDIOMS.keys()
)
def test_helms_idioms_and_long_names_render_as_upstream(values):
    test_operators_files_upstream_renders_render_alike(values)


def test_a_github_apps_ids_given_as_numbers_stay_the_numbers_written():
    """Upstream writes 1234567 as "1.234567e+06"; the page says whole numbers stay in digits."""
    app = {"appId": 1234567, "installationId": 76543210, "privateKeySecretRef": {"name": "gh"}}
    values = {"versionControlProvider": {"enabled": True, "auth": {"method": "app", "app": app}}}
    ours, theirs = _both(values)
    assert ours["VersionControlProvider/github"]["spec"]["auth"]["app"] == {
        "appId": "1234567", "installationId": "76543210",
        "privateKeySecretRef": {"name": "gh", "key": "privateKey"},
    }  # fmt: skip
    assert float(theirs["VersionControlProvider/github"]["spec"]["auth"]["app"]["appId"]) == 1234567
    assert _unexplained(values, ours, theirs) == []
