"""The record that lets `generate --check` skip generating: trusted only while nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schema_gen import record
from schema_gen.cli import main
from tests.conftest import REPO


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chart_copy: Path) -> tuple[Path, Path]:
    """A chart and docs copy, generated once, with its record in a private cache."""
    monkeypatch.setenv("SCHEMA_GEN_CACHE", str(tmp_path / "cache"))
    docs = Path(shutil.copytree(REPO / "docs", tmp_path / "docs"))
    assert main(["generate", "--chart", str(chart_copy), "--docs", str(docs)]) == 0
    assert record.trusted(chart_copy, docs)
    return chart_copy, docs


def _check(chart: Path, docs: Path) -> int:
    return main(["generate", "--check", "--chart", str(chart), "--docs", str(docs)])


def test_an_unchanged_tree_is_checked_from_the_record(tree, monkeypatch):
    chart, docs = tree

    def generation_ran(*_args, **_kwargs):
        raise AssertionError("the check generated although the record matched")

    monkeypatch.setattr("schema_gen.artifacts.stale_files", generation_ran)
    assert _check(chart, docs) == 0


def test_a_changed_input_that_stales_a_page_fails_the_check(tree, capsys):
    chart, docs = tree
    sample = docs / "troubleshooting" / "r3-duplicate-global.yaml"
    # The page shows each sample's values, so a new key makes it stale.
    sample.write_text(sample.read_text() + "controlPlane:\n  env:\n    vars: {A: b}\n", "utf-8")
    assert not record.trusted(chart, docs)
    assert _check(chart, docs) == 1
    assert "troubleshooting.md" in capsys.readouterr().err


def test_a_hand_edited_generated_file_fails_the_check(tree, capsys):
    chart, docs = tree
    values = chart / "values.yaml"
    values.write_text(values.read_text() + "# an edit\n", "utf-8")
    assert _check(chart, docs) == 1
    assert f"stale: {values}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "change",
    ["a template", "the engine", "the generator's source", "a damaged record"],
)
def test_any_change_to_what_generation_reads_misses_the_record(tree, monkeypatch, change):
    chart, docs = tree
    if change == "a template":
        helpers = chart / "templates" / "_helpers.tpl"
        helpers.write_text(helpers.read_text() + "{{- /* a comment */ -}}\n", "utf-8")
    elif change == "the engine":  # another Helm binary or package build
        monkeypatch.setattr(record, "_engine", lambda: ["helm v9.9.9"])
    elif change == "the generator's source":
        source = chart.parent / "schema_gen"
        shutil.copytree(record._SOURCE, source)
        edited = source / "reference_docs.py"
        edited.write_text(edited.read_text() + "\n# edit\n")
        monkeypatch.setattr(record, "_SOURCE", source)
    else:
        for path in record.cache_dir().glob("*.json"):
            path.write_text("{not json", "utf-8")
    assert not record.trusted(chart, docs)
    assert _check(chart, docs) == 0  # nothing is stale: the full check passes, and records
    assert record.trusted(chart, docs)


@pytest.fixture
def values_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCHEMA_GEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "values.yaml"
    path.write_text("extraVolumeMounts:\n  - name: missing\n    mountPath: /m\n", "utf-8")
    return path


def _lint(capsys, *args: str) -> tuple[int, str]:
    status = main(["lint", *args])
    return status, capsys.readouterr().out


def test_lint_recalls_its_verdict_on_unchanged_files(values_file, capsys, monkeypatch):
    first = _lint(capsys, str(values_file))
    assert first[0] == 1 and 'volume "missing" is not defined' in first[1]

    def linted(*_args, **_kwargs):
        raise AssertionError("lint ran although nothing changed")

    monkeypatch.setattr("schema_gen.lint.report", linted)
    assert _lint(capsys, str(values_file)) == first


@pytest.mark.parametrize("change", ["the file", "the chart defaults", "the generator's source"])
def test_lint_runs_again_when_anything_it_read_changes(
    values_file, capsys, monkeypatch, chart_copy, change
):
    args = [str(values_file), "--chart", str(chart_copy)]
    assert _lint(capsys, *args)[0] == 1
    if change == "the file":
        values_file.write_text("extraVolumes: []\n", "utf-8")
    elif change == "the chart defaults":
        defaults = chart_copy / "values.yaml"
        defaults.write_text(defaults.read_text() + "# a comment\n", "utf-8")
    else:
        source = values_file.parent / "schema_gen"
        shutil.copytree(record._SOURCE, source)
        (source / "lint.py").write_text((source / "lint.py").read_text() + "\n# edit\n")
        monkeypatch.setattr(record, "_SOURCE", source)
    ran = []
    real = __import__("schema_gen.lint", fromlist=["report"]).report
    monkeypatch.setattr("schema_gen.lint.report", lambda *a: ran.append(1) or real(*a))
    status, _out = _lint(capsys, *args)
    assert ran == [1]
    assert status == (0 if change == "the file" else 1)
