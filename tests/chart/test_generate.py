"""`schema-gen generate` keeps the chart's generated files fresh; `--check` only reports."""

from __future__ import annotations

import shutil

import pytest

from schema_gen.cli import main
from schema_gen.generator.artifacts import chart_artifacts
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


def test_generate_refuses_a_template_that_renders_what_kubernetes_refuses(chart_copy, capsys):
    # A variable written on a line of its own, its integer left unquoted: `value: 50051`.
    env = chart_copy / "templates" / "_env.tpl"
    text = env.read_text(encoding="utf-8")
    quoted = '(list $vars "AGENTS_GRPC_PORT" (include "agents.int" $grpc.port))'
    assert quoted in text
    env.write_text(text.replace(quoted, '(list $vars "AGENTS_GRPC_PORT" $grpc.port)'))
    before = {p: p.read_bytes() for p in chart_copy.rglob("*") if p.is_file()}

    assert main(["generate", "--chart", str(chart_copy)]) == 2

    err = capsys.readouterr().err
    # The controllers' own line (the control plane's comes from grpc.*, in digits).
    assert (
        "controllers.enabled: Deployment/agents-controllers spec.template.spec.containers[0]" in err
    )
    assert "50051 is refused by Kubernetes" in err and "fix the template that writes it" in err
    assert "AGENTS_GRPC_PORT = 50051, not the number in digits, quoted" in err
    assert {p: p.read_bytes() for p in chart_copy.rglob("*") if p.is_file()} == before


def test_generate_refuses_a_typed_variable_written_without_its_form(chart_copy, capsys):
    env = chart_copy / "templates" / "_env.tpl"
    text = env.read_text(encoding="utf-8")
    typed = 'include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_QUEUE_REPO"'
    assert typed in text
    env.write_text(
        text.replace(typed, 'include "agents.var" (list $vars "AGENTS_CONTROLLER_QUEUE_REPO"')
    )

    assert main(["generate", "--check", "--chart", str(chart_copy)]) == 2

    err = capsys.readouterr().err
    assert "AGENTS_CONTROLLER_QUEUE_REPO is a typed variable (controller.queue.perRepo, int)" in err
    assert "nothing was written" in err
