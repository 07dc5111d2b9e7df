"""migrate never loses a value: what Helm reads from its output is what Helm read from the
input, mapped through the renames since 0.9.1, or migrate exits 1 saying what needs a
person and writes nothing.

Hypothesis draws 0.9.1 values files the way people and tools write them: the keys and
JANGAR_* variables a 0.9.1 operator sets, keys written twice, anchors and aliases across
sections, merge keys, several documents, flow style, comments everywhere, CRLF, a byte
order mark and UTF-16. The oracle is Helm's decoder (Helm's Go SDK) on the bytes, read as
Helm 3 reads a file (its first document) and as Helm 4 does (every document, merged),
and the renames written below from upstream's 0.9.1 chart and today's docs.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
from pathlib import Path
from typing import Any

import helm_python
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests import in_process

UPSTREAM_091 = Path(__file__).parent.parent / "upstream" / "charts" / "agents-0.9.1"
# The variables a 0.9.1 operator sets: the ones 0.9.1's templates name.
_TEMPLATES = "".join(path.read_text() for path in (UPSTREAM_091 / "templates").rglob("*.yaml"))
VARIABLES = [
    *sorted(set(re.findall(r"JANGAR_[A-Z0-9_]+", _TEMPLATES)))[:40],
    "NODE_ENV",  # not the chart's: kept as it is
    "AGENTS_MIGRATIONS",  # today's name, beside its old one: the same value or a conflict
    "AGENTS_SCHEDULE_RUNNER_IMAGE",
]
# Each file runs migrate twice in this process (a few Helm decodes each, about 40 ms):
# cheap next to the one-verdict property's renders, so a third of its count (200 files,
# some 15 seconds, in CI).
EXAMPLES = max(20, int(os.environ.get("PROPERTY_EXAMPLES", "2000")) // 3)

# The renames, from upstream's 0.9.1 values and today's migration guide (literal here:
# the test must not read migrate's own table).
PREFIXES = (
    ("JANGAR_AGENTS_CONTROLLER_WEBHOOK_", "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_"),
    ("JANGAR_AGENTS_CONTROLLER_", "AGENTS_CONTROLLER_"),
    ("JANGAR_", "AGENTS_"),
)
RUNTIME = {
    "scheduleRunnerImage": "AGENTS_SCHEDULE_RUNNER_IMAGE",
    "scheduleServiceAccount": "AGENTS_SCHEDULE_SERVICE_ACCOUNT",
    "agentRunnerImage": "AGENTS_AGENT_RUNNER_IMAGE",
}
ENV_MAPS = (("env", "vars"), ("controlPlane", "env", "vars"), ("controllers", "env", "vars"))


class Unreadable(Exception):
    """A file one Helm cannot read (as the CLIs show)."""


class NeedsAPerson(Exception):
    """Two values for one place: migrate must not choose."""


def _renamed(name: str) -> str:
    for old, new in PREFIXES:
        if name.startswith(old):
            return new + name[len(old) :]
    return name


def _at(values: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(values, dict):
            return None
        values = values.get(key)
    return values


def _holder(values: dict, *path: str) -> dict:
    for key in path:
        if not isinstance(values.get(key), dict):
            values[key] = {}
        values = values[key]
    return values


def expected(read: dict[str, Any]) -> dict[str, Any]:
    """Return what a 0.9.1 file Helm read as ``read`` must read as today; raise NeedsAPerson."""
    out = copy.deepcopy(read)
    if "workflowRuntime" in out:
        if "agentRuntime" in out:
            raise NeedsAPerson("workflowRuntime and agentRuntime")
        out["agentRuntime"] = out.pop("workflowRuntime")
    runtime = out.get("runtime")
    if isinstance(runtime, dict):
        for key, variable in RUNTIME.items():
            if key not in runtime:
                continue
            value = runtime.pop(key)
            runner_image = _at(out, "runner", "image", "repository")
            if value in ("", None) or (key == "agentRunnerImage" and runner_image != ""):
                continue  # empty, or runner.image set the runner image over it in 0.9.1
            env = _holder(out, "env", "vars")
            if variable in env:
                if str(env[variable]) != str(value):
                    raise NeedsAPerson(variable)
                continue
            env[variable] = value
        runtime.pop("agentImage", None)  # no longer read by today's application
        if runtime == {}:
            del out["runtime"]
    if out.get("namespaceOverride") == "":
        del out["namespaceOverride"]
    repository = _at(out, "image", "repository")
    if repository not in (None, ""):
        for component in ("controlPlane", "controllers"):
            if _at(out, component, "image", "repository") is None:
                _holder(out, component, "image")["repository"] = repository
    for path in ENV_MAPS:
        env = _at(out, *path)
        if not isinstance(env, dict):
            continue
        for name in [n for n in env if n.startswith("JANGAR_")]:
            new = _renamed(name)
            if new in env:
                if str(env[new]) != str(env[name]):
                    raise NeedsAPerson(name)
                del env[name]
            else:
                env[new] = env.pop(name)
    return out


# Helm's readings of a file's bytes.


def _text(raw: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec)
    return raw.decode("utf-8")


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merged(out[key], value) if both else value
    return out


def helm3_reads(raw: bytes) -> dict:
    """Return what Helm 3 reads: go-yaml's first document (it transcodes UTF-16 first)."""
    found = helm_python.values_from_yaml(_text(raw).encode())
    return found if isinstance(found, dict) else {}


def helm4_reads(raw: bytes) -> dict:
    """Return what Helm 4 reads: each document between lines starting "---", merged.

    Helm 4 cuts the bytes at lines starting with the bytes "---": in UTF-16 text no line
    does, and it reads the whole text, first document only (so `helm template` shows).
    """
    if raw.startswith(codecs.BOM_UTF16_BE):
        if not raw.endswith(b"\x00\n"):  # the newline it adds cuts the last character
            raise Unreadable("Helm 4 cuts big-endian UTF-16 without a final newline")
        return helm3_reads(raw)
    read: dict = {}
    for document in re.split(r"^---[^\n]*\n", _text(raw).replace("\r\n", "\n"), flags=re.M):
        found = helm_python.values_from_yaml(document.encode())
        read = _merged(read, found if isinstance(found, dict) else {})
    return read


# 0.9.1 files, written as people and tools write them.

_PLAIN = ["skip", "info", "registry.example/agent:1", "runner", "codex-rerun", "production"]
_QUOTED = ["1.0", "yes", "on", "", "a b", "50", "/etc/agents/ca/ca.crt"]


@st.composite
def _scalar(draw) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(_PLAIN))
    quote = draw(st.sampled_from(["'", '"']))
    return f"{quote}{draw(st.sampled_from(_QUOTED))}{quote}"


@st.composite
def _vars(draw) -> list[tuple[str, str]]:
    names = draw(st.lists(st.sampled_from(VARIABLES), min_size=1, max_size=4))
    entries = [(name, draw(_scalar())) for name in names]  # a name drawn twice: set twice
    return entries


def _comment(draw, pad: str) -> str:
    return f"{pad}# {draw(st.sampled_from(['note', 'before', 'kept: yes', '---']))}\n" if draw(
        st.integers(0, 3)) == 0 else ""  # fmt: skip


def _eol(draw) -> str:
    return "  # why" if draw(st.integers(0, 4)) == 0 else ""


def _map_text(draw, entries: list[tuple[str, str]], pad: str, flow: bool) -> str:
    """Return ``entries`` (key, scalar text or "*alias" or "<<" merge) as a block or flow map."""
    if flow:
        return " {" + ", ".join(f"{k}: {v}" for k, v in entries) + "}\n"
    return "\n" + "".join(f"{_comment(draw, pad)}{pad}{k}: {v}{_eol(draw)}\n" for k, v in entries)


@st.composite
def files_091(draw) -> bytes:
    sections: list[str] = []  # top-level entries as text, in order
    anchors: list[str] = []

    def env_vars(pad: str, anchor: str | None) -> str:
        entries = draw(_vars())
        if anchors and draw(st.integers(0, 3)) == 0:  # a merge key in the variables
            at = draw(st.integers(0, len(entries)))
            entries.insert(at, ("<<", f"*{draw(st.sampled_from(anchors))}"))
            flow = False
        else:
            flow = draw(st.integers(0, 3)) == 0
        mark = f" &{anchor}" if anchor else ""
        return f"{pad}vars:{mark}" + _map_text(draw, entries, pad + "  ", flow)

    for _ in range(draw(st.integers(0, 1))):  # a section Helm ignores: written again below
        sections.append("env:\n" + env_vars("  ", None))
    if draw(st.booleans()):
        sections.append("controlPlane:\n  env:\n" + env_vars("    ", "cp"))
        anchors.append("cp")
    if draw(st.booleans()):
        anchor = "ctl" if draw(st.booleans()) else None
        body = env_vars("    ", anchor)
        sections.append(f"controllers:\n  enabled: true\n  env:\n{body}")
        anchors += [anchor] if anchor else []
    if draw(st.booleans()):
        anchor = "top" if draw(st.booleans()) else None
        sections.append("env:\n" + env_vars("  ", anchor))
        anchors += [anchor] if anchor else []
    if anchors and draw(st.booleans()):  # an alias in another section
        sections.append(f"podAnnotations: *{draw(st.sampled_from(anchors))}")
    if draw(st.booleans()):
        sections.append(f"workflowRuntime:\n  native:\n    rerunOrchestration: {draw(_scalar())}")
    if draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from([*RUNTIME, "agentImage"]), min_size=1, max_size=3))
        sections.append(
            "runtime:"
            + _map_text(
                draw, [(k, draw(_scalar())) for k in keys], "  ", draw(st.booleans())
            ).rstrip("\n")
        )
        if draw(st.booleans()):
            sections.append("runner:\n  image:\n    repository: ''")
    if draw(st.booleans()):
        sections.append(f"image:\n  repository: registry.example/agents\n  tag: {draw(_scalar())}")
    if draw(st.booleans()):
        sections.append("namespaceOverride: ''")
    order = draw(st.permutations(range(len(sections))))
    # An alias must follow its anchor in the same document: keep the drawn order only
    # where it does, and cut documents only between sections that share no anchor.
    body = [sections[i] for i in order]
    if any("*" in s for s in body):
        body = sections
    text = "".join(f"{_comment(draw, '')}{section.rstrip(chr(10))}\n" for section in body)
    if not anchors and len(body) > 1 and draw(st.booleans()):
        cut = draw(st.integers(1, len(body) - 1))
        text = "".join(s.rstrip("\n") + "\n" for s in body[:cut]) + "---\n" + "".join(
            s.rstrip("\n") + "\n" for s in body[cut:])  # fmt: skip
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-bom", "utf-16-be"]))
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode()
    if encoding == "utf-16-be":  # Helm 4 reads big-endian UTF-16 with a final newline only
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode()


MIGRATE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@MIGRATE
@given(files_091())
def test_migrate_keeps_every_value_helm_read(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("migrate") / "values.yaml"
    path.write_bytes(raw)
    try:
        want3, want4 = expected(helm3_reads(raw)), expected(helm4_reads(raw))
    except NeedsAPerson:
        want3 = want4 = None
    except (helm_python.HelmError, Unreadable):  # Helm cannot read it: neither can migrate
        done = in_process.schema_gen("migrate", "--write", path)
        assert done.returncode == 2 and path.read_bytes() == raw, done.stderr
        event("unreadable")
        return
    printed = in_process.schema_gen("migrate", path)
    assert printed.returncode in (0, 1), printed.stderr
    assert "Traceback" not in printed.stderr
    if "needs a person" in printed.stderr:
        assert printed.returncode == 1
        asked = [line for line in printed.stderr.splitlines() if "needs a person" in line]
        event("needs a person" if want4 is None else "cannot rewrite: " + asked[0][-120:])
    else:
        assert want4 is not None, f"migrate did not see a conflict:\n{printed.stderr}"
        out = printed.stdout.encode("utf-8", "surrogateescape")  # the bytes migrate printed
        assert helm3_reads(out) == want3
        assert helm4_reads(out) == want4
        event("rewritten")
    written = in_process.schema_gen("migrate", "--write", path)
    assert written.returncode == printed.returncode
    if written.returncode:
        assert path.read_bytes() == raw  # nothing written
    else:
        assert helm3_reads(path.read_bytes()) == want3
        assert helm4_reads(path.read_bytes()) == want4
