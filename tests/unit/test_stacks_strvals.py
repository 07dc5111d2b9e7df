"""Helm's ``--set`` language as Argo CD's parameters and Flux's targetPath use it.

The cases are Helm's own (helm/helm v4.1.4, pkg/strvals/parser_test.go: TestSetIndex,
TestParseSet, TestParseInto, TestParseIntoString), their expectations written out here
as Helm's test states them. Helm's parser itself (through its Go SDK) is the oracle of
the property test in tests/property/test_strvals.py.
"""

from __future__ import annotations

import pytest

from schema_gen.tools.stacks.strvals import MAX_INDEX, StrvalsError, parse_into


def _parsed(expression: str, as_string: bool = False) -> dict:
    values: dict = {}
    parse_into(expression, values, as_string=as_string)
    return values


# TestParseSet, `tests`: (expression, expected or None for an error).
PARSE_SET = [
    ("name1=null,f=false,t=true", {"name1": None, "f": False, "t": True}),
    ("name1=value1", {"name1": "value1"}),
    ("name1=value1,name2=value2", {"name1": "value1", "name2": "value2"}),
    ("name1=value1,name2=value2,", {"name1": "value1", "name2": "value2"}),
    ("name1=value1,,,,name2=value2,", None),
    ("name1=,name2=value2", {"name1": "", "name2": "value2"}),
    ("leading_zeros=00009", {"leading_zeros": "00009"}),
    ("zero_int=0", {"zero_int": 0}),
    ("long_int=1234567890", {"long_int": 1234567890}),
    ("boolean=true", {"boolean": True}),
    ("is_null=null", {"is_null": None}),
    ("name1,name2=", None),
    ("name1,name2=value2", None),
    ("name1,name2=value2\\", None),
    ("name1,name2", None),
    ("name1=one\\,two,name2=three\\,four", {"name1": "one,two", "name2": "three,four"}),
    ("name1=one\\=two,name2=three\\=four", {"name1": "one=two", "name2": "three=four"}),
    ("name1=one two three,name2=three two one",
     {"name1": "one two three", "name2": "three two one"}),
    ("outer.inner=value", {"outer": {"inner": "value"}}),
    ("outer.middle.inner=value", {"outer": {"middle": {"inner": "value"}}}),
    ("outer.inner1=value,outer.inner2=value2", {"outer": {"inner1": "value", "inner2": "value2"}}),
    ("outer.inner1=value,outer.middle.inner=value",
     {"outer": {"inner1": "value", "middle": {"inner": "value"}}}),
    ("name1.name2", None),
    ("name1.name2,name1.name3", None),
    ("name1.name2=", {"name1": {"name2": ""}}),
    ("name1.=name2", None),
    ("name1.,name2", None),
    ("name1={value1,value2}", {"name1": ["value1", "value2"]}),
    ("name1={value1,value2},name2={value1,value2}",
     {"name1": ["value1", "value2"], "name2": ["value1", "value2"]}),
    ("name1={1021,902}", {"name1": [1021, 902]}),
    ("name1.name2={value1,value2}", {"name1": {"name2": ["value1", "value2"]}}),
    ("name1={1021,902", None),
    ("list[0]=foo", {"list": ["foo"]}),
    ("list[0].foo=bar", {"list": [{"foo": "bar"}]}),
    ("list[0].foo=bar,list[0].hello=world", {"list": [{"foo": "bar", "hello": "world"}]}),
    ("list[0].foo=bar,list[-30].hello=world", None),
    ("list[0]=foo,list[1]=bar", {"list": ["foo", "bar"]}),
    ("list[0]=foo,list[1]=bar,", {"list": ["foo", "bar"]}),
    ("list[0]=foo,list[3]=bar", {"list": ["foo", None, None, "bar"]}),
    ("list[0]=foo,list[-20]=bar", None),
    ("illegal[0]name.foo=bar", None),
    ("noval[0]", {"noval": []}),
    ("noval[0]=", {"noval": [""]}),
    ("nested[0][0]=1", {"nested": [[1]]}),
    ("nested[1][1]=1", {"nested": [None, [None, 1]]}),
    ("name1.name2[0].foo=bar,name1.name2[1].foo=bar",
     {"name1": {"name2": [{"foo": "bar"}, {"foo": "bar"}]}}),
    ("name1.name2[1].foo=bar,name1.name2[0].foo=bar",
     {"name1": {"name2": [{"foo": "bar"}, {"foo": "bar"}]}}),
    ("name1.name2[1].foo=bar", {"name1": {"name2": [None, {"foo": "bar"}]}}),
    ("]={}].", None),
]  # fmt: skip


@pytest.mark.parametrize(("expression", "expected"), PARSE_SET, ids=[c[0] for c in PARSE_SET])
def test_helms_parse_set_cases(expression, expected):
    if expected is None:
        with pytest.raises(StrvalsError):
            _parsed(expression)
    else:
        assert _parsed(expression) == expected


# TestParseSet, `testsString`: --set-string keeps every value a string.
@pytest.mark.parametrize(
    ("expression", "expected"),
    [("long_int_string=1234567890", {"long_int_string": "1234567890"}),
     ("boolean=true", {"boolean": "true"}), ("is_null=null", {"is_null": "null"}),
     ("zero=0", {"zero": "0"})],
)  # fmt: skip
def test_helms_parse_string_cases(expression, expected):
    assert _parsed(expression, as_string=True) == expected


# TestParseInto: written into values that are already there.
def test_helms_parse_into_cases():
    got = {"outer": {"inner1": "overwrite", "inner2": "value2"}}
    parse_into("outer.inner1=value1,outer.inner3=value3,outer.inner4=4", got)
    assert got == {"outer": {"inner1": "value1", "inner2": "value2", "inner3": "value3",
                             "inner4": 4}}  # fmt: skip
    got = {}
    parse_into("listOuter[0][0].type=listValue", got)
    parse_into("listOuter[0][0].status=alive", got)
    assert got == {"listOuter": [[{"type": "listValue", "status": "alive"}]]}
    got = {}
    parse_into("listOuter[0][0].type=listValue", got)
    parse_into("listOuter[1][0].status=alive", got)
    assert got == {"listOuter": [[{"type": "listValue"}], [{"status": "alive"}]]}
    got = {"listOuter": [[[{"exited": "old"}]]]}
    parse_into("listOuter[0][1][0].type=listValue", got)
    parse_into("listOuter[0][0][1].status=alive", got)
    assert got == {"listOuter": [[[{"exited": "old"}, {"status": "alive"}],
                                  [{"type": "listValue"}]]]}  # fmt: skip


# TestParseIntoString.
def test_helms_parse_into_string_case():
    got = {"outer": {"inner1": "overwrite", "inner2": "value2"}}
    parse_into("outer.inner1=1,outer.inner3=3", got, as_string=True)
    assert got == {"outer": {"inner1": "1", "inner2": "value2", "inner3": "3"}}


# TestSetIndex: the index bounds.
@pytest.mark.parametrize("index", [-1, MAX_INDEX + 1])
def test_helms_index_bounds(index):
    with pytest.raises(StrvalsError):
        _parsed(f"list[{index}]=x")


def test_a_list_index_within_a_list_writes_in_place():
    # The list is changed where it stands, as Helm's setIndex does: Flux depends on it.
    shared = ["a", "b", "c"]
    values = {"list": shared}
    parse_into("list[1]=x", values)
    assert values["list"] is shared and shared == ["a", "x", "c"]


def test_every_write_is_reported_with_its_path():
    writes = []
    parse_into("a.b[1]=x,c=1", {}, on_write=lambda at, _c, _k: writes.append(at))
    assert ("a", "b", 1) in writes and ("c",) in writes


def test_a_list_grown_for_an_index_keeps_its_other_items_writers():
    # list[3]=d on a list of two: Helm copies it longer; only the item is a new write.
    writes = []
    parse_into("list[3]=d", {"list": ["a", "b"]}, on_write=lambda at, _c, _k: writes.append(at))
    assert writes == [("list", 3)]
