"""What ``generate`` checks in the chart's templates against the env declarations.

A typed key declares its variable once, on its model field (name, containers, form,
fallback). The templates write it on one line, ``include "agents.typed" (list $vars
$mapping "NAME" EXPR)``, and the helper takes the form and the fallback from the
generated table; what is left to go wrong is the line itself. So every line is read
here: it must name a declared variable, read that variable's key (through the
template's ``$alias := $v.key`` assignments), retype no default, and no typed variable
may be written another way (``agents.var`` would write an integer unquoted, which the
API server refuses). A variable written on a line of its own (``line="own"``) must at
least be named by some template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schema_gen.contract.environment import Declared

_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
_TYPED = re.compile(
    r'include "agents\.typed" \(list \$\w+ \$\w+ "(?P<name>[A-Z0-9_]+)" (?P<expr>.*)\) \}\}'
)
_OTHER = re.compile(r'include "agents\.(?:var|json)" \(list \$\w+ "(?P<name>[A-Z0-9_]+)"')
_ALIAS = re.compile(r"\{\{-?\s*(?P<alias>\$\w+) :?= (?P<expr>\$[\w.]+)")
_KEY = re.compile(r"\$\w+(?:\.\w+)*")
# A fallback written into the line: a number, a quoted string or a boolean after | default.
_LITERAL_DEFAULT = re.compile(r'\|\s*default\s+(-?[0-9][0-9.]*|"[^"]*"|true|false)\b')
_ROOTS = {"$v": "", "$.Values": "", ".Values": ""}
# An integer a values key falls back to, written into a template: `$v.x.y | default 3`.
_RETYPED = re.compile(r"(?P<key>(?:\$\.?|\.)[\w.]+)\s*\|\s*default\s+(?P<value>-?[0-9]+)\b")


class UnusableTemplates(Exception):
    """Template lines that break the declarations: one ``FILE:LINE: why; fix`` each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TemplateLine:
    """A line of a template that writes a variable, and the values key it reads."""

    path: Path
    number: int
    name: str
    helper: str  # "typed", or "var"/"json" for the plain helpers
    key: str  # the dotted values path its expression reads first ("" if none)
    text: str

    def where(self) -> str:
        return f"{self.path}:{self.number}"


def _aliases(text: str) -> dict[str, str]:
    """Return ``$alias`` -> the values path it stands for, from ``$a := $v.x.y`` lines."""
    found: dict[str, str] = dict(_ROOTS)
    for match in _ALIAS.finditer(text):
        head, _, rest = match["expr"].partition(".")
        if head in found:
            found[match["alias"]] = ".".join(p for p in (found[head], rest) if p)
    return found


def _key(expr: str, aliases: dict[str, str]) -> str:
    """Return the values path the first ``$alias.x.y`` of ``expr`` reads, or ""."""
    for token in _KEY.findall(expr):
        head, _, rest = token.partition(".")
        if head in aliases:
            return ".".join(p for p in (aliases[head], rest) if p)
    return ""


def lines(templates: Iterable[Path]) -> list[TemplateLine]:
    """Return every line of ``templates`` that writes a variable through a helper."""
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        aliases = _aliases(_COMMENT.sub("", text))
        for number, line in enumerate(text.splitlines(), 1):
            if typed := _TYPED.search(line):
                key = _key(typed["expr"], aliases)
                found.append(TemplateLine(path, number, typed["name"], "typed", key, line.strip()))
            elif other := _OTHER.search(line):
                found.append(TemplateLine(path, number, other["name"], "plain", "", line.strip()))
    return found


def _typed_line(declared: Declared, alias_hint: str = "$v") -> str:
    key = f"{alias_hint}.{declared.path}" if alias_hint == "$v" else alias_hint
    return f'{{{{- include "agents.typed" (list $vars $mapping "{declared.var.name}" {key}) }}}}'


def problems(templates: list[Path], declared: list[Declared]) -> list[str]:
    """Return ``FILE:LINE: what is wrong; the fix`` for each line that breaks the rules above."""
    written = lines(templates)
    typed = {d.var.name: d for d in declared if d.var.line == "typed"}
    keys: dict[str, set[str]] = {}
    for item in declared:
        keys.setdefault(item.var.name, set()).add(item.path)
    found = []
    for line in written:
        item = typed.get(line.name)
        if line.helper == "plain":
            if item is not None:
                found.append(
                    f"{line.where()}: {line.name} is a typed variable ({item.path}, "
                    f"{item.var.format}); agents.var/agents.json write it without its form "
                    f"(an integer unquoted, which the API server refuses): write "
                    f"{_typed_line(item)}"
                )
            continue
        if item is None:
            found.append(
                f"{line.where()}: {line.name} is written by agents.typed but no key declares it "
                "with an EnvVar (the table has no form or fallback for it); declare it on the "
                "key's model field, or write it with agents.var"
            )
            continue
        if line.key not in keys[line.name]:
            found.append(
                f"{line.where()}: {line.name} is declared on {item.path}, but this line reads "
                f"{line.key or 'no values key'}; read {item.path} (for example "
                f"{_typed_line(item)})"
            )
        if literal := _LITERAL_DEFAULT.search(line.text):
            found.append(
                f"{line.where()}: {line.name}'s fallback is retyped here ({literal.group(0)}); "
                f"it comes from {item.path}'s default (or its Fallback) through the generated "
                "table: drop it"
            )
    named = {line.name for line in written}  # a plain line is reported above
    for name, item in typed.items():
        if name not in named:
            found.append(
                f"{templates[0].parent / '_env.tpl'}:1: {name} is declared on {item.path} "
                f"(a Config Mapping row) but no template writes it; add, where upstream writes "
                f"it, {_typed_line(item)}, or remove the EnvVar from the model"
            )
    return found


def retyped_defaults(templates: list[Path]) -> list[str]:
    """Return a line for each integer a template writes as a values key's fallback."""
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        aliases = _aliases(_COMMENT.sub("", text))
        for number, line in enumerate(text.splitlines(), 1):
            for match in _RETYPED.finditer(line):
                key = _key(match["key"].replace("$.Values", "$v").replace(".Values", "$v"), aliases)
                if key:
                    found.append(
                        f"{path}:{number}: {key}'s fallback ({match['value']}) is retyped here; "
                        f"mark the key's field Fallback() and read it: (index (include "
                        f'"agents.fallbacks" $ | fromJson) "{key}")'
                    )
    return found


_FALLBACK_READ = re.compile(r'(?:\$fallbacks|"agents\.fallbacks" \S+ \| fromJson\))\s+"([\w.]+)"')


def unknown_fallbacks(templates: list[Path], known: dict[str, object]) -> list[str]:
    """Return a line for each fallback a template reads that no key declares: ``index``
    would give nil, and the key would fall back to nothing."""
    found = []
    for path in templates:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in _FALLBACK_READ.findall(line):
                if key not in known:
                    found.append(
                        f"{path}:{number}: reads the fallback of {key}, which no key declares; "
                        "mark its field Fallback() (or read another key's)"
                    )
    return found


def unwritten(templates: list[Path], declared: list[Declared]) -> list[Declared]:
    """Return the declarations written on lines of their own that no template names: each
    would be a Config Mapping row for a variable the chart never sets. A name counts
    where it stands alone (a literal, ``name: X``), comments aside."""
    text = _COMMENT.sub("", "".join(t.read_text(encoding="utf-8") for t in templates))
    named = set(re.findall(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]*(?![A-Za-z0-9_])", text))
    return [d for d in declared if d.var.line == "own" and d.var.name not in named]
