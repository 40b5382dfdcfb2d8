"""Merging another copy of the campaign into the data file, as one change.

A copy (a sync tool's conflict copy, another machine's file, an ``export json``) is merged
record by record and field by field (``threeway.py`` has the rules) against the newest
version both copies descend from:

* each save stores a revision id, and a file keeps the ids of its recent revisions
  (``meta.1.lineage``, newest last);
* when one copy's revision is in the other's lineage, that copy *is* the base (one copy
  simply descends from the other);
* else the base is the newest backup (``<file>.backups/``, by modification time) whose
  revision id is in both lineages (then the other copy's own backups, when it is a data
  file with a backups folder: a copy from another machine, not a sync tool's);
* else there is no base, and the merge falls back on each record's ``updated_at``.

The merge is one ``repo.change()``: one atomic write under the lock, one undo step, and
the conflict rule for anything another session changed meanwhile. A conflict copy beside
the data file is then moved into ``<file>.backups/conflicts/`` (never deleted).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from referral_tui.store import backups, files
from referral_tui.store.base import RepositoryBase
from referral_tui.store.conflict_copies import conflict_copies
from referral_tui.store.errors import StoreError
from referral_tui.store.migrations import META_ID, SCHEMA_VERSION, SchemaError, check_shape, migrate, schema_version
from referral_tui.store.patches import Conflict
from referral_tui.store.threeway import ORDER, FieldConflict, Plan, Ref, Side, plan

Tables = dict[str, dict[str, dict[str, Any]]]
Prefer = Literal["mine", "theirs", "newer"]
PREFERENCES: tuple[Prefer, ...] = ("mine", "theirs", "newer")
#: Asked to pick a side for each conflict; None: the user aborted.
Chooser = Callable[[list[FieldConflict]], dict[int, Side] | None]


@dataclass
class Copy:
    """One copy of a campaign: its record tables (migrated, checked) and its revision lineage."""

    path: Path
    tables: Tables
    revision_id: str
    lineage: list[str]
    kind: Literal["data file", "export"] = "data file"
    #: False for an export older than uids (records matched then by today's heuristics).
    has_uids: bool = True


@dataclass
class Base:
    tables: Tables
    name: str  # what it is, for the user ("the backup 2026-03-08.json")


@dataclass
class Prepared:
    """A merge worked out, nothing written yet."""

    other: Copy
    base: Base | None
    plan: Plan
    mine_path: Path


@dataclass
class Applied:
    """What a merge wrote."""

    #: Fields another session changed between the plan and the write (its values stayed).
    kept: list[Conflict] = field(default_factory=list)
    wrote: bool = False


def lineage_of(meta: Mapping[str, Any]) -> tuple[str, list[str]]:
    """A file's revision id and lineage from its meta record (empty when it has none)."""
    revision_id = meta.get("revision_id")
    lineage = meta.get("lineage")
    rid = revision_id if isinstance(revision_id, str) else ""
    ids = [r for r in lineage if isinstance(r, str)] if isinstance(lineage, list) else []
    if rid and rid not in ids:
        ids.append(rid)
    return rid, ids


def this_copy(repo: RepositoryBase) -> Copy:
    """The data file as the repository holds it now (after picking up other sessions' writes)."""
    repo.engine.refresh()
    with repo.engine.mutex:
        data = repo.engine.data
        tables = {name: {k: dict(d) for k, d in data.get(name, {}).items()} for name in ORDER}
        rid, lineage = lineage_of(data.get("meta", {}).get(META_ID, {}))
    return Copy(repo.storage.target, tables, rid, lineage)


def _read_backup(path: Path) -> tuple[str, list[str], Tables] | None:
    try:
        data = check_shape(orjson.loads(path.read_bytes()))
        if schema_version(data) > SCHEMA_VERSION:
            return None
        rid, lineage = lineage_of(data.get("meta", {}).get(META_ID, {}))
        if not rid:
            return None
        migrate(data, "")
    except (OSError, orjson.JSONDecodeError, SchemaError, AttributeError, TypeError, ValueError):
        return None
    return rid, lineage, {name: data.get(name, {}) for name in ORDER}


def find_base(mine: Copy, other: Copy) -> Base | None:
    """The newest version both copies descend from (see the module doc), or None."""
    if other.revision_id and other.revision_id in mine.lineage:
        return Base(other.tables, "the other copy itself (this file already has everything it has)")
    if mine.revision_id and mine.revision_id in other.lineage:
        return Base(mine.tables, "this file itself (the other copy was made from it)")
    shared = set(mine.lineage) & set(other.lineage)
    if not shared:
        return None
    owners = [(mine.path, "")]
    if other.kind == "data file" and backups.backup_dir(other.path) != backups.backup_dir(mine.path):
        owners.append((other.path, " of the other copy"))
    for owner, where in owners:  # this file's backups first, newest first; then the other copy's
        for path in reversed(backups.list_backups(owner)):
            found = _read_backup(path)
            if found is not None and found[0] in shared:
                return Base(found[2], f"the backup {path.name}{where}")
    return None


def prepare(repo: RepositoryBase, other: Copy) -> Prepared:
    """Work the merge out (reads only): the base, then the plan."""
    mine = this_copy(repo)
    base = find_base(mine, other)
    return Prepared(other, base, plan(base.tables if base else None, mine.tables, other.tables), mine.path)


def decide(conflicts: list[FieldConflict], prefer: Prefer) -> dict[int, Side]:
    """Every conflict decided one way: this file's value, the other copy's, or the newer record's."""
    if prefer == "newer":
        return {i: c.newer for i, c in enumerate(conflicts)}
    side: Side = "mine" if prefer == "mine" else "theirs"
    return dict.fromkeys(range(len(conflicts)), side)


def apply(repo: RepositoryBase, prepared: Prepared, picks: Mapping[int, Side], description: str) -> Applied:
    """Write the merge as one change (one atomic write under the lock, one undo step)."""
    merge = prepared.plan
    new_ids: dict[tuple[str, str], int] = {}

    def real(value: Any) -> Any:
        if isinstance(value, Ref):
            return merge.mine_ids.get((value.table, value.ident), new_ids.get((value.table, value.ident)))
        return value

    with repo.change(description) as ch:
        for add in merge.adds:
            doc = {name: real(value) for name, value in add.doc.items() if name != "id"}
            new_ids[(add.table, add.ident)] = ch.insert(add.table, doc)
        for change in merge.changes:
            ch.set(change.table, int(change.key), change.field, real(change.after), before=change.before)
        for index, conflict in enumerate(merge.conflicts):
            if picks.get(index) == "theirs":
                ch.set(conflict.table, int(conflict.key), conflict.field, real(conflict.theirs), before=conflict.before)
        for removal in merge.removals:
            ch.remove(removal.table, int(removal.key))
        wrote = bool(ch.patches)
    return Applied(list(repo.engine.last_conflicts), wrote)


def put_aside(data_file: Path, copy: Path) -> Path | None:
    """Move ``copy`` into ``<file>.backups/conflicts/`` when it is a conflict copy beside the
    data file; returns where it went (None: it was not one, and stays where it is)."""
    resolved = Path(os.path.realpath(copy))
    if all(Path(os.path.realpath(c)) != resolved for c in conflict_copies(data_file)):
        return None
    folder = backups.conflicts_dir(files.real_target(data_file))
    files.ensure_private_dir(folder)
    target = folder / copy.name
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{copy.stem}-{number}{copy.suffix}"
    try:
        os.replace(copy, target)
    except OSError:  # another file system (a symlinked data file): copy, then remove
        shutil.copy2(copy, target)
        copy.unlink()
    with contextlib.suppress(OSError):
        os.chmod(target, files.FILE_MODE)  # owner-only, like the backups around it
    files.fsync_dir(folder)
    files.fsync_dir(copy.parent)
    return target


class MergeRefused(StoreError):
    """The merge cannot go ahead as asked (conflicts and no way to decide them); nothing was written."""


@dataclass
class Outcome:
    """A merge done (or, for a dry run or a cancel, only worked out)."""

    prepared: Prepared
    picks: dict[int, Side]
    applied: Applied | None = None  # None: nothing was written (a dry run, a cancel)
    cancelled: bool = False


def merge_copy(
    repo: RepositoryBase,
    other: Copy,
    *,
    prefer: Prefer | None = None,
    choose: Chooser | None = None,
    dry_run: bool = False,
    description: str = "",
) -> Outcome:
    """Merge ``other`` into the repository's file: conflicts are decided by ``prefer``, else by
    ``choose`` (the conflict screen; a dry run never asks), else the merge is refused."""
    prepared = prepare(repo, other)
    conflicts = prepared.plan.conflicts
    picks: dict[int, Side] = {}
    if conflicts and prefer is not None:
        picks = decide(conflicts, prefer)
    elif conflicts and not dry_run:
        if choose is None:
            first = conflicts[0]
            more = f" and {len(conflicts) - 1} more" if len(conflicts) > 1 else ""
            raise MergeRefused(
                f"{len(conflicts)} field{'s' if len(conflicts) != 1 else ''} changed in both copies "
                f"({first.field} of {first.label}{more}): pass --prefer mine, theirs or newer to decide them, "
                "or run the command on a terminal to pick each; nothing was written"
            )
        chosen = choose(conflicts)
        if chosen is None:
            return Outcome(prepared, {}, cancelled=True)
        picks = chosen
    if dry_run:
        return Outcome(prepared, picks)
    applied = apply(repo, prepared, picks, description or f"merged {other.path.name}")
    return Outcome(prepared, picks, applied)
