"""The docs site, built with --strict and opened in headless Chromium, shows what it promises."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import websocket

from tests.conftest import REPO

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


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):  # CI installs Chromium; missing there is a failure, not a skip
        pytest.fail("Chromium is not installed; .ci/run installs Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Build the site with --strict and serve it on loopback; yield its base URL."""
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "site"
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
        subprocess.run(
            [*build, "--site-dir", str(built)],
            cwd=REPO, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )  # fmt: skip
        handler = functools.partial(_QuietHandler, directory=str(built))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _browser(url: str) -> Iterator[Any]:
    """Open ``url`` in headless Chromium; yield a DevTools connection to the page.

    Driven over the DevTools protocol rather than --dump-dom: the site's search
    runs in a web worker, which --dump-dom's virtual time does not wait for.
    """
    chromium = _chromium()
    # Chromium's helper processes may still write to the profile as it goes away.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
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


def _evaluate(page: Any, expression: str) -> Any:
    params = {"expression": expression, "returnByValue": True}
    page.send(json.dumps({"id": 1, "method": "Runtime.evaluate", "params": params}))
    while True:
        reply = json.loads(page.recv())
        if reply.get("id") == 1:
            return reply["result"]["result"].get("value")


def _wait_for(page: Any, expression: str, seconds: float = 30) -> Any:
    """Return the first truthy value of ``expression`` in the page, polling until it comes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := _evaluate(page, expression):
            return value
        time.sleep(0.2)
    return _evaluate(page, expression)


def _dom(url: str) -> str:
    """Return the page's DOM once it has loaded and shows a table."""
    with _browser(url) as page:
        loaded = "document.readyState === 'complete' && document.querySelector('table')"
        return _wait_for(page, f"{loaded} && document.documentElement.outerHTML") or ""


class _Tables(HTMLParser):
    """Collects every table's rows as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _parsed(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    return parser


def test_config_mapping_page_shows_its_tables(site):
    page = _parsed(_dom(f"{site}/config-mapping/"))
    tables = [t for t in page.tables if t and t[0][:2] == ["Helm value", "Rendered field"]]
    assert len(tables) >= 4  # every Deployment, each Deployment, other objects, NOTES
    assert all(t[0] == ["Helm value", "Rendered field", "Rendered in", "Behavior"] for t in tables)
    values = [row[0] for table in tables for row in table[1:]]
    assert "extraVolumes[].name + extraVolumes[].volume" in values
    assert (
        "controllers.extraVolumeMounts[].name + controllers.extraVolumeMounts[].mountPath" in values
    )


def test_site_search_finds_the_reserved_name(site):
    # ?q= opens the search with that query (mkdocs-material's search.share).
    with _browser(f"{site}/?q=db-ca-cert") as page:
        results = _wait_for(
            page,
            "Array.from(document.querySelectorAll('.md-search-result__item'))"
            ".map(item => item.textContent)",
        )
    assert results, "the search showed no results"
    assert any("db-ca-cert" in text for text in results)


# Every page of the site, as the navigation lists it.
PAGES = [
    "", "contract/", "values/", "config-mapping/", "recipes/", "troubleshooting/",
    "rollout/", "differences/", "maintainers/",
]  # fmt: skip
# What sticks out past the viewport's right edge, unless a scrolling wrapper holds it.
_OVERFLOW = """(() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX; if (x === 'auto' || x === 'scroll') return true; }
    return false; };
  const out = [];
  for (const el of document.querySelectorAll('.md-main *')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)) out.push(el.tagName + ' ' + box.right);
  }
  return {page: document.documentElement.scrollWidth - width, elements: out.slice(0, 5)};
})()"""


def _send(page: Any, method: str, params: dict[str, Any]) -> None:
    page.send(json.dumps({"id": 2, "method": method, "params": params}))
    while json.loads(page.recv()).get("id") != 2:
        pass


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_no_page_overflows_the_viewport(site, width, height):
    overflowing = {}
    with _browser(f"{site}/") as page:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        _send(page, "Emulation.setDeviceMetricsOverride", metrics)
        for path in PAGES:
            _send(page, "Page.navigate", {"url": f"{site}/{path}"})
            _wait_for(page, "document.readyState === 'complete' && !!document.querySelector('h1')")
            found = _evaluate(page, _OVERFLOW)
            if found["page"] > 0 or found["elements"]:
                overflowing[path or "/"] = found
    assert not overflowing, overflowing


def test_dark_mode_follows_the_system(site):
    with _browser(f"{site}/") as page:
        dark = {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
        _send(page, "Emulation.setEmulatedMedia", dark)
        _send(page, "Page.reload", {})
        scheme = _wait_for(page, "document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"


def _search(site: str, query: str) -> list[dict[str, str]]:
    """Return the search results for ``query``: each result's link and text, best first."""
    from urllib.parse import quote

    with _browser(f"{site}/?q={quote(query)}") as page:
        return _wait_for(
            page,
            "Array.from(document.querySelectorAll('.md-search-result__item > a'))"
            ".map(a => ({href: a.href, text: a.textContent}))",
        )


def test_search_for_a_hyphenated_name_ranks_a_page_that_has_it_first(site):
    # The search keeps db-ca-cert whole (mkdocs.yml's separator), so the best page
    # holds the name itself, not pages that merely mention "ca" or "cert".
    results = _search(site, "db-ca-cert")
    assert results, "no results"
    best = urllib.request.urlopen(results[0]["href"].split("?")[0]).read().decode()
    assert "db-ca-cert" in best, results[:3]


@pytest.mark.parametrize(
    ("query", "anchor"),
    [('volume "certs" is not defined for controllers', "#r2-")],  # as Helm 4 prints it
)
def test_a_pasted_error_finds_its_troubleshooting_entry_first(site, query, anchor):
    results = _search(site, query)
    assert results and "/troubleshooting/" in results[0]["href"], results[:3]
    sections = [r["href"] for r in results[1:4]]
    assert any(anchor in href for href in sections), sections
