"""What a key's description promises for an empty or zero value is what the chart renders.

Descriptions reach operators in values.yaml, the values reference and their editor. Many
say what an empty or zero value means: "empty = 30s", "0 = the default (200)", "empty =
the release namespace". Each such claim that names a value is checked by rendering the
chart twice, once with the empty value and once with the value the description names:
the two renders must be the same objects as the API server stores them. The oracle is
the description's own words.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from schema_gen.contract import components
from schema_gen.contract.model_fields import walk
from schema_gen.contract.models import Values
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import render

# Words a description uses for a value it names; any other words are not a value.
_NAMED = {"the release namespace": components.NAMESPACE}
_CLAIM = re.compile(
    r"(?:^|[;(,] ?|\. )(?P<empty>empty|0) = (?:the default \((?P<default>[^)]+)\)|"
    r"`?(?P<literal>[^\s;,()`]+?)`?(?=[.;,)]?(?:\s|$))|(?P<words>the release namespace))"
)
# Values that let a key render at all: every optional Deployment, the objects that
# are off by default, a VersionControlProvider, the loops' namespaces.
CONTEXT: dict[str, Any] = {
    **components.every_deployment(),
    "versionControlProvider": {"enabled": True},
    "metrics": {"serviceMonitor": {"enabled": True}},
    "argocdHooks": {"enabled": True},
    "resourceQuota": {"enabled": True},
    "limitRange": {"enabled": True},
}


# Words that follow "empty =" without naming a value ("empty = none", "= not set").
_WORDS = {"the", "not", "none", "off", "any", "unset", "Kubernetes'"}


def _claims() -> list[tuple[str, Any, Any]]:
    found = []
    keys = {at.dotted for at in walk(Values)}
    for at in walk(Values):
        if "[]" in at.dotted:
            continue
        for match in _CLAIM.finditer(at.field.description or ""):
            empty: Any = 0 if match["empty"] == "0" else ""
            named = match["default"] or match["literal"] or _NAMED.get(match["words"] or "")
            # A key named instead of a value ("empty = image.tag") takes that key's value.
            if named is None or named in _WORDS or named in keys or named.startswith("{"):
                continue
            if "<" in named:  # a placeholder ("<agentRun's name>")
                continue
            if empty == 0 or (isinstance(at.field.default, int) and named.isdigit()):
                named = int(named.replace(",", "")) if named.replace(",", "").isdigit() else None
            if named is not None:
                found.append((at.dotted, empty, named))
    return found


CLAIMS = _claims()


def _with(path: str, value: Any) -> dict[str, Any]:
    node: Any = value
    for key in reversed(path.split(".")):
        node = {key: node}
    merged = dict(CONTEXT)
    top = next(iter(node))
    if isinstance(merged.get(top), dict) and isinstance(node[top], dict):
        merged[top] = {**merged[top], **node[top]}
    else:
        merged.update(node)
    return merged


def _stored(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return ``objects`` as the API server stores them, for the defaults descriptions name:
    a Deployment's empty strategy type is RollingUpdate (SetDefaults_Deployment), an
    HTTP probe's empty path is "/" (SetDefaults_HTTPGetAction)."""
    for obj in objects:
        if obj["kind"] != "Deployment":
            continue
        spec = obj["spec"]
        if "strategy" in spec and not spec["strategy"].get("type"):
            spec["strategy"]["type"] = "RollingUpdate"
        for container in spec["template"]["spec"]["containers"]:
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                action = (container.get(probe) or {}).get("httpGet")
                if action is not None and not action.get("path"):
                    action["path"] = "/"
    return objects


def test_the_descriptions_make_claims_this_test_can_check():
    paths = {path for path, _empty, _named in CLAIMS}
    assert {"metrics.serviceMonitor.interval", "controller.queue.perNamespace"} <= paths
    assert len(CLAIMS) > 20


@pytest.mark.parametrize(
    ("path", "empty", "named"), CLAIMS, ids=[f"{p}={e!r}->{n!r}" for p, e, n in CLAIMS]
)
def test_an_empty_value_renders_what_its_description_says(path, empty, named):
    try:
        as_named = render(_with(path, named))
    except RenderRejected as error:
        pytest.fail(f"the value the description names is refused: {error.message[:200]}")
    try:
        as_empty = render(_with(path, empty))
    except RenderRejected:
        pytest.skip("the empty value is refused, so it means nothing")
    assert _stored(as_empty.objects) == _stored(as_named.objects)
