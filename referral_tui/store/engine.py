"""The data in memory, the changes waiting to be written, undo/redo, and writing them.

One ``Engine`` per open data file. Every change is built in the calling thread with
``change()``: its patches (see ``patches.py``) apply to the in-memory data at once, so the
session sees its own change immediately, and the change joins the queue of pending ones.
``sync()`` writes the queue, under the file lock, onto the newest version of the file:

1. take the lock (another session may hold it: ``StoreBusy`` after the timeout);
2. if the file changed since this session last read or wrote it (its stat signature or
   the revision stored at its start differ), read it, validate it, and *rebase*: the
   in-memory data becomes the new file's data with every pending patch re-applied by the
   conflict rule (fields another session changed keep its value and are reported);
3. give records inserted since the last write their real ids (from the per-table
   high-water marks in ``meta``, never reused), serialise, write atomically, release.

New records get provisional negative ids until they are written, so an id is only ever
handed out under the lock. ``resolve()`` maps a provisional id to the real one for callers
that kept it. Memory is guarded by one re-entrant mutex, held only for short CPU work,
never while waiting for the lock or the disk, so a writer thread can run ``sync()`` while
the UI thread reads and changes data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson

from referral_tui.domain.clock import Clock
from referral_tui.domain.records import REFERENCES
from referral_tui.store.errors import DamagedFile, StoreBusy, StoreError
from referral_tui.store.migrations import LINEAGE, META_ID, TABLES, Data
from referral_tui.store.patches import ABSENT, Conflict, Outcome, Patch, apply, current_value
from referral_tui.store.storage import Loaded, SafeStorage, Signature

UNDO_LIMIT = 200
#: How long opening a file waits for another session's lock before leaving the tidying for later.
OPEN_LOCK_WAIT = 0.2
_UNSET: Any = object()

#: Called with (table, keys) whenever records change in memory (None: the whole table).
Listener = Callable[[str, Iterable[str] | None], None]


@dataclass
class PendingChange:
    description: str
    patches: list[Patch]


@dataclass
class UndoEntry:
    description: str
    patches: list[Patch]


@dataclass
class ExternalChange:
    """What another session (or a sync tool) changed: keys added, changed and removed per table."""

    added: dict[str, set[str]] = field(default_factory=dict)
    changed: dict[str, set[str]] = field(default_factory=dict)
    removed: dict[str, set[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (any(self.added.values()) or any(self.changed.values()) or any(self.removed.values()))

    def keys(self, table: str) -> set[str]:
        return self.added.get(table, set()) | self.changed.get(table, set()) | self.removed.get(table, set())


@dataclass
class SyncResult:
    """What one ``sync()`` did, for the session to report."""

    saved: list[str] = field(default_factory=list)  # descriptions of the changes written
    conflicts: list[Conflict] = field(default_factory=list)
    aliases: dict[tuple[str, int], int] = field(default_factory=dict)
    external: ExternalChange | None = None
    wrote: bool = False


@dataclass
class UndoResult:
    description: str
    left_alone: list[Conflict]


def _key_order(key: str) -> tuple[int, int]:
    return (0, int(key)) if key.lstrip("-").isdigit() else (1, 0)


class Change:
    """A change being built: each call applies to memory at once and records its patch."""

    def __init__(self, engine: Engine, description: str) -> None:
        self.engine = engine
        self.description = description
        self.patches: list[Patch] = []
        self.conflicts: list[Conflict] = []

    def set(self, table: str, record_id: int, name: str, value: Any, before: Any = _UNSET) -> bool:
        """Set one field. ``before`` is the value the user saw (default: the value in memory);
        if memory no longer holds it, the other value stays and False is returned."""
        engine = self.engine
        rid = engine.resolve(table, record_id)
        value = engine.resolve_value(table, name, value)
        if before is _UNSET:
            before = current_value(engine.data, table, rid, name)
        else:
            before = engine.resolve_value(table, name, before)
        patch = Patch(table, rid, name, before, value)
        return self._apply(patch)

    def insert(self, table: str, doc: dict[str, Any], record_id: int | None = None) -> int:
        """Add a record; returns its provisional id (negative until it is written).

        ``record_id`` keeps a given id instead (restoring an export into an empty file);
        the table's high-water mark then moves past it.
        """
        engine = self.engine
        now = engine.now()
        record = {k: engine.resolve_value(table, k, v) for k, v in doc.items()}
        record["uid"] = record.get("uid") or engine.storage.ids.uid()
        record["created_at"] = record.get("created_at") or now
        record["updated_at"] = record.get("updated_at") or now
        if record_id is None:
            record_id = engine.new_provisional_id()
        else:
            if str(record_id) in engine.data.get(table, {}):
                raise ValueError(f"id {record_id} is taken in {table}")
            engine.explicit_ids.add(table)
        self._apply(Patch.insert(table, record_id, record), record)
        return record_id

    def remove(self, table: str, record_id: int) -> bool:
        """Delete a record outright (templates the user deletes; everything else is archived)."""
        engine = self.engine
        rid = engine.resolve(table, record_id)
        doc = current_value(engine.data, table, rid, None)
        if doc is ABSENT:
            return True
        return self._apply(Patch.removal(table, rid, doc))

    def _apply(self, patch: Patch, built: dict[str, Any] | None = None) -> bool:
        engine = self.engine
        outcome = apply(engine.data, patch, engine.now(), built=built)
        if outcome is Outcome.CONFLICT:
            kept = current_value(engine.data, patch.table, patch.id, patch.field)
            self.conflicts.append(Conflict(patch.table, patch.id, patch.field, kept, patch.after))
            return False
        if outcome is Outcome.APPLIED:
            self.patches.append(patch)
            engine.after_apply(patch)
        return True


class Engine:
    def __init__(self, storage: SafeStorage, clock: Clock) -> None:
        self.storage = storage
        self.clock = clock
        self.mutex = threading.RLock()
        self._io = threading.Lock()  # one sync at a time
        loaded = storage.load()
        self.data: Data = loaded.data
        self._base_sig: Signature | None = loaded.signature
        self._base_rev: int | None = loaded.revision if loaded.signature else None
        #: A migrated file is written back by the next sync (after its pre-migration backup).
        self._needs_write = loaded.migrated_from is not None
        self.validated = False
        self.pending: list[PendingChange] = []
        self.undo_stack: list[UndoEntry] = []
        self.redo_stack: list[UndoEntry] = []
        self.aliases: dict[tuple[str, int], int] = {}
        self._provisional: dict[tuple[str, int], None] = {}
        #: (table, key) of records in memory that refer to a provisional id
        self._pointing: set[tuple[str, str]] = set()
        #: Tables that got records under given ids (a restore): their high-water marks are
        #: recomputed from the ids present at the next write.
        self.explicit_ids: set[str] = set()
        self._next_provisional = -1
        #: table -> key -> b'"key":{...}', each saved record as written last time, and the keys
        #: changed since (their bytes are made again at the next write)
        self._fragments: dict[str, dict[str, bytes]] = {name: {} for name in TABLES}
        self._stale: dict[str, set[str]] = {}
        #: Keep those bytes between writes (the app, which saves often); a one-shot command
        #: writes once and streams the file instead.
        self.cache_bytes = False
        self._listeners: list[Listener] = []
        self._open: Change | None = None
        self._owner: int | None = None
        self.on_pending: Callable[[], None] | None = None
        #: Fields the newest change could not write (another session's value was kept).
        self.last_conflicts: list[Conflict] = []
        self._tidy()

    def _tidy(self) -> None:
        """At open, unless another session is writing: remove temp files a killed writer left,
        and write a migrated file back (after its pre-migration backup)."""
        try:
            with self.storage.locked(OPEN_LOCK_WAIT):
                self.storage.clean_stale_temp_files()
                if self._needs_write:
                    self.sync()
        except StoreBusy:
            pass

    # -- ids ----------------------------------------------------------------------------

    def now(self) -> str:
        return self.clock.now().isoformat()

    def new_provisional_id(self) -> int:
        pid = self._next_provisional
        self._next_provisional -= 1
        return pid

    def resolve(self, table: str, record_id: int) -> int:
        """The real id of a record this session created (``record_id`` itself otherwise)."""
        if record_id < 0:
            return self.aliases.get((table, record_id), record_id)
        return record_id

    def resolve_value(self, table: str, name: str, value: Any) -> Any:
        """A field value with provisional ids it refers to replaced by real ones."""
        target = REFERENCES.get(table, {}).get(name)
        if target is not None and isinstance(value, int) and not isinstance(value, bool) and value < 0:
            return self.aliases.get((target, value), value)
        return value

    # -- listeners and caches ------------------------------------------------------------

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _invalidate(self, table: str, keys: Iterable[str] | None) -> None:
        if keys is None:
            self._fragments[table] = {}
            self._stale.pop(table, None)
        else:
            keys = list(keys)
            self._stale.setdefault(table, set()).update(keys)
        for listener in self._listeners:
            listener(table, keys)

    def after_apply(self, patch: Patch) -> None:
        key = str(patch.id)
        if patch.is_insert and patch.id < 0:
            self._provisional[(patch.table, patch.id)] = None
        elif patch.is_removal:
            self._provisional.pop((patch.table, patch.id), None)
            self._pointing.discard((patch.table, key))
        refs = REFERENCES.get(patch.table)
        if refs and not patch.is_removal:
            doc = self.data.get(patch.table, {}).get(key, {})
            if any(isinstance(doc.get(name), int) and doc[name] < 0 for name in refs):
                self._pointing.add((patch.table, key))
        self._invalidate(patch.table, [key])

    def _resolved(self, patch: Patch) -> Patch:
        """A patch with the provisional ids it names replaced by the real ones they became."""
        if not self.aliases:
            return patch
        pid = self.aliases.get((patch.table, patch.id), patch.id) if patch.id < 0 else patch.id
        before, after = patch.before, patch.after
        target = REFERENCES.get(patch.table, {}).get(patch.field or "")
        if patch.field is None and patch.fingerprinted:
            pass  # fingerprinted once its ids were real
        elif patch.field is None:
            doc = patch.record()
            fixed = self._with_real_refs(patch.table, doc, self.aliases)
            if fixed is not doc:
                return (
                    Patch.insert(patch.table, pid, fixed) if patch.is_insert else Patch.removal(patch.table, pid, fixed)
                )
        elif target is not None:
            before = self.resolve_value(patch.table, patch.field, before)
            after = self.resolve_value(patch.table, patch.field, after)
        if pid == patch.id and before is patch.before and after is patch.after:
            return patch
        return Patch(patch.table, pid, patch.field, before, after)

    # -- changes ------------------------------------------------------------------------

    @contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """Build one change; nested calls join the outer change. Holds the mutex meanwhile."""
        with self.mutex:
            if self._open is not None:
                yield self._open
                return
            current = self._open = Change(self, description)
            try:
                yield current
            except BaseException:
                self._revert(current.patches)
                raise
            finally:
                self._open = None
            self.last_conflicts = current.conflicts
            self._queue(current.description, current.patches, undoable=True)

    def _revert(self, patches: list[Patch]) -> None:
        """Take back a change whose builder failed halfway (an error in the caller's code)."""
        for patch in reversed(patches):
            if apply(self.data, patch.inverse(), self.now()) is Outcome.APPLIED:
                self.after_apply(patch.inverse())

    def _queue(self, description: str, patches: list[Patch], undoable: bool) -> None:
        if not patches:
            return
        self.pending.append(PendingChange(description, list(patches)))
        if undoable:
            self.undo_stack.append(UndoEntry(description, list(patches)))
            del self.undo_stack[:-UNDO_LIMIT]
            self.redo_stack.clear()
        if self.on_pending is not None:
            self.on_pending()

    def undo(self) -> UndoResult | None:
        """Revert the newest change of this session, field by field, by the conflict rule."""
        with self.mutex:
            if not self.undo_stack:
                return None
            entry = self.undo_stack.pop()
            done, left = self._replay(entry, reverse=True)
            if done:
                self.redo_stack.append(UndoEntry(entry.description, done))
            return UndoResult(entry.description, left)

    def redo(self) -> UndoResult | None:
        """Reapply the newest undone change, by the same rule."""
        with self.mutex:
            if not self.redo_stack:
                return None
            entry = self.redo_stack.pop()
            done, left = self._replay(entry, reverse=False)
            if done:
                self.undo_stack.append(UndoEntry(entry.description, done))
            return UndoResult(entry.description, left)

    def _replay(self, entry: UndoEntry, reverse: bool) -> tuple[list[Patch], list[Conflict]]:
        """Apply an entry's patches (their inverses, newest first, when ``reverse``).

        Returns the original patches that now hold (for the opposite stack) and the ones
        left alone because another session changed their field since.
        """
        now = self.now()
        written: list[Patch] = []
        done: list[Patch] = []
        left: list[Conflict] = []
        for saved in reversed(entry.patches) if reverse else entry.patches:
            original = self._resolved(saved)
            patch = original.inverse() if reverse else original
            if original.fingerprinted:  # redo will need the record itself: take it as it is now
                doc = current_value(self.data, patch.table, patch.id, None)
                if doc is not ABSENT:
                    original = Patch.insert(patch.table, patch.id, doc)
            outcome = apply(self.data, patch, now)
            if outcome is Outcome.CONFLICT:
                kept = current_value(self.data, patch.table, patch.id, patch.field)
                left.append(Conflict(patch.table, patch.id, patch.field, kept, patch.after))
            elif outcome is Outcome.APPLIED:
                # Only what this step really changed can be redone (or undone) later: a field that
                # already held the wanted value holds someone else's write, not this session's.
                done.append(original)
                written.append(patch)
                self.after_apply(patch)
        prefix = "undo" if reverse else "redo"
        self._queue(f"{prefix}: {entry.description}", written, undoable=False)
        return (list(reversed(done)) if reverse else done), left

    # -- reading the file again ----------------------------------------------------------

    def validate(self) -> None:
        """Check every record against the domain's types (once per file version)."""
        from referral_tui.domain.checks import check_tables  # not on the start path: after the first frame

        with self.mutex:
            snapshot = {name: dict(table) for name, table in self.data.items()}
        problems = check_tables(snapshot)
        if problems:
            raise self._bad_records(problems)
        self.validated = True

    def _bad_records(self, problems: list[Any]) -> DamagedFile:
        from referral_tui.domain.checks import summary

        return self.storage.damaged(f"it holds records the app cannot use: {summary(problems)}")

    def changed_on_disk(self) -> bool:
        sig = self.storage.signature()
        if sig is None:
            return False  # deleted under us: keep what we hold; the next save writes it back
        return sig != self._base_sig or self.storage.header_revision() != self._base_rev

    def refresh(self) -> ExternalChange | None:
        """Read the file again if another session changed it; the changes it brought, or None."""
        with self._io:
            return self._refresh_unlocked()

    def _refresh_unlocked(self, result: SyncResult | None = None) -> ExternalChange | None:
        if not self.changed_on_disk():
            return None
        from referral_tui.domain.checks import check_tables

        loaded = self.storage.load()
        problems = check_tables(loaded.data)
        if problems:
            raise self._bad_records(problems)
        return self._rebase(loaded, result or SyncResult())

    def _rebase(self, loaded: Loaded, result: SyncResult) -> ExternalChange:
        fresh = loaded.data
        with self.mutex:
            old = {name: dict(table) for name, table in self.data.items()}
        # Outside the mutex: records that did not change keep their objects (and caches).
        for name, table in fresh.items():
            before = old.get(name, {})
            for key, doc in table.items():
                mine = before.get(key)
                if mine is not None and mine == doc:
                    table[key] = mine
        with self.mutex:
            now = self.now()
            for pending in self.pending:
                kept = []
                for patch in pending.patches:
                    outcome = apply(fresh, patch, now)
                    if outcome is Outcome.CONFLICT:
                        kept_value = current_value(fresh, patch.table, patch.id, patch.field)
                        result.conflicts.append(Conflict(patch.table, patch.id, patch.field, kept_value, patch.after))
                    else:
                        kept.append(patch)
                pending.patches = kept
            previous = self.data
            self.data = fresh
            self._base_sig, self._base_rev = loaded.signature, loaded.revision
            self._needs_write = self._needs_write or loaded.migrated_from is not None
            external = ExternalChange()
            for name in set(previous) | set(fresh):
                was, now_table = previous.get(name, {}), fresh.get(name, {})
                added = {k for k in now_table if k not in was}
                removed = {k for k in was if k not in now_table}
                changed = {k for k, d in now_table.items() if k in was and was[k] is not d}
                external.added[name], external.removed[name], external.changed[name] = added, removed, changed
                if added or removed or changed:
                    self._invalidate(name, added | removed | changed)
            self.validated = True
            result.external = external
            return external

    # -- writing ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self.pending) or self._needs_write

    def sync(self, lock_timeout: float | None = None) -> SyncResult:
        """Write every pending change under the lock, onto the newest file (see module doc)."""
        with self._io:
            result = SyncResult()
            with self.storage.locked(lock_timeout):
                self._refresh_unlocked(result)
                with self.mutex:
                    if not self.dirty:
                        return result
                    batch = list(self.pending)
                    payload, ids, meta = self._payload()
                sig = self.storage.write_payload(payload)
                with self.mutex:
                    self._commit(batch, ids, meta, sig)
            result.saved = [p.description for p in batch]
            result.aliases = ids
            result.wrote = True
            return result

    def _payload(self) -> tuple[Iterable[bytes], dict[tuple[str, int], int], dict[str, Any]]:
        """The file's next content, with real ids for provisional records (call under the mutex)."""
        meta = dict(self.data.get("meta", {}).get(META_ID, {}))
        next_ids = dict(meta.get("next_ids", {}))
        ids: dict[tuple[str, int], int] = {}
        for table in self.explicit_ids:
            present = [int(k) for k in self.data.get(table, {}) if not k.startswith("-")]
            next_ids[table] = max(next_ids.get(table, 1), max(present, default=0) + 1)
        for table, pid in self._provisional:
            real = max(next_ids.get(table, 1), 1)
            next_ids[table] = real + 1
            ids[(table, pid)] = real
        revision_id = self.storage.ids.revision()
        lineage = [*meta.get("lineage", []), revision_id][-LINEAGE:]
        meta.pop("revision", None)
        meta = {
            "revision": int(self.data.get("meta", {}).get(META_ID, {}).get("revision", 0)) + 1,
            **meta,
            "revision_id": revision_id,
            "lineage": lineage,
            "next_ids": next_ids,
            "updated_at": self.now(),
        }
        head = [b'{"meta":{"1":', orjson.dumps(meta), b"}"]
        names = [n for n in TABLES if n != "meta"] + [n for n in self.data if n not in TABLES]
        if not self.cache_bytes:
            return self._streamed(head, names, ids), ids, meta
        parts = head
        for name in names:
            parts.append(b',"' + name.encode() + b'":{')
            for index, piece in enumerate(self._table_pieces(name, ids)):
                if index:
                    parts.append(b",")
                parts.append(piece)
            parts.append(b"}")
        parts.append(b"}")
        return parts, ids, meta

    def _streamed(self, head: list[bytes], names: list[str], ids: dict[tuple[str, int], int]) -> Iterator[bytes]:
        """The payload made record by record as it is written (a one-shot command: nothing else
        runs meanwhile, and keeping the bytes would only double its memory)."""
        yield from head
        for name in names:
            yield b',"' + name.encode() + b'":{'
            for index, (key, doc) in enumerate(list(self.data.get(name, {}).items())):
                if index:
                    yield b","
                yield self._fragment(name, key, doc, ids)
            yield b"}"
        yield b"}"

    def _table_pieces(self, name: str, ids: dict[tuple[str, int], int]) -> list[bytes]:
        """One table's records as JSON object members, reusing the bytes of every record that did
        not change since the last write (at 10,000 records, a list of cached bytes instead of
        ten thousand ``dumps``). The pieces are written as they are: the file is never held in
        memory as one more copy."""
        records = self.data.get(name, {})
        fragments = self._fragments.setdefault(name, {})
        for key in sorted(self._stale.pop(name, ()), key=_key_order):  # new records go last, by id
            doc = records.get(key)
            if doc is None or key.startswith("-"):
                fragments.pop(key, None)
            else:
                fragments[key] = self._fragment(name, key, doc, ids)
        provisional = [(key, doc) for key, doc in records.items() if key.startswith("-")] if ids else []
        if len(fragments) != len(records) - len(provisional):  # out of step (never expected): start over
            fragments = self._fragments[name] = {
                key: self._fragment(name, key, doc, ids) for key, doc in records.items() if not key.startswith("-")
            }
        return [*fragments.values(), *(self._fragment(name, k, d, ids) for k, d in provisional)]

    def _fragment(self, name: str, key: str, doc: dict[str, Any], ids: dict[tuple[str, int], int]) -> bytes:
        fixed = self._with_real_refs(name, doc, ids)
        if fixed is not doc:  # it points at records written in this same save: make it again next time
            self._stale.setdefault(name, set()).add(key)
        real_key = str(ids[(name, int(key))]) if key.startswith("-") else key
        return b'"' + real_key.encode() + b'":' + orjson.dumps(fixed)

    def warm(self) -> None:
        """Make every record's bytes now (the writer does it when idle after opening), so the
        first save is as cheap as the others."""
        with self.mutex:
            for name in list(self.data):
                self._table_pieces(name, {})

    @staticmethod
    def _with_real_refs(table: str, doc: dict[str, Any], ids: dict[tuple[str, int], int]) -> dict[str, Any]:
        refs = REFERENCES.get(table)
        if not refs or not ids:
            return doc
        fixed = None
        for name, target in refs.items():
            value = doc.get(name)
            if isinstance(value, int) and value < 0 and (target, value) in ids:
                fixed = fixed or dict(doc)
                fixed[name] = ids[(target, value)]
        return fixed or doc

    def _commit(
        self,
        batch: list[PendingChange],
        ids: dict[tuple[str, int], int],
        meta: dict[str, Any],
        sig: Signature,
    ) -> None:
        """After a successful write: real ids in memory, the written changes off the queue."""
        self.data.setdefault("meta", {})[META_ID] = meta
        self._invalidate("meta", [META_ID])
        written = {id(p) for p in batch}
        self.pending = [p for p in self.pending if id(p) not in written]
        self.aliases.update(ids)
        self._compact_history({id(p) for change in batch for p in change.patches})
        for (table, pid), real in ids.items():
            records = self.data.get(table, {})
            doc = records.pop(str(pid), None)
            if doc is not None:
                records[str(real)] = doc
            self._provisional.pop((table, pid), None)
            if (table, str(pid)) in self._pointing:
                self._pointing.discard((table, str(pid)))
                self._pointing.add((table, str(real)))
            self._invalidate(table, [str(pid), str(real)])
        if ids:
            self._rekey_references()
        self._base_sig, self._base_rev = sig, int(meta["revision"])
        if not self.cache_bytes:
            self._stale.clear()
            self._fragments = {name: {} for name in self._fragments}
        self._needs_write = False
        self.validated = True

    def _compact_history(self, written: set[int]) -> None:
        """Inserts now on disk stay undoable by their fingerprint alone (with their real ids)."""
        for entry in self.undo_stack:
            patches = entry.patches
            for index, patch in enumerate(patches):  # in place: each record's bytes go as it is done
                if id(patch) in written and patch.is_insert and not patch.fingerprinted:
                    patches[index] = self._resolved(patch).compact()

    def _rekey_references(self) -> None:
        """Provisional ids that became real: fix the records in memory that point at them (only
        those: they are tracked) and the changes still waiting. Undo and redo resolve theirs
        when they are used (``_resolved``), so a big import's undo step is not copied here."""
        for table, key in list(self._pointing):
            doc = self.data.get(table, {}).get(key)
            if doc is None:
                self._pointing.discard((table, key))
                continue
            still = False
            for name in REFERENCES.get(table, {}):
                value = doc.get(name)
                if isinstance(value, int) and value < 0:
                    real = self.resolve_value(table, name, value)
                    doc[name] = real
                    still = still or real < 0
            if not still:
                self._pointing.discard((table, key))
            self._invalidate(table, [key])
        for change in self.pending:
            change.patches = [self._resolved(p) for p in change.patches]

    def discard_pending(self) -> None:
        """Forget unsaved changes (a failed save in a one-shot command): memory = the file again."""
        with self._io, self.mutex:
            unsaved = {id(p) for c in self.pending for p in c.patches}
            self.pending.clear()
            self.undo_stack = [e for e in self.undo_stack if not any(id(p) in unsaved for p in e.patches)]
            loaded = self.storage.load()
            self.data = loaded.data
            self._base_sig = loaded.signature
            self._base_rev = loaded.revision if loaded.signature else None
            self._provisional.clear()
            self._pointing.clear()
            for name in list(self._fragments):
                self._invalidate(name, None)


__all__ = ["Change", "Engine", "ExternalChange", "StoreError", "SyncResult", "UndoResult"]
