"""`import json` on damaged exports: never a traceback, and nothing written when refused.

A valid export of a small campaign is broken in one place at random (a field's type, a
record id, a table, the schema version, deep nesting, huge numbers, long text), then
imported into an empty file and into a campaign. The import either succeeds with data
every later command can read, or raises ImportRefused and leaves the file byte-identical.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, Interaction, InteractionKind
from referral_tui.exports import write_json
from referral_tui.imports import ImportRefused, import_json
from tests.helpers import TODAY, fresh

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
WEIRD_KEYS = st.sampled_from(["0", "-1", "abc", "1.5", "99999999999999999999", "", " 1", "007", "9223372036854775808"])


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr("referral_tui.store.files.os.fsync", lambda fd: None)
    yield


def valid_export(folder: Path) -> dict[str, Any]:
    repo = fresh(folder / "source.json")
    ana = repo.quick_add("Ana Ruiz @ Acme, Staff Engineer #alumni !relationship")
    repo.score(ana.id, ScoreEntry(TODAY, 4, 4, 3, 3))
    repo.log_interaction(Interaction(contact_id=ana.id, day=TODAY, kind=InteractionKind.EVENT, summary="PyCon"))
    repo.add_ask(Ask(contact_id=ana.id, day=TODAY, role_title="SRE", points=["a", "b"]))
    repo.save_profile(my_name="Sam")
    out = folder / "export.json"
    write_json(repo, out)
    doc: dict[str, Any] = orjson.loads(out.read_bytes())
    return doc


@st.composite
def broken(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    doc = orjson.loads(orjson.dumps(doc))
    tables: dict[str, Any] = doc["tables"]
    how = draw(st.sampled_from(["field", "key", "record", "table", "version", "nesting", "size", "missing"]))
    name = draw(st.sampled_from(sorted(tables)))
    records = tables[name]
    key = draw(st.sampled_from(sorted(records))) if records else None
    if how == "field" and key is not None:
        record = records[key]
        field = draw(st.sampled_from(sorted(record)))
        record[field] = draw(JSON_VALUES)
    elif how == "key" and key is not None:
        records[draw(WEIRD_KEYS)] = records.pop(key)
    elif how == "record" and key is not None:
        records[key] = draw(JSON_VALUES)
    elif how == "table":
        tables[name] = draw(JSON_VALUES)
    elif how == "version":
        doc["schema_version"] = draw(JSON_VALUES)
    elif how == "nesting" and key is not None:
        deep: Any = "x"
        for _ in range(draw(st.integers(50, 400))):
            deep = [deep]
        records[key][draw(st.sampled_from(sorted(records[key])))] = deep
    elif how == "size" and key is not None:
        records[key][draw(st.sampled_from(sorted(records[key])))] = "x" * draw(st.sampled_from([10, 2_000_000]))
    elif how == "missing" and key is not None:
        record = records[key]
        record.pop(draw(st.sampled_from(sorted(record))))
    return doc


EXPORT = valid_export(Path(tempfile.mkdtemp(prefix="fuzz-source-")))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=broken(EXPORT), into_campaign=st.booleans())
def test_a_broken_export_is_imported_whole_or_refused_untouched(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any], into_campaign: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    target = folder / "referrals.json"
    if into_campaign:
        fresh(target).quick_add("Bo Chen @ Beta")
    before = target.read_bytes() if target.exists() else None
    source = folder / "broken.json"
    source.write_text(json.dumps(doc), encoding="utf-8")  # stdlib: orjson refuses to write deep nesting
    repo = fresh(target)
    try:
        import_json(repo, source)
    except ImportRefused as refused:
        assert str(source) in str(refused)
        now = target.read_bytes() if target.exists() else None
        assert now == before, "a refused import changed the data file"
        return
    # Accepted: every later reader must cope (the board, due, another export).
    again = fresh(target)
    again.engine.validate()
    again.due()
    again.coach_data()
    write_json(again, folder / "again.json")
