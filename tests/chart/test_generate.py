"""`schema-gen generate` keeps the chart's generated files fresh; `--check` only reports."""

from __future__ import annotations

import shutil

import pytest

from schema_gen.cli import main
from tests.conftest import CHART, REPO


@pytest.mark.parametrize("spelling", ["relative", "absolute", "dotted"])
def test_check_finds_a_stale_docs_page_however_the_chart_is_spelled(
    tmp_path, monkeypatch, capsys, spelling
):
    shutil.copytree(CHART, tmp_path / "charts" / "agents")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "docs" / "generated" / "values-reference.md"
    page.write_text(page.read_text() + "stale\n")
    chart = {
        "relative": "charts/agents",
        "absolute": str(tmp_path / "charts" / "agents"),
        "dotted": "./charts/../charts/agents/",
    }[spelling]
    assert main(["generate", "--check", "--chart", chart]) == 1
    assert "values-reference.md" in capsys.readouterr().err
