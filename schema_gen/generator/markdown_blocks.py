"""The Markdown blocks every generated page is made of: tables, stacking tables, code.

Kept apart from the pages so each page family's module says only what it shows.
"""

from __future__ import annotations


class Html(str):
    """A table cell that is HTML we built, shown as it is."""


def cell(text: str) -> str:
    """Return ``text`` as a Markdown table cell: one line, ``|`` escaped, no stray tags."""
    # Cells are Markdown; a description's "<source>" must not become a tag.
    if not isinstance(text, Html):
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[str]]) -> str:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def stacking(kind: str, text: str) -> str:
    """Return the table ``text`` in a block the site's stylesheet stacks on a phone, one block
    per row with the cells labelled; ``kind`` (keys, mapping, env) names its columns there."""
    return f'<div class="stacked {kind}" markdown>\n\n{text}\n</div>\n'


def fenced(text: str, language: str = "text") -> str:
    """Return ``text`` as a fenced code block."""
    return f"```{language}\n{text.strip()}\n```\n"
