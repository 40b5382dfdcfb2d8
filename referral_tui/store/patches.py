"""The change model: every change to the data file is a list of field-level patches.

A patch names one field of one record, the value the session saw before, and the value it
wants after: ``Patch("contacts", 12, "phase", "research", "relationship")``. A patch with
no field inserts (``before`` is ABSENT) or removes (``after`` is ABSENT) a whole record.

Patches are applied under the file lock to the newest data, by one rule:

* the field still holds ``before``: it becomes ``after``;
* it already holds ``after``: nothing to do;
* it holds anything else: another session changed it since this one read it. Its value
  stays, the rest of the change applies, and the field is reported as a ``Conflict``.

A whole record travels in a patch as its JSON bytes (``Patch.record``): an immutable
snapshot, so the record in memory can change without changing the history of how it began,
and a large import's undo step costs its serialised size, not a second copy of every dict.

A patch that would make a record point at one that is gone (an interaction whose person
another session's undo removed) is a conflict too: records never dangle.

Undo applies the inverse patches (after -> before) by the same rule, so it reverts only the
fields that still hold what this session wrote; redo reapplies the originals. A record is
removed (an undone insert) only when it is exactly as inserted and nothing else refers to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import orjson

from referral_tui.domain.records import REFERENCES

Data = dict[str, dict[str, Any]]


class _Absent(Enum):
    ABSENT = "absent"

    def __repr__(self) -> str:
        return "ABSENT"


#: The value of a field (or record) that does not exist.
ABSENT = _Absent.ABSENT

#: Fields the store keeps up to date itself; they are never compared or reported.
UPDATED_AT = "updated_at"


def snapshot(doc: dict[str, Any]) -> bytes:
    """A record as compact JSON bytes. orjson hands back its whole output buffer (about 4 KiB
    for a small record), so the bytes are copied to their exact size before being kept."""
    return memoryview(orjson.dumps(doc)).tobytes()


@dataclass(frozen=True)
class Fingerprint:
    """A digest of a whole record (its ``updated_at`` aside): enough to tell whether a record is
    still exactly as inserted, in 16 bytes instead of the record. Undo history keeps inserts
    this way once they are written, so a 50,000-record import costs little to keep undoable."""

    digest: bytes

    @staticmethod
    def of(doc: dict[str, Any]) -> Fingerprint:
        body = orjson.dumps({k: v for k, v in doc.items() if k != UPDATED_AT}, option=orjson.OPT_SORT_KEYS)
        return Fingerprint(hashlib.blake2b(body, digest_size=16).digest())


@dataclass(frozen=True)
class Patch:
    table: str
    id: int
    field: str | None  # None: the whole record, as JSON bytes in before (removal) or after (insert)
    before: Any
    after: Any

    @staticmethod
    def insert(table: str, record_id: int, doc: dict[str, Any]) -> Patch:
        return Patch(table, record_id, None, ABSENT, snapshot(doc))

    @staticmethod
    def removal(table: str, record_id: int, doc: dict[str, Any]) -> Patch:
        return Patch(table, record_id, None, snapshot(doc), ABSENT)

    def record(self) -> dict[str, Any]:
        """The whole record an insert adds (or a removal takes away), as a new dict."""
        blob = self.after if self.before is ABSENT else self.before
        if isinstance(blob, Fingerprint):
            raise ValueError("a fingerprinted patch holds no record")
        doc: dict[str, Any] = orjson.loads(blob)
        return doc

    @property
    def fingerprinted(self) -> bool:
        return isinstance(self.before, Fingerprint) or isinstance(self.after, Fingerprint)

    def compact(self) -> Patch:
        """The same patch for undo history: an insert keeps only its record's fingerprint."""
        if self.is_insert and not self.fingerprinted:
            return Patch(self.table, self.id, None, ABSENT, Fingerprint.of(self.record()))
        return self

    def inverse(self) -> Patch:
        return Patch(self.table, self.id, self.field, self.after, self.before)

    @property
    def is_insert(self) -> bool:
        return self.field is None and self.before is ABSENT

    @property
    def is_removal(self) -> bool:
        return self.field is None and self.after is ABSENT


@dataclass(frozen=True)
class Conflict:
    """A patch that was not applied because the data no longer held its ``before`` value."""

    table: str
    id: int
    field: str | None
    kept: Any  # the value that stays (another session's)
    wanted: Any  # what this session wanted to write
    reason: str = "changed by another session"


class Outcome(Enum):
    APPLIED = "applied"
    ALREADY = "already"  # the data already held the wanted value
    CONFLICT = "conflict"


def referrers_of(data: Data, table: str, record_id: int, ignore: frozenset[tuple[str, int]] = frozenset()) -> int:
    """How many records refer to ``table``/``record_id`` (apart from those in ``ignore``)."""
    count = 0
    for other, refs in REFERENCES.items():
        names = [name for name, target in refs.items() if target == table]
        if not names:
            continue
        for key, doc in data.get(other, {}).items():
            if any(doc.get(name) == record_id for name in names) and (other, int(key)) not in ignore:
                count += 1
    return count


def _dangling(data: Data, table: str, name: str, value: Any) -> bool:
    """Whether ``value`` in field ``name`` of a ``table`` record points at a record that is gone."""
    target = REFERENCES.get(table, {}).get(name)
    if target is None or value is None or value is ABSENT:
        return False
    return str(value) not in data.get(target, {})


def apply(
    data: Data,
    patch: Patch,
    now: str,
    ignore_refs: frozenset[tuple[str, int]] = frozenset(),
    built: dict[str, Any] | None = None,
) -> Outcome:
    """Apply one patch to ``data`` in place by the conflict rule; say what happened.

    ``now`` goes into the record's ``updated_at`` when a field really changes.
    ``ignore_refs`` are records whose references to a record being removed do not count
    (they are removed by the same undo). ``built`` is the inserted record as a dict when the
    caller just made it (the patch's bytes are its snapshot): memory keeps that dict instead of
    parsing the bytes again, so a big import shares its repeated values.
    """
    table = data.setdefault(patch.table, {})
    key = str(patch.id)
    doc = table.get(key)
    if patch.field is None:
        if patch.is_removal and isinstance(patch.before, Fingerprint):
            if doc is None:
                return Outcome.ALREADY
            if Fingerprint.of(doc) != patch.before or referrers_of(data, patch.table, patch.id, ignore_refs):
                return Outcome.CONFLICT
            del table[key]
            return Outcome.APPLIED
        wanted = built if built is not None and patch.is_insert else patch.record()
        if patch.is_insert:
            if doc is None:
                if any(_dangling(data, patch.table, name, value) for name, value in wanted.items()):
                    return Outcome.CONFLICT  # the record it belongs to is gone (another session undid it)
                table[key] = wanted
                return Outcome.APPLIED
            return Outcome.ALREADY if _same(doc, wanted) else Outcome.CONFLICT
        if doc is None:
            return Outcome.ALREADY
        if not _same(doc, wanted) or referrers_of(data, patch.table, patch.id, ignore_refs):
            return Outcome.CONFLICT
        del table[key]
        return Outcome.APPLIED
    if doc is None:
        return Outcome.CONFLICT
    current = doc.get(patch.field, ABSENT)
    if _equal(current, patch.after):
        return Outcome.ALREADY
    if not _equal(current, patch.before) or _dangling(data, patch.table, patch.field, patch.after):
        return Outcome.CONFLICT
    if patch.after is ABSENT:
        del doc[patch.field]
    else:
        doc[patch.field] = patch.after
    doc[UPDATED_AT] = now
    return Outcome.APPLIED


def current_value(data: Data, table: str, record_id: int, field: str | None) -> Any:
    doc = data.get(table, {}).get(str(record_id))
    if doc is None:
        return ABSENT
    return dict(doc) if field is None else doc.get(field, ABSENT)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality that tells true from 1 and 1 from 1.0 (Python's == does not)."""
    if a is ABSENT or b is ABSENT:
        return a is b
    if type(a) is not type(b) and not (isinstance(a, str) and isinstance(b, str)):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def _same(doc: dict[str, Any], expected: dict[str, Any]) -> bool:
    """A whole record equals what was inserted (its ``updated_at`` aside)."""
    keys = (doc.keys() | expected.keys()) - {UPDATED_AT}
    return all(_equal(doc.get(k, ABSENT), expected.get(k, ABSENT)) for k in keys)


def touched(patches: Iterable[Patch]) -> set[tuple[str, int]]:
    return {(p.table, p.id) for p in patches}
