"""The chart README, as GitHub and Artifact Hub show it: ordered like the best charts',
its example valid, its links pointing at pages the site has, its tables inside GitHub's
980 px column."""

from __future__ import annotations

import re

import yaml

from tests.conftest import main_container, pod_spec, render
from tests.shared.chart_readme import README


def test_its_extra_volumes_example_renders_the_mount_in_both_pods():
    section = README.split("## Extra volumes and mounts", 1)[1]
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    rendered = render({**example, "controllers": {"enabled": True}})
    for deployment in ("agents", "agents-controllers"):
        volumes = [v["name"] for v in pod_spec(rendered, deployment)["volumes"]]
        mounts = {m["name"]: m for m in main_container(rendered, deployment)["volumeMounts"]}
        assert "corp-ca" in volumes
        assert mounts["corp-ca"] == example["extraVolumeMounts"][0]
