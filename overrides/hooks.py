"""mkdocs hook: the files the site publishes besides its pages.

The editor schemas of the chart in this checkout go to ``schemas/<chart version>/``,
the address its ``values.yaml`` modeline and the docs name (``schema_gen.project``),
and Artifact Hub's repository file goes beside the Helm repository's index, in
``charts/``. Earlier versions' schemas and the index itself live on the gh-pages
branch, which the release workflow keeps and the docs workflow lays over the site.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "agents"
SCHEMAS = ("values.schema.json", "values.override.schema.json")
ARTIFACT_HUB = ROOT / "charts" / "artifacthub-repo.yml"


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    meta = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    schemas = site / "schemas" / str(meta["version"])
    schemas.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        shutil.copyfile(CHART / name, schemas / name)
    (site / "charts").mkdir(exist_ok=True)
    shutil.copyfile(ARTIFACT_HUB, site / "charts" / ARTIFACT_HUB.name)
