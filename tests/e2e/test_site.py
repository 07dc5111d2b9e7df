"""The docs site, built with --strict and opened in headless Chromium, shows what it promises."""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser import browser, evaluate, send, wait_for
from tests.conftest import REPO


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


def _dom(url: str) -> str:
    """Return the page's DOM once it has loaded and shows a table."""
    with browser(url) as page:
        loaded = "document.readyState === 'complete' && document.querySelector('table')"
        return wait_for(page, f"{loaded} && document.documentElement.outerHTML") or ""


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
    with browser(f"{site}/?q=db-ca-cert") as page:
        results = wait_for(
            page,
            "Array.from(document.querySelectorAll('.md-search-result__item'))"
            ".map(item => item.textContent)",
        )
    assert results, "the search showed no results"
    assert any("db-ca-cert" in text for text in results)


# Every page of the site, as the navigation lists it.
PAGES = [
    "", "contract/", "values/", "config-mapping/", "recipes/", "troubleshooting/",
    "api-checks/", "rollout/", "differences/", "migrating/", "maintainers/",
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


# Code blocks that scroll sideways, and copy buttons over a block's text.
_HIDDEN_CODE = """(() => {
  const out = [];
  for (const code of document.querySelectorAll('.md-typeset pre > code')) {
    const start = code.textContent.slice(0, 40);
    if (code.scrollWidth > code.clientWidth + 1) out.push('scrolls: ' + start);
    const button = code.parentElement.querySelector('.md-clipboard');
    if (!button) continue;
    const b = button.getBoundingClientRect();
    const text = document.createRange();
    text.selectNodeContents(code);
    const over = Array.from(text.getClientRects()).some(r => r.width && r.left < b.right
      && r.right > b.left && r.top < b.bottom && r.bottom > b.top);
    if (over) out.push('copy button over: ' + start);
  }
  return out;
})()"""


# Each table's visible width and the width it scrolls over (Material wraps each table
# in a scrolling block).
_TABLE_WIDTHS = """Array.from(document.querySelectorAll('.md-typeset table')).map(table => {
  const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  return {head: (table.querySelector('th, td') || table).textContent.slice(0, 30),
          shown: box.clientWidth, whole: table.scrollWidth};
})"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_every_page_fits_the_screen_and_hides_no_text(site, width, height):
    # Per page: nothing sticks out of the viewport; every code block wraps, with its
    # copy button over no text; on a phone, every table fits or scrolls over at most
    # half its width again (the widest today, the contract's reserved names, 1.47).
    found = {}
    with browser(f"{site}/") as page:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        send(page, "Emulation.setDeviceMetricsOverride", metrics)
        for path in PAGES:
            send(page, "Page.navigate", {"url": f"{site}/{path}"})
            wait_for(page, "document.readyState === 'complete' && !!document.querySelector('h1')")
            overflow = evaluate(page, _OVERFLOW)
            problems = [overflow] if overflow["page"] > 0 or overflow["elements"] else []
            problems += evaluate(page, _HIDDEN_CODE)[:3]
            if width < 600:
                tables = evaluate(page, _TABLE_WIDTHS)
                problems += [t for t in tables if t["whole"] > 1.5 * t["shown"]][:3]
            if problems:
                found[path or "/"] = problems
    assert not found, found


def test_dark_mode_follows_the_system(site):
    with browser(f"{site}/") as page:
        dark = {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
        send(page, "Emulation.setEmulatedMedia", dark)
        send(page, "Page.reload", {})
        # Until the reload lands, the page before it still answers (in the light scheme).
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert wait_for(page, f"{scheme} === 'slate'"), evaluate(page, scheme)


def _search(site: str, query: str) -> list[dict[str, str]]:
    """Return the search results for ``query``: each result's link and text, best first."""
    from urllib.parse import quote

    with browser(f"{site}/?q={quote(query)}") as page:
        return wait_for(page, _RESULTS)


# The search results shown, best first: each result's link and text.
_RESULTS = (
    "Array.from(document.querySelectorAll('.md-search-result__item > a'))"
    ".map(a => ({href: a.href, text: a.textContent}))"
)


@pytest.mark.parametrize(
    "name",
    ["db-ca-cert", "subPath", "JANGAR_MIGRATIONS", "known_hosts", "controllers.extraVolumeMounts"],
)
def test_search_for_a_name_ranks_a_section_that_has_it_first(site, name):
    # Dotted names stay whole (mkdocs.yml's separator), and a hyphenated name looked up
    # alone needs all its parts (search-paste.js), so the best section holds the name
    # itself, not one that merely mentions "ca" or "certs".
    results = _search(site, name)
    assert len(results) > 1, results
    best = results[1]["href"].replace("?", "#").split("#")  # page ?h=... #anchor
    page = urllib.request.urlopen(best[0]).read().decode()
    section = page[page.index(f'id="{best[-1]}"') :]
    if following := re.search(r"<h[1-6][ >]", section[1:]):  # the next heading ends it
        section = section[: following.start() + 1]
    assert name in section, results[:3]


# Errors as Helm prints them, whole or a line of them, typed here as an operator would
# paste them, with the entry that explains each (test_every_captured_error_... below pastes
# every captured error). The chart's own rules read the same in both Helms; schema
# errors are worded by each its own way.
_RULE = "Error: execution error at (agents/templates/zz-validation/validation.yaml:7:4): "
_SCHEMA = (
    "Error: values don't meet the specifications of the schema(s) in the following "
    "chart(s):\nagents:\n"
)
PASTED = {
    "helm-rule": (
        _RULE + "the values break the agents chart's rules:\n- controllers.extraVolumeMounts[0]: "
        'volume "api-tls" is not defined for controllers (add it to extraVolumes or '
        "controllers.extraVolumes)",
        "#r2-mount-without-its-volume",
    ),
    "helm-rule-line": (
        "controllers.enabled is false, so no pod gets this entry",
        "#r7-controllers-entries-without-deployment",
    ),
    "helm4-schema": (
        _SCHEMA + "- at '/extraVolumes/0/volume': maxProperties: got 2, want 1",
        "#r6-two-sources",
    ),
    "helm3-reserved": (
        _SCHEMA + "- controlPlane.extraVolumeMounts.0.name: Must not validate the schema (not)",
        "#r1-reserved-name",
    ),
    "helm3-pattern": (
        "- extraVolumes.0.name: Does not match pattern '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'",
        "#schema-pattern",
    ),
    "helm3-no-source": (
        "- extraVolumes.0.volume: Must have at least 1 properties",
        "#r6-no-source",
    ),
}


@pytest.mark.parametrize(("query", "anchor"), PASTED.values(), ids=PASTED.keys())
def test_a_shared_search_for_an_error_finds_its_troubleshooting_entry_first(site, query, anchor):
    results = _search(site, query)  # ?q=, as search.share writes the link
    assert results and "/troubleshooting/" in results[0]["href"], results[:3]
    assert anchor in results[1]["href"], [r["href"] for r in results[:4]]


@pytest.mark.parametrize("case", ["helm-rule", "helm3-reserved"])
def test_an_error_pasted_into_the_search_box_finds_its_troubleshooting_entry_first(site, case):
    query, anchor = PASTED[case]
    with browser(f"{site}/") as page:
        # The search is ready once it stops saying "Initializing search".
        meta = "document.querySelector('.md-search-result__meta')"
        assert wait_for(page, f"{meta} && !{meta}.textContent.includes('Initializing')")
        evaluate(page, "document.querySelector('input[data-md-component=search-query]').focus()")
        send(page, "Input.insertText", {"text": query})  # as a paste does: one input event
        send(page, "Input.dispatchKeyEvent", {"type": "keyUp", "key": "v"})  # the search reads
        results = wait_for(page, _RESULTS)
    assert results and anchor in results[1]["href"], [r["href"] for r in results[:4]]


# Each key of the values reference: its anchor, and each part of its name (the text
# between the <wbr> after each dot) with the number of lines it takes.
_KEYS = """Array.from(document.querySelectorAll('.keys a.key')).map(a => ({
  id: a.id,
  text: a.textContent,
  parts: Array.from(a.querySelector('code').childNodes)
    .filter(n => n.nodeType === Node.TEXT_NODE)
    .map(n => { const r = document.createRange(); r.selectNodeContents(n);
                return [n.textContent, r.getClientRects().length]; }),
}))"""


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_every_key_has_an_anchor_and_wraps_only_at_its_dots(site, width):
    with browser(f"{site}/") as page:
        metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}
        send(page, "Emulation.setDeviceMetricsOverride", metrics)
        send(page, "Page.navigate", {"url": f"{site}/values/#controlPlane.extraVolumes.name"})
        keys = wait_for(page, f"document.readyState === 'complete' && {_KEYS}")
        target = evaluate(page, "document.querySelector(':target').textContent")
        header = evaluate(page, "document.querySelector('.keys thead').offsetHeight")
    assert {k["text"] for k in keys} >= {"controlPlane.extraVolumes[].name", "image.tag"}
    assert all(k["id"] == k["text"].replace("[]", "") for k in keys)
    assert len({k["id"] for k in keys}) == len(keys), "two keys share an anchor"
    assert target == "controlPlane.extraVolumes[].name"
    if width < 600:
        assert header == 0, "on a phone the table stacks into a block per key"
    assert any(len(k["parts"]) > 1 for k in keys)  # dotted keys are split into parts
    broken = [(k["text"], part) for k in keys for part, lines in k["parts"] if lines > 1]
    assert not broken, f"a key broke inside a name: {broken[:5]}"


# Per stacked table: its class, whether its header shows, the text of the cell shown
# first in its first row, and whether it scrolls sideways.
_STACKED = """Array.from(document.querySelectorAll('.stacked')).map(block => {
  const cells = Array.from(block.querySelector('tbody tr').children);
  const first = cells.reduce((a, b) =>
    b.getBoundingClientRect().top < a.getBoundingClientRect().top ? b : a);
  const scroller = block.querySelector('.md-typeset__scrollwrap') || block;  // Material's
  return {kind: block.className, header: block.querySelector('thead').offsetHeight,
          first: first.textContent, wide: scroller.scrollWidth > scroller.clientWidth + 1};
})"""


@pytest.mark.parametrize("path", ["values/", "config-mapping/"])
def test_four_column_tables_stack_into_a_block_per_row_on_a_phone(site, path):
    with browser(f"{site}/") as page:
        metrics = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        send(page, "Emulation.setDeviceMetricsOverride", metrics)
        send(page, "Page.navigate", {"url": f"{site}/{path}"})
        tables = wait_for(page, f"document.readyState === 'complete' && {_STACKED}")
    assert len(tables) >= 4
    assert all(t["header"] == 0 and not t["wide"] for t in tables), tables
    env = [t for t in tables if "env" in t["kind"].split()]
    if path == "config-mapping/":  # the variable leads its block
        assert env and env[0]["first"].startswith("AGENTS_"), env


def test_every_page_opens_with_its_title_and_never_skips_a_heading_level(site):
    skipped = {}
    for path in PAGES:
        html = urllib.request.urlopen(f"{site}/{path}").read().decode()
        article = html[html.index("<article") : html.index("</article>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", article)]
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if levels[:1] != [1] or jumps:
            skipped[path or "/"] = levels
    assert not skipped, skipped


def test_config_mapping_links_each_key_to_its_entry_in_the_values_reference(site):
    # mkdocs does not check anchors in the generated tables (they sit in HTML blocks).
    mapping = urllib.request.urlopen(f"{site}/config-mapping/").read().decode()
    values = urllib.request.urlopen(f"{site}/values/").read().decode()
    linked = set(re.findall(r'href="\.\./values/#([^"]+)"', mapping))
    ids = set(re.findall(r'\sid="([^"]+)"', values))
    assert {"controlPlane.extraVolumes.name", "env.vars", "image"} <= linked
    assert linked <= ids, linked - ids


def test_the_site_publishes_the_editor_schemas_and_artifact_hubs_file(site):
    from schema_gen import packaged
    from tests.shared.addresses import PLACEHOLDER

    version = packaged.chart_version()
    chart = REPO / "charts" / "agents"
    for schema in ("values.schema.json", "values.override.schema.json"):
        with urllib.request.urlopen(f"{site}/schemas/{version}/{schema}") as response:
            assert response.read() == (chart / schema).read_bytes()
    with urllib.request.urlopen(f"{site}/charts/artifacthub-repo.yml") as response:
        assert response.read() == (REPO / "charts" / "artifacthub-repo.yml").read_bytes()
    with pytest.raises(urllib.error.HTTPError):  # the hook itself is not published
        urllib.request.urlopen(f"{site}/hooks.py")
    for page in ("", "values/", "maintainers/"):
        with urllib.request.urlopen(f"{site}/{page}") as response:
            assert not PLACEHOLDER.search(response.read().decode()), page


def _problem(line: str) -> str:
    """Return what a problem line says is wrong, without its file, values path or values."""
    said = re.sub(r"^values\.yaml:\d+: ", "", line.strip()).partition(": ")[2]
    return re.sub(r"\"[^\"]*\"|'[^']*'", "''", said)


def _vague(line: str) -> bool:
    """Whether a problem line alone names no mistake: "'allOf' failed", or Helm 4's
    "at '': 'not' failed" under a property name it has already named."""
    from schema_gen.generator.troubleshooting_docs import GENERIC_PROBLEM

    path, _, said = line.strip().partition(": ")
    return bool(GENERIC_PROBLEM.search(said)) or (path, said) == ("at ''", "'not' failed")


def _pastes() -> list[tuple[str, str, set[str]]]:
    """Return (what is pasted, where it comes from, the sections that explain it) for every
    captured error: each Helm's whole error, and each problem line alone that says what is
    wrong (not "'allOf' failed", which names no mistake). A line alone is explained by
    its sample's entry, or by any entry whose samples print the same problem elsewhere."""
    from schema_gen.generator.troubleshooting_docs import entry_location
    from schema_gen.generator.troubleshooting_samples import problem_lines, read_samples

    samples = read_samples(REPO / "docs" / "troubleshooting")
    lines = {
        sample.path: [
            line
            for cli, printed in sample.printed.items()
            for line in (problem_lines(printed) if cli != "lint" else printed.splitlines()[:-1])
            if not _vague(line)
        ]
        for sample in samples
    }
    shown: dict[str, set[str]] = {}
    for sample in samples:
        for line in lines[sample.path]:
            shown.setdefault(_problem(line), set()).add(entry_location(sample))
    pastes = []
    for sample in samples:
        where = entry_location(sample)
        pastes += [
            (printed, f"{sample.path} {cli}", {where})
            for cli, printed in sample.printed.items()
            if cli != "lint"
        ]
        pastes += [
            (line, f"{sample.path} line", {where} | shown[_problem(line)])
            for line in lines[sample.path]
        ]
    return pastes


def test_every_captured_error_pasted_whole_or_by_the_line_lands_on_its_entry(site):
    from tests.site_search import ask

    pastes = _pastes()
    answers = ask(site, [text for text, _from, _where in pastes])
    missed = [
        (source, text[:100], answer["section"] or answer["page"])
        for (text, source, where), answer in zip(pastes, answers, strict=True)
        if answer["section"] not in where
    ]
    print(f"{len(pastes) - len(missed)} of {len(pastes)} pastes landed on their entry")
    assert not missed, f"{len(missed)} of {len(pastes)} missed: {missed[:10]}"
