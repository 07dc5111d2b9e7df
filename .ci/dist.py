"""Build the release's artifacts, the same bytes from the same commit on any machine.

    python .ci/dist.py OUT

writes OUT/python/ (the wheel and the sdist, what PyPI gets), OUT/chart/ (the chart
package and its two editor schemas, what the GitHub release, the Helm repository and
the OCI registry get) and OUT/SHA256SUMS. The release builds them once (``nox -s
dist``), its tests check them, and its publishing jobs publish those files.

Reproducible: SOURCE_DATE_EPOCH (else the commit time of HEAD) is the time of every
file. The build runs on a copy of the checkout's files (tracked, or new and not
ignored), so parallel builds never share a folder and nothing is written into the
checkout. hatchling stamps archive entries with SOURCE_DATE_EPOCH. The chart is
packaged by the Helm SDK schema-gen pins (helm-python-sdk, Helm 4's `helm package`,
byte for byte), not by whatever `helm` is on PATH: Helm 4 stamps each tar entry with
the mtime of the file it read, so every file's mtime is set to the epoch first (Helm
3 stamps the current time). The package's own mtime is set too: ``helm push`` writes
it into the OCI manifest as ``org.opencontainers.image.created``, so the same package
pushed again has the same digest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHART = Path("charts/agents")
SCHEMAS = ("values.schema.json", "values.override.schema.json")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"dist: {' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def source_date_epoch() -> int:
    """Return $SOURCE_DATE_EPOCH, else the commit time of the checkout's HEAD."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return int(given)
    return int(_run("git", "log", "-1", "--format=%ct", "HEAD", cwd=REPO).strip())


def _source_files() -> list[str]:
    listed = _run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    return sorted(name for name in listed.split("\0") if name and (REPO / name).is_file())


def _copy(to: Path, epoch: int) -> None:
    """Copy the checkout's files to ``to``, every file and folder dated ``epoch``."""
    for name in _source_files():
        (to / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, to / name)
    for path in [to, *to.rglob("*")]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def build(out: Path) -> None:
    """Write the wheel, the sdist, the chart package, its schemas and SHA256SUMS to ``out``."""
    import helm_python

    epoch = source_date_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    (out / "python").mkdir(parents=True, exist_ok=True)
    (out / "chart").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="agents-dist-") as scratch:
        source = Path(scratch) / "source"
        _copy(source, epoch)
        _run(sys.executable, "-m", "build", "--outdir", out / "python", source, cwd=source, env=env)
        helm_python.package(source / CHART, destination=out / "chart")
        for schema in SCHEMAS:
            shutil.copy2(source / CHART / schema, out / "chart" / schema)
    for path in (out / "chart").iterdir():
        os.utime(path, (epoch, epoch))
    sums = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}\n"
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "SHA256SUMS"
    ]
    (out / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    build(Path(sys.argv[1]).resolve())
