"""rolloutChecksums.enabled needs an entry for every Secret and ConfigMap the server pods
read: for each place values can name one, lint asks for the same entry Helm's render does.

The oracle is Helm: upstream 0.9.29's template check, which this chart keeps, refuses the
values and names the object; lint (the chart's rules in Python) must name the same one,
and with the entry added both accept.
"""

from __future__ import annotations

from typing import Any

import pytest

from schema_gen.contract import chart_rules
from schema_gen.contract.renders import deep_merge
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import render

_SUM = "0" * 64
# Where values name an object the server pods read, each with the object it names.
SOURCES: dict[str, tuple[dict[str, Any], str, str]] = {
    "database.secretRef": ({"database": {"secretRef": {"name": "db"}}}, "secrets", "db"),
    "database.caSecret": (
        {"database": {"url": "postgres://x", "caSecret": {"name": "ca"}}},
        "secrets",
        "ca",
    ),
    "agentComms.nats.userSecret": (
        {
            "database": {"url": "postgres://x"},
            "agentComms": {"enabled": True, "nats": {"userSecret": {"name": "nats"}}},
        },
        "secrets",
        "nats",
    ),
    "envFromSecretRefs": (
        {"database": {"url": "postgres://x"}, "envFromSecretRefs": [{"name": "extra"}]},
        "secrets",
        "extra",
    ),
    "envFromConfigMapRefs": (
        {"database": {"url": "postgres://x"}, "envFromConfigMapRefs": [{"name": "cfg"}]},
        "configMaps",
        "cfg",
    ),
    "env.secrets": (
        {
            "database": {"url": "postgres://x"},
            "env": {"secrets": [{"name": "TOKEN", "secretName": "tok", "key": "t"}]},
        },
        "secrets",
        "tok",
    ),
    "env.config": (
        {
            "database": {"url": "postgres://x"},
            "env": {"config": [{"name": "MODE", "configMapName": "modes", "key": "m"}]},
        },
        "configMaps",
        "modes",
    ),
    "extraVolumes secret": (
        {
            "database": {"url": "postgres://x"},
            "extraVolumes": [{"name": "certs", "volume": {"secret": {"secretName": "certs"}}}],
        },
        "secrets",
        "certs",
    ),
    "controlPlane.extraVolumes configMap": (
        {
            "database": {"url": "postgres://x"},
            "controlPlane": {
                "extraVolumes": [{"name": "hosts", "volume": {"configMap": {"name": "hosts"}}}]
            },
        },
        "configMaps",
        "hosts",
    ),
    "extraVolumes projected": (
        {
            "database": {"url": "postgres://x"},
            "extraVolumes": [
                {
                    "name": "bundle",
                    "volume": {"projected": {"sources": [{"secret": {"name": "bundle"}}]}},
                }
            ],
        },
        "secrets",
        "bundle",
    ),
}


@pytest.mark.parametrize(("values", "kind", "name"), SOURCES.values(), ids=SOURCES.keys())
def test_lint_asks_for_the_checksum_entry_helm_asks_for(values, kind, name):
    values = deep_merge(values, {"rolloutChecksums": {"enabled": True}})
    with pytest.raises(RenderRejected) as refused:
        render(values)
    assert f"agents/{name}" in refused.value.message  # Helm names the object
    said = chart_rules.chart_problems(values, "agents")
    assert any(f"agents/{name}" in problem for problem in said), said
    listed = deep_merge(
        values,
        {"rolloutChecksums": {kind: [{"name": name, "namespace": "agents", "checksum": _SUM}]}},
    )
    render(listed)  # Helm accepts it with the entry
    assert not [p for p in chart_rules.chart_problems(listed, "agents") if "rolloutChecksums" in p]
