"""What an operator's command loads: lint and explain import nothing of the build."""

from __future__ import annotations

import subprocess
import sys


def test_lint_imports_nothing_of_the_build(tmp_path):
    values = tmp_path / "values.yaml"
    values.write_text("controller:\n  queue:\n    perRepo: -1\n", encoding="utf-8")
    code = (
        "import sys\nfrom schema_gen.cli import main\n"
        f"main(['lint', {str(values)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('schema_gen.generator')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
