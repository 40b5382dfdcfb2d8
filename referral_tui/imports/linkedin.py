"""LinkedIn's data export into the campaign: connections, messages, invitations and jobs.

``import_linkedin`` takes the export ZIP, its unpacked folder, or one CSV from it (see
``formats.linkedin_archive``). The whole input is read and checked first; then everything is
one repository change (one atomic write, one undo step), and a refused input writes nothing.

What each file becomes:

* Connections.csv: contacts in the network (or a phase), matched to those already there by
  profile URL, else name plus employer. An employer that is one of your companies (by
  ``names.company_key``: "Stripe, Inc." is Stripe) links the contact to it. A new employer
  is a job change: the old one goes to ``previous_employer`` and the day to
  ``employer_changed_on`` (and ``employer_change_seen`` is cleared).
* messages.csv: each message is an ``InteractionKind.MESSAGE`` dated the day it was sent
  (UTC), ``Direction.OUT`` on every contact you wrote to, ``Direction.IN`` on the contact
  who wrote; its summary is the subject and the first lines of the body.
* Invitations.csv: an ``InteractionKind.CONNECTED`` with the invitation's note, ``OUT`` for
  the ones you sent.
* Job Applications.csv and Saved Jobs.csv: open roles on your target companies (status
  "applied" or "open"); roles at companies you do not track are only counted.

Re-importing is idempotent: messages and invitations carry their ``source_key`` (the
readers' ``.key``) and a key already stored on that contact is skipped; a role already on the
company (same link, else same title) is not added again. People who wrote to you but are not
among your contacts are counted, and added to the network only with ``add_unknown``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from referral_tui.domain import gate
from referral_tui.domain.records import (
    INVITATION_SOURCE,
    MESSAGE_SOURCE,
    Company,
    Contact,
    Direction,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.domain.targets import target_ids
from referral_tui.formats.address import is_linkedin_profile
from referral_tui.formats.connections import Connection, Skipped, normalize_url
from referral_tui.formats.csvrows import text_stream
from referral_tui.formats.linkedin_archive import (
    EXPECTED,
    Archive,
    Invitation,
    JobActivity,
    Message,
    conversation_counterparts,
    counterparts,
    kind_of,
    open_archive,
    snippet,
)
from referral_tui.imports.common import (
    READING,
    SAVING,
    CompanyIndex,
    ImportRefused,
    People,
    Progress,
    consumed,
    counted,
    nothing_imported,
    plain,
    refuse_binary,
)
from referral_tui.imports.linkedin_summary import ImportSummary
from referral_tui.store.repository import Repository

__all__ = ["ImportSummary", "import_linkedin", "invitation_summary", "message_summary", "read_export"]

UNTITLED_ROLE = "Untitled role"


def read_export(path: Path) -> Archive:
    """LinkedIn's export at ``path``, read whole; raises ImportRefused or LinkedInError naming it."""
    if path.is_file() and path.suffix.casefold() != ".zip" and not zipfile.is_zipfile(path):
        expected = f"a CSV from LinkedIn's export ({EXPECTED}) or the whole export (ZIP or folder)"
        refuse_binary(path, expected)
        with path.open("rb") as binary:
            kind = kind_of(text_stream(binary))
        if kind is None:
            raise ImportRefused(
                f"{path.name}: not a LinkedIn export file we know: no header line with 'First Name' and "
                f"'Last Name' (Connections.csv), nor the columns of messages.csv, Invitations.csv or the Jobs "
                f"files; give {expected}"
            )
    return open_archive(path)


def _usable(archive: Archive) -> int:
    lists: tuple[Iterable[object], ...] = (
        archive.connections,
        archive.messages,
        archive.invitations,
        archive.applications,
        archive.saved_jobs,
    )
    return sum(1 for rows in lists for row in rows if not isinstance(row, Skipped))


def import_linkedin(
    repo: Repository,
    path: Path,
    phase: Phase | None = None,
    progress: Progress | None = None,
    *,
    add_unknown: bool = False,
    force: bool = False,
) -> ImportSummary:
    """Import LinkedIn's export (ZIP, folder or one CSV) by the rules of the module docstring.

    ``phase`` puts new connections on the board (else the network); Ask is refused unless
    ``force`` (the 12+ gate: new people are not scored). ``add_unknown`` adds the people who
    wrote to you but are not contacts to the network. ``progress`` gets (stage, done, total)
    for "reading", "connections", "messages", "invitations", "jobs" and "saving"."""
    try:
        gate.check_new_people(phase, force)
    except gate.BelowThreshold as exc:
        raise ImportRefused(f"{path.name}: {exc}") from None
    if progress:
        progress(READING, 0, 1)
    archive: Archive | None = read_export(path)
    assert archive is not None
    if progress:
        progress(READING, 1, 1)
    summary = ImportSummary(
        source=path.name,
        whole_export=not path.is_file() or zipfile.is_zipfile(path),
        kinds=tuple(dict.fromkeys(k for k in archive.files.values() if k != "profile")),
        kinds_of_file=dict(archive.files),
        skipped=list(archive.skipped),
    )
    if not _usable(archive):
        raise nothing_imported(path.name, archive.skipped, "rows")
    with repo.change(f"imported {path.name}"):
        run = _Run(repo, archive, summary, phase, progress)
        archive = None  # from here the run consumes it: its rows are freed as they are used
        run.connections()
        run.unknown_people(add_unknown)
        run.messages()
        run.invitations()
        run.jobs()
        del run
        if progress:
            progress(SAVING, 0, 1)
    if progress:
        progress(SAVING, 1, 1)
    return summary


def _one_line(text: str, lines: int = 3) -> str:
    return snippet(text, lines=lines).replace("\n", " ")


def message_summary(message: Message) -> str:
    """The conversation's subject, then the first lines of the body, on one line."""
    subject = " ".join((message.subject or message.conversation_title).split())
    body = _one_line(message.content)
    if subject and body:
        return f"{subject} — {body}"
    return subject or body or "(no text)"


def invitation_summary(invitation: Invitation) -> str:
    """Who invited whom (the interaction sits on the other person's card), then the note."""
    text = "You invited them to connect" if invitation.direction == "outgoing" else "They invited you to connect"
    note = _one_line(invitation.message)
    return f"{text}: {note}" if note else text


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


class _Run:
    """One import's working state: the indexes, built once, and the summary being filled."""

    def __init__(
        self, repo: Repository, archive: Archive, summary: ImportSummary, phase: Phase | None, progress: Progress | None
    ) -> None:
        self.repo, self.archive, self.summary, self.phase, self.progress = repo, archive, summary, phase, progress
        self.today = repo.clock.today()
        all_companies = repo.companies(include_archived=True)
        self.companies = CompanyIndex(all_companies)
        self.targets = target_ids(all_companies)
        self.people = People(repo.contacts(include_archived=True), repo.company_names(), self.companies)
        self.seen = {(cid, key) for cid, key in repo.columns(Interaction, "contact_id", "source_key") if key}

    # -- Connections.csv ----------------------------------------------------------------

    def connections(self) -> None:
        for row in consumed(self.archive.connections, "connections", self.progress):
            if not isinstance(row, Connection):
                continue
            company = self.companies.find(row.company)
            company_id = company.id if company else None
            if company_id in self.targets:
                self.summary.candidates += 1
            existing = self.people.by_url(row.url) or self.people.by_name(row.name, row.company)
            if existing is None:
                saved = self.repo.insert(self._new_contact(row, company_id))
                self.summary.added += 1
            else:
                saved = self._update(existing, row, company_id)
            self.people.add(saved, employer=row.company)

    def _new_contact(self, row: Connection, company_id: int | None) -> Contact:
        return Contact(
            name=row.name,
            company_id=company_id,
            title=row.position,
            phase=self.phase,
            email=row.email,
            how_found="existing",
            tags=["linkedin"],
            linkedin_url=row.url,
            connected_on=row.connected_on,
            employer=row.company,
        )

    def _update(self, existing: Contact, row: Connection, company_id: int | None) -> Contact:
        moved = bool(existing.employer) and not self.companies.same(existing.employer, row.company)
        new = replace(
            existing,
            name=row.name or existing.name,
            title=row.position or existing.title,
            email=row.email or existing.email,
            linkedin_url=row.url or existing.linkedin_url,
            connected_on=row.connected_on or existing.connected_on,
            employer=row.company,
            company_id=company_id if (moved or existing.company_id is None) else existing.company_id,
        )
        if moved:
            new = replace(
                new,
                previous_employer=existing.employer,
                employer_changed_on=self.today.isoformat(),
                employer_change_seen=False,
            )
            self.summary.changed_company.append(f"{row.name}: {existing.employer} → {row.company}")
        if new == existing:
            self.summary.unchanged += 1
            return existing
        self.summary.updated += 1
        return self.repo.update(existing, new)

    # -- messages.csv -------------------------------------------------------------------

    def _person(self, url: str, name: str) -> Contact | None:
        """The contact with this profile URL key, else the one contact without a URL so named."""
        return self.people.by_url_key(url) or self.people.by_lone_name(name)

    def unknown_people(self, add: bool) -> None:
        """People who wrote to you and are no contact: counted, and added to the network if ``add``."""
        owner = self.archive.owner_url
        self.summary.owner_unknown = not owner and any(isinstance(m, Message) for m in self.archive.messages)
        if not owner:
            return
        unknown: dict[str, str] = {}
        for message in self.archive.messages:
            if not isinstance(message, Message) or message.outgoing or message.sender_url in unknown:
                continue
            url = message.sender_url
            if url and is_linkedin_profile(url) and self._person(url, message.sender) is None:
                unknown[url] = " ".join(message.sender.split()) or url
        self.summary.unknown_people = list(unknown.values())
        if not add:
            return
        for url, name in unknown.items():
            contact = Contact(name=name, phase=None, tags=["linkedin"], linkedin_url=f"https://www.{url}")
            self.people.add(self.repo.insert(contact))
            self.summary.unknown_added += 1

    def messages(self) -> None:
        summary, owner = self.summary, self.archive.owner_url
        # Who else is in each conversation, before the messages are consumed (an outgoing
        # message in a file before 2023 names no recipient URL: its conversation does).
        conversations = conversation_counterparts(self.archive.messages, owner)
        for message in consumed(self.archive.messages, "messages", self.progress):
            if not isinstance(message, Message):
                continue
            if message.outgoing:
                urls = counterparts(message, owner) or conversations.get(message.conversation_id, ())
                found = (self.people.by_url_key(url) for url in urls)
                targets = list({c.id: c for c in found if c is not None}.values())
                direction = Direction.OUT
            else:
                sender = self._person(message.sender_url, message.sender)
                targets = [sender] if sender is not None else []
                direction = Direction.IN
            if not targets:
                summary.messages_unmatched += 1
                continue
            key = f"{MESSAGE_SOURCE}:{message.key}"
            text: str | None = None
            for contact in targets:
                if (contact.id, key) in self.seen:
                    summary.messages_known += 1
                    continue
                text = text or message_summary(message)
                self._add(contact, message.sent_at.date(), InteractionKind.MESSAGE, direction, text, key)
                summary.messages += 1
                summary.message_contacts.add(contact.id)

    def _add(
        self, contact: Contact, day: date, kind: InteractionKind, direction: Direction, text: str, key: str
    ) -> None:
        interaction = Interaction(
            contact_id=contact.id, day=day, kind=kind, direction=direction, summary=text, source_key=key
        )
        self.repo.add(interaction)
        self.seen.add((contact.id, key))

    # -- Invitations.csv ----------------------------------------------------------------

    def invitations(self) -> None:
        summary = self.summary
        for invitation in counted(self.archive.invitations, "invitations", self.progress):
            if not isinstance(invitation, Invitation):
                continue
            contact = self._person(invitation.counterpart_url, invitation.counterpart)
            if contact is None:
                summary.invitations_unmatched += 1
                continue
            key = f"{INVITATION_SOURCE}:{invitation.key}"
            if (contact.id, key) in self.seen:
                summary.invitations_known += 1
                continue
            direction = Direction.OUT if invitation.direction == "outgoing" else Direction.IN
            text = invitation_summary(invitation)
            self._add(contact, _day(invitation.sent_at), InteractionKind.CONNECTED, direction, text, key)
            summary.invitations += 1

    # -- Jobs/ ----------------------------------------------------------------------------

    def jobs(self) -> None:
        """Saved jobs, then applications (so applying to a saved role marks it applied)."""
        archive, summary = self.archive, self.summary
        jobs = [j for j in (*archive.saved_jobs, *archive.applications) if isinstance(j, JobActivity)]
        companies: dict[int, Company] = {}
        roles: dict[int, list[dict[str, str]]] = {}
        for job in counted(jobs, "jobs", self.progress):
            company = self.companies.find(job.company)
            if company is None or company.id not in self.targets:
                summary.roles_untracked += 1
                continue
            if company.id not in roles:
                companies[company.id] = company
                roles[company.id] = [dict(r) for r in company.open_roles]
            self._role(roles[company.id], job)
        for company_id, edited in roles.items():
            company = companies[company_id]
            if edited != company.open_roles:
                self.repo.update(company, replace(company, open_roles=edited))

    def _role(self, roles: list[dict[str, str]], job: JobActivity) -> None:
        url = job.url if job.url.startswith(("http://", "https://")) else ""
        title = " ".join(job.title.split()) or UNTITLED_ROLE
        if url:
            same = next((r for r in roles if normalize_url(r.get("url", "")) == normalize_url(url)), None)
        else:
            same = next((r for r in roles if not r.get("url") and plain(r.get("title", "")) == plain(title)), None)
        status = "applied" if job.kind == "applied" else "open"
        if same is None:
            roles.append({"title": title, "url": url, "seen": job.date or self.today.isoformat(), "status": status})
            self.summary.roles += 1
        elif status == "applied" and same.get("status", "open") == "open":
            same["status"] = "applied"
            self.summary.roles_applied += 1
        else:
            self.summary.roles_known += 1
