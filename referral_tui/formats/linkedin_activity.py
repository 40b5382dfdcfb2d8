"""Reading Invitations.csv, the two Jobs/ CSVs and Profile.csv from LinkedIn's data export.

* ``Invitations.csv``: ``From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl``
  with dates like ``3/7/26, 9:41 AM`` (taken as UTC, like the rest of the export) and
  direction ``INCOMING`` or ``OUTGOING``.
* ``Jobs/Job Applications.csv``: ``Application Date,Contact Email,Contact Phone Number,
  Company Name,Job Title,Job Url,Resume Name,Question And Answers``.
* ``Jobs/Saved Jobs.csv``: ``Saved Date,Job Url,Job Title,Company Name``.
* ``Profile.csv``: the owner's own profile (``First Name,Last Name,...,Headline,...``); only
  the name is read, as a hint for who the owner is.

Columns are found by name; each reader raises LinkedInError naming the file when the header
is not the one expected, and reports unreadable rows as Skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from referral_tui.formats.connections import LinkedInError, Skipped, normalize_url, parse_date
from referral_tui.formats.csvrows import Cells, Columns, Row, lines_of, records
from referral_tui.formats.linkedin_messages import parse_time

Direction = Literal["incoming", "outgoing"]
JobKind = Literal["applied", "saved"]

INVITATION_COLUMNS = ("From", "To", "Sent At", "Direction")
APPLICATION_COLUMNS = ("Application Date", "Company Name", "Job Title")
SAVED_COLUMNS = ("Saved Date", "Company Name", "Job Title")
PROFILE_COLUMNS = ("First Name", "Last Name", "Headline")
_STAMP_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %I:%M %p")


@dataclass(frozen=True)
class Invitation:
    """A connection invitation sent or received. URLs are matching keys (``normalize_url``)."""

    line: int
    sender: str  # From
    recipient: str  # To
    sent_at: datetime | date  # aware UTC datetime, or a date when the file gives no time
    message: str
    direction: Direction
    inviter_url: str
    invitee_url: str

    @property
    def key(self) -> str:
        """A stable identity for idempotent re-imports."""
        return f"{self.direction}|{self.inviter_url}|{self.invitee_url}|{self.sent_at.isoformat()}"

    @property
    def counterpart(self) -> str:
        """The other person's name: the invitee of an invitation we sent, else the inviter."""
        return self.recipient if self.direction == "outgoing" else self.sender

    @property
    def counterpart_url(self) -> str:
        return self.invitee_url if self.direction == "outgoing" else self.inviter_url

    @property
    def owner_side_url(self) -> str:
        """The owner's own URL as this row gives it (inviter when outgoing, invitee when incoming)."""
        return self.inviter_url if self.direction == "outgoing" else self.invitee_url


@dataclass(frozen=True)
class JobActivity:
    """A role the owner applied to (``applied``) or saved (``saved``)."""

    line: int
    kind: JobKind
    company: str
    title: str
    url: str  # as written, to open in a browser
    date: str  # ISO date, or "" when missing
    contact_email: str = ""
    contact_phone: str = ""

    @property
    def key(self) -> str:
        """A stable identity: the job's URL when there is one, else company, title and date."""
        what = normalize_url(self.url) if self.url else f"{self.company.casefold()}|{self.title.casefold()}"
        return f"{self.kind}|{what}|{self.date}"


def parse_stamp(text: str) -> datetime | date | None:
    """An invitation time: ``3/7/26, 9:41 AM`` (UTC), an ISO time, or a bare date; None if neither."""
    value = " ".join(text.split())
    for fmt in _STAMP_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    if ":" in value:
        return parse_time(value)
    iso = parse_date(value)
    return date.fromisoformat(iso) if iso else None


def _table(
    source: str | Iterable[str], required: tuple[str, ...], name: str
) -> tuple[Columns, Iterator[Row | Skipped]]:
    rows = records(lines_of(source))
    header = next(rows, None)
    if not isinstance(header, Row) or not Columns(header.cells).has_all(required):
        raise LinkedInError(f"{name}: not the header we expected (the columns {', '.join(required)})")
    return Columns(header.cells), rows


def read_invitations(source: str | Iterable[str], name: str = "Invitations.csv") -> Iterator[Invitation | Skipped]:
    """Each row of an Invitations.csv as an Invitation, or Skipped with its line and why."""
    columns, rows = _table(source, INVITATION_COLUMNS, name)
    for row in rows:
        yield row if isinstance(row, Skipped) else _invitation(columns, row)


def _invitation(columns: Columns, row: Row) -> Invitation | Skipped:
    problem = columns.problem(row)
    if problem:
        return Skipped(row.line, problem)
    cell = columns.getter(row)
    direction = cell("Direction").casefold()
    if direction not in ("incoming", "outgoing"):
        return Skipped(row.line, f"'Direction' is neither INCOMING nor OUTGOING: {cell('Direction')!r}")
    sent_at = parse_stamp(cell("Sent At"))
    if sent_at is None:
        return Skipped(row.line, f"'Sent At' is not a date: {cell('Sent At')!r}")
    return Invitation(
        line=row.line,
        sender=cell("From"),
        recipient=cell("To"),
        sent_at=sent_at,
        message=cell("Message").replace("\r\n", "\n").replace("\r", "\n"),
        direction="incoming" if direction == "incoming" else "outgoing",
        inviter_url=normalize_url(cell("inviterProfileUrl")),
        invitee_url=normalize_url(cell("inviteeProfileUrl")),
    )


def read_jobs(source: str | Iterable[str], kind: JobKind, name: str = "") -> Iterator[JobActivity | Skipped]:
    """Each row of ``Job Applications.csv`` (kind "applied") or ``Saved Jobs.csv`` ("saved")."""
    required, date_column = (
        (APPLICATION_COLUMNS, "Application Date") if kind == "applied" else (SAVED_COLUMNS, "Saved Date")
    )
    label = name or ("Job Applications.csv" if kind == "applied" else "Saved Jobs.csv")
    columns, rows = _table(source, required, label)
    for row in rows:
        yield row if isinstance(row, Skipped) else _job(columns, row, kind, date_column)


def _job(columns: Columns, row: Row, kind: JobKind, date_column: str) -> JobActivity | Skipped:
    problem = columns.problem(row)
    if problem:
        return Skipped(row.line, problem)
    cell: Cells = columns.getter(row)
    company, title = cell("Company Name"), cell("Job Title")
    if not company and not title:
        return Skipped(row.line, "no company and no job title")
    day = parse_date(cell(date_column))
    if day is None:
        stamp = parse_time(cell(date_column))
        day = stamp.date().isoformat() if stamp else None
    if day is None:
        return Skipped(row.line, f"'{date_column}' is not a date: {cell(date_column)!r}")
    return JobActivity(
        line=row.line,
        kind=kind,
        company=company,
        title=title,
        url=cell("Job Url"),
        date=day,
        contact_email=cell("Contact Email"),
        contact_phone=cell("Contact Phone Number"),
    )


def read_profile_name(source: str | Iterable[str], name: str = "Profile.csv") -> str:
    """The owner's name from Profile.csv ("First Last"), or "" when the file has no data row."""
    columns, rows = _table(source, ("First Name", "Last Name"), name)
    for row in rows:
        if isinstance(row, Row):
            cell = columns.getter(row)
            return " ".join(part for part in (cell("First Name"), cell("Last Name")) if part)
    return ""
