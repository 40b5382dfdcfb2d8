"""A three-way merge of two copies of a campaign: pure code, record dicts in, a plan out.

``plan(base, mine, theirs)`` compares two copies (this data file, "mine", and another copy,
"theirs") with the newest version both descend from ("base", or None when no such version
is known) and says what merging ``theirs`` into ``mine`` means, record by record and field
by field. The store applies the plan as one change (``store/merge.py``); nothing here reads
a file or knows about Textual.

The rules (docs/merge.md tells the user the same):

* Records are matched by **uid**. Records without a uid match (two copies that each added
  "Acme") are also matched on what names them: a company by name, a contact by LinkedIn
  profile, an imported interaction by its source, a template by its key, the profile as the
  one profile. Such a pair was made twice, not edited twice: this file's fields stay, and
  only the fields empty here take the other copy's value.
* A record only in the other copy is **added** (under a new id, its uid kept), its links
  re-pointed at the right records of this file. When it is in the base too, this file
  removed it (a deleted template, an undone insert): it stays removed unless the other copy
  changed it since, or something added refers to it.
* A record only in this file is kept; when the base has it unchanged here, the other copy
  removed it, and it is removed unless something still refers to it.
* For a record in both, each field (bookkeeping aside: id, uid, created_at, updated_at):
  the same value in both: nothing to do; changed on one side only (it differs from the
  base's value on that side alone): that side's value; changed on both sides to different
  values: a **conflict** for the user to decide.
* Without a base record to compare with (no common base was found, or the record was added
  after it), who changed a field cannot be known; the record saved last (``updated_at``)
  wins its differing fields: it was written after the other and, in the usual case, by the
  person who saw and changed them. Equal ``updated_at`` values: a conflict.
* ``archived`` is a field like any other. A record archived in one copy and edited in the
  other stays archived *and* keeps the edits: nothing the user typed is lost, and archiving
  was the deliberate act. The plan notes each such record, so the user can restore it.

Links (``company_id``, ``contact_id``, ``ask_id``) hold ids local to each file; they are
compared as the uids of the records they point at (``Ref``), and turned back into this
file's ids when the plan is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, fields
from enum import Enum
from typing import Any
from urllib.parse import unquote

import orjson

from referral_tui.domain.records import BOOKKEEPING, RECORD_TYPES, REFERENCES
from referral_tui.store.merge_plan import (
    ORDER,
    UPDATED_AT,
    Added,
    Counts,
    FieldChange,
    FieldConflict,
    Plan,
    Ref,
    Removal,
    Side,
    Tables,
    newer_than,
    same,
)
from referral_tui.store.patches import ABSENT

__all__ = [
    "ORDER",
    "Added",
    "Counts",
    "FieldChange",
    "FieldConflict",
    "Plan",
    "Ref",
    "Removal",
    "Side",
    "Tables",
    "plan",
]


def _defaults(table: str) -> dict[str, Any]:
    cls = RECORD_TYPES.get(table)
    if cls is None:
        return {}
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not MISSING:
            out[f.name] = f.default.value if isinstance(f.default, Enum) else f.default
        elif f.default_factory is not MISSING:
            out[f.name] = f.default_factory()
    return out


_DEFAULTS = {name: _defaults(name) for name in ORDER}


def _blank(value: Any) -> bool:
    return value is ABSENT or value is None or value is False or (isinstance(value, (str, list, dict)) and not value)


def normalize_url(url: str) -> str:
    """A LinkedIn profile as a key: decoded, lower-case, without scheme, 'www.' or trailing slash."""
    value = unquote(url.strip()).casefold()
    for prefix in ("https://", "http://"):
        value = value.removeprefix(prefix)
    return value.removeprefix("www.").rstrip("/")


# -- one side -----------------------------------------------------------------------------


class _Copy:
    """One copy's records, indexed by identity (the uid this file knows the record by)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = {name: tables.get(name, {}) for name in ORDER}
        self.uids: dict[str, dict[str, str]] = {}  # table -> key -> uid
        self.by_uid: dict[str, dict[str, str]] = {}  # table -> uid -> key
        for name, records in self.tables.items():
            keys = self.uids[name] = {}
            back = self.by_uid[name] = {}
            for key, doc in records.items():
                uid = doc.get("uid")
                uid = uid if isinstance(uid, str) and uid else f"{name}#{key}"
                keys[key] = uid
                back.setdefault(uid, key)
        #: uid -> identity (another copy's uid, for records matched on what names them)
        self.alias: dict[str, str] = {}

    def ident(self, table: str, key: str) -> str:
        uid = self.uids[table][key]
        return self.alias.get(uid, uid)

    def values(self, table: str, key: str) -> dict[str, Any]:
        """A record's fields (bookkeeping aside), missing ones as their defaults, links as Ref."""
        doc = self.tables[table][key]
        defaults = _DEFAULTS.get(table, {})
        refs = REFERENCES.get(table, {})
        out: dict[str, Any] = {}
        for name in doc.keys() | defaults.keys():
            if name in BOOKKEEPING or name == "id":
                continue
            value = doc.get(name, defaults.get(name, ABSENT))
            target = refs.get(name)
            if target is not None and value is not None and value is not ABSENT:
                value = self.link(target, value)
            out[name] = value
        return out

    def link(self, target: str, value: Any) -> Any:
        key = str(value)
        if key in self.uids.get(target, {}):
            return Ref(target, self.ident(target, key))
        return value  # points nowhere (a hand-edited file): compared as it is


# -- the merge ----------------------------------------------------------------------------


def plan(base: Tables | None, mine: Tables, theirs: Tables) -> Plan:
    """What merging ``theirs`` into ``mine`` does, given their common ``base`` (None: unknown)."""
    return _Planner(base, mine, theirs).run()


class _Planner:
    def __init__(self, base: Tables | None, mine: Tables, theirs: Tables) -> None:
        self.base = _Copy(base) if base is not None else None
        self.mine = _Copy(mine)
        self.theirs = _Copy(theirs)
        self.result = Plan(has_base=base is not None)
        #: table -> theirs key -> mine key
        self.pairs: dict[str, dict[str, str]] = {name: {} for name in ORDER}
        #: (table, theirs key) pairs matched on what names them, not on their uid
        self.by_name: set[tuple[str, str]] = set()
        self.taken = self.kept = 0

    def run(self) -> Plan:
        self._match()
        mine, result = self.mine, self.result
        result.mine_ids = {
            (name, mine.ident(name, key)): int(key) for name in ORDER for key in mine.tables[name] if _int(key)
        }
        for name in ORDER:
            for tkey, mkey in self.pairs[name].items():
                self._merge_record(name, mkey, tkey)
        self._adds_and_removals()
        result.guessed = (self.taken, self.kept)
        return result

    # -- matching ---------------------------------------------------------------------

    def _match(self) -> None:
        mine, theirs = self.mine, self.theirs
        for name in ORDER:
            pairs = self.pairs[name]
            for tkey, uid in theirs.uids[name].items():
                mkey = mine.by_uid[name].get(uid)
                if mkey is not None:
                    pairs[tkey] = mkey
            used = set(pairs.values())
            keyer = _NAME_KEYS.get(name)
            if keyer is None:
                continue
            free_mine: dict[Any, str] = {}
            for mkey, doc in mine.tables[name].items():
                k = keyer(doc)
                if mkey not in used and k is not None:
                    free_mine.setdefault(k, mkey)
            for tkey, doc in theirs.tables[name].items():
                if tkey in pairs:
                    continue
                k = keyer(doc)
                mkey = free_mine.pop(k, None) if k is not None else None
                if mkey is not None:
                    pairs[tkey] = mkey
                    self.by_name.add((name, tkey))
                    theirs.alias[theirs.uids[name][tkey]] = mine.uids[name][mkey]

    # -- records in both ----------------------------------------------------------------

    def _merge_record(self, table: str, mkey: str, tkey: str) -> None:
        mine, theirs, result = self.mine, self.theirs, self.result
        raw = mine.tables[table][mkey]
        if raw == theirs.tables[table][tkey] and all(
            mine.link(target, raw[ref]) == theirs.link(target, raw[ref])
            for ref, target in REFERENCES.get(table, {}).items()
            if raw.get(ref) is not None
        ):
            return  # the same record in both (most of them): nothing to compare
        mvals, tvals = mine.values(table, mkey), theirs.values(table, tkey)
        label = self._label(table, mkey, mine)
        named = (table, tkey) in self.by_name
        bvals: dict[str, Any] | None = None
        if self.base is not None and not named:
            bkey = self.base.by_uid[table].get(mine.uids[table][mkey])
            if bkey is not None:
                bvals = self.base.values(table, bkey)
        m_at = str(raw.get(UPDATED_AT, ""))
        t_at = str(theirs.tables[table][tkey].get(UPDATED_AT, ""))
        changed_by: dict[str, Side] = {}

        def conflict(name: str, b: Any, m: Any, t: Any, before: Any) -> FieldConflict:
            shown = self.show(b), self.show(m), self.show(t)
            return FieldConflict(table, mkey, name, label, b, m, t, before, *shown, m_at, t_at)

        for name in sorted(mvals.keys() | tvals.keys()):
            m, t = mvals.get(name, ABSENT), tvals.get(name, ABSENT)
            if same(m, t):
                continue
            before = raw.get(name, ABSENT)
            if named:  # made twice: fill only what is empty here
                if _blank(m) and not _blank(t):
                    result.changes.append(FieldChange(table, mkey, name, before, t, label, "empty"))
                continue
            if bvals is not None:
                b = bvals.get(name, ABSENT)
                if same(b, m):
                    result.changes.append(FieldChange(table, mkey, name, before, t, label, "theirs"))
                    changed_by[name] = "theirs"
                elif same(b, t):
                    changed_by[name] = "mine"
                else:
                    result.conflicts.append(conflict(name, b, m, t, before))
                continue
            if newer_than(t_at, m_at):
                result.changes.append(FieldChange(table, mkey, name, before, t, label, "newer"))
                changed_by[name] = "theirs"
                self.taken += 1
            elif newer_than(m_at, t_at):
                changed_by[name] = "mine"
                self.kept += 1
            else:
                result.conflicts.append(conflict(name, ABSENT, m, t, before))
        archiver = changed_by.get("archived")
        if archiver is not None and (mvals if archiver == "mine" else tvals).get("archived") is True:
            edited = [n for n, side in changed_by.items() if side != archiver and n != "archived"]
            if edited:
                where = "this file" if archiver == "mine" else "the other copy"
                result.archived_and_edited.append(
                    f"{label} stays archived (archived in {where}) with the other's edits to {', '.join(edited)}"
                )

    # -- records on one side ------------------------------------------------------------

    def _adds_and_removals(self) -> None:
        mine, theirs, base, result = self.mine, self.theirs, self.base, self.result
        candidates: list[tuple[str, str]] = []  # theirs records to add
        dropped: set[tuple[str, str]] = set()  # ... that this file removed (left out unless needed)
        for name in ORDER:
            for tkey in theirs.tables[name]:
                if tkey in self.pairs[name]:
                    continue
                candidates.append((name, tkey))
                if base is not None:
                    bkey = base.by_uid[name].get(theirs.uids[name][tkey])
                    if bkey is not None and _unchanged(theirs.values(name, tkey), base.values(name, bkey)):
                        dropped.add((name, tkey))
        matched = {(name, mkey) for name in ORDER for mkey in self.pairs[name].values()}
        removable: set[tuple[str, str]] = set()
        if base is not None:
            for name in ORDER:
                for mkey in mine.tables[name]:
                    if (name, mkey) in matched:
                        continue
                    bkey = base.by_uid[name].get(mine.uids[name][mkey])
                    if bkey is not None and _unchanged(mine.values(name, mkey), base.values(name, bkey)):
                        removable.add((name, mkey))
        # Records never dangle: what is added or kept keeps what it points at.
        while dropped or removable:
            wanted = self._pointed_at(theirs, (c for c in candidates if c not in dropped))
            kept_refs = self._pointed_at(mine, (k for k in _keys(mine) if k not in removable))
            readd = {c for c in dropped if (c[0], theirs.ident(*c)) in wanted}
            keep = {r for r in removable if (r[0], mine.ident(*r)) in wanted | kept_refs}
            if not readd and not keep:
                break
            dropped -= readd
            removable -= keep
        for name, tkey in candidates:
            if (name, tkey) in dropped:
                continue
            doc = dict(theirs.tables[name][tkey])
            for ref, target in REFERENCES.get(name, {}).items():
                value = doc.get(ref)
                if value is not None:
                    doc[ref] = theirs.link(target, value)
            ident = theirs.ident(name, tkey)
            was_removed = base is not None and theirs.uids[name][tkey] in base.by_uid[name]
            result.adds.append(Added(name, tkey, ident, doc, self._label(name, tkey, theirs), was_removed))
        for name in reversed(ORDER):
            for mkey in mine.tables[name]:
                if (name, mkey) in removable:
                    result.removals.append(Removal(name, mkey, self._label(name, mkey, mine)))

    @staticmethod
    def _pointed_at(copy: _Copy, records: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """(table, identity) of every record the given records link to."""
        out: set[tuple[str, str]] = set()
        for name, key in records:
            doc = copy.tables[name][key]
            for ref, target in REFERENCES.get(name, {}).items():
                value = copy.link(target, doc[ref]) if doc.get(ref) is not None else None
                if isinstance(value, Ref):
                    out.add((value.table, value.ident))
        return out

    # -- words --------------------------------------------------------------------------

    def _label(self, table: str, key: str, copy: _Copy) -> str:
        doc = copy.tables[table][key]
        if table in ("companies", "contacts"):
            return str(doc.get("name", "")) or f"a record in {table}"
        if table == "profile":
            return "your profile"
        if table == "templates":
            return f"the template {doc.get('title') or doc.get('key') or key}"
        person = self._person(doc.get("contact_id"), copy)
        if table == "asks":
            role = f" ({doc['role_title']})" if doc.get("role_title") else ""
            return f"the ask to {person}{role}"
        if table == "interactions":
            return f"an interaction with {person} on {doc.get('day', '?')}"
        return f"a follow-up with {person} due {doc.get('due', '?')}"

    def _person(self, contact_id: Any, copy: _Copy) -> str:
        doc = copy.tables["contacts"].get(str(contact_id))
        return str(doc.get("name", "someone")) if doc else "someone"

    def show(self, value: Any) -> str:
        """A value as the user reads it (text as it is: the UI never reads it as markup)."""
        if value is ABSENT:
            return "(not set)"
        if value is None:
            return "(none)"
        if isinstance(value, Ref):
            for copy in (self.mine, self.theirs):
                table = copy.tables.get(value.table, {})
                key = _key_of(copy, value)
                if key is not None and key in table:
                    return self._label(value.table, key, copy)
            return "(a record that is gone)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            return value if value else '""'
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ", ".join(value) if value else "(empty list)"
        return orjson.dumps(value).decode()


def _key_of(copy: _Copy, ref: Ref) -> str | None:
    key = copy.by_uid.get(ref.table, {}).get(ref.ident)
    if key is not None:
        return key
    for uid, ident in copy.alias.items():
        if ident == ref.ident and uid in copy.by_uid.get(ref.table, {}):
            return copy.by_uid[ref.table][uid]
    return None


def _keys(copy: _Copy) -> Iterable[tuple[str, str]]:
    for name in ORDER:
        for key in copy.tables[name]:
            yield name, key


def _unchanged(values: dict[str, Any], base: dict[str, Any]) -> bool:
    return all(same(values.get(k, ABSENT), base.get(k, ABSENT)) for k in values.keys() | base.keys())


def _int(key: str) -> bool:
    return key.lstrip("-").isdigit()


def _name_of_company(doc: Mapping[str, Any]) -> Any:
    name = doc.get("name")
    return name.strip().casefold() if isinstance(name, str) and name.strip() else None


def _profile_url(doc: Mapping[str, Any]) -> Any:
    url = doc.get("linkedin_url")
    return normalize_url(url) if isinstance(url, str) and url.strip() else None


def _source(doc: Mapping[str, Any]) -> Any:
    key = doc.get("source_key")
    return key if isinstance(key, str) and key else None


def _template_key(doc: Mapping[str, Any]) -> Any:
    key = doc.get("key")
    return key if isinstance(key, str) else None


def _the_profile(doc: Mapping[str, Any]) -> Any:
    return "profile"


#: How records without a matching uid are matched: what names them in each table.
_NAME_KEYS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "companies": _name_of_company,
    "contacts": _profile_url,
    "interactions": _source,
    "templates": _template_key,
    "profile": _the_profile,
}
