"""`schema-gen generate` keeps the chart's generated files fresh; `--check` only reports."""

from __future__ import annotations

from schema_gen.cli import main


def test_a_directory_without_chart_yaml_is_refused(tmp_path, capsys):
    assert main(["generate", "--chart", str(tmp_path)]) == 2
    assert "not a chart directory" in capsys.readouterr().err
