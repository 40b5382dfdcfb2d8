"""Bringing outside data in: LinkedIn's Connections.csv, and JSON exports (restore or merge).

Each import checks its whole input first and is then one repository change: one atomic
write, one undo step, nothing written when the file is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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
    Phase,
    Record,
    from_dict,
)
from referral_tui.exports import EXPORT_FORMAT
from referral_tui.formats.connections import Connection, Skipped, decode, normalize_url, read
from referral_tui.store.migrations import SCHEMA_VERSION, SchemaError, check_shape, migrate
from referral_tui.store.repository import Repository

Progress = Callable[[int], None]


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_company: list[str] = field(default_factory=list)
    candidates: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"changed company {len(self.changed_company)}, skipped {len(self.skipped)}",
            f"at one of your target companies (candidate referrers): {self.candidates}",
        ]
        out += [f"  changed company: {who}" for who in self.changed_company[:20]]
        if len(self.changed_company) > 20:
            out.append(f"  ... and {len(self.changed_company) - 20} more")
        out += [f"  skipped line {s.line}: {s.reason}" for s in self.skipped[:50]]
        if len(self.skipped) > 50:
            out.append(f"  ... and {len(self.skipped) - 50} more skipped rows")
        return out


def import_linkedin(
    repo: Repository, path: Path, phase: Phase | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Add or update everyone in a Connections.csv; people at your companies are linked to them."""
    text = decode(path.read_bytes())
    summary = ImportSummary()
    rows = list(read(text))
    with repo.change(f"imported {path.name}"):
        companies = {c.name.casefold(): c for c in repo.companies(include_archived=True)}
        targets = {c.id for c in companies.values() if c.status == "target" and not c.archived}
        contacts = repo.contacts(include_archived=True)
        names = repo.company_names()
        by_url = {normalize_url(c.linkedin_url): c for c in contacts if c.linkedin_url}
        by_name = {(c.name.casefold(), _employer(c, names).casefold()): c for c in contacts}
        for n, row in enumerate(rows, 1):
            if progress and n % 1000 == 0:
                progress(n)
            if isinstance(row, Skipped):
                summary.skipped.append(row)
                continue
            company = companies.get(row.company.casefold())
            company_id = company.id if company else None
            if company_id in targets:
                summary.candidates += 1
            existing = (by_url.get(normalize_url(row.url)) if row.url else None) or by_name.get(
                (row.name.casefold(), row.company.casefold())
            )
            if existing is None:
                saved = repo.insert(_new_contact(row, company_id, phase))
                summary.added += 1
            else:
                saved = _update(repo, existing, row, company_id, summary)
            if saved.linkedin_url:
                by_url[normalize_url(saved.linkedin_url)] = saved
            by_name[(saved.name.casefold(), row.company.casefold())] = saved
    if progress:
        progress(len(rows))
    return summary


def _employer(contact: Contact, company_names: dict[int, str]) -> str:
    return contact.employer or company_names.get(contact.company_id or 0, "")


def _new_contact(row: Connection, company_id: int | None, phase: Phase | None) -> Contact:
    return Contact(
        name=row.name,
        company_id=company_id,
        title=row.position,
        phase=phase,
        email=row.email,
        how_found="existing",
        tags=["linkedin"],
        linkedin_url=row.url,
        connected_on=row.connected_on,
        employer=row.company,
    )


def _update(
    repo: Repository, existing: Contact, row: Connection, company_id: int | None, summary: ImportSummary
) -> Contact:
    changed_company = bool(existing.employer) and existing.employer.casefold() != row.company.casefold()
    new = replace(
        existing,
        name=row.name or existing.name,
        title=row.position or existing.title,
        email=row.email or existing.email,
        linkedin_url=row.url or existing.linkedin_url,
        connected_on=row.connected_on or existing.connected_on,
        employer=row.company,
        previous_employer=existing.employer if changed_company else existing.previous_employer,
        company_id=company_id if (changed_company or existing.company_id is None) else existing.company_id,
    )
    if changed_company:
        summary.changed_company.append(f"{row.name}: {existing.employer} → {row.company}")
    if new == existing:
        summary.unchanged += 1
        return existing
    summary.updated += 1
    return repo.update(existing, new)


# -- JSON exports -------------------------------------------------------------------------


class ImportRefused(ValueError):
    """The export cannot be imported (not an export, newer schema, bad records); nothing was changed."""


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


def load_export(path: Path) -> Campaign:
    """The campaign in an export file, checked whole; raises ImportRefused naming what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ImportRefused(f"{path} is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT or not isinstance(doc.get("tables"), dict):
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
    records: dict[str, list[Record]] = {}
    for table, cls in RECORD_TYPES.items():
        records[table] = [from_dict(cls, doc, int(key)) for key, doc in data.get(table, {}).items()]
    profile: dict[str, str] = next(iter(data.get("profile", {}).values()), {})
    return Campaign(records, dict(profile), [dict(t) for t in data.get("templates", {}).values()])


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


def import_json(repo: Repository, path: Path) -> dict[str, int]:
    """Restore an export into an empty file (ids and all), or merge it into a campaign.

    Merging matches records by uid first; companies also by name, contacts by LinkedIn
    profile or name and company, and skips records already present. Returns how many
    records each table gained.
    """
    campaign = load_export(path)
    added: dict[str, int] = {}
    with repo.change(f"imported {path.name}"):
        if repo.is_empty():
            repo.restore_campaign(campaign.records, campaign.profile, campaign.templates)
            for table, items in campaign.records.items():
                if items:
                    added[table] = len(items)
            if campaign.profile:
                added["profile"] = 1
            if campaign.templates:
                added["templates"] = len(campaign.templates)
            return added
        _Merge(repo, campaign, added).run()
    return added


class _Merge:
    """Records of an export added to a campaign under new ids, references re-linked."""

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
