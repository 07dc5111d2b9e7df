"""``nox -s mutants``: apply each realistic mutation to a copy of the tree and report which
survive ``generate``, ``generate --check`` and the tests each names.

The copy is the tracked files of this checkout, in a temporary folder with a git index
of its own, so a mutation is undone by ``git checkout`` there; this checkout is never
touched. Run it with mutation names to run only those: ``nox -s mutants -- NAME ...``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutations import MUTATIONS, Mutation

REPO = Path(__file__).resolve().parent.parent


def _copy(into: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "tree"]):
        subprocess.run(["git", *args], cwd=into, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "m", "GIT_AUTHOR_EMAIL": "m@m",
                            "GIT_COMMITTER_NAME": "m", "GIT_COMMITTER_EMAIL": "m@m"})  # fmt: skip


def _run(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The copy's package, not this checkout's editable install: it comes first on the path.
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip


def verdict(tree: Path, mutation: Mutation) -> str:
    """Return what noticed the mutation ("generate", "check", the first failing test), or
    "SURVIVED"; "not applicable" when its text is not in the file exactly once."""
    target = tree / mutation.path
    text = target.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        return f"not applicable ({text.count(mutation.old)} occurrences)"
    target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    try:
        if _run(tree, "-m", "schema_gen", "generate", "-q").returncode != 0:
            return "generate"
        if _run(tree, "-m", "schema_gen", "generate", "--check", "-q").returncode != 0:
            return "check"
        done = _run(tree, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                    "--numprocesses=auto", *mutation.tests)  # fmt: skip
        if done.returncode != 0:
            failed = [ln for ln in done.stdout.splitlines() if ln.startswith(("FAILED", "ERROR"))]
            return (failed[0].split(" - ")[0] if failed else "tests").removeprefix("FAILED ")
        return "SURVIVED"
    finally:
        subprocess.run(["git", "checkout", "-q", "--", "."], cwd=tree, check=True)
        subprocess.run(["git", "clean", "-qfd"], cwd=tree, check=True)


def main(names: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not names or m.name in names]
    survivors = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as scratch:
        tree = Path(scratch)
        _copy(tree)
        probe = _run(tree, "-c", "import schema_gen; print(schema_gen.__file__)").stdout
        assert probe.startswith(str(tree)), f"the copy's package is not the one imported: {probe}"
        for mutation in chosen:
            start = time.monotonic()
            said = verdict(tree, mutation)
            took = time.monotonic() - start
            print(f"{mutation.name:34} {said[:90]:90} {took:5.0f} s", flush=True)
            if said == "SURVIVED" or said.startswith("not applicable"):
                survivors.append(f"{mutation.name}: {mutation.why} ({said})")
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} mutations noticed")
    for line in survivors:
        print(f"  {line}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
