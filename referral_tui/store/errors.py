"""Errors the store raises; each message names the file and what the user can do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the data file cannot be used as asked. ``str()`` is a user-facing line."""


class DamagedFile(StoreError):
    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        self.path, self.reason, self.newest_backup = path, reason, newest_backup
        hint = (
            f"newest backup: {newest_backup} (copy it over the data file to restore)"
            if newest_backup
            else "no backup exists yet"
        )
        super().__init__(f"{path} is damaged ({reason}); it was left untouched; {hint}")


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int, newest_backup: Path | None) -> None:
        self.path, self.found, self.supported = path, found, supported
        backup = f"; newest backup: {newest_backup}" if newest_backup else ""
        super().__init__(
            f"{path} was written by a newer referral-tui (data schema {found}; this version reads up to "
            f"{supported}); upgrade referral-tui to open it; the file was left untouched{backup}"
        )


class StoreBusy(StoreError):
    def __init__(self, path: Path, lock_path: Path, waited: float) -> None:
        self.path = path
        super().__init__(
            f"{path} is busy: another referral-tui session has held its lock ({lock_path.name}) for over "
            f"{waited:g} s; nothing was saved; close the other session or try again"
        )


class UnreadableFile(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"cannot use {path}: {reason}")


class NotFound(StoreError):
    """A record id that does not exist (or no longer exists)."""
