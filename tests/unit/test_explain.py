"""`schema-gen explain` shows what each pod gets, and which values key gave it."""

from __future__ import annotations

from tests.conftest import TROUBLESHOOTING
from tests.shared.explain import _explain


def test_problems_are_reported_as_lint_does(capsys):
    sample = TROUBLESHOOTING / "r3-duplicate-volume-name.yaml"
    status, lines, _err = _explain(capsys, sample)
    assert status == 1
    assert lines and all(line.startswith(f"{sample}:") for line in lines)


def test_unparseable_file_exits_2(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("a: [\n")
    status, _lines, err = _explain(capsys, values)
    assert status == 2 and err.startswith(f"{values}:")
