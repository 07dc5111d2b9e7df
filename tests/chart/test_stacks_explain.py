"""``explain STACK``: each pod's variables, volumes and mounts, with the layer and line that
set each, rendered through Helm's SDK with the stack's release name and namespace."""

from __future__ import annotations

from pathlib import Path

from schema_gen.cli import main
from tests.shared.stacks import write_tree

KUSTOMIZATION = """helmCharts:
  - name: agents
    releaseName: agents-prod
    namespace: agents
    valuesFile: values.yaml
    additionalValuesFiles: [values-prod.yaml]
    valuesInline:
      env:
        vars:
          FROM_INLINE: "1"
"""
VALUES = """controllers:
  enabled: true
env:
  vars:
    FROM_FILE: "a"
extraVolumes:
  - name: corp-ca
    volume:
      configMap:
        name: corp-ca
"""
PROD = "extraVolumeMounts:\n  - name: corp-ca\n    mountPath: /etc/ssl/corp\ngrpc:\n  port: 50052\n"


def _explained(capsys, path: Path) -> tuple[int, list[str]]:
    status = main(["explain", str(path)])
    return status, capsys.readouterr().out.splitlines()


def test_explain_says_which_layer_and_line_set_each_thing(tmp_path, capsys):
    write_tree(tmp_path, {"kustomization.yaml": KUSTOMIZATION, "values.yaml": VALUES,
                          "values-prod.yaml": PROD})  # fmt: skip
    status, lines = _explained(capsys, tmp_path)
    assert status == 0
    assert lines[0] == f"{tmp_path}/kustomization.yaml:2: helmCharts[0] (release agents-prod)"
    assert "Deployment agents-prod (controlPlane)" in lines
    assert f"    AGENTS_GRPC_PORT=50052  [grpc.port from {tmp_path}/values-prod.yaml:5]" in lines
    assert f"    FROM_INLINE=1  [env.vars from {tmp_path}/kustomization.yaml:10]" in lines
    assert f"    FROM_FILE=a  [env.vars from {tmp_path}/values.yaml:5]" in lines
    assert "    NODE_ENV=production  [env.vars, the chart's default]" in lines
    assert f"    corp-ca (configMap)  [extraVolumes from {tmp_path}/values.yaml:7]" in lines
    mount = f"    /etc/ssl/corp <- corp-ca  [extraVolumeMounts from {tmp_path}/values-prod.yaml:2]"
    assert mount in lines


def test_explain_of_a_refused_stack_shows_the_problems_and_exits_1(tmp_path, capsys):
    prod = "extraVolumeMounts:\n  - name: missing\n    mountPath: /etc/x\n"
    write_tree(tmp_path, {"kustomization.yaml": KUSTOMIZATION, "values.yaml": VALUES,
                          "values-prod.yaml": prod})  # fmt: skip
    status, lines = _explained(capsys, tmp_path)
    assert status == 1
    assert any(line.startswith(f"{tmp_path}/values-prod.yaml:2: extraVolumeMounts[0]")
               for line in lines)  # fmt: skip
