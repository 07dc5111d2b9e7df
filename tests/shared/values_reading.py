"""What the tiers' tests of values_reading share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

import codecs
import io
import sys
from dataclasses import dataclass

from schema_gen.cli import main

GRPC = "grpc:\n  enabled: true\n"  # renders


UNKNOWN = "nope: 1\n"  # refused by the schema: proves the file was read, not skipped


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    lint: int  # lint's exit status: 0 renders, 1 refused, 2 cannot be read
    helm3: bool  # whether `helm template -f` renders, Helm 3.17
    helm4: bool  # the same, Helm 4.1
    says: str = ""  # what lint prints, after FILE (":LINE: ..." where it names a line)


def _utf16(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec)


# fmt: off
CASES = [
    # Control characters: go-yaml refuses them anywhere, comments and quoted strings included.
    Case("nul-hides-nothing", b"grpc:\n  enabled: true\n\x00bad: [\n", 2, False, False,
         ":3: a control character (U+0000), which Helm refuses"),
    Case("nul-in-a-comment", b"# a \x00 b\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("nul-in-a-quoted-string", b'env:\n  vars:\n    A: "a\x00b"\n', 2, False, False,
         ':3: a control character (U+0000), which Helm refuses anywhere in a values file, '
         'comments and quoted strings included: delete it (in a double-quoted string, write it '
         'as the escape "\\x00")'),
    Case("nul-at-the-end", GRPC.encode() + b"\x00", 2, False, False, ":3: a control character"),
    Case("nul-as-an-escape", b'env:\n  vars:\n    A: "a\\0b"\n', 0, True, True),
    Case("escape-sequence", b"# \x1b[31m red\n" + GRPC.encode(), 2, False, False,
         ":1: a control character (U+001B)"),
    Case("start-of-heading", GRPC.encode() + b"env:\n  vars:\n    A: a\x01b\n", 2, False, False,
         ":5: a control character (U+0001)"),
    Case("vertical-tab", b"# \x0b\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("form-feed", b"# \x0c\n" + GRPC.encode(), 2, False, False, ":1: a control"),
    Case("delete", b"# \x7f\n" + GRPC.encode(), 2, False, False,
         ":1: a control character (U+007F)"),
    Case("c1-control", "# \x80\n".encode() + GRPC.encode(), 2, False, False,
         ":1: a control character (U+0080)"),
    Case("noncharacter", "# \ufffe\n".encode() + GRPC.encode(), 2, False, False,
         ":1: a control character (U+FFFE)"),
    Case("tab-in-a-value", b'env:\n  vars:\n    A: "a\tb"\n', 0, True, True),
    Case("allowed-oddities", "# \u00a0 \ufeff \U0001f600\n".encode() + GRPC.encode(), 0, True,
         True),
    Case("next-line-breaks-a-comment", "# a\u0085b: [\n".encode(), 2, False, False,
         ":2: not valid YAML"),  # NEL ends the comment; the error is at the end
    Case("cr-line-ends", b"grpc:\r  enabled: true\r", 0, True, True),
    Case("crlf-line-ends", b"grpc:\r\n  enabled: true\r\n", 0, True, True),
    # Encodings: UTF-8 (a byte-order mark skipped), UTF-16 after a mark, nothing else.
    Case("not-utf-8", b"env:\n  vars:\n    A: a\xffb\n", 2, False, False,
         ":3: not UTF-8 text (invalid leading UTF-8 octet); save the file as UTF-8"),
    Case("utf-8-surrogate", b"# \xed\xa0\x80\n" + GRPC.encode(), 2, False, False,
         ":1: not UTF-8 text"),
    Case("utf-8-bom", codecs.BOM_UTF8 + GRPC.encode(), 0, True, True),
    Case("utf-8-bom-read", codecs.BOM_UTF8 + UNKNOWN.encode(), 1, False, False, ':1: nope: '),
    Case("utf-16-be-bom", _utf16(GRPC, "utf-16-be", codecs.BOM_UTF16_BE), 0, True, True),
    Case("utf-16-be-bom-read", _utf16(GRPC + UNKNOWN, "utf-16-be", codecs.BOM_UTF16_BE), 1,
         False, False, ":3: nope: "),
    Case("utf-16-be-bom-crlf", _utf16("grpc:\r\n  enabled: true\r\n", "utf-16-be",
         codecs.BOM_UTF16_BE), 0, True, True),
    Case("utf-16-be-no-final-newline", _utf16(GRPC.strip(), "utf-16-be", codecs.BOM_UTF16_BE),
         2, True, False, ":2: Helm 4 cannot read it, though Helm 3 can: Helm 4 reads a values "
         "file line by line"),
    Case("utf-16-le-bom", _utf16(GRPC, "utf-16-le", codecs.BOM_UTF16_LE), 2, True, False,
         ":2: Helm 4 cannot read it, though Helm 3 can"),
    Case("utf-16-le-bom-refused", _utf16(UNKNOWN, "utf-16-le", codecs.BOM_UTF16_LE), 2, False,
         False, ":1: Helm 4 cannot read it"),
    Case("utf-16-lone-surrogate", codecs.BOM_UTF16_LE + b"#\x00 \x00\x00\xd8\n\x00", 2, False,
         False, ":1: not valid UTF-16 text (it holds a lone surrogate)"),
    Case("utf-16-no-bom", GRPC.encode("utf-16-le"), 2, False, False,
         ":1: NUL bytes throughout: this looks like UTF-16 or UTF-32 text without a byte-order "
         "mark"),
    Case("utf-32-le-bom", _utf16(GRPC, "utf-32-le", codecs.BOM_UTF32_LE), 2, False, False,
         ":1: UTF-32 text, which Helm cannot read; save the file as UTF-8"),
    Case("utf-32-be-bom", _utf16(GRPC, "utf-32-be", codecs.BOM_UTF32_BE), 2, False, False,
         ":1: UTF-32 text"),
    # Documents: Helm 3 reads the first, Helm 4 merges them all.
    Case("second-document-refused", (GRPC + "---\n" + UNKNOWN).encode(), 1, True, False,
         ':4: nope: unknown key "nope"'),
    Case("second-document-differs", (GRPC + "---\ngrpc:\n  enabled: false\n").encode(), 0,
         True, True, ":4: warning: Helm 3 and Helm 4 read different values from this file: "
         "Helm 4 merges every YAML document"),
    Case("second-document-same", (GRPC + "---\n" + GRPC).encode(), 0, True, True),
    Case("second-document-broken", (GRPC + "---\na: [\n").encode(), 2, True, False,
         ":4: Helm 4 cannot read it, though Helm 3 can: not valid YAML"),  # Helm's line
    Case("second-document-a-list", (GRPC + "---\n- a\n").encode(), 2, True, False,
         ":4: Helm 4 cannot read it, though Helm 3 can: a values file must be a mapping"),
    Case("text-after-the-dashes", b"--- {grpc: {enabled: true}}\n", 2, True, False,
         ':1: Helm 4 cannot read it, though Helm 3 can: text after "---"'),
    Case("comment-after-the-dashes", ("--- # values\n" + GRPC).encode(), 0, True, True),
    Case("document-end-marker", (GRPC + "...\n" + UNKNOWN).encode(), 0, True, True),
    Case("empty", b"", 0, True, True),
    Case("a-scalar", b"hello\n", 2, False, False, ":1: a values file must be a mapping"),
]


def _lint(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["lint", "-q", *args])  # -q: a clean file prints nothing
    out, err = capsys.readouterr()
    return status, out, err


def _stdin(monkeypatch, data: bytes) -> io.BytesIO:
    stream = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    return stream
