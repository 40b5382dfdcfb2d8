"""What every import shares: the refusal, progress reports, and the indexes that match people
and companies in one pass (built once per import, so a big file never costs n² lookups).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from referral_tui.domain.names import company_key
from referral_tui.domain.records import Company, Contact
from referral_tui.formats.connections import normalize_url

if TYPE_CHECKING:
    from referral_tui.formats.linkedin_archive import SkippedRow

T = TypeVar("T")

#: Called with (stage, done, total): "connections", 2000, 10000. Imports call it from the
#: thread they run in (a worker, in the app) and never print.
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 1000
READING, SAVING = "reading", "saving"  # the stages around the ones each import names
BINARY_PROBE = 4096


class ImportRefused(ValueError):
    """The file cannot be imported (not the format, nothing readable, bad records); nothing was changed."""


def counted(items: Sequence[T], stage: str, progress: Progress | None) -> Iterator[T]:
    """``items`` one by one, reporting (stage, done, total) at the start, every thousand and at the end."""
    total = len(items)
    if progress:
        progress(stage, 0, total)
    for done, item in enumerate(items, 1):
        yield item
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(stage, done, total)


def consumed(items: list[T], stage: str, progress: Progress | None) -> Iterator[T]:
    """Like ``counted``, but each item leaves ``items`` as it is handed out (the list ends
    empty), so a big parsed file is freed while the records made from it are built."""
    total = len(items)
    if progress:
        progress(stage, 0, total)
    items.reverse()
    done = 0
    while items:
        yield items.pop()
        done += 1
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(stage, done, total)


def refuse_binary(path: Path, expected: str) -> None:
    """Refuse a file that is not text at all (a NUL byte near its start), naming it."""
    with path.open("rb") as handle:
        head = handle.read(BINARY_PROBE)
    if b"\x00" in head:
        raise ImportRefused(f"{path.name}: the file is not text; expected {expected}")


def nothing_imported(source: str, skipped: Sequence[SkippedRow], what: str) -> ImportRefused:
    """The refusal for a file none of whose rows can be used."""
    if not skipped:
        return ImportRefused(f"{source}: nothing to import: the file holds no {what}")
    first = skipped[0]
    where = f"{first.file} line {first.line}" if first.file != source else f"line {first.line}"
    count = f"all {len(skipped)} rows" if len(skipped) > 1 else "its only row"
    return ImportRefused(
        f"{source}: nothing could be imported: {count} could not be read (first: {where}: {first.reason})"
    )


def plain(text: str) -> str:
    """Text compared loosely: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


class CompanyIndex:
    """Companies by ``names.company_key`` ("Stripe, Inc." finds Stripe); unarchived ones win."""

    def __init__(self, companies: Iterable[Company]) -> None:
        self._keys: dict[str, str] = {}
        self._by_key: dict[str, Company] = {}
        for company in sorted(companies, key=lambda c: c.archived):
            key = self.key(company.name)
            if key:
                self._by_key.setdefault(key, company)

    def key(self, name: str) -> str:
        """``company_key(name)``, remembered (an export names the same employers again and again)."""
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = company_key(name)
        return found

    def find(self, name: str) -> Company | None:
        key = self.key(name) if name.strip() else ""
        return self._by_key.get(key) if key else None

    def same(self, a: str, b: str) -> bool:
        """Whether two employer names are one company (by key; by plain text when neither has one)."""
        key_a, key_b = self.key(a), self.key(b)
        return key_a == key_b if key_a or key_b else plain(a) == plain(b)


class People:
    """Contacts by profile URL, email, name plus employer, and (for messages without a URL match)
    by name alone among contacts without a profile URL. Always hands out the newest version of a
    contact added to it, so an update is never computed against a stale record."""

    def __init__(self, contacts: Iterable[Contact], company_names: dict[int, str], companies: CompanyIndex) -> None:
        self._company_names = company_names
        self._companies = companies
        self._latest: dict[int, Contact] = {}
        self._by_url: dict[str, int] = {}
        self._by_email: dict[str, int] = {}
        self._by_name: dict[tuple[str, str], int] = {}
        self._lone: dict[str, int | None] = {}  # None: two contacts share the name
        for contact in contacts:
            self.add(contact)

    def employer_of(self, contact: Contact) -> str:
        return contact.employer or self._company_names.get(contact.company_id or 0, "")

    def name_key(self, name: str, employer: str) -> tuple[str, str]:
        return plain(name), self._companies.key(employer) or plain(employer)

    def add(self, contact: Contact, employer: str | None = None) -> None:
        """Index ``contact`` (``employer`` as the file spells it, else the contact's own)."""
        self._latest[contact.id] = contact
        if contact.linkedin_url:
            self._by_url[normalize_url(contact.linkedin_url)] = contact.id
        for link in contact.links:  # a profile typed or pasted into the referrer's links
            key = normalize_url(link)
            if "/in/" in key:
                self._by_url.setdefault(key, contact.id)
        if contact.email.strip():
            self._by_email[contact.email.strip().casefold()] = contact.id
        self._by_name[self.name_key(contact.name, self.employer_of(contact) if employer is None else employer)] = (
            contact.id
        )
        if not contact.linkedin_url:
            name = plain(contact.name)
            self._lone[name] = contact.id if self._lone.get(name, contact.id) == contact.id else None

    def _get(self, contact_id: int | None) -> Contact | None:
        return None if contact_id is None else self._latest.get(contact_id)

    def by_url(self, url: str) -> Contact | None:
        """The contact whose profile is ``url`` (any spelling: ``normalize_url`` keys)."""
        return self._get(self._by_url.get(normalize_url(url))) if url else None

    def by_url_key(self, key: str) -> Contact | None:
        """The same for a URL already normalised (the LinkedIn readers give those)."""
        return self._get(self._by_url.get(key)) if key else None

    def by_email(self, emails: Iterable[str]) -> Contact | None:
        for email in emails:
            found = self._get(self._by_email.get(email.strip().casefold()))
            if found is not None:
                return found
        return None

    def by_name(self, name: str, employer: str) -> Contact | None:
        return self._get(self._by_name.get(self.name_key(name, employer)))

    def by_lone_name(self, name: str) -> Contact | None:
        """The one contact without a profile URL called ``name`` (None when none or several)."""
        return self._get(self._lone.get(plain(name))) if name.strip() else None
