"""Headless Chromium driven over the DevTools protocol, for the tests that look at pages."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):  # CI installs Chromium; missing there is a failure, not a skip
        pytest.fail("Chromium is not installed; .ci/run installs Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@contextlib.contextmanager
def browser(url: str) -> Iterator[Any]:
    """Open ``url`` in headless Chromium; yield a DevTools connection to the page.

    Driven over the DevTools protocol rather than --dump-dom: the site's search
    runs in a web worker, which --dump-dom's virtual time does not wait for.
    """
    binary = chromium_binary()
    # Chromium's helper processes may still write to the profile as it goes away.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             "--remote-debugging-port=0", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            port = _devtools_port(Path(profile))
            pages = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list").read())
            page = next(p for p in pages if p["type"] == "page")
            connection = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
            try:
                yield connection
            finally:
                connection.close()
        finally:
            os.killpg(browser.pid, signal.SIGTERM)  # the browser and all its helpers
            browser.wait(timeout=30)


def _devtools_port(profile: Path) -> int:
    # Chromium writes the port it chose to DevToolsActivePort in the profile.
    deadline = time.monotonic() + 30
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if marker.exists() and (text := marker.read_text().split()):
            return int(text[0])
        time.sleep(0.1)
    raise TimeoutError("Chromium did not open its DevTools port")


def evaluate(page: Any, expression: str) -> Any:
    """Return the value of JavaScript ``expression`` in the page."""
    params = {"expression": expression, "returnByValue": True}
    page.send(json.dumps({"id": 1, "method": "Runtime.evaluate", "params": params}))
    while True:
        reply = json.loads(page.recv())
        if reply.get("id") == 1:
            return reply["result"]["result"].get("value")


def wait_for(page: Any, expression: str, seconds: float = 30) -> Any:
    """Return the first truthy value of ``expression`` in the page, polling until it comes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := evaluate(page, expression):
            return value
        time.sleep(0.2)
    return evaluate(page, expression)


def send(page: Any, method: str, params: dict[str, Any]) -> None:
    """Call DevTools ``method`` and wait for its reply."""
    page.send(json.dumps({"id": 2, "method": method, "params": params}))
    while json.loads(page.recv()).get("id") != 2:
        pass
