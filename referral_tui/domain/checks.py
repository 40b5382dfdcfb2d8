"""Validation of stored or imported records against the domain's own types.

A data file is JSON that anyone can edit, and an import is a file from elsewhere, so a
record is checked before the program trusts it: each field's JSON value must fit the
field's declared type (text, whole number, yes/no, date, phase, status, list of text...),
ids must be whole numbers from 1 to 2^63-1, ratings 1-5. The checks are derived from the
record dataclasses' type hints, so a new field is checked the moment it is declared.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any

from referral_tui.domain.matrix import CRITERIA_FIELDS, RATING_MAX, RATING_MIN, ScoreEntry
from referral_tui.domain.records import RECORD_TYPES

MAX_ID = 2**63 - 1
MAX_TEXT = 1_000_000  # characters in one field; a hand-edit mistake, not a note
#: Fields whose whole numbers are ratings, not ids.
RATING_FIELDS = {"screening_quality"}

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one stored record, in words a user can act on."""

    table: str
    key: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"record {self.key} in '{self.table}'"
        return f"{where}: {self.field} {self.message}" if self.field else f"{where}: {self.message}"


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"is {_describe(value)}, not text"
    if len(value) > MAX_TEXT:
        return f"is {len(value)} characters long (at most {MAX_TEXT})"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"is {_describe(value)}, not true or false"


def whole_number(value: Any, low: int, high: int) -> str | None:
    """None if ``value`` is an int (not a bool) from ``low`` to ``high``, else what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"is {_describe(value)}, not a whole number"
    if not low <= value <= high:
        return f"is {value}, outside {low}-{high}"
    return None


def _record_id(value: Any) -> str | None:
    return whole_number(value, 1, MAX_ID)


def _rating(value: Any) -> str | None:
    return whole_number(value, RATING_MIN, RATING_MAX)


def _day(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"is {_describe(value)}, not a date (YYYY-MM-DD)"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"is {_describe(value)}, not a date (YYYY-MM-DD)"
    return None


def _enum(enum: type[StrEnum]) -> Check:
    allowed = ", ".join(e.value or '"" (none)' for e in enum)  # Direction's "" is "not known"

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in enum._value2member_map_:
            return None
        return f"is {_describe(value)}; allowed: {allowed}"

    return check


def _optional(inner: Check) -> Check:
    return lambda value: None if value is None else inner(value)


def _list_of(inner: Check, what: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"is {_describe(value)}, not a list of {what}"
        for index, item in enumerate(value):
            problem = inner(item)
            if problem:
                return f"item {index + 1} {problem}"
        return None

    return check


def _text_map(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"is {_describe(value)}, not an object"
    for key, item in value.items():
        if not isinstance(item, str):
            return f"field '{key}' is {_describe(item)}, not text"
    return None


def _score(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"is {_describe(value)}, not a scoring"
    problem = _day(value.get("day"))
    if problem:
        return f"day {problem}"
    for name in CRITERIA_FIELDS:
        problem = _rating(value.get(name))
        if problem:
            return f"{name} {problem}"
    return None


def _check_for(name: str, hint: Any) -> Check:
    """The check for one field, from its type hint."""
    if name in RATING_FIELDS:
        return _optional(_rating)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return _optional(_check_for(name, rest[0]))
    if origin is list:
        (item,) = args
        if item is str:
            return _list_of(_text, "text")
        if item is ScoreEntry:
            return _list_of(_score, "scorings")
        if typing.get_origin(item) is dict:
            return _list_of(_text_map, "objects")
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return _enum(hint)
    if hint is bool:
        return _flag
    if hint is int:
        return _record_id
    if hint is str:
        return _text
    if hint is date:
        return _day
    raise TypeError(f"no check for field {name} of type {hint!r}")


@dataclass(frozen=True)
class _Schema:
    checks: dict[str, Check]
    required: frozenset[str]


def _schema(cls: type) -> _Schema:
    hints = typing.get_type_hints(cls)
    checks = {f.name: _check_for(f.name, hints[f.name]) for f in fields(cls) if f.name != "id"}
    required = frozenset(
        f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING and f.name != "id"
    )
    return _Schema(checks, required)


SCHEMAS: dict[str, _Schema] = {table: _schema(cls) for table, cls in RECORD_TYPES.items()}

#: Tables of free-form text records (the user's profile, templates).
TEXT_TABLES = {"profile", "templates"}


def key_problem(key: Any) -> str | None:
    """What is wrong with a record key (``"12"``), or None."""
    if not isinstance(key, str) or not key.isdigit() or key.startswith("0"):
        return f"has the id {_describe(key)}; ids are whole numbers from 1 to {MAX_ID}"
    if int(key) > MAX_ID:
        return f"has the id {key}, above {MAX_ID}"
    return None


def check_record(table: str, key: str, doc: Mapping[str, Any]) -> list[Problem]:
    """Every problem with one stored record of ``table`` (empty when it is valid)."""
    problems = []
    bad_key = key_problem(key)
    if bad_key:
        problems.append(Problem(table, key, "", bad_key))
    schema = SCHEMAS.get(table)
    if schema is None:
        if table in TEXT_TABLES:
            problems += [
                Problem(table, key, n, f"is {_describe(v)}, not text") for n, v in doc.items() if not isinstance(v, str)
            ]
        return problems
    for name in schema.required - doc.keys():
        problems.append(Problem(table, key, name, "is missing"))
    for name, value in doc.items():
        check = schema.checks.get(name)
        if check is not None:
            problem = check(value)
            if problem:
                problems.append(Problem(table, key, name, problem))
    return problems


def check_tables(tables: Mapping[str, Mapping[str, Any]], limit: int = 20) -> list[Problem]:
    """Problems across whole tables (records of the known kinds), the first ``limit`` of them."""
    problems: list[Problem] = []
    for table, records in tables.items():
        if table not in SCHEMAS and table not in TEXT_TABLES:
            continue
        for key, doc in records.items():
            if not isinstance(doc, dict):
                problems.append(Problem(table, str(key), "", "is not an object"))
            else:
                problems.extend(check_record(table, key, doc))
            if len(problems) >= limit:
                return problems[:limit]
    return problems


def summary(problems: Iterable[object], shown: int = 3) -> str:
    """The first few problems in one line, and how many more there are."""
    items = list(problems)
    text = "; ".join(str(p) for p in items[:shown])
    more = len(items) - shown
    return text + (f"; and {more} more" if more > 0 else "")
