"""Generated docs: sections between markers only, hand-written text kept, errors with lines."""

from __future__ import annotations

from tests.conftest import CHART, CONTROL_PLANE, CONTROLLERS, load_yaml, render


def test_the_controllers_only_ca_recipe_leaves_the_control_plane_alone():
    rendered = render(load_yaml(CHART / "ci" / "recipe-controllers-ca-values.yaml"))

    def pod(name: str) -> tuple[set[str], set[str], set[str]]:
        spec = rendered.get("Deployment", name)["spec"]["template"]["spec"]
        container = spec["containers"][0]
        return (
            {v["name"] for v in spec.get("volumes") or []},
            {m["mountPath"] for m in container.get("volumeMounts") or []},
            {e["name"] for e in container.get("env") or []},
        )

    volumes, mounts, env = pod(CONTROLLERS)
    assert "corp-ca" in volumes and "/etc/ssl/corp" in mounts and "NODE_EXTRA_CA_CERTS" in env
    volumes, mounts, env = pod(CONTROL_PLANE)
    assert "corp-ca" not in volumes and "/etc/ssl/corp" not in mounts
    assert "NODE_EXTRA_CA_CERTS" not in env
