"""The chart README, as GitHub and Artifact Hub show it: ordered like the best charts',
its example valid, its links pointing at pages the site has, its tables inside GitHub's
980 px column."""

from __future__ import annotations

import re

import yaml

from schema_gen.project import project
from tests.conftest import REPO
from tests.shared.chart_readme import META, README

SITE = project().site  # pyproject.toml's Documentation URL


# Sections in the order operators read them, as the well-known charts' READMEs have them.
SECTIONS = [
    "TL;DR", "Prerequisites", "Installing", "Upgrading", "Upgrading from 0.10",
    "Switching from the upstream chart",
    "Uninstalling", "Extra volumes and mounts", "Parameters", "Config Mapping",
]  # fmt: skip


def _shown(text: str) -> str:
    """Return the README without its HTML comments: the text a reader sees."""
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def test_sections_come_in_the_order_operators_read_them():
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings == SECTIONS


def test_it_shows_the_chart_version_and_app_version_from_chart_yaml():
    facts = f"Chart version **{META['version']}**, appVersion **{META['appVersion']}**"
    assert facts in _shown(README)


def test_notes_for_maintainers_are_comments_a_reader_does_not_see():
    assert "nox -s schema" in README
    assert "nox" not in _shown(README) and "schema_gen/" not in _shown(README)


def test_its_links_point_at_pages_the_site_has():
    nav = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_IgnoreTags)["nav"]
    pages = {
        SITE + ("" if page == "index.md" else page.removesuffix(".md") + "/")
        for entry in nav
        for page in entry.values()
    }
    references = dict(re.findall(r"^\[([\w-]+)\]: (\S+)$", README, re.M))
    inline = re.findall(r"\]\((https?://[^)]*)\)", README)
    used = set(re.findall(r"\]\[([\w-]+)\]", README))
    assert used <= references.keys(), used - references.keys()  # no dangling reference
    links = {url for url in [*references.values(), *inline] if url.startswith(SITE)}
    assert {SITE + "values/", SITE + "config-mapping/"} <= links  # the long tables
    assert links <= pages, links - pages
    # Links from the prose to the long tables go through the generated references.
    assert {"values", "config-mapping"} <= used


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags, read as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
