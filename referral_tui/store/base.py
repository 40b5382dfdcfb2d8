"""The repository's machinery: transactions, undo and generic record access over TinyDB.

Every change runs in one storage transaction (lock, fresh read, one atomic write) and is
recorded with the records' previous contents, so ``undo()`` can put them back, many
levels deep, within the session. Records returned are shared, cached objects: treat them
as read-only and change data through the methods of ``Repository``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from referral_tui.domain.clock import Clock, SystemClock
from referral_tui.domain.records import Ask, Company, Contact, FollowUp, Interaction, R, from_dict, to_dict
from referral_tui.store.errors import NotFound
from referral_tui.store.migrations import TABLES
from referral_tui.store.storage import SafeStorage
from referral_tui.store.table import FastTable

TABLE_OF: dict[type, str] = {
    Company: "companies",
    Contact: "contacts",
    Interaction: "interactions",
    Ask: "asks",
    FollowUp: "followups",
}


def _replace_doc(new: dict[str, Any], doc: dict[str, Any]) -> None:
    doc.clear()
    doc.update(new)


class _TinyDB(TinyDB):
    table_class = FastTable


@dataclass
class Change:
    """One undoable change: what it was, and each touched record as it was before."""

    description: str
    before: dict[tuple[str, int], dict[str, Any] | None] = field(default_factory=dict)


class RepositoryBase:
    def __init__(self, path: str | Path, clock: Clock | None = None, lock_timeout: float | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        kwargs = {} if lock_timeout is None else {"lock_timeout": lock_timeout}
        self.storage = SafeStorage(path, clock=self.clock, **kwargs)
        self.path = self.storage.path
        self.db = _TinyDB(storage=lambda: self.storage)
        # No query cache: another session may change the file, and reads are already in memory.
        self._tables: dict[str, Table] = {name: self.db.table(name, cache_size=0) for name in TABLES}
        self._change: Change | None = None
        #: table -> (storage.loads when built, records by id); ids our own changes touched are
        #: in ``_stale`` and rebuilt on the next read, so a save does not rebuild 10,000 records.
        self._cache: dict[str, tuple[int, dict[int, Any]]] = {}
        self._stale: dict[str, set[int]] = {name: set() for name in TABLES}
        self.undo_stack: list[Change] = []

    # -- transactions and undo ----------------------------------------------------------

    @contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """Group writes into one atomic, undoable change (nested calls join the outer one)."""
        if self._change is not None:
            yield Change(description)  # joins the outer change; renaming this one leaves the outer's name
            return
        current = Change(description)
        with self.storage.transaction():
            for table in self._tables.values():
                table._next_id = None  # another session may have added records since
            self._change = current
            try:
                yield current
            finally:
                self._change = None
        if current.before:
            self.undo_stack.append(current)

    def undo(self) -> str | None:
        """Put back the records the newest change touched; returns its description."""
        if not self.undo_stack:
            return None
        last = self.undo_stack.pop()
        with self.storage.transaction():
            for (table_name, doc_id), old in reversed(list(last.before.items())):
                self._stale[table_name].add(doc_id)
                table = self._tables[table_name]
                exists = table.contains(doc_id=doc_id)
                if old is None:
                    if exists:
                        table.remove(doc_ids=[doc_id])
                elif exists:
                    table.update(partial(_replace_doc, old), doc_ids=[doc_id])  # in place: order kept
                else:
                    table.insert(Document(old, doc_id=doc_id))
        return last.description

    def _remember(self, table: str, doc_id: int) -> None:
        assert self._change is not None, "writes must run inside Repository.change()"
        key = (table, doc_id)
        self._stale[table].add(doc_id)
        if key not in self._change.before:
            doc = self._tables[table].get(doc_id=doc_id)
            self._change.before[key] = None if doc is None else orjson.loads(orjson.dumps(dict(doc)))

    def _now(self) -> str:
        return self.clock.now().isoformat()

    # -- generic record access ----------------------------------------------------------

    def _all(self, cls: type[R]) -> list[R]:
        name = TABLE_OF[cls]
        data = self.storage.read() or {}  # picks up another session's write (a new load)
        raw = data.get(name, {})
        stale = self._stale[name]
        cached = self._cache.get(name)
        if cached is None or cached[0] != self.storage.loads:
            records = {int(key): from_dict(cls, dict(doc), int(key)) for key, doc in raw.items()}
            cached = self._cache[name] = (self.storage.loads, records)
        else:
            records = cached[1]
            for doc_id in stale:
                doc = raw.get(str(doc_id))
                if doc is None:
                    records.pop(doc_id, None)
                else:
                    records[doc_id] = from_dict(cls, dict(doc), doc_id)
        stale.clear()
        return list(records.values())

    def _get(self, cls: type[R], record_id: int) -> R:
        doc = self._tables[TABLE_OF[cls]].get(doc_id=record_id)
        if doc is None:
            raise NotFound(f"no {cls.__name__.lower()} with id {record_id}")
        return from_dict(cls, dict(doc), record_id)

    def insert(self, record: R) -> R:
        name = TABLE_OF[type(record)]
        now = self._now()
        record = replace(record, created_at=record.created_at or now, updated_at=now)
        return replace(record, id=self._insert_doc(name, to_dict(record)))

    def _insert_doc(self, name: str, doc: dict[str, Any]) -> int:
        table = self._tables[name]
        doc_id: int = table._get_next_id()  # type: ignore[no-untyped-call]
        self._remember(name, doc_id)
        table.insert(Document(doc, doc_id=doc_id))
        table._next_id = doc_id + 1  # type: ignore[assignment]  # TinyDB forgets it after an explicit id
        return doc_id

    def raw_docs(self, name: str) -> dict[int, dict[str, Any]]:
        """A table's stored documents by id, as plain dicts (copies)."""
        return {d.doc_id: dict(d) for d in self._tables[name].all()}

    def add_raw(self, name: str, doc: dict[str, Any]) -> int:
        """Insert a stored-form document with a new id (inside ``change()``)."""
        return self._insert_doc(name, doc)

    def put_raw(self, name: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Write a stored-form document under ``doc_id``, replacing any (inside ``change()``)."""
        table = self._tables[name]
        self._remember(name, doc_id)
        if table.contains(doc_id=doc_id):
            table.update(partial(_replace_doc, doc), doc_ids=[doc_id])
        else:
            table.insert(Document(doc, doc_id=doc_id))
            table._next_id = None

    def save(self, record: R) -> R:
        """Write ``record`` over the stored one with the same id."""
        name = TABLE_OF[type(record)]
        self._get(type(record), record.id)
        self._remember(name, record.id)
        record = replace(record, updated_at=self._now())
        self._tables[name].update(to_dict(record), doc_ids=[record.id])
        return record

    def _update(self, cls: type[R], record_id: int, **changes: Any) -> R:
        return self.save(replace(self._get(cls, record_id), **changes))
