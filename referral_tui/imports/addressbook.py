"""Address books into the network: a vCard file (3.0 or 4.0) or a Google Contacts CSV.

Each card is merged with an existing contact when one shares an email or the LinkedIn
profile URL, else the same name at the same company (``names.company_key``); a merge only
fills what the contact lacks (title, email, profile, employer, links, tags, an empty note)
and never moves a referrer. Other cards become contacts in the network (or ``phase``). An
organisation that is one of your companies links the contact to it; any other stays as the
contact's ``employer`` text: address books never create companies. The whole file is read
first; then it is one repository change, and a file with no usable card writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from referral_tui.domain import gate
from referral_tui.domain.records import Company, Contact, Phase
from referral_tui.formats.address import AddressCard, unique
from referral_tui.formats.connections import Skipped, normalize_url
from referral_tui.formats.google import GoogleCsvError, decode, read_google_csv
from referral_tui.formats.linkedin_archive import SkippedRow
from referral_tui.imports.common import (
    READING,
    SAVING,
    CompanyIndex,
    ImportRefused,
    People,
    Progress,
    counted,
    nothing_imported,
    refuse_binary,
)
from referral_tui.store.repository import Repository

SHOWN_SKIPPED = 50
_NOT_TAG = re.compile(r"[^\w\-./+]+")


@dataclass
class AddressBookSummary:
    source: str
    added: int = 0
    merged: int = 0  # matched a contact and filled some of its blanks
    unchanged: int = 0  # matched a contact that already had everything
    linked: int = 0  # at one of your companies
    skipped: list[SkippedRow] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"added {self.added}, merged {self.merged}, unchanged {self.unchanged}, skipped {len(self.skipped)}",
            f"at one of your companies: {self.linked}",
        ]
        out += [f"  skipped line {s.line}: {s.reason}" for s in self.skipped[:SHOWN_SKIPPED]]
        if len(self.skipped) > SHOWN_SKIPPED:
            out.append(f"  ... and {len(self.skipped) - SHOWN_SKIPPED} more skipped")
        return out


def import_vcard(
    repo: Repository, path: Path, phase: Phase | None = None, progress: Progress | None = None, *, force: bool = False
) -> AddressBookSummary:
    """Merge a .vcf file's cards into the contacts (see the module docstring); Ask is refused
    unless ``force`` (the 12+ gate: new people are not scored)."""
    _check_phase(path, phase, force)
    from referral_tui.formats.vcard import VCardError, read_vcards  # vobject: loaded when used

    if progress:
        progress(READING, 0, 1)
    refuse_binary(path, "a vCard (.vcf) file")
    try:
        rows = read_vcards(path.read_bytes(), path.name)
    except VCardError as exc:
        raise ImportRefused(str(exc)) from None
    if progress:
        progress(READING, 1, 1)
    return _import(repo, path.name, rows, phase, progress, "vcard")


def import_google(
    repo: Repository, path: Path, phase: Phase | None = None, progress: Progress | None = None, *, force: bool = False
) -> AddressBookSummary:
    """Merge a Google Contacts CSV export into the contacts (see the module docstring); Ask is
    refused unless ``force``."""
    _check_phase(path, phase, force)
    if progress:
        progress(READING, 0, 1)
    refuse_binary(path, "a Google Contacts CSV export")
    try:
        rows = read_google_csv(decode(path.read_bytes()))
    except GoogleCsvError as exc:
        raise ImportRefused(f"{path.name}: {exc}") from None
    if progress:
        progress(READING, 1, 1)
    return _import(repo, path.name, rows, phase, progress, "google")


def _check_phase(path: Path, phase: Phase | None, force: bool) -> None:
    try:
        gate.check_new_people(phase, force)
    except gate.BelowThreshold as exc:
        raise ImportRefused(f"{path.name}: {exc}") from None


def _import(
    repo: Repository,
    source: str,
    rows: Sequence[AddressCard | Skipped],
    phase: Phase | None,
    progress: Progress | None,
    tag: str,
) -> AddressBookSummary:
    cards = [r for r in rows if isinstance(r, AddressCard)]
    summary = AddressBookSummary(
        source, skipped=[SkippedRow(source, r.line, r.reason) for r in rows if isinstance(r, Skipped)]
    )
    if not cards:
        raise nothing_imported(source, summary.skipped, "contacts")
    with repo.change(f"imported {source}"):
        companies = CompanyIndex(repo.companies(include_archived=True))
        people = People(repo.contacts(include_archived=True), repo.company_names(), companies)
        for card in counted(cards, "contacts", progress):
            company = companies.find(card.org)
            if company is not None:
                summary.linked += 1
            existing = (
                people.by_email(card.emails) or people.by_url(card.linkedin_url) or people.by_name(card.name, card.org)
            )
            if existing is None:
                saved = repo.insert(new_contact(card, company, phase, tag))
                summary.added += 1
            else:
                merged = merge(existing, card, company, tag)
                if merged == existing:
                    saved = existing
                    summary.unchanged += 1
                else:
                    saved = repo.update(existing, merged)
                    summary.merged += 1
            people.add(saved)
        if progress:
            progress(SAVING, 0, 1)
    if progress:
        progress(SAVING, 1, 1)
    return summary


def as_tag(label: str) -> str:
    """An address-book category as a tag: lower case, words joined by "-" ("Initech alumni" -> initech-alumni)."""
    return _NOT_TAG.sub("-", "-".join(label.casefold().split())).strip("-./+")


def _tags(card: AddressCard, tag: str) -> list[str]:
    return list(unique([tag, *(t for t in map(as_tag, card.categories) if t)]))


def _links(card: AddressCard) -> list[str]:
    profile = normalize_url(card.linkedin_url) if card.linkedin_url else ""
    return [url for url in card.urls if normalize_url(url) != profile]


def _notes(card: AddressCard) -> str:
    """The card's note, then what the contact has no field for: more emails, phone numbers."""
    lines = [card.note.strip()] if card.note.strip() else []
    if len(card.emails) > 1:
        lines.append("Other email: " + ", ".join(card.emails[1:]))
    if card.phones:
        lines.append("Phone: " + ", ".join(card.phones))
    return "\n".join(lines)


def new_contact(card: AddressCard, company: Company | None, phase: Phase | None, tag: str) -> Contact:
    return Contact(
        name=card.name,
        company_id=company.id if company else None,
        title=card.title,
        phase=phase,
        tags=_tags(card, tag),
        links=_links(card),
        email=next(iter(card.emails), ""),
        notes=_notes(card),
        linkedin_url=card.linkedin_url,
        employer=card.org,
    )


def merge(contact: Contact, card: AddressCard, company: Company | None, tag: str) -> Contact:
    """``contact`` with its blanks filled from ``card``; what the contact has stays as it is."""

    def blank(value: str, fill: str) -> str:
        return value if value.strip() else fill

    known = {normalize_url(u) for u in [*contact.links, contact.linkedin_url] if u}
    links = contact.links + [u for u in _links(card) if normalize_url(u) not in known]
    have = {t.casefold() for t in contact.tags}
    tags = contact.tags + [t for t in _tags(card, tag)[1:] if t.casefold() not in have]
    return replace(
        contact,
        title=blank(contact.title, card.title),
        email=blank(contact.email, next(iter(card.emails), "")),
        linkedin_url=blank(contact.linkedin_url, card.linkedin_url),
        employer=blank(contact.employer, card.org) if contact.company_id is None else contact.employer,
        company_id=contact.company_id if contact.company_id is not None else (company.id if company else None),
        links=links,
        tags=tags,
        notes=blank(contact.notes, _notes(card)),
    )
