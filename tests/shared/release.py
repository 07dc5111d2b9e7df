"""What the tiers' tests of the release share (tests/unit, tests/e2e): its steps' script."""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO

SCRIPT = REPO / ".ci" / "release.py"


def _steps() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_steps", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# .ci/release.py, the release workflow's steps, as a module.
STEPS = _steps()


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1; yield its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
