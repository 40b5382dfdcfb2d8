"""Bringing outside data in: LinkedIn's Connections.csv, and JSON exports (restore or merge).

Each import is one repository change: one atomic write, one undo step, nothing written
when the file is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import orjson

from referral_tui.domain.records import Contact, Phase
from referral_tui.formats.connections import Connection, Skipped, decode, normalize_url, read
from referral_tui.store.migrations import SCHEMA_VERSION, TABLES
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
    return repo.save(new)


# -- JSON export / import ---------------------------------------------------------------

EXPORT_FORMAT = "referral-tui-export"


class ImportRefused(ValueError):
    """The export cannot be imported (not an export, newer schema); nothing was changed."""


def export_document(repo: Repository) -> dict[str, Any]:
    data = repo.storage.read() or {}
    return {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": repo.clock.now().isoformat(),
        "tables": {name: data.get(name, {}) for name in TABLES},
    }


def load_export(path: Path) -> dict[str, dict[str, Any]]:
    """The tables of an export file, checked; raises ImportRefused with the reason."""
    try:
        doc = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ImportRefused(f"{path} is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT or not isinstance(doc.get("tables"), dict):
        raise ImportRefused(f"{path} is not a referral-tui export (made by 'referral-tui export json')")
    version = doc.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise ImportRefused(f"{path} has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise ImportRefused(
            f"{path} was exported by a newer referral-tui (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade referral-tui to import it"
        )
    tables = doc["tables"]
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(r, dict) for r in table.values()):
            raise ImportRefused(f"{path}: table '{name}' is not an object of records")
    return cast(dict[str, dict[str, Any]], tables)


def _is_empty(repo: Repository) -> bool:
    return not any(repo.raw_docs(name) for name in TABLES if name not in ("meta",))


def import_json(repo: Repository, path: Path) -> dict[str, int]:
    """Restore an export into an empty file (ids and all), or merge it into a campaign.

    Merging matches companies by name, contacts by LinkedIn profile or name and company,
    and skips records already present; returns how many records each table gained.
    """
    tables = load_export(path)
    added: dict[str, int] = {}
    with repo.change(f"imported {path.name}"):
        if _is_empty(repo):
            for name in TABLES:
                for key, doc in tables.get(name, {}).items():
                    repo.put_raw(name, int(key), doc)
                    added[name] = added.get(name, 0) + 1
            return added
        _merge(repo, tables, added)
    return added


def _merge(repo: Repository, tables: dict[str, dict[str, Any]], added: dict[str, int]) -> None:
    def count(name: str) -> None:
        added[name] = added.get(name, 0) + 1

    company_ids: dict[int, int] = {}
    mine = {str(d.get("name", "")).casefold(): i for i, d in repo.raw_docs("companies").items()}
    for key, doc in tables.get("companies", {}).items():
        found = mine.get(str(doc.get("name", "")).casefold())
        if found is None:
            found = repo.add_raw("companies", doc)
            count("companies")
        company_ids[int(key)] = found
    company_names = {i: str(d.get("name", "")).casefold() for i, d in repo.raw_docs("companies").items()}

    def contact_key(doc: dict[str, Any], company: int | None) -> tuple[str, str]:
        return (
            str(doc.get("name", "")).casefold(),
            company_names.get(company or 0, str(doc.get("employer", "")).casefold()),
        )

    contact_ids: dict[int, int] = {}
    existing = repo.raw_docs("contacts")
    by_url = {normalize_url(str(d["linkedin_url"])): i for i, d in existing.items() if d.get("linkedin_url")}
    by_key = {contact_key(d, d.get("company_id")): i for i, d in existing.items()}
    for key, doc in tables.get("contacts", {}).items():
        company = company_ids.get(doc.get("company_id") or 0)
        doc = {**doc, "company_id": company}
        found = (
            by_url.get(normalize_url(str(doc["linkedin_url"]))) if doc.get("linkedin_url") else None
        ) or by_key.get(contact_key(doc, company))
        if found is None:
            found = repo.add_raw("contacts", doc)
            count("contacts")
        contact_ids[int(key)] = found

    ask_ids: dict[int, int] = {}
    for name, fields, remap in (
        ("interactions", ("contact_id", "day", "kind", "summary"), {}),
        ("asks", ("contact_id", "day", "role_title"), {}),
        ("followups", ("contact_id", "kind", "due", "ask_id"), {"ask_id": ask_ids}),
    ):
        seen = {tuple(d.get(f) for f in fields) for d in repo.raw_docs(name).values()}
        for key, doc in tables.get(name, {}).items():
            if doc.get("contact_id") not in contact_ids:
                continue
            doc = {**doc, "contact_id": contact_ids[doc["contact_id"]]}
            for field_name, mapping in remap.items():
                if doc.get(field_name) is not None:
                    doc[field_name] = mapping.get(doc[field_name])
            signature = tuple(doc.get(f) for f in fields)
            if signature in seen:  # already in the campaign (not: twice in this export, which is kept)
                if name == "asks":
                    ask_ids[int(key)] = next(
                        i for i, d in repo.raw_docs("asks").items() if tuple(d.get(f) for f in fields) == signature
                    )
                continue
            new_id = repo.add_raw(name, doc)
            count(name)
            if name == "asks":
                ask_ids[int(key)] = new_id

    profile = repo.raw_docs("profile").get(1, {})
    incoming = tables.get("profile", {}).get("1", {})
    missing = {k: v for k, v in incoming.items() if k not in ("created_at", "updated_at") and not profile.get(k)}
    if missing:
        repo.put_raw("profile", 1, {**incoming, **profile, **missing})
        count("profile")

    have = {str(d.get("key")) for d in repo.raw_docs("templates").values()}
    for doc in tables.get("templates", {}).values():
        if str(doc.get("key")) not in have:
            repo.add_raw("templates", doc)
            count("templates")
