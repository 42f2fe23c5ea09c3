"""JSON written piece by piece is json.dumps(..., ensure_ascii=False, indent=2) byte for byte (l10n.core.jsonstream)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.core.jsonstream import Spool, Stream, array, document

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(_VALUES, max_size=6))
def test_an_array_is_json_dumps(items: list[Any]) -> None:
    assert "".join(array(iter(items))) == _dumps(items)


@given(st.dictionaries(st.text(), _VALUES, max_size=5), st.lists(_VALUES, max_size=5), st.lists(_VALUES, max_size=5))
def test_a_document_with_streamed_and_spooled_arrays_is_json_dumps(head: dict[str, Any], one: list[Any], two: list[Any]) -> None:
    spool = Spool(1)
    for item in two:
        spool.add(item)
    members = [*head.items(), ("one\n\u00e9", Stream(array(one, 1))), ("two", Stream(spool.pieces()))]
    expected = {**head, "one\n\u00e9": one, "two": two}
    assert "".join(document(members)) == _dumps(expected)


@pytest.mark.parametrize("value", [{}, [], {"a": []}, {"a": {}}, [[], {}], {"k": "line\nbreak ü 中"}])
def test_empty_containers_and_strings(value: Any) -> None:
    pieces = document(value.items()) if isinstance(value, dict) else array(value)
    assert "".join(pieces) == _dumps(value)


def test_a_spool_past_its_memory_moves_to_disk_and_reads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.core import jsonstream

    monkeypatch.setattr(jsonstream, "SPOOL", 64)
    spool = Spool(0)
    items = [{"n": n, "text": "x" * 50} for n in range(200)]
    for item in items:
        spool.add(item)
    assert "".join(spool.pieces()) == _dumps(items)
