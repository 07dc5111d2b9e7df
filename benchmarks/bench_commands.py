"""Benchmark: the schema-gen runs users meet, each against the floor `import pydantic`.

Each figure is a whole process, timed in one interleaved run with `import pydantic`
(see timing.py); schema-gen keeps no cache, so every run starts from the files.

Judged (goals from the speed issue):
- `schema-gen lint FILE` on a values file that changed since the last run (the
  pre-commit hook): at most 2.5x.
- `schema-gen generate --check` on a fresh clone (CI): the tree copied without
  bytecode or any cache, its own schema_gen imported: at most 5x.
- a maintainer's loop: a description edited in a model, then `schema-gen generate`:
  at most 5x.

Printed, never judged: the same lint of an unchanged file, and `generate --check` in
this working tree (bytecode warm).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import Command, interleaved, judged, ratio

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GOALS = {"lint FILE, changed": 2.5, "generate --check, fresh clone": 5.0, "edit, generate": 5.0}
SAMPLE = ROOT / "charts" / "agents" / "ci" / "gitops-values.yaml"
EDITED = (
    Path("schema_gen") / "contract" / "models" / "database.py"
)  # a model whose description is edited


def _tracked_copy(target: Path) -> Path:
    """Copy the checkout's files (tracked and new, as a clone would have them) to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _commands(scratch: Path) -> dict[str, Command]:
    changed = scratch / "values.yaml"

    def change_values(round_: int) -> None:
        changed.write_text(SAMPLE.read_text(encoding="utf-8") + f"# change {round_}\n")

    clone = scratch / "clone"

    def fresh_clone(_round: int) -> None:
        shutil.rmtree(clone, ignore_errors=True)
        _tracked_copy(clone)

    loop = _tracked_copy(scratch / "loop")
    model = loop / EDITED
    original = model.read_text(encoding="utf-8")

    def edit_description(round_: int) -> None:
        # Each round changes a description (and so the schema, values.yaml and the docs).
        edited = re.sub(r'description="', f'description="(edit {round_}) ', original, count=1)
        model.write_text(edited, encoding="utf-8")

    from_clone = {"PYTHONPATH": str(clone)}
    return {
        "import pydantic": Command([PY, "-c", "import pydantic"], ROOT),
        "lint FILE, changed": Command(
            [PY, "-m", "schema_gen", "lint", str(changed)], ROOT, before=change_values
        ),
        "generate --check, fresh clone": Command(
            [PY, "-m", "schema_gen", "generate", "--check"], clone, from_clone, fresh_clone
        ),
        "edit, generate": Command(
            [PY, "-m", "schema_gen", "generate"], loop, {"PYTHONPATH": str(loop)}, edit_description
        ),
        "lint FILE, unchanged (warm)": Command([PY, "-m", "schema_gen", "lint", str(SAMPLE)], ROOT),
        "generate --check, this tree (warm)": Command(
            [PY, "-m", "schema_gen", "generate", "--check"], ROOT
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="interleaved rounds")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="schema-gen-bench-") as scratch:
        times = interleaved(_commands(Path(scratch)), runs)
    floor = "import pydantic"
    for name, values in times.items():
        median = sorted(values)[len(values) // 2]
        shown = "" if name == floor else f", {ratio(times, name, floor):5.2f}x {floor}"
        print(f"{name:>36}: median {median * 1000:7.1f} ms over {runs} runs{shown}")
    for name, goal in GOALS.items():
        print(judged(f"{name} / {floor}", ratio(times, name, floor), goal))


if __name__ == "__main__":
    main()
