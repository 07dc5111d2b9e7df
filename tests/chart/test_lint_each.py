"""`schema-gen lint --each`: each file's verdict is Helm's on that file alone (or over the
files named with --stack), whatever other files are checked with it; the pre-commit hook
runs it this way."""

from __future__ import annotations

import pytest
import yaml

from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import render
from tests.shared.lint_each import DEV, PROD


def test_helm_refuses_dev_alone_and_renders_it_over_prod():
    with pytest.raises(RenderRejected, match="corp-ca"):
        render(yaml.safe_load(DEV))
    assert render({**yaml.safe_load(PROD), **yaml.safe_load(DEV)})
