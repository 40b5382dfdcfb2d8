"""Rolling backups in a private folder beside the data file.

Backups are named and pruned by the real wall-clock time at which they are written, never
by the app's clock (which ``REFERRAL_TUI_TODAY`` can freeze on any day, future or past):
one daily backup, taken before the first write of each wall-clock day, and the newest
``KEEP`` of them kept by modification time. Pre-migration backups follow the same rule.
Files in the ``conflicts/`` subfolder (conflict copies put aside after a merge) are never
backups: pruning and "newest backup" ignore them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from referral_tui.store.files import TEMP_SUFFIX, atomic_write, ensure_private_dir

KEEP = 14
_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{6})?(-pre-migration-v\d+)?\.json$")

#: The wall clock the backups use; tests replace it to simulate days passing.
wall_clock: Callable[[], datetime] = datetime.now


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def conflicts_dir(path: Path) -> Path:
    return backup_dir(path) / "conflicts"


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first by modification time."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found: list[tuple[int, str, Path]] = []
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and _NAME.match(entry.name):
            found.append((entry.stat().st_mtime_ns, entry.name, Path(entry.path)))
    return [p for _, _, p in sorted(found)]


def newest_backup(path: Path) -> Path | None:
    """The most recently written non-empty backup (by modification time)."""
    for candidate in reversed(list_backups(path)):
        try:
            if candidate.stat().st_size > 0:
                return candidate
        except OSError:
            continue
    return None


def backup_now(path: Path, content: bytes, name: str) -> Path:
    folder = backup_dir(path)
    ensure_private_dir(folder)
    target = folder / name
    atomic_write(target, content)
    return target


def stale_temp_files(path: Path) -> list[Path]:
    """Temp files a writer killed while making a backup may have left in the backup folder."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(TEMP_SUFFIX)]


def today_name() -> str:
    return f"{wall_clock():%Y-%m-%d}.json"


def has_backup_today(path: Path) -> bool:
    return (backup_dir(path) / today_name()).exists()


def daily_backup(path: Path, content: bytes, keep: int = KEEP) -> Path | None:
    """Copy ``content`` (the file as it was before today's first write) unless today has a copy.

    Keeps the newest ``keep`` backups by modification time; returns the new backup, if any.
    """
    if not content or has_backup_today(path):
        return None
    made = backup_now(path, content, today_name())
    prune(path, keep)
    return made


def pre_migration_backup(path: Path, content: bytes, version: int) -> Path:
    made = backup_now(path, content, f"{wall_clock():%Y-%m-%dT%H%M%S}-pre-migration-v{version}.json")
    prune(path, KEEP)
    return made


def prune(path: Path, keep: int = KEEP) -> None:
    """Remove all but the newest ``keep`` backups (by modification time)."""
    backups = list_backups(path)
    for old in backups[: max(len(backups) - keep, 0)]:
        old.unlink(missing_ok=True)
