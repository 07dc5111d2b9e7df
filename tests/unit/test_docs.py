"""Generated docs: sections between markers only, hand-written text kept, errors with lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schema_gen.cli import main
from schema_gen.contract.model_fields import walk
from schema_gen.contract.models import Values
from schema_gen.generator import markers, reference_docs
from tests.conftest import CHART, load_yaml

SECTIONS = {"one": "generated one\n", "two": "generated two\n"}


HAND = (
    "# Title\r\n\r\nhand text with trailing spaces   \n"
    "<!-- schema-gen:start one -->\nold\n<!-- schema-gen:end one -->\n"
    "middle\tline\n"
    "<!-- schema-gen:start two -->\n<!-- schema-gen:end two -->\n"
    "last line without newline"
)


def _outside(text: str) -> str:
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("<!-- schema-gen:end"):
            inside = False
        if not inside:
            kept.append(line)
        if line.startswith("<!-- schema-gen:start"):
            inside = True
    return "".join(kept)


def test_text_outside_the_markers_survives_byte_for_byte():
    result = markers.filled(Path("R.md"), HAND, SECTIONS)
    assert _outside(result) == _outside(HAND)
    assert "generated one\n" in result and "old" not in result
    assert markers.filled(Path("R.md"), result, SECTIONS) == result


def test_chart_readme_hand_text_survives_regeneration(chart_copy):
    readme = chart_copy / "README.md"
    edited = readme.read_text().replace("## Values\n", "## Values\n\nAn operator's note.\n")
    readme.write_text(edited)
    assert main(["generate", "--chart", str(chart_copy)]) == 0
    assert readme.read_text() == edited


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("a\n<!-- schema-gen:start one -->\nx\n", 2, 'section "one" has no end marker'),
        ("<!-- schema-gen:end one -->\n", 1, 'end of "one" without its start'),
        ("a\n\n<!-- schema-gen:strat one -->\n", 3, "damaged marker"),
        ("<!-- schema-gen:start one -->\n<!-- schema-gen:start two -->\n", 2, "starts inside"),
        ("<!-- schema-gen:start one -->\n<!-- schema-gen:end one -->\n", 1, 'no section "two"'),
        (
            "<!-- schema-gen:start one -->\n<!-- schema-gen:end one -->\n" * 2,
            3,
            'section "one" appears twice',
        ),
    ],
)
def test_missing_or_damaged_markers_are_errors_with_file_and_line(text, line, why):
    with pytest.raises(markers.MarkerError) as caught:
        markers.filled(Path("README.md"), text, SECTIONS)
    assert str(caught.value).startswith(f"README.md:{line}: ")
    assert why in str(caught.value)


def test_generate_refuses_a_damaged_readme_and_leaves_it_alone(chart_copy, capsys):
    readme = chart_copy / "README.md"
    broken = readme.read_text().replace("<!-- schema-gen:end volume-mapping -->\n", "")
    readme.write_text(broken)
    assert main(["generate", "--chart", str(chart_copy)]) == 2
    assert f"{readme}:" in capsys.readouterr().err
    assert readme.read_text() == broken


def test_reference_lists_every_key_of_values_yaml():
    reference = reference_docs.values_reference_md()
    defaults = load_yaml(CHART / "values.yaml")
    fields = {at.dotted for at in walk(Values)}

    def keys(node, prefix=""):
        for key, value in node.items():
            yield f"{prefix}{key}"
            # A map's own entries (labels, env vars) are data, not keys of the chart.
            nested = any(f.startswith(f"{prefix}{key}.") for f in fields)
            if isinstance(value, dict) and value and nested:
                yield from keys(value, f"{prefix}{key}.")

    for key in keys(defaults):  # a row, or the heading of its area's section
        assert f"| `{key}` |" in reference or f"### `{key}`\n" in reference, key


def _reference_types(reference: str) -> dict[str, str]:
    # The README's rows: | `key` | *type*, default ... |
    return dict(re.findall(r"^\| `([^`]+)` \| \*(.+?)\*, ", reference, re.M))


def test_reference_types_are_words_an_operator_reads():
    reference = reference_docs.values_reference_md()
    types = _reference_types(reference)
    assert len(types) == reference.count("\n| `")  # every row has its type first
    assert types["autoscaling.targetMemoryUtilizationPercentage"] == "integer"  # Optional
    assert types["controlPlane.image.pullPolicy"] == (
        'one of `Always`, `IfNotPresent`, `Never`, `""`'  # a Literal[""] in a union
    )
    assert types["resources.limits"] == "map of string to quantity"
    assert types["affinity"] == "Kubernetes Affinity"  # checked against its definition
    assert types["tolerations"] == "list of Kubernetes Toleration"
    assert types["extraVolumes[].volume"] == "Kubernetes VolumeSource"
    pythonish = re.compile(r"\b(Union|Optional|str|int|float|NoneType|Any)\b|\\\|")
    python = [(key, kind) for key, kind in types.items() if pythonish.search(kind)]
    assert not python, python


def test_site_reference_anchors_every_key_and_the_readme_stays_plain_markdown():
    site = reference_docs.values_reference_md(site=True)
    readme = reference_docs.values_reference_md()
    for at in walk(Values, into_lists=True):
        if at.path[0] != "global" and not (len(at.path) == 1 and at.nested):
            anchor = reference_docs.key_anchor_id(at.dotted)
            assert f'id="{anchor}" href="#{anchor}"' in site, at.dotted
    assert "<" not in readme.replace("&lt;", "")  # GitHub and Artifact Hub show it as is
    assert "controlPlane.<wbr>extraVolumes" in site  # wraps at its dots


def test_markers_written_by_the_generator_are_the_ones_it_reads():
    text = f"intro\n{markers.start_marker('one')}\n{markers.end_marker('one')}\nend\n"
    assert markers.filled(Path("R.md"), text, {"one": "body\n"}) == (
        f"intro\n{markers.start_marker('one')}\nbody\n{markers.end_marker('one')}\nend\n"
    )


def test_the_chart_readme_marks_its_sections_with_the_generators_markers():
    lines = (CHART / "README.md").read_text(encoding="utf-8").splitlines()
    for name in ("chart-facts", "reserved-names", "values-reference", "volume-mapping"):
        assert markers.start_marker(name) in lines and markers.end_marker(name) in lines


def test_prose_that_mentions_a_marker_is_not_one():
    text = "Sections sit between `<!-- schema-gen:start NAME -->` lines.\n" + (
        f"{markers.start_marker('one')}\n{markers.end_marker('one')}\n"
    )
    assert markers.filled(Path("R.md"), text, {"one": "x\n"}).startswith(text.splitlines()[0])


def test_the_migration_page_shows_migrate_run_on_a_0_9_1_file():
    from schema_gen.generator.migration_docs import SAMPLE, migration_run

    text = (CHART.parent.parent / "docs" / SAMPLE).read_text(encoding="utf-8")
    status, out, err = migration_run(text)
    assert status == 0 and "JANGAR_" in text and "JANGAR_" not in out
    assert "values.yaml: renamed env.vars.JANGAR_GRPC_PORT to AGENTS_GRPC_PORT" in err
    page = (CHART.parent.parent / "docs" / "generated" / "migrating.md").read_text()
    assert err.strip() in page  # generate --check holds the rest of the page current
