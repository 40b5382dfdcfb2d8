"""Restoring or merging a JSON export (made by ``referral-tui export json``), and reading
another copy of a campaign for ``referral-tui merge``.

The file is checked whole first (format, schema, every record against the domain's types,
references); then it is one repository change: one atomic write, one undo step. A file
refused changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from referral_tui.domain.checks import check_tables, key_problem, summary
from referral_tui.domain.records import (
    RECORD_TYPES,
    REFERENCES,
    TABLE_OF,
    Ask,
    Company,
    Contact,
    FollowUp,
    Interaction,
    Record,
    from_dict,
)
from referral_tui.exports import EXPORT_FORMAT
from referral_tui.formats.connections import normalize_url
from referral_tui.imports.common import ImportRefused
from referral_tui.store.merge import Chooser, Copy, MergeRefused, Outcome, Prefer, lineage_of, merge_copy
from referral_tui.store.migrations import (
    META_ID,
    RECORD_TABLES,
    SCHEMA_VERSION,
    TABLES,
    SchemaError,
    check_shape,
    meta_problem,
    migrate,
    schema_version,
)
from referral_tui.store.repository import Repository

__all__ = ["Campaign", "ExportFile", "JsonImport", "import_json", "load_export", "read_copy", "read_export"]

#: The schema that gave every record a uid: older exports are merged by names.
UID_SCHEMA = 2


@dataclass
class Campaign:
    """A whole campaign read from an export, every record checked against the domain's types."""

    records: dict[str, list[Record]]
    profile: dict[str, str]
    templates: list[dict[str, str]]

    def of(self, cls: type[Record]) -> list[Record]:
        return self.records.get(TABLE_OF[cls], [])

    @property
    def size(self) -> int:
        return sum(len(r) for r in self.records.values()) + bool(self.profile) + len(self.templates)


class _NotJson(Exception):
    """The file holds no JSON (the detail says why)."""


def _read(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise _NotJson("the file is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _NotJson(str(exc)) from None


def _is_export(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == EXPORT_FORMAT


def _export_data(path: Path, doc: Any) -> tuple[dict[str, dict[str, Any]], int]:
    """An export's record tables, migrated and checked whole, and the schema it was written in."""
    if not _is_export(doc) or not isinstance(doc.get("tables"), dict):
        raise ImportRefused(f"{path} is not a referral-tui export (made by 'referral-tui export json')")
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused(f"{path} has no valid schema_version (found {version!r}; a whole number from 1)")
    if version > SCHEMA_VERSION:
        raise ImportRefused(
            f"{path} was exported by a newer referral-tui (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade referral-tui to import it"
        )
    tables = dict(doc["tables"])
    tables.pop("meta", None)
    try:
        check_shape(tables)
        data: dict[str, dict[str, Any]] = {"meta": {"1": {"schema_version": version}}, **tables}
        migrate(data, "")
    except SchemaError as exc:
        raise ImportRefused(f"{path}: {exc}") from None
    data.pop("meta")
    problems = check_tables(data) + _reference_problems(data)
    if problems:
        raise ImportRefused(f"{path} holds records that cannot be imported: {summary(problems)}; nothing was imported")
    return data, version


@dataclass
class ExportFile:
    """An export read and checked whole: its document, its record tables (migrated) and schema."""

    path: Path
    doc: dict[str, Any]
    data: dict[str, dict[str, Any]]
    version: int


def read_export(path: Path) -> ExportFile:
    """Read and check an export; raises ImportRefused naming what is wrong."""
    try:
        doc = _read(path)
    except _NotJson as exc:
        raise ImportRefused(f"{path} is not valid JSON ({exc})") from None
    data, version = _export_data(path, doc)
    return ExportFile(path, doc, data, version)


def load_export(path: Path) -> Campaign:
    """The campaign in an export file, checked whole; raises ImportRefused naming what is wrong."""
    return _campaign(read_export(path).data)


def _campaign(data: dict[str, dict[str, Any]]) -> Campaign:
    records: dict[str, list[Record]] = {}
    for table, cls in RECORD_TYPES.items():
        records[table] = [from_dict(cls, doc, int(key)) for key, doc in data.get(table, {}).items()]
    profile: dict[str, str] = next(iter(data.get("profile", {}).values()), {})
    return Campaign(records, dict(profile), [dict(t) for t in data.get("templates", {}).values()])


def _export_copy(path: Path, doc: dict[str, Any], data: dict[str, dict[str, Any]], version: int) -> Copy:
    revision = doc.get("revision")
    rid, lineage = lineage_of(revision if isinstance(revision, dict) else {})
    tables = {name: data.get(name, {}) for name in RECORD_TABLES}
    return Copy(path, tables, rid, lineage, kind="export", has_uids=version >= UID_SCHEMA)


def read_copy(path: Path) -> Copy:
    """Another copy of the campaign to merge: a data file (another machine's, a sync tool's
    conflict copy) or an ``export json``, read and checked whole without changing it (an
    older schema is migrated in memory only). Raises ImportRefused naming what is wrong."""

    def refuse(why: str) -> ImportRefused:
        return ImportRefused(f"cannot merge {path}: {why}; nothing was changed")

    try:
        doc = _read(path)
    except _NotJson as exc:
        raise refuse(f"it is damaged: not valid JSON ({exc})") from None
    if _is_export(doc):
        data, version = _export_data(path, doc)
        return _export_copy(path, doc, data, version)
    try:
        data = check_shape(doc)
        version = schema_version(data)
    except SchemaError as exc:
        raise refuse(f"it is not a referral-tui data file or export ({exc})") from None
    if not data.keys() & set(TABLES):
        raise refuse("it is not a referral-tui data file or export (it holds none of the campaign's tables)")
    if version > SCHEMA_VERSION:
        raise refuse(
            f"it was written by a newer referral-tui (data schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade referral-tui to merge it"
        )
    try:
        migrate(data, "")
    except (SchemaError, AttributeError, TypeError, ValueError) as exc:
        raise refuse(f"it is damaged (its records cannot be brought up to date: {exc})") from None
    meta = data.get("meta", {}).get(META_ID, {})
    problem = meta_problem(meta)
    if problem:
        raise refuse(f"it is damaged (its meta record is not valid: {problem})")
    problems = check_tables(data) + _reference_problems(data)
    if problems:
        raise refuse(f"it holds records that cannot be used: {summary(problems)}")
    rid, lineage = lineage_of(meta)
    return Copy(path, {name: data.get(name, {}) for name in RECORD_TABLES}, rid, lineage)


def _reference_problems(data: dict[str, dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    for table, refs in REFERENCES.items():
        for key, doc in data.get(table, {}).items():
            for name, target in refs.items():
                value = doc.get(name)
                if value is not None and str(value) not in data.get(target, {}):
                    problems.append(f"record {key} in '{table}': {name} {value} is not in '{target}'")
    for table in ("profile", "templates"):
        problems += [f"record {k!r} in '{table}' {p}" for k in data.get(table, {}) if (p := key_problem(k))]
    return problems[:20]


@dataclass
class JsonImport:
    """What ``import json`` did (or, for a dry run, would do)."""

    #: Records each table gained.
    added: dict[str, int]
    restored: bool = False
    #: The merge into a campaign (None for a restore, or an export older than uids).
    merge: Outcome | None = None


def import_json(
    repo: Repository,
    source: Path | ExportFile,
    *,
    prefer: Prefer | None = None,
    choose: Chooser | None = None,
    dry_run: bool = False,
) -> JsonImport:
    """Restore an export into an empty file (ids and all), or merge it into a campaign.

    The merge is ``referral-tui merge``'s: records matched by uid, field by field against the
    newest version both descend from (``store/merge.py``); fields changed on both sides are
    decided by ``prefer``, else ``choose``, else the import is refused. An export older than
    uids is merged as before them: records matched on name, company and LinkedIn profile, and
    only what is missing added. ``source`` may be an export already read (``read_export``).
    """
    export = source if isinstance(source, ExportFile) else read_export(source)
    path = export.path
    campaign = _campaign(export.data)
    repo.engine.refresh()
    if repo.is_empty():
        added = {table: len(items) for table, items in campaign.records.items() if items}
        if campaign.profile:
            added["profile"] = 1
        if campaign.templates:
            added["templates"] = len(campaign.templates)
        if not dry_run:
            with repo.change(f"imported {path.name}"):
                if not repo.is_empty():  # another session added records since: nothing is written
                    raise ImportRefused(f"{repo.path} got records meanwhile; import {path} again to merge it")
                repo.restore_campaign(campaign.records, campaign.profile, campaign.templates)
        return JsonImport(added, restored=True)
    copy = _export_copy(path, export.doc, export.data, export.version)
    if not copy.has_uids:
        return JsonImport(_merge_by_names(repo, path, campaign, dry_run))
    try:
        outcome = merge_copy(
            repo, copy, prefer=prefer, choose=choose, dry_run=dry_run, description=f"imported {path.name}"
        )
    except MergeRefused as exc:
        raise ImportRefused(f"cannot import {path}: {exc}") from None
    gained: dict[str, int] = {}
    for add in outcome.prepared.plan.adds:
        gained[add.table] = gained.get(add.table, 0) + 1
    return JsonImport(gained, merge=outcome)


class _DryRun(Exception):
    """Raised inside a change to take it back (a dry run of the merge by names)."""


def _merge_by_names(repo: Repository, path: Path, campaign: Campaign, dry_run: bool) -> dict[str, int]:
    added: dict[str, int] = {}
    try:
        with repo.change(f"imported {path.name}"):
            _Merge(repo, campaign, added).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return added


class _Merge:
    """An export older than uids: its records added to a campaign under new ids, references
    re-linked, matched to records already there on what names them (companies by name,
    contacts by LinkedIn profile or name and company, the rest by what they say)."""

    def __init__(self, repo: Repository, campaign: Campaign, added: dict[str, int]) -> None:
        self.repo, self.campaign, self.added = repo, campaign, added
        self.ids: dict[str, dict[int, int]] = {name: {} for name in RECORD_TYPES}

    def count(self, table: str) -> None:
        self.added[table] = self.added.get(table, 0) + 1

    def run(self) -> None:
        repo = self.repo
        uids = {r.uid: r for cls in TABLE_OF for r in repo.all_records(cls) if r.uid}
        companies = {c.name.casefold(): c for c in repo.companies(include_archived=True)}
        for company in self._of(Company):
            same = uids.get(company.uid) or companies.get(company.name.casefold())
            self.ids["companies"][company.id] = same.id if same else self._add(company).id
        names = {c.id: c.name.casefold() for c in repo.companies(include_archived=True)}
        people = repo.contacts(include_archived=True)
        by_url = {normalize_url(c.linkedin_url): c for c in people if c.linkedin_url}
        by_key = {(c.name.casefold(), names.get(c.company_id or 0, c.employer.casefold())): c for c in people}
        for contact in self._of(Contact):
            contact = replace(contact, company_id=self._link("companies", contact.company_id))
            key = (contact.name.casefold(), names.get(contact.company_id or 0, contact.employer.casefold()))
            found = (
                uids.get(contact.uid)
                or (by_url.get(normalize_url(contact.linkedin_url)) if contact.linkedin_url else None)
                or by_key.get(key)
            )
            self.ids["contacts"][contact.id] = found.id if found else self._add(contact).id
        self._children(Interaction, lambda r: (r.contact_id, r.day, r.kind, r.summary), uids)
        self._children(Ask, lambda r: (r.contact_id, r.day, r.role_title), uids)
        self._children(FollowUp, lambda r: (r.contact_id, r.kind, r.due, r.ask_id), uids)
        mine = repo.profile()
        missing = {k: v for k, v in self.campaign.profile.items() if k not in ("uid",) and not mine.get(k)}
        missing = {k: v for k, v in missing.items() if k not in ("created_at", "updated_at")}
        if missing:
            repo.save_profile(**missing)
            self.count("profile")
        have = {t.key for t in repo.templates() if not t.builtin}
        for doc in self.campaign.templates:
            if doc.get("key") not in have:
                repo.save_template(doc.get("key", ""), doc.get("title", ""), doc.get("body", ""))
                self.count("templates")

    def _of(self, cls: type[Record]) -> Iterable[Any]:
        return self.campaign.of(cls)

    def _link(self, table: str, record_id: int | None) -> int | None:
        return None if record_id is None else self.ids[table].get(record_id)

    def _add(self, record: Any) -> Any:
        self.count(TABLE_OF[type(record)])
        return self.repo.insert(replace(record, id=0))

    def _children(self, cls: type[Any], signature: Callable[[Any], tuple[Any, ...]], uids: dict[str, Any]) -> None:
        table = TABLE_OF[cls]
        seen = {signature(r) for r in self.repo.all_records(cls)}
        for record in self._of(cls):
            contact_id = self._link("contacts", record.contact_id)
            if contact_id is None:
                continue
            record = replace(record, contact_id=contact_id)
            if isinstance(record, FollowUp) and record.ask_id is not None:
                record = replace(record, ask_id=self._link("asks", record.ask_id))
            found = uids.get(record.uid)
            if found is None and signature(record) in seen:
                found = next(r for r in self.repo.all_records(cls) if signature(r) == signature(record))
            self.ids[table][record.id] = found.id if found else self._add(record).id
