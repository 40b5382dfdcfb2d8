"""SafeStorage: the data file on disk, with the guarantees in DESIGN.md "Storage guarantees".

This class does file I/O only; ``engine.py`` keeps the data in memory and decides when
to read and write. It is also a TinyDB ``Storage``: ``TinyDB(storage=...)`` over it reads
and writes the same file with the same guarantees.

* Reads: the file is parsed, its shape and schema version checked (a damaged, empty-with-
  backups, whitespace-only or newer-schema file raises a StoreError naming the file and
  the newest backup; it is never written), older schemas migrated after a backup.
* Writes: one atomic replace (temp file in the target's folder, fsync, ``os.replace``,
  folder fsync), after a daily backup of the previous content. A symlinked data file
  stays a symlink: the link's target is replaced.
* ``<file>.lock`` (filelock) serialises writers across sessions; ``signature()`` and
  ``header_revision()`` tell cheaply whether another session wrote since.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from referral_tui.domain.clock import Clock, SystemClock
from referral_tui.store import backups, files
from referral_tui.store.errors import DamagedFile, NewerSchema, StoreBusy, StoreError, UnreadableFile
from referral_tui.store.migrations import (
    META_ID,
    RANDOM_IDS,
    SCHEMA_VERSION,
    Data,
    Ids,
    SchemaError,
    check_shape,
    meta_problem,
    migrate,
    new_data,
    schema_version,
)

LOCK_TIMEOUT = 5.0
#: (inode, size, mtime_ns, ctime_ns): a replace by any session changes at least one of them
#: on every common file system; with coarse timestamps the stored revision tells the rest.
Signature = tuple[int, int, int, int]
#: The revision is written first in the file, so it can be read without parsing the rest.
_HEADER = re.compile(rb'^\{"meta":\{"1":\{"revision":(\d+),')
HEADER_BYTES = 64


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Loaded:
    """One version of the file as read: its data, bytes, signature and what was done to it."""

    data: Data
    raw: bytes
    signature: Signature | None
    migrated_from: int | None = None

    @property
    def revision(self) -> int:
        meta = self.data.get("meta", {}).get(META_ID, {})
        value = meta.get("revision", 0)
        return value if isinstance(value, int) else 0


class SafeStorage(Storage):
    """Atomic, locked JSON storage for one data file."""

    def __init__(
        self, path: str | Path, *, clock: Clock | None = None, lock_timeout: float = LOCK_TIMEOUT, ids: Ids = RANDOM_IDS
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.clock: Clock = clock or SystemClock()
        self.ids = ids
        self.lock_timeout = lock_timeout
        self.target = files.real_target(self.path)
        self.lock_path = self.target.with_name(self.target.name + ".lock")
        if self.target.is_dir():
            raise UnreadableFile(self.path, "it is a folder, not a data file")
        try:
            files.ensure_private_dir(self.target.parent)
            files.touch_private(self.lock_path)
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        self._lock = FileLock(
            str(self.lock_path), timeout=lock_timeout, mode=files.FILE_MODE, thread_local=False, preserve_lock_file=True
        )

    # -- locking ------------------------------------------------------------------------

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold ``<file>.lock``; StoreBusy after ``timeout`` seconds (default: the storage's)."""
        wait = self.lock_timeout if timeout is None else timeout
        try:
            self._lock.acquire(timeout=wait)
        except Timeout:
            raise StoreBusy(self.path, self.lock_path, wait) from None
        try:
            yield
        finally:
            self._lock.release()

    def clean_stale_temp_files(self) -> None:
        """Temp files a killed writer left (call with the lock held)."""
        for stale in files.stale_temp_files(self.target) + backups.stale_temp_files(self.target):
            stale.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        try:
            return signature_of(os.stat(self.target))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None

    def header_revision(self) -> int | None:
        """The revision counter at the start of the file, without parsing it (None if unreadable)."""
        try:
            with open(self.target, "rb") as handle:
                head = handle.read(HEADER_BYTES)
        except OSError:
            return None
        match = _HEADER.match(head)
        return int(match.group(1)) if match else None

    def load(self) -> Loaded:
        """Read and check the file (a missing file is a new campaign)."""
        try:
            with open(self.target, "rb") as handle:
                raw = handle.read()
                sig = signature_of(os.fstat(handle.fileno()))
        except FileNotFoundError:
            return Loaded(new_data(self.clock.now().isoformat(), self.ids), b"", None)
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        data = self._parse(raw)
        try:
            version = schema_version(data)
        except SchemaError as exc:
            raise self.damaged(f"not a referral-tui data file: {exc}") from None
        if version > SCHEMA_VERSION:
            raise NewerSchema(self.path, version, SCHEMA_VERSION, backups.newest_backup(self.target))
        migrated_from = None
        if version < SCHEMA_VERSION:
            backups.pre_migration_backup(self.target, raw, version)
            migrated_from = migrate(data, self.clock.now().isoformat())
        problem = meta_problem(data.get("meta", {}).get(META_ID, {}))
        if problem:
            raise self.damaged(f"its meta record is not valid: {problem}")
        return Loaded(data, raw, sig, migrated_from)

    def damaged(self, reason: str) -> DamagedFile:
        return DamagedFile(self.path, reason, backups.newest_backup(self.target))

    def _parse(self, raw: bytes) -> Data:
        if not raw:
            if backups.newest_backup(self.target):
                raise self.damaged("the file is empty but backups exist")
            return new_data(self.clock.now().isoformat(), self.ids)
        if not raw.strip():
            raise self.damaged("the file holds only blank space")
        try:
            return check_shape(orjson.loads(raw))
        except orjson.JSONDecodeError as exc:
            raise self.damaged(f"not valid JSON: {exc}") from None
        except SchemaError as exc:
            raise self.damaged(f"not a referral-tui data file: {exc}") from None

    # -- writing ------------------------------------------------------------------------

    def write_payload(self, payload: bytes | Iterable[bytes]) -> Signature:
        """Replace the file with ``payload`` (call with the lock held); returns the new signature.

        Before the first write of a wall-clock day the file as it is goes to today's backup
        (read from disk then, so a session does not keep a second copy of the file in memory).
        """
        if not backups.has_backup_today(self.target):
            try:
                previous = self.target.read_bytes()
            except FileNotFoundError:
                previous = b""
            backups.daily_backup(self.target, previous)
        files.atomic_write(self.target, payload)
        sig = self.signature()
        assert sig is not None
        return sig

    # -- TinyDB Storage API -------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.load().data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write: the whole data, under the lock, with the same guarantees."""
        with self.locked():
            self.write_payload(orjson.dumps(data))

    def close(self) -> None:
        """Nothing to flush: every write lands before it returns."""


__all__ = ["LOCK_TIMEOUT", "Loaded", "SafeStorage", "Signature", "StoreError"]
