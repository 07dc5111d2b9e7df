"""`schema-gen lint --each`: each file's verdict is Helm's on that file alone (or over the
files named with --stack), whatever other files are checked with it; the pre-commit hook
runs it this way."""

from __future__ import annotations

import subprocess
import sys


def test_version_names_the_tool_and_its_chart_without_loading_the_models(gitops):
    code = (
        "import sys\nfrom schema_gen.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "models = ('schema_gen.contract.models', 'pydantic')\n"
        "assert not [m for m in sys.modules if m.startswith(models)]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    from schema_gen import packaged, project

    this = project.project()
    assert done.stdout == (
        f"schema-gen {this.version} ({this.name}), chart agents {packaged.chart_version()}\n"
    )
