"""Reading messages.csv from LinkedIn's data export.

The columns are ``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER``, plus in some years ``ATTACHMENTS``,
``IS MESSAGE DRAFT`` and ``IS CONVERSATION DRAFT``; files before 2023 lack ``RECIPIENT
PROFILE URLS``. Columns are found by name. ``DATE`` is ``YYYY-MM-DD HH:MM:SS UTC``.

What the real files teach:

* Sent messages sit in ``INBOX`` too, so who wrote a message comes from the sender's profile
  URL compared with the owner's (``outgoing``), never from the folder.
* ``TO`` joins names with ", " and names hold commas ("Jane Doe, Ph.D."), so people are
  matched by profile URL; ``recipients`` keeps ``TO`` as written, unsplit.
* Newer exports quote every field and bodies hold line breaks (kept, as ``\\n``).
* Rows that are not a conversation with a person are reported as Skipped: drafts, ``SPAM``,
  sponsored InMail (HTML bodies or ``%FIRSTNAME%`` placeholders) and "LinkedIn Member"
  senders (hidden profiles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from referral_tui.formats.connections import LinkedInError, Skipped, normalize_url
from referral_tui.formats.csvrows import Columns, Row, lines_of, records

REQUIRED = ("CONVERSATION ID", "FROM", "DATE", "CONTENT")
HIDDEN_SENDER = "linkedin member"
YES = frozenset({"yes", "true", "1", "y"})
_PLACEHOLDER = re.compile(r"%[A-Z_]*NAME%", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*/?\s*(?:html|body|head|div|table|tr|td|p|span|br|img|a|center|font|style)\b[^>]*>", re.I)
_URL_SPLIT = re.compile(r"[,\s]+")


@dataclass(frozen=True)
class Message:
    """One message of a conversation. URLs are matching keys (``connections.normalize_url``)."""

    line: int
    conversation_id: str
    conversation_title: str
    sender: str
    sender_url: str
    recipients: str  # TO as written: names joined with ", " (names may hold commas)
    recipient_urls: tuple[str, ...]  # empty in files before 2023
    sent_at: datetime  # aware, UTC
    subject: str
    content: str
    folder: str
    outgoing: bool

    @property
    def key(self) -> str:
        """A stable identity for idempotent re-imports: conversation, time and sender."""
        return f"{self.conversation_id}|{self.sent_at.isoformat()}|{self.sender_url or self.sender.casefold()}"

    @property
    def participants(self) -> tuple[str, ...]:
        """Every profile URL named on the row: the sender, then the recipients."""
        return tuple(dict.fromkeys(u for u in (self.sender_url, *self.recipient_urls) if u))


def parse_time(text: str) -> datetime | None:
    """An aware UTC datetime from ``2024-03-07 09:41:00 UTC`` (or ISO forms); None if not a time."""
    value = text.strip().removesuffix("UTC").removesuffix("Z").strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def is_sponsored(content: str) -> bool:
    """Sponsored InMail: mail-merge placeholders like ``%FIRSTNAME%`` or an HTML body."""
    if _PLACEHOLDER.search(content):
        return True
    return content.lstrip().startswith("<") or len(_HTML_TAG.findall(content, 0, 4000)) >= 2


def counterparts(message: Message, owner_url: str) -> tuple[str, ...]:
    """The profile URLs of the other people on a message row (everyone but the owner).

    For an outgoing message in a file before 2023 this is empty (the row names no recipient
    URL); ``conversation_counterparts`` fills that gap from the rest of the conversation."""
    owner = normalize_url(owner_url)
    return tuple(url for url in message.participants if url != owner)


def conversation_counterparts(messages: Iterable[Message | Skipped], owner_url: str) -> dict[str, tuple[str, ...]]:
    """Per conversation id, the profile URLs of everyone in it but the owner, in order of appearance."""
    owner = normalize_url(owner_url)
    found: dict[str, dict[str, None]] = {}
    for message in messages:
        if isinstance(message, Message):
            people = found.setdefault(message.conversation_id, {})
            for url in message.participants:
                if url != owner:
                    people[url] = None
    return {conversation: tuple(people) for conversation, people in found.items()}


def snippet(body: str, lines: int = 3, chars: int = 280) -> str:
    """The first ``lines`` non-blank lines of a body, at most ``chars`` characters; "…" marks a cut."""
    kept: list[str] = []
    more = False
    for raw in body.splitlines():
        text = " ".join(raw.split())
        if not text:
            continue
        if len(kept) == lines:
            more = True
            break
        kept.append(text)
    result = "\n".join(kept)
    if not more and len(result) <= chars:
        return result
    if len(result) < chars:
        return result + "…"
    cut = result[: max(chars - 1, 0)]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def read_messages(
    source: str | Iterable[str], owner_url: str = "", name: str = "messages.csv"
) -> Iterator[Message | Skipped]:
    """Each row of a messages.csv as a Message, or Skipped with its line and why.

    ``source`` is the file's text or an open text stream (read row by row, so a large file is
    never held twice). ``owner_url`` sets ``outgoing``; without it no message is outgoing.
    A header without the message columns raises LinkedInError naming ``name``."""
    rows = records(lines_of(source))
    header = next(rows, None)
    if not isinstance(header, Row) or not Columns(header.cells).has_all(REQUIRED):
        raise LinkedInError(f"{name}: no messages.csv header (expected the columns {', '.join(REQUIRED)})")
    reader = _MessageReader(Columns(header.cells), normalize_url(owner_url))
    for row in rows:
        yield row if isinstance(row, Skipped) else reader.read(row)


class _MessageReader:
    """Column positions resolved once, and a cache of URL keys (the same people recur)."""

    def __init__(self, columns: Columns, owner: str) -> None:
        self.columns = columns
        self.owner = owner
        self.at = {
            name: columns.index(name)
            for name in (
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
                "IS MESSAGE DRAFT",
                "IS CONVERSATION DRAFT",
            )
        }
        self.urls: dict[str, str] = {}

    def url(self, text: str) -> str:
        key = self.urls.get(text)
        if key is None:
            key = self.urls[text] = normalize_url(text)
        return key

    def read(self, row: Row) -> Message | Skipped:
        problem = self.columns.problem(row)
        if problem:
            return Skipped(row.line, problem)
        cells = row.cells
        width = len(cells)

        def cell(name: str) -> str:
            index = self.at[name]
            return cells[index].strip() if index is not None and index < width else ""

        sender, folder, content = cell("FROM"), cell("FOLDER"), cell("CONTENT")
        if cell("IS MESSAGE DRAFT").casefold() in YES or cell("IS CONVERSATION DRAFT").casefold() in YES:
            return Skipped(row.line, "a draft, never sent")
        if folder.casefold() in ("draft", "drafts"):
            return Skipped(row.line, "a draft, never sent")
        if folder.casefold() == "spam":
            return Skipped(row.line, "in the SPAM folder")
        if sender.casefold() == HIDDEN_SENDER:
            return Skipped(row.line, "sent by 'LinkedIn Member' (a hidden profile)")
        if is_sponsored(content):
            return Skipped(row.line, "sponsored InMail (an HTML or mail-merge body)")
        sent_at = parse_time(cell("DATE"))
        if sent_at is None:
            return Skipped(row.line, f"'DATE' is not a date and time: {cell('DATE')!r}")
        conversation = cell("CONVERSATION ID")
        if not conversation:
            return Skipped(row.line, "no CONVERSATION ID")
        sender_url = self.url(cell("SENDER PROFILE URL"))
        recipients = cell("RECIPIENT PROFILE URLS")
        return Message(
            line=row.line,
            conversation_id=conversation,
            conversation_title=cell("CONVERSATION TITLE"),
            sender=sender,
            sender_url=sender_url,
            recipients=cell("TO"),
            recipient_urls=tuple(self.url(u) for u in _URL_SPLIT.split(recipients) if u) if recipients else (),
            sent_at=sent_at,
            subject=cell("SUBJECT"),
            content=content.replace("\r\n", "\n").replace("\r", "\n"),
            folder=folder,
            outgoing=bool(self.owner) and sender_url == self.owner,
        )
