"""Values files are read as the Helm CLIs read them: encodings, control characters, several
documents, standard input and pipes, size, and files that cannot be read at all.

Each case states lint's verdict and each Helm's (checked against the CLIs where they are
installed: tests/helm_clis.py). Where Helm 3 and Helm 4 disagree, lint takes the refusal,
saying which Helm refuses: the chart supports both.
"""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from schema_gen.cli import main
from schema_gen.tools import values_files
from tests import helm_clis
from tests.conftest import REPO

GRPC = "grpc:\n  enabled: true\n"  # renders
UNKNOWN = "nope: 1\n"  # refused by the schema: proves the file was read, not skipped


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    lint: int  # lint's exit status: 0 renders, 1 refused, 2 cannot be read
    helm3: bool  # whether `helm template -f` renders, Helm 3.17
    helm4: bool  # the same, Helm 4.1
    says: str = ""  # what lint prints, after FILE (":LINE: ..." where it names a line)


def _utf16(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec)


# fmt: off
CASES = [
    # Control characters: go-yaml refuses them anywhere, comments and quoted strings included.
    Case("nul-hides-nothing", b"grpc:\n  enabled: true\n\x00bad: [\n", 2, False, False,
         ":3: a control character (U+0000), which Helm refuses"),
    Case("nul-in-a-comment", b"# a \x00 b\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("nul-in-a-quoted-string", b'env:\n  vars:\n    A: "a\x00b"\n', 2, False, False,
         ':3: a control character (U+0000), which Helm refuses anywhere in a values file, '
         'comments and quoted strings included: delete it (in a double-quoted string, write it '
         'as the escape "\\x00")'),
    Case("nul-at-the-end", GRPC.encode() + b"\x00", 2, False, False, ":3: a control character"),
    Case("nul-as-an-escape", b'env:\n  vars:\n    A: "a\\0b"\n', 0, True, True),
    Case("escape-sequence", b"# \x1b[31m red\n" + GRPC.encode(), 2, False, False,
         ":1: a control character (U+001B)"),
    Case("start-of-heading", GRPC.encode() + b"env:\n  vars:\n    A: a\x01b\n", 2, False, False,
         ":5: a control character (U+0001)"),
    Case("vertical-tab", b"# \x0b\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("form-feed", b"# \x0c\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("delete", b"# \x7f\n" + GRPC.encode(), 2, False, False,
         ":1: a control character (U+007F)"),
    Case("c1-control", "# \x80\n".encode() + GRPC.encode(), 2, False, False,
         ":1: a control character (U+0080)"),
    Case("noncharacter", "# \ufffe\n".encode() + GRPC.encode(), 2, False, False,
         ":1: a control character (U+FFFE)"),
    Case("tab-in-a-value", b'env:\n  vars:\n    A: "a\tb"\n', 0, True, True),
    Case("allowed-oddities", "# \u00a0 \ufeff \U0001f600\n".encode() + GRPC.encode(), 0, True,
         True),
    Case("next-line-breaks-a-comment", "# a\u0085b: [\n".encode(), 2, False, False,
         ":2: not valid YAML"),  # NEL ends the comment; the error is at the end
    Case("cr-line-ends", b"grpc:\r  enabled: true\r", 0, True, True),
    Case("crlf-line-ends", b"grpc:\r\n  enabled: true\r\n", 0, True, True),
    # Encodings: UTF-8 (a byte-order mark skipped), UTF-16 after a mark, nothing else.
    Case("not-utf-8", b"env:\n  vars:\n    A: a\xffb\n", 2, False, False,
         ":3: not UTF-8 text (invalid leading UTF-8 octet); save the file as UTF-8"),
    Case("utf-8-surrogate", b"# \xed\xa0\x80\n" + GRPC.encode(), 2, False, False,
         ":1: not UTF-8 text"),
    Case("utf-8-bom", codecs.BOM_UTF8 + GRPC.encode(), 0, True, True),
    Case("utf-8-bom-read", codecs.BOM_UTF8 + UNKNOWN.encode(), 1, False, False, ':1: nope: '),
    Case("utf-16-be-bom", _utf16(GRPC, "utf-16-be", codecs.BOM_UTF16_BE), 0, True, True),
    Case("utf-16-be-bom-read", _utf16(GRPC + UNKNOWN, "utf-16-be", codecs.BOM_UTF16_BE), 1,
         False, False, ":3: nope: "),
    Case("utf-16-be-bom-crlf", _utf16("grpc:\r\n  enabled: true\r\n", "utf-16-be",
         codecs.BOM_UTF16_BE), 0, True, True),
    Case("utf-16-be-no-final-newline", _utf16(GRPC.strip(), "utf-16-be", codecs.BOM_UTF16_BE),
         2, True, False, ":2: Helm 4 cannot read it, though Helm 3 can: Helm 4 reads a values "
         "file line by line"),
    Case("utf-16-le-bom", _utf16(GRPC, "utf-16-le", codecs.BOM_UTF16_LE), 2, True, False,
         ":2: Helm 4 cannot read it, though Helm 3 can"),
    Case("utf-16-le-bom-refused", _utf16(UNKNOWN, "utf-16-le", codecs.BOM_UTF16_LE), 2, False,
         False, ":1: Helm 4 cannot read it"),
    Case("utf-16-lone-surrogate", codecs.BOM_UTF16_LE + b"#\x00 \x00\x00\xd8\n\x00", 2, False,
         False, ":1: not valid UTF-16 text (it holds a lone surrogate)"),
    Case("utf-16-no-bom", GRPC.encode("utf-16-le"), 2, False, False,
         ":1: NUL bytes throughout: this looks like UTF-16 or UTF-32 text without a byte-order "
         "mark"),
    Case("utf-32-le-bom", _utf16(GRPC, "utf-32-le", codecs.BOM_UTF32_LE), 2, False, False,
         ":1: UTF-32 text, which Helm cannot read; save the file as UTF-8"),
    Case("utf-32-be-bom", _utf16(GRPC, "utf-32-be", codecs.BOM_UTF32_BE), 2, False, False,
         ":1: UTF-32 text"),
    # Documents: Helm 3 reads the first, Helm 4 merges them all.
    Case("second-document-refused", (GRPC + "---\n" + UNKNOWN).encode(), 1, True, False,
         ':4: nope: unknown key "nope"'),
    Case("second-document-differs", (GRPC + "---\ngrpc:\n  enabled: false\n").encode(), 0,
         True, True, ":4: warning: Helm 3 and Helm 4 read different values from this file: "
         "Helm 4 merges every YAML document"),
    Case("second-document-same", (GRPC + "---\n" + GRPC).encode(), 0, True, True),
    Case("second-document-broken", (GRPC + "---\na: [\n").encode(), 2, True, False,
         ":5: Helm 4 cannot read it, though Helm 3 can: not valid YAML"),  # at its end
    Case("second-document-a-list", (GRPC + "---\n- a\n").encode(), 2, True, False,
         ":4: Helm 4 cannot read it, though Helm 3 can: a values file must be a mapping"),
    Case("text-after-the-dashes", b"--- {grpc: {enabled: true}}\n", 2, True, False,
         ':1: Helm 4 cannot read it, though Helm 3 can: text after "---"'),
    Case("comment-after-the-dashes", ("--- # values\n" + GRPC).encode(), 0, True, True),
    Case("document-end-marker", (GRPC + "...\n" + UNKNOWN).encode(), 0, True, True),
    Case("empty", b"", 0, True, True),
    Case("a-scalar", b"hello\n", 2, False, False, ":1: a values file must be a mapping"),
]
# fmt: on


def _lint(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["lint", "-q", *args])  # -q: a clean file prints nothing
    out, err = capsys.readouterr()
    return status, out, err


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


@pytest.mark.parametrize("major", [3, 4])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_helm_cli_gives_the_stated_verdict(case: Case, major, tmp_path):
    path = tmp_path / "values.yaml"
    path.write_bytes(case.raw)
    done = helm_clis.template(major, "-f", str(path))
    assert (done.returncode == 0) == (case.helm3 if major == 3 else case.helm4), done.stderr


def test_explain_reads_as_lint_does(tmp_path, capsys):
    path = tmp_path / "values.yaml"
    path.write_bytes(codecs.BOM_UTF16_BE + "grpc:\n  enabled: true\n".encode("utf-16-be"))
    assert main(["explain", str(path)]) == 0
    assert "    AGENTS_GRPC_ENABLED=true  [grpc.enabled]" in capsys.readouterr().out.splitlines()
    path.write_bytes(b"# \x00\n")
    assert main(["explain", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:1: a control character (U+0000)")


# Standard input, pipes and FIFOs: each read once, and checked from what was read.


def _stdin(monkeypatch, data: bytes) -> io.BytesIO:
    stream = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    return stream


@pytest.mark.parametrize(("data", "verdict"), [(UNKNOWN.encode(), 1), (GRPC.encode(), 0)])
def test_dash_reads_standard_input(monkeypatch, capsys, data, verdict):
    _stdin(monkeypatch, data)
    status, out, _err = _lint(capsys, "-")
    assert status == verdict
    assert out.startswith('-:1: nope: unknown key "nope"') if verdict else out == ""
    for major in (3, 4):
        if major in helm_clis.found():
            assert (helm_clis.template(major, "-f", "-", stdin=data).returncode == 0) == (
                not verdict
            )


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


def _schema_gen(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schema_gen", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO, **kwargs,
    )  # fmt: skip


def test_process_substitution_is_checked_from_what_was_read(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(UNKNOWN)
    good = tmp_path / "good.yaml"
    good.write_text(GRPC)
    script = f'"{sys.executable}" -m schema_gen lint <(cat "{{}}")'
    for path, verdict in ((bad, 1), (bad, 1), (good, 0), (bad, 1)):
        done = subprocess.run(
            ["bash", "-c", script.format(path)], capture_output=True, text=True,
            timeout=120, check=False, cwd=REPO,
        )  # fmt: skip
        assert done.returncode == verdict, done.stdout + done.stderr
        assert ("nope" in done.stdout) == bool(verdict)


def test_a_fifo_is_read_once(tmp_path):
    fifo = tmp_path / "values.fifo"
    os.mkfifo(fifo)

    def write_once() -> None:
        with open(fifo, "wb") as handle:  # blocks until lint opens it; a second open would hang
            handle.write(UNKNOWN.encode())

    writer = threading.Thread(target=write_once, daemon=True)
    writer.start()
    done = _schema_gen("lint", str(fifo))
    writer.join(timeout=5)
    assert done.returncode == 1 and done.stdout.startswith(f'{fifo}:1: nope: unknown key "nope"')


# Size and files that cannot be read.


def test_dev_zero_stops_at_the_limit_fast():
    started = time.monotonic()
    done = _schema_gen("lint", "/dev/zero")
    assert time.monotonic() - started < 30
    assert done.returncode == 2
    assert done.stderr.startswith(
        "/dev/zero:1: longer than 8388608 bytes (8 MiB), where schema-gen stops reading"
    )
    assert "Traceback" not in done.stderr


def test_the_limit_is_applied_while_reading(monkeypatch, capsys):
    stream = _stdin(monkeypatch, b"#" * (values_files.MAX_BYTES + 100))
    assert _lint(capsys, "-")[0] == 2
    assert stream.tell() == values_files.MAX_BYTES + 1  # the read stopped there


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: tmp, "cannot read it (is a directory): name a values file, not a directory"),
        (
            lambda tmp: tmp / "missing.yaml",
            "cannot read it (no such file or directory): check the path",
        ),
    ],
    ids=["directory", "missing"],
)
def test_a_path_that_is_no_values_file(tmp_path, capsys, make, says):
    path = make(tmp_path)
    for command in ("lint", "explain"):
        assert main([command, str(path)]) == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"{path}: {says}\n")
    for major in (3, 4):  # Helm refuses them too
        if major in helm_clis.found():
            assert helm_clis.template(major, "-f", str(path)).returncode == 1


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
