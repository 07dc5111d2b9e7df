"""A fault while `generate` writes (full disk, no permission, read-only file system) ends in
`FILE: why` and exit 2, never a traceback or a partial file; files keep their mode.

Tests run as root in CI's container, where chmod does not stop a write: the faults are
injected where the system would raise them (the temporary file's sync, the rename, the
copy of the chart the docs render), and the chmod test runs where it can bite.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from schema_gen.cli import main
from schema_gen.generator.artifacts import chart_artifacts
from schema_gen.tools import file_writes
from tests.conftest import CHART, REPO

FAULTS = [errno.ENOSPC, errno.EACCES, errno.EROFS]
WORDS = {
    errno.ENOSPC: "cannot write it (no space left on device): free some space and run it again",
    errno.EACCES: "cannot write it (permission denied): make the file and its folder writable "
    "for this user",
    errno.EROFS: "cannot write it (read-only file system): the file system is read-only: "
    "generate in a writable copy of the tree",
}


def _stale(chart: Path) -> dict[Path, bytes]:
    """Make two generated files stale; return every generated file's bytes, as left."""
    values = chart / "values.yaml"
    values.write_text(values.read_text() + "# stale\n")
    reserved = chart / "templates" / "_reserved.tpl"
    reserved.write_text(reserved.read_text() + "{{- /* stale */ -}}\n")
    return _generated(chart)


def _generated(chart: Path) -> dict[Path, bytes]:
    return {a.path: a.path.read_bytes() for a in chart_artifacts(chart) if a.path.exists()}


def _fail_on_call(number: int, fault: int, real):
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == number:
            raise OSError(fault, os.strerror(fault))
        return real(*args, **kwargs)

    return failing


def _assert_whole_and_clean(chart: Path, old: dict[Path, bytes]) -> None:
    for path, data in _generated(chart).items():
        assert data in (old[path], (CHART / path.relative_to(chart)).read_bytes()), path
    assert not list(chart.rglob("*.tmp"))  # no temporary file left behind


@pytest.mark.parametrize("fault", FAULTS, ids=errno.errorcode.get)
@pytest.mark.parametrize("step", ["sync", "rename"])
def test_a_fault_at_the_first_write_changes_nothing(chart_copy, capsys, monkeypatch, fault, step):
    old = _stale(chart_copy)
    if step == "sync":
        monkeypatch.setattr(file_writes.os, "fsync", _fail_on_call(1, fault, os.fsync))
    else:
        monkeypatch.setattr(file_writes.os, "replace", _fail_on_call(1, fault, os.replace))

    assert main(["generate", "--chart", str(chart_copy)]) == 2

    out, err = capsys.readouterr()
    first = chart_copy / "values.yaml"  # the first stale file in generation order
    assert (out, err) == ("", f"{first}: {WORDS[fault]}; no generated file was changed\n")
    assert _generated(chart_copy) == old
    _assert_whole_and_clean(chart_copy, old)


def test_a_fault_at_a_later_rename_leaves_each_file_whole(chart_copy, capsys, monkeypatch):
    old = _stale(chart_copy)
    monkeypatch.setattr(file_writes.os, "replace", _fail_on_call(2, errno.EIO, os.replace))

    assert main(["generate", "--chart", str(chart_copy)]) == 2

    reserved = chart_copy / "templates" / "_reserved.tpl"
    assert capsys.readouterr().err == (
        f"{reserved}: cannot write it (input/output error): check the file and its folder; "
        "1 generated file(s) before it were already replaced\n"
    )
    assert (chart_copy / "values.yaml").read_bytes() == (CHART / "values.yaml").read_bytes()
    assert reserved.read_bytes() == old[reserved]
    _assert_whole_and_clean(chart_copy, old)


def test_a_full_disk_while_staging_the_chart_for_the_docs(tmp_path, capsys, monkeypatch):
    chart = Path(shutil.copytree(CHART, tmp_path / "agents"))
    docs = Path(shutil.copytree(REPO / "docs", tmp_path / "docs"))
    old = _stale(chart)
    pages = {p: p.read_bytes() for p in (docs / "generated").glob("*.md")}
    monkeypatch.setattr(shutil, "copy2", _fail_on_call(3, errno.ENOSPC, shutil.copy2))

    assert main(["generate", "--chart", str(chart), "--docs", str(docs)]) == 2

    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert f": {WORDS[errno.ENOSPC]}; no generated file was changed" in err
    assert _generated(chart) == old
    assert {p: p.read_bytes() for p in (docs / "generated").glob("*.md")} == pages


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; faults are injected")
def test_a_read_only_folder(chart_copy, capsys):
    old = _stale(chart_copy)
    folders = [chart_copy, chart_copy / "templates"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        assert main(["generate", "--chart", str(chart_copy)]) == 2
    finally:
        for folder in folders:
            folder.chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith(f"{chart_copy / 'values.yaml'}: {WORDS[errno.EACCES]}")
    assert _generated(chart_copy) == old


def test_a_generated_file_keeps_its_mode_and_a_new_one_gets_the_umasks(chart_copy):
    values = chart_copy / "values.yaml"
    values.write_text(values.read_text() + "# stale\n")
    values.chmod(0o444)
    reserved = chart_copy / "templates" / "_reserved.tpl"
    reserved.unlink()
    umask = os.umask(0o022)
    try:
        assert main(["generate", "--chart", str(chart_copy)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(values.stat().st_mode) == 0o444
    assert values.read_bytes() == (CHART / "values.yaml").read_bytes()
    assert stat.S_IMODE(reserved.stat().st_mode) == 0o644
    assert reserved.read_bytes() == (CHART / "templates" / "_reserved.tpl").read_bytes()
