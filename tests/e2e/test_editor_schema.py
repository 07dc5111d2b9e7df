"""An editor checks an installed chart's values: the modeline `helm show values` copies
names the schema the docs site publishes for that chart version, and yaml-language-server
(the YAML language server editors run) fetches it and flags a typo, and nothing else.

The site's layout is the one the mkdocs hook writes, served on loopback under the
site's own path; the server is driven over stdio with LSP's JSON-RPC.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from schema_gen import packaged
from schema_gen.project import project
from tests.conftest import CHART, REPO

SERVER_VERSION = "1.19.2"  # yaml-language-server on npm
SCHEMA = "values.override.schema.json"
TIMEOUT = 60.0


@pytest.fixture(scope="module")
def language_server() -> Path:
    """yaml-language-server: $YAML_LANGUAGE_SERVER, or installed from npm into a cache."""
    if chosen := os.environ.get("YAML_LANGUAGE_SERVER"):
        return Path(chosen)
    npm = shutil.which("npm")
    if not npm:
        if os.environ.get("CI"):
            pytest.fail("npm is needed in CI to install yaml-language-server")
        pytest.skip("no npm to install yaml-language-server")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    prefix = cache / "schema-gen-tests" / f"yaml-language-server-{SERVER_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "yaml-language-server"
    if not binary.exists():
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
             f"yaml-language-server@{SERVER_VERSION}"],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return binary


class _Counting(http.server.SimpleHTTPRequestHandler):
    requested: list[str]

    def do_GET(self) -> None:
        type(self).requested.append(self.path)
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The files the docs build publishes, served under the site's path; yield its origin."""
    root = tmp_path_factory.mktemp("site")
    built = root / urlsplit(project().site).path.strip("/")
    spec = importlib.util.spec_from_file_location("site_hooks", REPO / "overrides" / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    hooks.on_post_build({"site_dir": str(built)})
    handler = type("Handler", (_Counting,), {"requested": []})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requested
    finally:
        server.shutdown()


def _shown_values() -> str:
    """Return values.yaml as `helm show values` prints it (the file, without a helm CLI)."""
    if helm := shutil.which("helm"):
        return subprocess.run([helm, "show", "values", str(CHART)], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
    return (CHART / "values.yaml").read_text(encoding="utf-8")


class _Client:
    """Just enough of an LSP client: requests, notifications, and the server's diagnostics."""

    def __init__(self, binary: Path) -> None:
        self.process = subprocess.Popen(
            [str(binary), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> None:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """Answer the server's questions until it publishes diagnostics for ``uri``."""
        settings = {"validate": True, "schemaStore": {"enable": False}, "schemas": {}}
        while True:
            message = self.inbox.get(timeout=TIMEOUT)
            if "id" in message and "method" in message:  # a request from the server
                items = message["params"].get("items", []) if message["method"] == (
                    "workspace/configuration") else None  # fmt: skip
                result = None if items is None else [
                    settings if item.get("section") == "yaml" else None for item in items
                ]  # fmt: skip
                self._send({"id": message["id"], "result": result})
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            ):
                return message["params"]["diagnostics"]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def test_the_modeline_of_helm_show_values_gets_the_published_schema(language_server, site):
    origin, requested = site
    shown = _shown_values()
    modeline, _, rest = shown.partition("\n")
    url = project().schema_url(packaged.chart_version(), SCHEMA)
    assert modeline == f"# yaml-language-server: $schema={url}"
    local = origin + urlsplit(url).path  # the same path, on loopback
    good = f"# yaml-language-server: $schema={local}\n{rest}"
    bad = good + "extraVolume: []\n"  # a typo for extraVolumes
    client = _Client(language_server)
    try:
        capabilities = {
            "workspace": {"configuration": True},
            "textDocument": {"publishDiagnostics": {}},
        }
        client.request(
            "initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities}
        )
        client.notify("initialized", {})
        settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
        found: dict[str, list[dict[str, Any]]] = {}
        for name, text in (("bad", bad), ("good", good)):  # bad first: the schema is loaded
            uri = f"file:///work/{name}/values.yaml"
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": text}})  # fmt: skip
            found[name] = client.diagnostics(uri)
            while name == "bad" and not found[name]:  # a first pass may precede the schema
                found[name] = client.diagnostics(uri)
    finally:
        client.close()
    assert urlsplit(url).path in requested  # fetched from the site's path for this version
    messages = [d["message"] for d in found["bad"]]
    assert any("extraVolume" in m for m in messages), messages
    assert [d["range"]["start"]["line"] for d in found["bad"]] == [bad.count("\n") - 1]
    assert found["good"] == [], found["good"]
