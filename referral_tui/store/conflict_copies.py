"""Conflict copies of the data file that a sync tool left beside it.

When two machines change a synced file before the sync tool has carried either change
across, the tool keeps one version under the file's name and the other under a *conflict
copy* name in the same folder:

* Syncthing: ``<name>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<DEVICE>.<ext>``
  (``referrals.sync-conflict-20261130-091502-ABCDEFG.json``; a conflict copy of a conflict
  copy repeats the marker);
* Dropbox: ``<name> (<host>'s conflicted copy <YYYY-MM-DD>).<ext>``, and variants with a
  number when that name is taken (``... 2026-11-30 (1)).json``, ``...) (1).json``) or
  without the host or the date.

Nothing here reads a copy: a scan is one listing of the data file's folder (and of the
folder of its target, when it is a symlink), cheap enough to run at every start. Copies put
aside by ``referral-tui merge`` live in ``<file>.backups/conflicts/`` and are not beside
the file, so they are never reported again.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Sequence
from pathlib import Path

from referral_tui.locations import resolve_db_path
from referral_tui.store import files

SYNCTHING = "Syncthing"
DROPBOX = "Dropbox"
MERGE_COMMAND = "referral-tui merge"

_SYNCTHING_MARK = r"(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+)+"
_DROPBOX_MARK = r" \((?:[^()]*?['\u2019]s )?conflicted copy(?: \d{4}-\d{2}-\d{2})?(?: \(\d+\))?\)(?: \(\d+\))?"


def _patterns(data_file: Path) -> dict[str, re.Pattern[str]]:
    stem, ext = re.escape(data_file.stem), re.escape(data_file.suffix)
    return {
        SYNCTHING: re.compile(f"^{stem}{_SYNCTHING_MARK}{ext}$"),
        DROPBOX: re.compile(f"^{stem}{_DROPBOX_MARK}{ext}$"),
    }


def copy_kind(data_file: Path, candidate: Path) -> str | None:
    """``"Syncthing"`` or ``"Dropbox"`` when ``candidate``'s name is a conflict copy of
    ``data_file``'s name (the folder is not looked at), else None."""
    for kind, pattern in _patterns(data_file).items():
        if pattern.match(candidate.name):
            return kind
    return None


def conflict_copies(data_file: Path) -> list[Path]:
    """The sync tools' conflict copies of ``data_file`` in its folder (and in its target's
    folder, for a symlinked data file), sorted by name (Syncthing's names sort by time).

    Only regular files count; the data file itself, folders and unreadable folders do not.
    """
    path = Path(data_file).expanduser().absolute()
    places = [path]
    target = files.real_target(path)
    if target != path:
        places.append(target)
    found: dict[str, Path] = {}
    for place in places:
        patterns = _patterns(place)
        try:
            entries = list(os.scandir(place.parent))
        except OSError:
            continue
        for entry in entries:
            if entry.name == place.name or not any(p.match(entry.name) for p in patterns.values()):
                continue
            try:
                if not entry.is_file():
                    continue
            except OSError:
                continue
            found.setdefault(os.path.realpath(entry.path), Path(entry.path))
    return sorted(found.values(), key=lambda p: (p.name, str(p)))


def notice(copies: Sequence[Path], data_file: Path | None = None, command: str = MERGE_COMMAND) -> str:
    """The one line that tells the user about conflict copies and how to merge them
    ("" when there are none). ``command`` is how to run merge (with ``--db`` when needed).

    >>> print(notice([Path("/d/referrals.sync-conflict-20261130-091502-ABCDEFG.json")], Path("/d/referrals.json")))
    a conflict copy of referrals.json is beside it (Syncthing): merge it with `referral-tui merge /d/referrals.sync-conflict-20261130-091502-ABCDEFG.json`
    """
    if not copies:
        return ""
    name = data_file.name if data_file is not None else _original_name(copies[0])
    kinds = [k for k in (SYNCTHING, DROPBOX) if any(_kind_of(c, data_file) == k for c in copies)]
    tools = ", ".join(kinds) or "sync tool"
    first = shell_quote(str(copies[0]))
    if len(copies) == 1:
        return f"a conflict copy of {name} is beside it ({tools}): merge it with `{command} {first}`"
    return (
        f"{len(copies)} conflict copies of {name} are beside it ({tools}): merge each with "
        f"`{command} PATH`, starting with `{command} {first}`"
    )


def _kind_of(copy: Path, data_file: Path | None) -> str | None:
    if data_file is not None:
        return copy_kind(data_file, copy)
    if ".sync-conflict-" in copy.name:
        return SYNCTHING
    return DROPBOX if "conflicted copy" in copy.name else None


def _original_name(copy: Path) -> str:
    """The data file's name a copy stands for, when the caller did not say."""
    name = re.sub(_SYNCTHING_MARK, "", copy.name)
    return re.sub(_DROPBOX_MARK, "", name)


def merge_command(data_file: Path) -> str:
    """How to run merge on ``data_file``: with ``--db`` unless it is the file used without it."""
    if os.path.realpath(resolve_db_path(None)) == os.path.realpath(data_file):
        return MERGE_COMMAND
    return f"referral-tui --db {shell_quote(str(data_file))} merge"


def shell_quote(text: str) -> str:
    """``text`` as one shell word, readably: as it is, else in double quotes (Dropbox's names
    hold spaces and apostrophes), else the way ``shlex.quote`` does it."""
    if shlex.quote(text) == text:
        return text
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)
