"""Values files are read as the Helm CLIs read them: encodings, control characters, several
documents, standard input and pipes, size, and files that cannot be read at all.

Each case states lint's verdict and each Helm's (checked against the CLIs where they are
installed: tests/helm_clis.py). Where Helm 3 and Helm 4 disagree, lint takes the refusal,
saying which Helm refuses: the chart supports both.
"""

from __future__ import annotations

import codecs

from schema_gen.cli import main


def test_explain_reads_as_lint_does(tmp_path, capsys):
    path = tmp_path / "values.yaml"
    path.write_bytes(codecs.BOM_UTF16_BE + "grpc:\n  enabled: true\n".encode("utf-16-be"))
    assert main(["explain", str(path)]) == 0
    assert "    AGENTS_GRPC_ENABLED=true  [grpc.enabled]" in capsys.readouterr().out.splitlines()
    path.write_bytes(b"# \x00\n")
    assert main(["explain", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:1: a control character (U+0000)")
