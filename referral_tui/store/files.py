"""Private, atomic file operations: owner-only permissions whatever the umask."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) as 0700; folders that already exist are left as they are."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        try:
            item.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(item, DIR_MODE)  # mkdir's mode is filtered by the umask


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of it) to a private temp file beside ``path``, fsync
    it, then rename it over ``path``.

    A crash at any instant leaves either the old file or the new one, never a mix; on any
    error the temp file is removed and the old file is untouched.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def real_target(path: Path) -> Path:
    """The file a (possibly symlinked) path stands for: writes replace the link's target, in the
    target's folder, so a symlinked data file stays a symlink (a dangling link's target is created)."""
    return Path(os.path.realpath(path))


def stale_temp_files(path: Path) -> list[Path]:
    """Temp files a killed writer may have left beside ``path``."""
    prefix = temp_prefix(path)
    return [p for p in path.parent.glob(f"{prefix}*{TEMP_SUFFIX}") if p.name.startswith(prefix)]


def touch_private(path: Path) -> None:
    """Create ``path`` as an empty 0600 file if it does not exist."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
