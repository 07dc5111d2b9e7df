"""`schema-gen generate` keeps the chart's generated files fresh; `--check` only reports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schema_gen.build.artifacts import chart_artifacts
from schema_gen.cli import main
from schema_gen.contract import reserved as reserved_volume
from schema_gen.tools import helm_engine
from tests.conftest import CHART, REPO, load_yaml


def test_committed_generated_files_equal_a_fresh_generation():
    done = subprocess.run(
        [sys.executable, "-m", "schema_gen", "generate", "--check"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_check_names_each_stale_file_and_the_fix_and_writes_nothing(chart_copy, capsys):
    schema = chart_copy / "values.schema.json"
    values = chart_copy / "values.yaml"
    schema.write_text(schema.read_text().replace('"maxLength": 63', '"maxLength": 64'))
    values.write_text(values.read_text() + "# hand edit\n")
    before = {p: p.read_bytes() for p in (schema, values)}

    assert main(["generate", "--check", "--chart", str(chart_copy)]) == 1

    err = capsys.readouterr().err
    assert f"stale: {schema}" in err and f"stale: {values}" in err
    assert f"schema-gen generate --chart {chart_copy}" in err
    assert {p: p.read_bytes() for p in before} == before


def test_generate_restores_every_wholly_generated_file(chart_copy):
    owned = [a.path for a in chart_artifacts(chart_copy) if a.path.name != "README.md"]
    for path in owned:
        path.unlink()
    assert main(["generate", "--chart", str(chart_copy)]) == 0
    for path in owned:
        assert path.read_bytes() == (CHART / path.relative_to(chart_copy)).read_bytes()
    assert main(["generate", "--check", "--chart", str(chart_copy)]) == 0


def test_a_directory_without_chart_yaml_is_refused(tmp_path, capsys):
    assert main(["generate", "--chart", str(tmp_path)]) == 2
    assert "not a chart directory" in capsys.readouterr().err


def test_a_variable_no_template_writes_gets_no_config_mapping_row(chart_copy, capsys):
    env = chart_copy / "templates" / "_env.tpl"
    lines = env.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if '"AGENTS_CONTROLLER_RATE_CLUSTER"' not in line]
    assert len(kept) == len(lines) - 1
    env.write_text("".join(kept), encoding="utf-8")
    before = {p: p.read_bytes() for p in chart_copy.rglob("*") if p.is_file()}

    assert main(["generate", "--chart", str(chart_copy)]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"{env}:1: AGENTS_CONTROLLER_RATE_CLUSTER is declared on "
                          "controller.rate.cluster")  # fmt: skip
    assert {p: p.read_bytes() for p in chart_copy.rglob("*") if p.is_file()} == before


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


def test_crlf_readme_keeps_its_line_endings_and_non_utf8_is_refused_untouched(chart_copy, capsys):
    readme = chart_copy / "README.md"
    crlf = readme.read_bytes().replace(b"\n", b"\r\n").replace(b"| Reserved name |", b"| Old |")
    readme.write_bytes(crlf)
    assert main(["generate", "--chart", str(chart_copy)]) == 0
    written = readme.read_bytes()
    assert b"| Reserved name |" in written and b"| Old |" not in written
    assert written.count(b"\n") == written.count(b"\r\n")  # every line still ends in CRLF
    readme.write_bytes(b"\xff not utf-8\n" + written)
    values = (chart_copy / "values.yaml").read_bytes()
    (chart_copy / "values.yaml").write_bytes(values + b"# stale\n")
    assert main(["generate", "--chart", str(chart_copy)]) == 2
    assert f"{readme}:1: not UTF-8" in capsys.readouterr().err
    assert (chart_copy / "values.yaml").read_bytes() == values + b"# stale\n"  # nothing written


def test_an_invalid_schema_file_is_an_error_with_its_line(chart_copy, capsys):
    schema = chart_copy / "values.schema.json"
    schema.write_text('{\n  "a": 1,\n  oops\n}\n')
    assert main(["generate", "--chart", str(chart_copy)]) == 2
    assert f"{schema}:3: not valid JSON" in capsys.readouterr().err


def _printed(chart: Path, sample: Path) -> str:
    try:
        helm_engine.render(chart, load_yaml(sample))
    except helm_engine.RenderRejected as error:
        return error.message
    return "renders"


def test_one_generate_leaves_a_tree_a_check_from_an_empty_cache_passes(tmp_path):
    chart = Path(shutil.copytree(CHART, tmp_path / "charts" / "agents"))
    docs = Path(shutil.copytree(REPO / "docs", tmp_path / "docs"))
    reserved = chart / "templates" / "_reserved.tpl"
    # A hand edit moves the chart-managed CA onto the sample's mount (or off it), which
    # changes what Helm prints for the sample: a page rendered against the chart on disk
    # would be stale once the template is regenerated.
    sample = docs / "troubleshooting" / "r4-mount-path-of-chart-managed-ca.yaml"
    taken = load_yaml(sample)["controlPlane"]["extraVolumeMounts"][0]["mountPath"]
    ca = f'"{reserved_volume.DB_CA.mount_path}"'
    reserved.write_text(
        reserved.read_text().replace(ca, '"/elsewhere"' if ca == f'"{taken}"' else f'"{taken}"')
    )
    assert _printed(chart, sample) != _printed(CHART, sample)
    args = ["--chart", str(chart), "--docs", str(docs)]

    assert main(["generate", *args]) == 0

    assert reserved.read_bytes() == (CHART / "templates" / "_reserved.tpl").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "schema_gen", "generate", "--check", *args],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")


def test_check_reads_what_it_checks_not_a_record_of_it(tmp_path):
    """A changed input fails the check though its size and mtime are kept, and nothing is
    cached: every run starts from the files themselves."""
    chart = Path(shutil.copytree(CHART, tmp_path / "charts" / "agents"))
    docs = Path(shutil.copytree(REPO / "docs", tmp_path / "docs"))
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    check = [sys.executable, "-m", "schema_gen", "generate", "--check"]
    check += ["--chart", str(chart), "--docs", str(docs)]

    def checked() -> subprocess.CompletedProcess:
        return subprocess.run(check, cwd=tmp_path, env=env, capture_output=True, text=True)

    assert checked().returncode == 0
    sample = docs / "troubleshooting" / "r3-duplicate-volume-name.yaml"
    before = sample.stat()
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("name: ", "name: x", 1)[:-1], encoding="utf-8")  # same size
    assert sample.stat().st_size == before.st_size
    os.utime(sample, ns=(before.st_atime_ns, before.st_mtime_ns))
    done = checked()
    assert done.returncode == 1 and "stale: " in done.stderr and "troubleshooting.md" in done.stderr
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()


def test_generate_says_what_it_wrote_in_one_line_unless_quiet(chart_copy, capsys):
    from schema_gen.cli import main

    (chart_copy / "values.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["generate", "--chart", str(chart_copy)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert len(said) == 1 and said[0].startswith("wrote 1 generated file: "), said
    assert said[0].endswith("values.schema.json")
    assert main(["generate", "--chart", str(chart_copy)]) == 0
    assert capsys.readouterr().out == "every generated file was current; nothing written\n"
    assert main(["generate", "-q", "--check", "--chart", str(chart_copy)]) == 0
    assert capsys.readouterr().out == ""
