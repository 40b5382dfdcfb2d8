"""Opening LinkedIn's data export: the ZIP, its unpacked folder, or one CSV from it.

The export holds CSVs at the top level and in subfolders such as ``Jobs/``. Each CSV is
recognised by its header, not its name (so ``messages_1.csv`` or a re-zipped folder one level
down still work): Connections.csv (read by ``formats.connections``), messages.csv,
Invitations.csv, Job Applications.csv, Saved Jobs.csv, and Profile.csv for the owner's name.
Other CSVs in the export are ignored, and so are message files written by LinkedIn's own
assistants (``guide_messages.csv``, ``learning_coach_messages.csv``: names with "guide",
"coach" or "role play"). A ZIP or folder without any of these, or a single CSV that is none
of them, raises LinkedInError naming the file.

Who the owner is (``owner_url``, the key that makes a message ``outgoing``), first rule that
gives an answer wins:

1. the URL the caller passes (``open_archive(path, owner_url=...)``);
2. Invitations.csv: the ``inviterProfileUrl`` of OUTGOING rows and the ``inviteeProfileUrl`` of
   INCOMING rows are the owner by definition (the most frequent one, if it is not tied);
3. messages.csv: the profile URL taking part (as sender or recipient) in the most
   conversations, if it is in at least two and strictly ahead of the next one (the owner is in
   every conversation, anyone else usually in few);
4. Profile.csv's name: the sender URL whose ``FROM`` is the owner's name (most conversations);
5. otherwise "" (unknown), and no message is marked outgoing.

messages, invitations and jobs are streamed row by row (a ZIP member is never unpacked to
disk or read whole), so 50,000 messages read in about a second; Connections.csv is read whole
by ``formats.connections``.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, field, replace
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import IO, Literal, TypeVar

from referral_tui.formats import connections
from referral_tui.formats.connections import Connection, LinkedInError, Skipped, normalize_url
from referral_tui.formats.csvrows import INVALID_UTF8, Columns, decode, has_invalid_utf8, text_stream
from referral_tui.formats.linkedin_activity import (
    APPLICATION_COLUMNS,
    INVITATION_COLUMNS,
    PROFILE_COLUMNS,
    SAVED_COLUMNS,
    Invitation,
    JobActivity,
    read_invitations,
    read_jobs,
    read_profile_name,
)
from referral_tui.formats.linkedin_messages import (
    REQUIRED as MESSAGE_COLUMNS,
)
from referral_tui.formats.linkedin_messages import (
    Message,
    conversation_counterparts,
    counterparts,
    read_messages,
    snippet,
)

__all__ = [
    "Archive",
    "Connection",
    "Invitation",
    "JobActivity",
    "LinkedInError",
    "Message",
    "Skipped",
    "SkippedRow",
    "conversation_counterparts",
    "counterparts",
    "guess_owner",
    "kind_of",
    "open_archive",
    "snippet",
]

T = TypeVar("T")
Kind = Literal["connections", "messages", "invitations", "applications", "saved_jobs", "profile"]
EXPECTED = "Connections.csv, messages.csv, Invitations.csv, Jobs/Job Applications.csv or Jobs/Saved Jobs.csv"
_NOT_PEOPLE = re.compile(r"guide|coach|role_?play", re.IGNORECASE)
HEADER_LINES = 10  # Connections.csv puts a preamble of a few lines before its header
_KINDS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    ("messages", MESSAGE_COLUMNS),
    ("invitations", INVITATION_COLUMNS),
    ("applications", APPLICATION_COLUMNS),
    ("saved_jobs", SAVED_COLUMNS),
    ("connections", ("First Name", "Last Name", "Connected On")),
    ("profile", PROFILE_COLUMNS),
)


@dataclass(frozen=True)
class SkippedRow:
    """A row that was not imported: the file (its path inside the export), line and why."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class Archive:
    """What an export holds. Each list keeps its Skipped rows in file order; ``skipped`` names
    their files. ``files`` maps each recognised file to its kind."""

    source: str
    files: dict[str, Kind]
    owner_url: str
    owner_name: str
    connections: list[Connection | Skipped] = field(default_factory=list)
    messages: list[Message | Skipped] = field(default_factory=list)
    invitations: list[Invitation | Skipped] = field(default_factory=list)
    applications: list[JobActivity | Skipped] = field(default_factory=list)
    saved_jobs: list[JobActivity | Skipped] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    @cached_property
    def _conversations(self) -> dict[str, tuple[str, ...]]:
        return conversation_counterparts(self.messages, self.owner_url)

    def counterparts(self, message: Message) -> tuple[str, ...]:
        """The other people in a message: those on its row, or (for an outgoing message in a
        file before 2023, whose row names no recipient URL) everyone else in its conversation."""
        return counterparts(message, self.owner_url) or self._conversations.get(message.conversation_id, ())


@dataclass(frozen=True)
class _Member:
    name: str
    open: Callable[[], IO[bytes]]


def kind_of(lines: Iterable[str]) -> Kind | None:
    """Which export file a CSV is, from its first lines (the header may follow a preamble)."""
    for line in islice(lines, HEADER_LINES):
        try:
            cells = next(csv.reader([line]), [])
        except csv.Error:
            continue
        columns = Columns(cells)
        for kind, required in _KINDS:
            if columns.has_all(required):
                return kind
    return None


def open_archive(path: Path, owner_url: str = "") -> Archive:
    """Read a LinkedIn export: a ZIP, its unpacked folder, or a single CSV (then only its kind).

    ``owner_url`` overrides the owner rule of the module docstring."""
    if path.is_dir():
        members = [
            _Member(p.relative_to(path).as_posix(), _file_opener(p))
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.suffix.casefold() == ".csv"
        ]
        return _read(path.name, members, owner_url, single=False)
    if not path.is_file():
        raise LinkedInError(f"{path.name}: no such file or folder")
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [
                    _Member(info.filename, _zip_opener(archive, info))
                    for info in sorted(archive.infolist(), key=lambda i: i.filename)
                    if not info.is_dir()
                    and info.filename.casefold().endswith(".csv")
                    and not info.filename.startswith("__MACOSX/")
                ]
                return _read(path.name, members, owner_url, single=False)
        except (zipfile.BadZipFile, OSError) as exc:
            raise LinkedInError(f"{path.name}: the ZIP cannot be read ({exc}); is the download complete?") from None
    if path.suffix.casefold() == ".zip":
        raise LinkedInError(f"{path.name}: not a ZIP file; is the download complete?")
    return _read(path.name, [_Member(path.name, _file_opener(path))], owner_url, single=True)


def _file_opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _read(source: str, members: list[_Member], owner_url: str, single: bool) -> Archive:
    kinds: dict[str, Kind] = {}
    for member in members:
        with member.open() as binary:
            kind = kind_of(text_stream(binary))
        if kind == "messages" and _NOT_PEOPLE.search(member.name.rsplit("/", 1)[-1]):
            continue  # LinkedIn's own assistants write these in the messages.csv shape
        if kind is not None:
            kinds[member.name] = kind
    if single and (not kinds or "profile" in kinds.values()):
        what = "only names the owner" if kinds else "is not a LinkedIn export file we know"
        raise LinkedInError(f"{source}: {what}; expected {EXPECTED} (or the whole export ZIP)")
    if not set(kinds.values()) - {"profile"}:
        raise LinkedInError(
            f"{source}: no LinkedIn export file found (looked for {EXPECTED}); is this the ZIP from "
            "LinkedIn's Settings > Data privacy > Get a copy of your data?"
        )
    by_name = {member.name: member for member in members}
    found = _Found()
    for name, kind in kinds.items():
        found.read(name, kind, by_name[name], normalize_url(owner_url))
    owner = normalize_url(owner_url) or guess_owner(found.messages, found.invitations, found.owner_name)
    messages = found.messages
    if owner and not owner_url:
        messages = [
            replace(m, outgoing=True) if isinstance(m, Message) and m.sender_url == owner else m for m in messages
        ]
    return Archive(
        source=source,
        files=kinds,
        owner_url=owner,
        owner_name=found.owner_name,
        connections=found.connections,
        messages=messages,
        invitations=found.invitations,
        applications=found.applications,
        saved_jobs=found.saved_jobs,
        skipped=found.skipped,
    )


@dataclass
class _Found:
    connections: list[Connection | Skipped] = field(default_factory=list)
    messages: list[Message | Skipped] = field(default_factory=list)
    invitations: list[Invitation | Skipped] = field(default_factory=list)
    applications: list[JobActivity | Skipped] = field(default_factory=list)
    saved_jobs: list[JobActivity | Skipped] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    owner_name: str = ""

    def read(self, name: str, kind: Kind, member: _Member, owner: str) -> None:
        with member.open() as binary:
            if kind == "connections":
                self._note(name, self.connections, _connections(binary.read()))
                return
            stream = text_stream(binary)
            if kind == "messages":
                self._note(name, self.messages, read_messages(stream, owner, name))
            elif kind == "invitations":
                self._note(name, self.invitations, read_invitations(stream, name))
            elif kind == "applications":
                self._note(name, self.applications, read_jobs(stream, "applied", name))
            elif kind == "saved_jobs":
                self._note(name, self.saved_jobs, read_jobs(stream, "saved", name))
            elif not self.owner_name:
                self.owner_name = read_profile_name(stream, name)

    def _note(self, name: str, into: list[T | Skipped], items: Iterable[T | Skipped]) -> None:
        for item in items:
            into.append(item)
            if isinstance(item, Skipped):
                self.skipped.append(SkippedRow(name, item.line, item.reason))


def _connections(raw: bytes) -> list[Connection | Skipped]:
    """Connections.csv through ``formats.connections``, with rows holding bad bytes reported."""
    return [
        Skipped(row.line, INVALID_UTF8)
        if isinstance(row, Connection) and has_invalid_utf8("".join(str(v) for v in astuple(row)))
        else row
        for row in connections.read(decode(raw))
    ]


def guess_owner(
    messages: Iterable[Message | Skipped], invitations: Iterable[Invitation | Skipped], owner_name: str = ""
) -> str:
    """The owner's profile URL by rules 2-5 of the module docstring, or "" when unknown."""
    votes = Counter(i.owner_side_url for i in invitations if isinstance(i, Invitation) and i.owner_side_url)
    top = _unique_top(votes, minimum=1)
    if top:
        return top
    people: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for message in messages:
        if isinstance(message, Message):
            people.setdefault(message.conversation_id, set()).update(message.participants)
            if message.sender_url:
                names.setdefault(message.sender_url, set()).add(message.sender.casefold())
    counts = Counter(url for urls in people.values() for url in urls)
    top = _unique_top(counts, minimum=2)
    if top:
        return top
    wanted = " ".join(owner_name.split()).casefold()
    if wanted:
        named = Counter({url: counts[url] for url, said in names.items() if wanted in said})
        return _unique_top(named, minimum=1)
    return ""


def _unique_top(counts: Counter[str], minimum: int) -> str:
    best = counts.most_common(2)
    if not best or best[0][1] < minimum or (len(best) == 2 and best[1][1] == best[0][1]):
        return ""
    return best[0][0]
