"""Every address a reader meets is the project's own, generated from pyproject.toml's URLs:
no placeholder anywhere, and every link to the site or the repository is the real one."""

from __future__ import annotations

from tests.conftest import REPO
from tests.shared.addresses import PLACEHOLDER, repository_files


def test_no_placeholder_address_is_left_anywhere():
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in repository_files()
        if not name.startswith("tests/")  # tests spell the placeholders to look for them
        for number, line in enumerate(
            (REPO / name).read_text(encoding="utf-8", errors="replace").splitlines(), 1
        )
        if PLACEHOLDER.search(line)
    ]
    assert not found, "\n".join(found)
