"""The repository's machinery: typed record access over the engine, and one change API.

Records returned are frozen dataclasses built from the stored dicts when first asked for
and cached until a change touches them, so reading 40 cards of a 10,000-referrer file
builds 40 records. Changes go through ``change()`` (see ``engine.py``): ``insert`` adds a
record, ``update(original, edited)`` writes only the fields the edit changed, with the
values the user saw as the base of the conflict rule.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB

from referral_tui.domain.clock import Clock, SystemClock
from referral_tui.domain.records import (
    RECORD_TYPES,
    TABLE_OF,
    Company,
    Contact,
    R,
    Record,
    changed_fields,
    from_dict,
    to_dict,
)
from referral_tui.store import conflict_copies
from referral_tui.store.engine import Change, Engine, SyncResult, UndoEntry, UndoResult
from referral_tui.store.errors import NotFound, StoreError
from referral_tui.store.migrations import RANDOM_IDS, Ids
from referral_tui.store.patches import Conflict
from referral_tui.store.storage import LOCK_TIMEOUT, SafeStorage

#: Records built per hold of the mutex when a whole table is read (see ``_all``).
BUILD_CHUNK = 256
FIELD_LABELS = {"company_id": "company", "how_found": "found via", "due": "due date", "day": "date"}


def field_label(name: str | None) -> str:
    if name is None:
        return "the whole record"
    return FIELD_LABELS.get(name, name.replace("_", " "))


class RepositoryBase:
    def __init__(
        self,
        path: str | Path,
        clock: Clock | None = None,
        lock_timeout: float | None = None,
        *,
        autosave: bool = True,
        validate: bool = True,
        ids: Ids = RANDOM_IDS,
    ) -> None:
        """Open the data file. ``autosave`` writes each change before returning (commands,
        tests); the app passes False and lets a writer thread call ``sync()``. ``validate``
        checks every record now; the app defers it to a worker after the first frame."""
        self.clock: Clock = clock or SystemClock()
        self.storage = SafeStorage(path, clock=self.clock, lock_timeout=lock_timeout or LOCK_TIMEOUT, ids=ids)
        self.path = self.storage.path
        self.engine = Engine(self.storage, self.clock)
        self.autosave = autosave
        #: table -> key -> record, built on first read, dropped when the record changes
        self._records: dict[str, dict[str, Any]] = {}
        self.engine.listen(self._forget)
        #: The last sync's conflicts (autosave mode), for callers that report them.
        self.last_conflicts: list[Conflict] = []
        if validate:
            self.engine.validate()

    # -- sync tools' conflict copies beside the file ----------------------------------------

    _conflict_copies: list[Path] | None = None

    def conflict_copies(self) -> list[Path]:
        """Syncthing and Dropbox conflict copies of this file beside it (see
        ``store/conflict_copies.py``). The folder is looked at once, on the first call (the
        CLI makes it right after opening, off the event loop); ``rescan_conflict_copies()``
        looks again (after a merge, or when the sync tool may have made one)."""
        if self._conflict_copies is None:
            return self.rescan_conflict_copies()
        return list(self._conflict_copies)

    def rescan_conflict_copies(self) -> list[Path]:
        self._conflict_copies = conflict_copies.conflict_copies(self.path)
        return list(self._conflict_copies)

    def conflict_notice(self) -> str:
        """The one line that names the conflict copies and how to merge them ("" when none)."""
        copies = self.conflict_copies()
        return conflict_copies.notice(copies, self.path, conflict_copies.merge_command(self.path)) if copies else ""

    # -- the TinyDB view ------------------------------------------------------------------

    def tinydb(self) -> TinyDB:
        """The same file as a TinyDB database (its Storage is ours: atomic, locked)."""
        return TinyDB(storage=lambda: self.storage)

    # -- changes ------------------------------------------------------------------------

    @contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """Group writes into one undoable change (nested calls join the outer one).

        With ``autosave`` (commands, tests) the whole change runs under the file lock on the
        newest data and is written before this returns; in the app it applies to memory and
        the writer thread writes it (onto the newest data, by the conflict rule).
        """
        if self.engine._open is not None or not self.autosave:
            with self.engine.change(description) as current:
                yield current
            return
        with self.storage.locked():
            self.engine.refresh()
            with self.engine.change(description) as current:
                yield current
            conflicts = list(self.engine.last_conflicts)
            self.flush()
            self.engine.last_conflicts = conflicts + self.last_conflicts

    def flush(self) -> SyncResult:
        """Write every pending change now (autosave mode, quitting): raises StoreError on failure,
        after which the unsaved changes are dropped and memory is the file again."""
        try:
            result = self.engine.sync()
        except (StoreError, OSError):
            self.engine.discard_pending()
            raise
        self.last_conflicts = result.conflicts
        return result

    def undo(self) -> UndoResult | None:
        return self._replay(self.engine.undo)

    def redo(self) -> UndoResult | None:
        return self._replay(self.engine.redo)

    def _replay(self, step: Callable[[], UndoResult | None]) -> UndoResult | None:
        if not self.autosave:
            return step()
        with self.storage.locked():
            self.engine.refresh()
            result = step()
            if result is not None:
                self.flush()
            return result

    @property
    def undo_stack(self) -> list[UndoEntry]:
        """This session's undoable changes, oldest first."""
        return self.engine.undo_stack

    @property
    def can_undo(self) -> bool:
        return bool(self.engine.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.engine.redo_stack)

    def explain_conflicts(self, conflicts: Iterable[Conflict]) -> list[str]:
        """One phrase per record: "title and email of Ana Ruiz" (fields kept as they were)."""
        by_record: dict[tuple[str, int], list[str]] = {}
        for c in conflicts:
            by_record.setdefault((c.table, c.id), []).append(field_label(c.field))
        lines = []
        for (table, record_id), names in by_record.items():
            words = list(dict.fromkeys(names))
            joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
            lines.append(f"{joined} of {self.record_label(table, record_id)}")
        return lines

    def record_label(self, table: str, record_id: int) -> str:
        """How a record is named in a message ("Ana Ruiz", "the ask to Ana Ruiz")."""
        cls = RECORD_TYPES.get(table)
        record = self._maybe(cls, record_id) if cls is not None else None
        if record is None:
            return {"profile": "your profile", "templates": "a template"}.get(table, f"a record in {table}")
        if isinstance(record, (Company, Contact)):
            return record.name
        person = self._maybe(Contact, record.contact_id)
        who = person.name if person else "someone"
        what = {"asks": "the ask to", "interactions": "an interaction with", "followups": "a follow-up with"}[table]
        return f"{what} {who}"

    def _forget(self, table: str, keys: Iterable[str] | None) -> None:
        cache = self._records.get(table)
        if cache is None:
            return
        if keys is None:
            cache.clear()
        else:
            for key in keys:
                cache.pop(key, None)

    def _now(self) -> str:
        return self.clock.now().isoformat()

    def resolve(self, cls: type[Record], record_id: int) -> int:
        """The real id of a record created in this session (ids are provisional until saved)."""
        return self.engine.resolve(TABLE_OF[cls], record_id)

    # -- generic record access ----------------------------------------------------------

    def _build(self, cls: type[R], table: str, key: str, doc: dict[str, Any]) -> R:
        try:
            return from_dict(cls, doc, int(key))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            from referral_tui.domain.checks import check_record, summary  # only to explain a bad record

            problems = check_record(table, key, doc)
            detail = summary(problems) if problems else f"record {key} in '{table}': {exc}"
            raise self.storage.damaged(f"it holds records the app cannot use: {detail}") from None

    def _pick_up(self) -> None:
        """Without a writer thread (commands, tests), a read first picks up another session's
        write (a stat of the file; a parse only when it changed). The app's writer thread does
        this in the background instead, so the event loop never touches the disk."""
        if self.autosave and self.engine._open is None:
            self.engine.refresh()

    def _all(self, cls: type[R]) -> list[R]:
        """Every record of a type. Records not built yet are built a chunk at a time, each chunk
        under the mutex: a worker thread reading 10,000 referrers (the coach) then never holds
        the UI thread's reads up for more than a chunk."""
        table = TABLE_OF[cls]
        self._pick_up()
        with self.engine.mutex:
            cache = self._records.setdefault(table, {})
            keys = list(self.engine.data.get(table, {}))
            if all(key in cache for key in keys):
                return cast(list[R], [cache[key] for key in keys])
        out: list[R] = []
        background = threading.current_thread() is not threading.main_thread()
        for start in range(0, len(keys), BUILD_CHUNK):
            if background and start:
                time.sleep(0)  # let the event loop's thread have the interpreter between chunks
            with self.engine.mutex:
                records = self.engine.data.get(table, {})
                for key in keys[start : start + BUILD_CHUNK]:
                    record = cache.get(key)
                    if record is None:
                        doc = records.get(key)
                        if doc is None:  # removed (or given its real id) since the keys were read
                            continue
                        record = cache[key] = self._build(cls, table, key, doc)
                    out.append(record)
        return out

    def _maybe(self, cls: type[R], record_id: int) -> R | None:
        table = TABLE_OF[cls]
        self._pick_up()
        with self.engine.mutex:
            key = str(self.engine.resolve(table, record_id))
            cache = self._records.setdefault(table, {})
            record = cache.get(key)
            if record is None:
                doc = self.engine.data.get(table, {}).get(key)
                if doc is None:
                    return None
                record = cache[key] = self._build(cls, table, key, doc)
            return cast(R, record)

    def _get(self, cls: type[R], record_id: int) -> R:
        record = self._maybe(cls, record_id)
        if record is None:
            raise NotFound(f"no {cls.__name__.lower()} with id {record_id}")
        return record

    def fresh(self, record: R) -> R:
        """The stored version of ``record`` now (after a save, under its real id)."""
        return self._maybe(type(record), record.id) or record

    def columns_by_id(self, cls: type[Record], *names: str) -> list[tuple[Any, ...]]:
        """(id, field, ...) for every record of a type, without building the records."""
        table = TABLE_OF[cls]
        self._pick_up()
        with self.engine.mutex:
            return [(int(key), *(doc.get(n) for n in names)) for key, doc in self.engine.data.get(table, {}).items()]

    def columns_of(
        self, cls: type[Record], record_id: int, *names: str, resolve: bool = True
    ) -> tuple[Any, ...] | None:
        """Some stored fields of one record (None if it does not exist), without building it.
        ``resolve=False`` looks the id up as it is (a provisional id that got its real one
        since is then gone), for code that follows the store's own changes key by key."""
        table = TABLE_OF[cls]
        self._pick_up()
        with self.engine.mutex:
            key = record_id if not resolve else self.engine.resolve(table, record_id)
            doc = self.engine.data.get(table, {}).get(str(key))
            return None if doc is None else tuple(doc.get(n) for n in names)

    def columns(self, cls: type[Record], *names: str) -> list[tuple[Any, ...]]:
        """Some stored fields of every record of a type, without building the records (an
        import's index of 50,000 interactions should not cost 50,000 dataclasses)."""
        table = TABLE_OF[cls]
        self._pick_up()
        with self.engine.mutex:
            return [tuple(doc.get(n) for n in names) for doc in self.engine.data.get(table, {}).values()]

    def raw(self, table: str, record_id: int, name: str) -> Any:
        """One stored field, without building the record (fast paths such as the board)."""
        with self.engine.mutex:
            doc = self.engine.data.get(table, {}).get(str(self.engine.resolve(table, record_id)))
            return None if doc is None else doc.get(name)

    def insert(self, record: R) -> R:
        """Add ``record`` (inside ``change()``); returns it with its (provisional) id and uid."""
        table = TABLE_OF[type(record)]
        label = record.name if isinstance(record, (Company, Contact)) else table.rstrip("s")
        with self.change(f"added {label}") as ch:
            new_id = ch.insert(table, to_dict(record))
        return self._get(type(record), new_id)

    def add(self, record: Record) -> int:
        """Insert ``record`` without building it back (bulk imports: tens of thousands in one
        change); returns its provisional id."""
        if self.engine._open is None:
            with self.change(f"added {TABLE_OF[type(record)].rstrip('s')}"):
                return self.add(record)
        return self.engine._open.insert(TABLE_OF[type(record)], to_dict(record))

    def update(self, original: R, edited: R) -> R:
        """Write the fields ``edited`` changes from ``original`` (the version the user saw).

        A field another session changed since keeps that session's value; the conflict is
        reported through ``Change.conflicts``.
        """
        table = TABLE_OF[type(original)]
        label = edited.name if isinstance(edited, (Company, Contact)) else table.rstrip("s")
        with self.change(f"edited {label}") as ch:
            for name, (before, after) in changed_fields(original, edited).items():
                ch.set(table, original.id, name, after, before=before)
        return self._get(type(original), original.id)

    def save(self, record: R) -> R:
        """Write ``record`` over the stored one with the same id (only the fields that differ)."""
        return self.update(self._get(type(record), record.id), record)
