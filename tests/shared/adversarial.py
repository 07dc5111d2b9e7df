"""What the tiers' tests of adversarial share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = sorted((Path(__file__).parent.parent / "adversarial").glob("*.yaml"))


RENDERS, REFUSED, UNREADABLE = 0, 1, 2


# Each sample's verdict, and why: Helm's engine must give it, and lint and explain with it.
EXPECTED = {
    "alias-bomb": (UNREADABLE, "aliases that expand past Helm's limit"),
    "alias-self": (UNREADABLE, "an alias that contains itself"),
    "bare-equals": (RENDERS, "= is the string '=' (YAML 1.1's value tag is not Helm's)"),
    "ca-key-dot-dot": (REFUSED, "a Secret key of '..' is not a file name"),
    "ca-path-trailing-slash": (REFUSED, "/etc/agents/ca/ is the chart-managed CA's path"),
    "controllers-entries-without-deployment": (REFUSED, "R7: no controllers Deployment"),
    "custom-tag": (REFUSED, "a tagged scalar is a string, not a boolean"),
    "date-and-time": (RENDERS, "dates and times stay strings for env.vars"),
    "empty": (RENDERS, "an empty file is no values"),
    "equals-sign": (RENDERS, "a value with = is a string"),
    "forged-line": (REFUSED, "a newline in a name is refused, not printed as a line"),
    "huge-integer": (REFUSED, "1e19 is past what Helm keeps exact"),
    "int32-overflow": (REFUSED, "replicas past int32"),
    "integer-key-in-global": (RENDERS, "global takes any key"),
    "name-as-number": (REFUSED, "a volume name must be a string"),
    "nan": (UNREADABLE, ".nan cannot become JSON for the schema"),
    "not-utf8": (UNREADABLE, "not UTF-8 (and no UTF-16 byte order mark)"),
    "nul-in-string": (RENDERS, "an escaped NUL inside a quoted string is data"),
    "numeric-size-limit": (RENDERS, "a quantity may be a number"),
    "octal-mode": (RENDERS, "0644 is YAML 1.1's octal, a valid mode"),
    "only-comment": (RENDERS, "a comment is no values"),
    "path-spelled-twice": (REFUSED, "R4: one mountPath, spelled two ways"),
    "per-entry-and-cross-entry": (REFUSED, "a bad name and a duplicate, both reported"),
    "tab-indent": (UNREADABLE, "YAML refuses tabs in indentation"),
    "terminal-escape": (REFUSED, "an escape sequence in a name is refused, printed escaped"),
    "top-level-list": (UNREADABLE, "a values file must be a mapping"),
    "warn-mode": (RENDERS, "validation.mode: warn renders a broken volume contract"),
    "yaml-1.1-booleans": (RENDERS, "y/on/off are booleans, as Helm reads them"),
}
