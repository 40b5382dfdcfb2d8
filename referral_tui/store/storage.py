"""SafeStorage: a TinyDB Storage that keeps the guarantees in DESIGN.md "Storage guarantees".

* Reads come from memory. The file is parsed once and again only when its (inode, size,
  mtime) signature changes, i.e. another session replaced it.
* Writes happen inside ``transaction()``: the ``<file>.lock`` is taken, the file is
  re-read if it changed under us, TinyDB's changes gather in memory, and on success one
  atomic write (temp file, fsync, ``os.replace``) lands them all. On an error nothing is
  written and memory is reloaded from disk.
* Before the first write of each day the previous file is copied to a daily backup.
* A damaged or newer-schema file is never written; opening it raises a StoreError.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from referral_tui.domain.clock import Clock, SystemClock
from referral_tui.store import backups, files
from referral_tui.store.errors import DamagedFile, NewerSchema, StoreBusy, StoreError, UnreadableFile
from referral_tui.store.migrations import (
    SCHEMA_VERSION,
    Data,
    SchemaError,
    check_shape,
    migrate,
    new_data,
    schema_version,
)

LOCK_TIMEOUT = 5.0
Signature = tuple[int, int, int] | None


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class SafeStorage(Storage):
    """Atomic, locked, cached JSON storage for one data file."""

    def __init__(self, path: str | Path, *, clock: Clock | None = None, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path).expanduser().absolute()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.clock: Clock = clock or SystemClock()
        self.lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._data: Data = {}
        self._signature: Signature = None
        self._checksum = 0
        self._depth = 0
        self._dirty = False
        #: Bumped whenever memory is replaced from disk (a load, a rollback): caches built on
        #: the old data must be rebuilt; our own writes do not move it.
        self.loads = 0
        if self.path.is_dir():
            raise UnreadableFile(self.path, "it is a folder, not a data file")
        try:
            files.ensure_private_dir(self.path.parent)
            files.touch_private(self.lock_path)
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        self._lock = FileLock(
            str(self.lock_path), timeout=lock_timeout, mode=files.FILE_MODE, thread_local=False, preserve_lock_file=True
        )
        with self.transaction():
            for stale in files.stale_temp_files(self.path) + backups.stale_temp_files(self.path):
                stale.unlink(missing_ok=True)

    # -- TinyDB Storage API -------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        with self._mutex:
            if self._depth == 0:
                self._refresh()
            return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._mutex:
            if self._depth == 0:
                # TinyDB computed ``data`` from a read made without the lock: writing it could
                # undo another session's change, so every write must run in ``transaction()``.
                raise RuntimeError("SafeStorage.write outside transaction(): use Repository.change()")
            self._data = data
            self._dirty = True

    def close(self) -> None:
        """Nothing to flush: every transaction writes before it returns."""

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Data]:
        """Hold the lock, start from the newest data on disk, write once at the end."""
        with self._mutex:
            if self._depth:
                self._depth += 1
                try:
                    yield self._data
                finally:
                    self._depth -= 1
                return
            try:
                self._lock.acquire()
            except Timeout:
                raise StoreBusy(self.path, self.lock_path, self.lock_timeout) from None
            try:
                self._refresh(verify=True)
                self._depth = 1
                try:
                    yield self._data
                except BaseException:
                    if self._dirty:
                        self._rollback()
                    raise
                finally:
                    self._depth = 0
                if self._dirty:
                    self._flush()
            finally:
                self._lock.release()

    def _flush(self) -> None:
        try:
            payload = orjson.dumps(self._data)
            if self._signature is not None and not backups.has_backup_for(self.path, self.clock.today()):
                backups.daily_backup(self.path, self._read_bytes_if_exists(), self.clock.today())
            files.atomic_write(self.path, payload)
        except BaseException:
            self._rollback()
            raise
        self._dirty = False
        self._signature = _signature(os.stat(self.path))
        self._checksum = zlib.crc32(payload)

    def _rollback(self) -> None:
        """Forget unsaved changes: memory becomes what is on disk (or a new campaign if none is)."""
        self.loads += 1
        self._dirty = False
        self._signature = None
        self._data = {}
        self._refresh()

    def _read_bytes_if_exists(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return b""

    # -- loading ------------------------------------------------------------------------

    def _refresh(self, verify: bool = False) -> None:
        """Re-read the file if its signature changed since we last read or wrote it.

        ``verify`` (before every write) also compares a checksum of the bytes: where the file
        system keeps coarse timestamps, another session's same-size rewrite within one tick
        (on a reused inode) would otherwise look unchanged, and its change would be lost.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._file_missing()
            return
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        if _signature(st) == self._signature and not (verify and self._changed_content()):
            return
        self._load()

    def _changed_content(self) -> bool:
        try:
            return zlib.crc32(self.path.read_bytes()) != self._checksum
        except OSError:
            return True

    def _file_missing(self) -> None:
        """No file yet: start a new campaign. Deleted under us: keep what we hold for the next save."""
        if not self._data:
            self._data = new_data(self.clock.now().isoformat())
            self.loads += 1
        self._signature = None

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
                sig = _signature(os.fstat(handle.fileno()))
        except FileNotFoundError:
            self._file_missing()
            return
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        data = self._parse(raw)
        try:
            version = schema_version(data)
        except SchemaError as exc:
            raise DamagedFile(
                self.path, f"not a referral-tui data file: {exc}", backups.newest_backup(self.path)
            ) from None
        if version > SCHEMA_VERSION:
            raise NewerSchema(self.path, version, SCHEMA_VERSION, backups.newest_backup(self.path))
        if version < SCHEMA_VERSION:
            backups.backup_now(self.path, raw, f"{self.clock.today().isoformat()}-pre-migration-v{version}.json")
            migrate(data, self.clock.now().isoformat())
            self._dirty = True  # the next transaction writes the migrated data
        self._data = data
        self._signature = sig
        self._checksum = zlib.crc32(raw)
        self.loads += 1

    def _parse(self, raw: bytes) -> Data:
        if not raw.strip():
            if backups.newest_backup(self.path):
                raise DamagedFile(self.path, "the file is empty but backups exist", backups.newest_backup(self.path))
            return new_data(self.clock.now().isoformat())
        try:
            return check_shape(orjson.loads(raw))
        except orjson.JSONDecodeError as exc:
            raise DamagedFile(self.path, f"not valid JSON: {exc}", backups.newest_backup(self.path)) from None
        except SchemaError as exc:
            raise DamagedFile(
                self.path, f"not a referral-tui data file: {exc}", backups.newest_backup(self.path)
            ) from None


__all__ = ["SafeStorage", "StoreError"]
