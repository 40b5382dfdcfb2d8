"""The campaign's records as frozen dataclasses, with fast, lossless dict round-trips.

The store keeps JSON dicts; the rest of the program works on these records. Every record
carries a stable ``uid`` that never changes and travels with exports and copies of the
file, and a local integer ``id`` that the store never reuses. ``from_dict`` tolerates
missing keys (older files, hand edits) by using defaults; ``referral_tui.domain.checks``
validates a stored dict against these types before it is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from referral_tui.domain import packet as packet_rule
from referral_tui.domain.enums import (
    ASK_STATUSES,
    CLOSED_ASK_STATUSES,
    COMPANY_STATUSES,
    INTERACTION_KINDS,
    PHASES,
    RESPONDED_STATUSES,
    SUBMITTED_STATUSES,
    AskStatus,
    CompanyStatus,
    Direction,
    FollowUpKind,
    FollowUpStatus,
    HowFound,
    InteractionKind,
    Phase,
    how_found_label,
)
from referral_tui.domain.matrix import ScoreEntry

__all__ = [
    "ASK_STATUSES",
    "BOOKKEEPING",
    "CLOSED_ASK_STATUSES",
    "COMPANY_STATUSES",
    "INTERACTION_KINDS",
    "INVITATION_SOURCE",
    "MESSAGE_SOURCE",
    "PHASES",
    "RECORD_TYPES",
    "REFERENCES",
    "RESPONDED_STATUSES",
    "SUBMITTED_STATUSES",
    "TABLE_OF",
    "Ask",
    "AskStatus",
    "AuditEntry",
    "Company",
    "CompanyStatus",
    "Contact",
    "Direction",
    "FollowUp",
    "FollowUpKind",
    "FollowUpStatus",
    "HowFound",
    "Interaction",
    "InteractionKind",
    "Phase",
    "PlanTick",
    "R",
    "Record",
    "TodaySnooze",
    "changed_fields",
    "field_names",
    "from_dict",
    "how_found_label",
    "order_key",
    "to_dict",
]

#: ``Interaction.source_key`` prefixes of what the LinkedIn import creates.
MESSAGE_SOURCE = "linkedin-message"
INVITATION_SOURCE = "linkedin-invitation"


def _coerce_enums(record: object) -> None:
    """Accept a stored value (``"message"``) wherever a record field is an enum."""
    for name, enum in _ENUM_FIELDS.get(type(record), {}).items():
        value = getattr(record, name)
        if not isinstance(value, enum) and value is not None:
            object.__setattr__(record, name, enum(value))


@dataclass(frozen=True)
class Company:
    name: str
    status: CompanyStatus = CompanyStatus.TARGET
    fit: str = ""
    decision_makers: str = ""
    challenges: str = ""
    my_angle: str = ""
    careers_url: str = ""
    notes: str = ""
    open_roles: list[dict[str, str]] = field(default_factory=list)
    archived: bool = False
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        _coerce_enums(self)

    @property
    def research_complete(self) -> bool:
        return all(s.strip() for s in (self.fit, self.decision_makers, self.challenges, self.my_angle))


@dataclass(frozen=True)
class Contact:
    """A person: a referrer on the board (phase set) or part of the network (phase None)."""

    name: str
    company_id: int | None = None
    title: str = ""
    phase: Phase | None = Phase.RESEARCH
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    email: str = ""
    #: A ``HowFound`` value as text ("" when not known); ``how_found_label`` names it.
    how_found: str = ""
    notes: str = ""
    scores: list[ScoreEntry] = field(default_factory=list)
    archived: bool = False
    #: From a LinkedIn import: their profile, when you connected, their employer as LinkedIn
    #: spells it (company_id links it only when it is one of your companies), and the
    #: employer the previous import had when it changed since, with the day (ISO) the import
    #: saw the change; ``employer_change_seen`` is set when the user has acknowledged it.
    linkedin_url: str = ""
    connected_on: str = ""
    employer: str = ""
    previous_employer: str = ""
    employer_changed_on: str = ""
    employer_change_seen: bool = False
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        if self.phase is not None and not isinstance(self.phase, Phase):
            object.__setattr__(self, "phase", Phase(self.phase))

    @property
    def score(self) -> ScoreEntry | None:
        """The newest score, if the referrer has been scored."""
        return self.scores[-1] if self.scores else None

    @property
    def total(self) -> int | None:
        s = self.score
        return s.total if s else None

    @property
    def job_change_unseen(self) -> bool:
        """An import found them at a new employer and the user has not acknowledged it yet."""
        return bool(self.employer_changed_on) and not self.employer_change_seen


@dataclass(frozen=True)
class Interaction:
    contact_id: int
    day: date
    kind: InteractionKind = InteractionKind.MESSAGE
    summary: str = ""
    gave_value: bool = False
    insider: bool = False
    insider_text: str = ""
    #: Who wrote it (see ``Direction``); "" for interactions logged by hand.
    direction: Direction = Direction.UNKNOWN
    #: What an imported interaction was in its source ("linkedin-message:<conversation id>|
    #: <sent at>|<sender>", "linkedin-invitation:..."), so a later import skips it; "" by hand.
    source_key: str = ""
    archived: bool = False
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        _coerce_enums(self)

    @property
    def value_given(self) -> bool:
        """The method's "value given": an interaction of that kind, or any interaction with the
        "I gave value" box ticked. The coach, the plan and the ask form all count by this."""
        return self.kind is InteractionKind.VALUE or self.gave_value

    @property
    def conversation(self) -> str:
        """The LinkedIn conversation an imported message belongs to ("" for anything else)."""
        source, _, key = self.source_key.partition(":")
        return key.split("|", 1)[0] if source == MESSAGE_SOURCE else ""


@dataclass(frozen=True)
class Ask:
    contact_id: int
    day: date
    role_title: str = ""
    role_url: str = ""
    req_id: str = ""
    why_role: str = ""
    points: list[str] = field(default_factory=list)
    resume_url: str = ""
    blurb: str = ""
    status: AskStatus = AskStatus.REQUESTED
    status_history: list[dict[str, str]] = field(default_factory=list)
    screening_quality: int | None = None
    insider_info: str = ""
    archived: bool = False
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        _coerce_enums(self)

    @property
    def packet(self) -> packet_rule.Packet:
        return packet_rule.Packet(self.role_url, self.why_role, list(self.points), self.resume_url, self.blurb)

    @property
    def packet_gaps(self) -> list[str]:
        """What the ask's context packet lacks (``domain.packet.gaps``)."""
        return packet_rule.gaps(self.role_url, self.why_role, self.points, self.resume_url, self.blurb)

    @property
    def has_context_packet(self) -> bool:
        return not self.packet_gaps


@dataclass(frozen=True)
class FollowUp:
    contact_id: int
    kind: FollowUpKind
    due: date
    ask_id: int | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN
    original_due: date | None = None
    done_on: date | None = None
    skip_reason: str = ""
    template: str = ""
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        _coerce_enums(self)

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN


@dataclass(frozen=True)
class AuditEntry:
    """Week 1 of the plan: one past referral attempt, what happened and what to change."""

    who: str
    company: str = ""
    #: The referrer, when they are in the campaign (None: someone not tracked here).
    contact_id: int | None = None
    day: date | None = None
    what_happened: str = ""
    what_to_change: str = ""
    archived: bool = False
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0


@dataclass(frozen=True)
class PlanTick:
    """One item of the four-week plan's checklist (``campaign.CHECKLIST``) ticked or unticked."""

    item: str
    done: bool = True
    day: date | None = None
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0


@dataclass(frozen=True)
class TodaySnooze:
    """A Today row put off (``until`` the first day it shows again) or skipped for good
    (``until`` None). ``key`` is the row's stable key (``today.Row.key``)."""

    key: str
    until: date | None = None
    reason: str = ""
    uid: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0


Record = Company | Contact | Interaction | Ask | FollowUp | AuditEntry | PlanTick | TodaySnooze
R = TypeVar("R", Company, Contact, Interaction, Ask, FollowUp, AuditEntry, PlanTick, TodaySnooze)

#: The table each record type is stored in.
TABLE_OF: dict[type, str] = {
    Company: "companies",
    Contact: "contacts",
    Interaction: "interactions",
    Ask: "asks",
    FollowUp: "followups",
    AuditEntry: "audit_entries",
    PlanTick: "plan_ticks",
    TodaySnooze: "today_snoozes",
}
RECORD_TYPES: dict[str, type] = {name: cls for cls, name in TABLE_OF.items()}

#: Fields that hold another record's id, and the table it lives in.
REFERENCES: dict[str, dict[str, str]] = {
    "contacts": {"company_id": "companies"},
    "interactions": {"contact_id": "contacts"},
    "asks": {"contact_id": "contacts"},
    "followups": {"contact_id": "contacts", "ask_id": "asks"},
    "audit_entries": {"contact_id": "contacts"},
}
#: Bookkeeping fields the store maintains itself (never part of a user's change).
BOOKKEEPING = frozenset({"id", "uid", "created_at", "updated_at"})

_DATE_FIELDS = frozenset({"day", "due", "original_due", "done_on", "until"})
_ENUM_FIELDS: dict[type, dict[str, type[StrEnum]]] = {
    Company: {"status": CompanyStatus},
    Interaction: {"kind": InteractionKind, "direction": Direction},
    Ask: {"status": AskStatus},
    FollowUp: {"status": FollowUpStatus, "kind": FollowUpKind},
}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def order_key(record_id: int) -> tuple[int, int]:
    """Sort records in the order they were added: saved ones by id, then the ones not saved
    yet (the store gives those negative provisional ids: -1, -2, ...) in creation order."""
    return (0, record_id) if record_id > 0 else (1, -record_id)


def field_names(cls: type) -> tuple[str, ...]:
    """A record type's field names, in declaration order (cached)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    """A field value as JSON: dates as ISO text, enums as their value, lists and dicts copied."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, ScoreEntry):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of a record, without its id (the store keys records by id)."""
    return {name: _plain(getattr(record, name)) for name in field_names(type(record)) if name != "id"}


def from_dict(cls: type[R], data: dict[str, Any], record_id: int) -> R:
    """Build a record from stored data; unknown keys are ignored, missing keys take defaults."""
    names = field_names(cls)
    kwargs = {k: v for k, v in data.items() if k in names}
    for key in _DATE_FIELDS & kwargs.keys():
        if isinstance(kwargs[key], str):
            kwargs[key] = date.fromisoformat(kwargs[key])
    for key, enum in _ENUM_FIELDS.get(cls, {}).items():
        if key in kwargs:
            kwargs[key] = enum(kwargs[key])
    for key in ("tags", "links", "points", "open_roles", "status_history"):
        if key in kwargs:
            kwargs[key] = list(kwargs[key])  # a copy: records never share lists with the store
    if cls is Contact:
        if "phase" in kwargs:  # an explicit null is the network; a missing key takes the default
            kwargs["phase"] = Phase(kwargs["phase"]) if kwargs["phase"] else None
        kwargs["scores"] = [ScoreEntry.from_dict(s) for s in kwargs.get("scores") or []]
    kwargs["id"] = record_id
    return cls(**kwargs)


def changed_fields(before: Record, after: Record) -> dict[str, tuple[Any, Any]]:
    """Field -> (value before, value after), as JSON, for each field ``after`` changes.

    This is how an edit becomes a change: a form returns the edited record, and only the
    fields the user changed are written (bookkeeping fields never count).
    """
    if type(before) is not type(after):
        raise TypeError(f"cannot compare a {type(before).__name__} with a {type(after).__name__}")
    out: dict[str, tuple[Any, Any]] = {}
    for name in field_names(type(before)):
        if name in BOOKKEEPING:
            continue
        old, new = _plain(getattr(before, name)), _plain(getattr(after, name))
        if old != new or type(old) is not type(new):
            out[name] = (old, new)
    return out
