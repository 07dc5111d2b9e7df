"""`schema-gen generate` keeps the chart's generated files fresh; `--check` only reports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
