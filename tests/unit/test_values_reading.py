"""Values files are read as the Helm CLIs read them: encodings, control characters, several
documents, standard input and pipes, size, and files that cannot be read at all.

Each case states lint's verdict and each Helm's (checked against the CLIs where they are
installed: tests/helm_clis.py). Where Helm 3 and Helm 4 disagree, lint takes the refusal,
saying which Helm refuses: the chart supports both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_gen.cli import main
from schema_gen.tools import values_files
from tests.shared.values_reading import CASES, GRPC, UNKNOWN, Case, _lint, _stdin


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_lint_reads_each_file_as_helm_does(case: Case, tmp_path, capsys):
    path = tmp_path / "values.yaml"
    path.write_bytes(case.raw)
    status, out, err = _lint(capsys, str(path))
    assert status == case.lint, out + err
    # The verdict is both Helms' where they agree, and the refusal where they do not.
    assert (case.lint == 0) == (case.helm3 and case.helm4)
    printed = err if case.lint == 2 else out
    assert "Traceback" not in out + err
    if case.says:
        assert f"{path}{case.says}" in printed, printed
    elif case.lint == 0:
        assert printed == ""
    if case.helm3 != case.helm4 and case.lint == 1:  # a problem one Helm has says which
        assert f"(with Helm {3 if case.helm4 else 4})" in printed


def test_a_second_dash_finds_standard_input_read(monkeypatch, capsys, tmp_path):
    # helm -f - -f -: the second read of stdin finds it at its end; the first file's
    # values stand, and a file between them is merged in order.
    middle = tmp_path / "middle.yaml"
    middle.write_text("grpc:\n  enabled: false\n")
    _stdin(monkeypatch, UNKNOWN.encode())
    status, out, _err = _lint(capsys, "-", str(middle), "-")
    assert status == 1 and out.startswith("-:1: nope:")
    sources = values_files.read_sources([Path("-"), Path("-")])
    assert [s.raw for s in sources] == [b"", b""]  # stdin is spent: nothing is read twice


def test_the_limit_is_applied_while_reading(monkeypatch, capsys):
    stream = _stdin(monkeypatch, b"#" * (values_files.MAX_BYTES + 100))
    assert _lint(capsys, "-")[0] == 2
    assert stream.tell() == values_files.MAX_BYTES + 1  # the read stopped there


def test_a_file_without_permission(tmp_path, capsys, monkeypatch):
    # Tests run as root, which chmod does not stop: the refusal is injected at the open.
    path = tmp_path / "values.yaml"
    path.write_text(GRPC)

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(values_files, "open", refused, raising=False)
    assert main(["lint", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: cannot read it (permission denied): make it readable (chmod +r) or run as a "
        "user who may read it\n"
    )
