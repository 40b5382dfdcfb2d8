"""Daily rolling backups in a private folder beside the data file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from referral_tui.store.files import TEMP_SUFFIX, atomic_write, ensure_private_dir

KEEP_DAYS = 14
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(-pre-migration-v\d+)?\.json$")


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _NAME.match(p.name))


def newest_backup(path: Path) -> Path | None:
    found = [p for p in list_backups(path) if p.stat().st_size > 0]
    return found[-1] if found else None


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


def has_backup_for(path: Path, day: date) -> bool:
    return (backup_dir(path) / f"{day.isoformat()}.json").exists()


def daily_backup(path: Path, content: bytes, today: date, keep: int = KEEP_DAYS) -> Path | None:
    """Copy ``content`` (the file as it was before today's first write) unless today has a copy.

    Keeps the newest ``keep`` days of backups; returns the new backup, if one was made.
    """
    if not content:
        return None
    name = f"{today.isoformat()}.json"
    if has_backup_for(path, today):
        return None
    made = backup_now(path, content, name)
    days = sorted({_NAME.match(p.name).group(1) for p in list_backups(path)})  # type: ignore[union-attr]
    for old_day in days[:-keep] if len(days) > keep else []:
        for p in list_backups(path):
            if p.name.startswith(old_day):
                p.unlink(missing_ok=True)
    return made
