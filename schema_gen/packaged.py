"""The chart schema-gen was built with: in the installed package, or beside it in a checkout.

A wheel carries ``charts/agents`` as ``schema_gen/chart``; an editable install or a
source tree finds it at ``charts/agents`` next to the package. Either way ``explain``
renders the chart that matches the models doing the checking, from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A checkout's chart, docs and README, relative to its top: what `generate` writes by default.
CHECKOUT_CHART = Path("charts/agents")
CHECKOUT_DOCS = Path("docs")
CHECKOUT_README = Path("README.md")  # its install section is generated
# Lint's compiled contract, written by schema_gen.generator.compiled.
CONTRACT = _PACKAGE / "generated" / "values_contract.py"


def chart() -> Path:
    """Return the directory of the chart this schema-gen ships with."""
    installed = _PACKAGE / "chart"
    if (installed / "Chart.yaml").is_file():
        return installed
    return _PACKAGE.parent / "charts" / "agents"


def chart_version(chart_dir: Path | None = None) -> str:
    """Return the version in the chart's Chart.yaml (by default, the chart shipped with)."""
    import yaml

    meta = yaml.safe_load(((chart_dir or chart()) / "Chart.yaml").read_text(encoding="utf-8"))
    return str(meta["version"])
