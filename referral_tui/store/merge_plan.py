"""The result of a three-way merge (``threeway.py``): what to add, set, ask about and remove.

Plain data for the store to apply (``merge.py``) and for the CLI and the conflict screen to
show; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import orjson

from referral_tui.store.patches import ABSENT

Tables = Mapping[str, Mapping[str, Mapping[str, Any]]]
Side = Literal["mine", "theirs"]
SIDES: tuple[Side, Side] = ("mine", "theirs")
#: Tables merged, in the order records are added (a record after those it points at).
ORDER = ("companies", "contacts", "asks", "interactions", "followups", "templates", "profile")
UPDATED_AT = "updated_at"


@dataclass(frozen=True)
class Ref:
    """A link to a record, by identity: the uid this file knows it by (for a record only in the
    other copy, its uid there)."""

    table: str
    ident: str


@dataclass(frozen=True)
class Added:
    """A record of the other copy to add: its fields, links as ``Ref``."""

    table: str
    key: str  # its id in the other copy
    ident: str
    doc: dict[str, Any]
    label: str
    readded: bool = False  # this file had removed it, and the other copy changed it since


@dataclass(frozen=True)
class FieldChange:
    """One field of a record of this file to set to the other copy's value."""

    table: str
    key: str
    field: str
    before: Any  # as stored in this file (ABSENT when the field is missing)
    after: Any  # links as Ref
    label: str
    reason: Literal["theirs", "newer", "empty"] = "theirs"


@dataclass(frozen=True)
class FieldConflict:
    """A field both copies changed, to different values: the user picks one."""

    table: str
    key: str  # the record's id in this file
    field: str
    label: str  # the record, as the user knows it ("Ana Ruiz", "an interaction with Ana Ruiz")
    base: Any  # ABSENT without a base record
    mine: Any
    theirs: Any
    before: Any  # this file's value as stored (the patch's base)
    base_text: str
    mine_text: str
    theirs_text: str
    mine_updated: str
    theirs_updated: str

    @property
    def newer(self) -> Side:
        """The side whose record was saved last (this file's on a tie)."""
        return "theirs" if newer_than(self.theirs_updated, self.mine_updated) else "mine"


@dataclass(frozen=True)
class Removal:
    """A record of this file the other copy removed (and nothing still refers to)."""

    table: str
    key: str
    label: str


@dataclass
class Counts:
    added: int = 0
    changed: int = 0  # records with fields taken from the other copy
    conflicts: int = 0
    removed: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.conflicts or self.removed)


@dataclass
class Plan:
    """What merging the other copy into this file does."""

    has_base: bool
    adds: list[Added] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    #: Records archived in one copy and edited in the other (they stay archived, edits kept).
    archived_and_edited: list[str] = field(default_factory=list)
    #: Fields decided by ``updated_at`` because no base record was known: (taken, kept).
    guessed: tuple[int, int] = (0, 0)
    #: (table, ident) -> this file's id, for every record of this file.
    mine_ids: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.adds or self.changes or self.conflicts or self.removals)

    @property
    def touches_this_file(self) -> bool:
        """Whether it does more than add records (it changes, removes or asks about some)."""
        return bool(self.changes or self.conflicts or self.removals or self.archived_and_edited)

    def counts(self) -> dict[str, Counts]:
        """Per table, in ``ORDER``; tables with nothing to do are left out."""
        out = {name: Counts() for name in ORDER}
        for add in self.adds:
            out[add.table].added += 1
        for table, _ in {(c.table, c.key) for c in self.changes}:
            out[table].changed += 1
        for conflict in self.conflicts:
            out[conflict.table].conflicts += 1
        for removal in self.removals:
            out[removal.table].removed += 1
        return {name: c for name, c in out.items() if not c.empty}


# -- values -------------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """JSON equality that tells true from 1 and 1 from 1.0, and ignores key order."""
    if a is ABSENT or b is ABSENT:
        return a is b
    if isinstance(a, Ref) or isinstance(b, Ref):
        return bool(a == b)
    try:
        return orjson.dumps(a, option=orjson.OPT_SORT_KEYS) == orjson.dumps(b, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return bool(a == b)


def newer_than(a: str, b: str) -> bool:
    """Whether timestamp ``a`` is later than ``b`` (ISO 8601; text order when they cannot be compared)."""
    try:
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return str(a) > str(b)
