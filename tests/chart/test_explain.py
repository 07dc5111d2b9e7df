"""`schema-gen explain` shows what each pod gets, and which values key gave it."""

from __future__ import annotations

import json

import pytest

from schema_gen.contract.components import every_deployment
from tests.conftest import CHART, render
from tests.shared.explain import _explain

SAMPLES = sorted((CHART / "ci").glob("*-values.yaml"))


def test_gitops_desired_state_with_recipes(capsys):
    status, lines, _err = _explain(
        capsys,
        CHART / "ci" / "gitops-values.yaml",
        CHART / "ci" / "recipe-ca-bundle-values.yaml",
        CHART / "ci" / "recipe-ssh-known-hosts-values.yaml",
    )
    assert status == 0
    controllers = lines[lines.index("Deployment agents-controllers (controllers)") :]
    control_plane = lines[: lines.index("Deployment agents-controllers (controllers)")]
    assert "    AGENTS_MIGRATIONS=skip  [forced by the chart]" in controllers
    assert "    AGENTS_PRIMITIVES_NAMESPACES=agents  [controller.namespaces]" in controllers
    assert "    DATABASE_URL=<Secret agents-db-app, key uri>  [database.secretRef]" in control_plane
    assert "    AGENTS_GRPC_ENABLED=true  [grpc.enabled]" in control_plane
    assert "    GITHUB_TOKEN=<Secret github-token, key token>  [env.secrets]" in control_plane
    assert "    GITHUB_TOKEN=<Secret github-token, key token>  [env.secrets]" in controllers
    assert "    ssh-known-hosts (secret)  [controllers.extraVolumes]" in controllers
    assert not any("ssh-known-hosts" in line for line in control_plane)
    assert "    corp-ca (configMap)  [extraVolumes]" in control_plane
    assert (
        '    /etc/ssh/ssh_known_hosts <- ssh-known-hosts (readOnly=true, subPath="known_hosts")'
        "  [controllers.extraVolumeMounts]" in controllers
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_line_names_its_source(sample, capsys):
    status, lines, _err = _explain(capsys, sample)
    assert status == 0
    assert not [line for line in lines if line.endswith("[?]")]


def test_chart_managed_ca_is_labelled(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("database:\n  caSecret:\n    name: pg-ca\n")
    _status, lines, _err = _explain(capsys, values)
    assert "    db-ca-cert (secret)  [chart-managed (database.caSecret)]" in lines
    assert (
        "    /etc/agents/ca <- db-ca-cert (readOnly=true)  [chart-managed (database.caSecret)]"
        in lines
    )


# Names Helm renders with: explain finds each Deployment by what was rendered.
NAMES = [
    {},
    {"nameOverride": "custom"},
    {"nameOverride": "agent"},  # contained in the release name: the full name is the release's
    {"nameOverride": "agents-controllers"},
    {"fullnameOverride": "custom"},
    {"fullnameOverride": "x-controllers"},  # ends like the controllers' suffix
    {"fullnameOverride": "a" * 63},
    {"nameOverride": "n", "fullnameOverride": "f"},
]


@pytest.mark.parametrize("every", [False, True], ids=["control-plane-only", "every-deployment"])
@pytest.mark.parametrize("names", NAMES, ids=lambda n: ",".join(f"{k}={v}" for k, v in n.items()))
def test_explain_names_each_deployment_helm_renders(names, every, tmp_path, capsys):
    values = {**names, **(every_deployment() if every else {})}
    rendered = render(values).objects
    by_component = {  # what each Deployment runs, read from its pods, not its name
        "controlPlane": "agents-control-plane",
        "controllers": "agents-controllers",
    }
    expected = []
    for obj in rendered:
        if obj["kind"] != "Deployment":
            continue
        container = obj["spec"]["template"]["spec"]["containers"][0]
        profile = {e["name"]: e.get("value") for e in container.get("env", [])}.get(
            "AGENTS_SERVER_PROFILE"
        )
        key = next((k for k, p in by_component.items() if p == profile), None)
        key = key or ("linearMcpGateway" if container["name"] == "gateway" else "agentsShell")
        expected.append(f"Deployment {obj['metadata']['name']} ({key})")
    path = tmp_path / "values.yaml"
    path.write_text(json.dumps(values))
    status, lines, err = _explain(capsys, path)
    assert (status, err) == (0, "")
    headings = [line for line in lines if line.startswith("Deployment ")]
    assert sorted(headings) == sorted(expected)
    assert len(headings) == (4 if every else 1)


def test_env_from_sources_are_shown_in_each_pod(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text(
        "controllers: {enabled: true}\nenvFromSecretRefs: [gh-token, other]\n"
        "envFromConfigMapRefs: [settings]\n"
    )
    status, lines, _err = _explain(capsys, values)
    assert status == 0
    expected = [
        "  envFrom (a variable under env wins over these):",
        "    all keys of Secret gh-token  [envFromSecretRefs]",
        "    all keys of Secret other  [envFromSecretRefs]",
        "    all keys of ConfigMap settings  [envFromConfigMapRefs]",
    ]
    starts = [i for i, line in enumerate(lines) if line == expected[0]]
    assert len(starts) == 2  # both pods
    for start in starts:
        assert lines[start : start + len(expected)] == expected


def test_the_gitops_sample_shows_its_token_secret(capsys):
    _status, lines, _err = _explain(capsys, CHART / "ci" / "gitops-values.yaml")
    assert "    all keys of Secret agents-github-token-env  [envFromSecretRefs]" in lines


def test_the_release_namespace_is_the_one_helm_installs_into(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text(
        "linearMcpGateway:\n  enabled: true\n  databaseSecret: {name: db}\n"
        "  config: {namespace: team-a}\n"
    )
    # In the namespace the gateway names, Helm renders: so does explain, there.
    status, lines, err = _explain(capsys, values, "-n", "team-a")
    assert (status, err) == (0, "")
    assert "    LINEAR_MCP_NAMESPACE=team-a  [linearMcpGateway.config.namespace]" in lines
    # Anywhere else Helm refuses (R16), and explain says so, naming the key.
    status, lines, _err = _explain(capsys, values, "-n", "team-b")
    assert status == 1
    assert any("linearMcpGateway.config.namespace" in line and "team-b" in line for line in lines)


def test_without_n_explain_judges_in_helms_default_namespace(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("controller:\n  namespaces: [other]\n")
    # helm template without -n refuses it: "the Role is in the release namespace, default".
    status, lines, _err = _explain(capsys, values, namespace=None)
    assert status == 1
    assert any("release namespace, default" in line for line in lines), lines
    status, _lines, _err = _explain(capsys, values, "-n", "other")
    assert status == 0


def test_a_whole_float_past_int64_is_an_integer_as_helm_takes_it(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("tests:\n  timeoutSeconds: 1e300\n")  # helm template renders it
    status, lines, err = _explain(capsys, values, namespace=None)
    assert (status, err) == (0, ""), lines
