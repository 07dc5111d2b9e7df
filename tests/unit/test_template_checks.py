"""generate reads every line that writes a typed variable: each mistake a maintainer can make
on it is refused with the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_gen.contract.environment import Declared, EnvVar
from schema_gen.generator import template_checks

WORKERS = Declared(
    "controller.webhook.workers", EnvVar("AGENTS_WEBHOOK_WORKERS", ("controlPlane",), "int"), 4
)
MODE = Declared("controller.mode", EnvVar("AGENTS_MODE", ("controlPlane",), "string", line="own"))
HEAD = (
    "{{- $v := .root.Values -}}\n{{- $ctl := $v.controller }}\n"
    "{{- $hook := $ctl.webhook | default dict }}\n"
)
GOOD = (
    '{{- include "agents.typed" (list $vars $mapping "AGENTS_WEBHOOK_WORKERS" $hook.workers) }}\n'
)


def _problems(tmp_path: Path, body: str, declared=(WORKERS,)) -> list[str]:
    template = tmp_path / "_env.tpl"
    template.write_text(HEAD + body, encoding="utf-8")
    return template_checks.problems([template], list(declared))


def test_a_typed_line_that_reads_its_key_through_aliases_passes(tmp_path):
    assert _problems(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("body", "says"),
    [
        # The guide's old pattern: agents.var writes the integer unquoted (value: 4).
        (
            '{{- include "agents.var" (list $vars "AGENTS_WEBHOOK_WORKERS" $hook.workers) }}\n',
            "_env.tpl:4: AGENTS_WEBHOOK_WORKERS is a typed variable "
            "(controller.webhook.workers, int)",
        ),
        (
            GOOD.replace("$hook.workers", "($hook.workers | default 4)"),
            "_env.tpl:4: AGENTS_WEBHOOK_WORKERS's fallback is retyped here (| default 4)",
        ),
        (
            GOOD.replace("$hook.workers", "$hook.queueSize"),
            "but this line reads controller.webhook.queueSize; read controller.webhook.workers",
        ),
        (
            GOOD.replace("AGENTS_WEBHOOK_WORKERS", "AGENTS_WEBHOOK_WORKER"),
            "_env.tpl:4: AGENTS_WEBHOOK_WORKER is written by agents.typed but no key declares it",
        ),
        (
            "",
            "_env.tpl:1: AGENTS_WEBHOOK_WORKERS is declared on controller.webhook.workers (a "
            "Config Mapping row) but no template writes it",
        ),
    ],
    ids=["plain-helper", "retyped-default", "other-key", "undeclared-name", "missing"],
)
def test_each_mistake_on_a_typed_line_is_refused_with_its_line(tmp_path, body, says):
    found = _problems(tmp_path, body)
    assert any(says in problem for problem in found), found


def test_a_variable_on_a_line_of_its_own_only_needs_to_be_named(tmp_path):
    template = tmp_path / "_env.tpl"
    template.write_text(HEAD + "- name: AGENTS_MODE\n", encoding="utf-8")
    assert template_checks.unwritten([template], [MODE]) == []
    template.write_text(HEAD + "{{- /* AGENTS_MODE, in a comment only */ -}}\n", encoding="utf-8")
    assert template_checks.unwritten([template], [MODE]) == [MODE]


def test_an_integer_fallback_written_into_a_template_is_refused(tmp_path):
    template = tmp_path / "services.yaml"
    template.write_text(
        HEAD + "{{- $port := $v.grpc.port | default 50051 }}\n"
        "{{- $count := get $counts . | default 0 }}\n",  # a count, no values key
        encoding="utf-8",
    )
    assert template_checks.retyped_defaults([template]) == [
        f"{template}:4: grpc.port's fallback (50051) is retyped here; mark the key's field "
        'Fallback() and read it: (index (include "agents.fallbacks" $ | fromJson) "grpc.port")'
    ]


def test_a_fallback_no_key_declares_is_refused(tmp_path):
    template = tmp_path / "services.yaml"
    template.write_text(
        HEAD + '{{- $fallbacks := include "agents.fallbacks" . | fromJson -}}\n'
        '{{- $port := $v.grpc.port | default (index $fallbacks "grpc.port") }}\n'
        '{{- $n := $v.x | default (index (include "agents.fallbacks" $ | fromJson) "x.y") }}\n',
        encoding="utf-8",
    )
    assert template_checks.unknown_fallbacks([template], {"grpc.port": 50051}) == [
        f"{template}:6: reads the fallback of x.y, which no key declares; mark its field "
        "Fallback() (or read another key's)"
    ]
