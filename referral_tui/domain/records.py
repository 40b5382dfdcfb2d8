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

from referral_tui.domain.matrix import ScoreEntry


class Phase(StrEnum):
    """The four board columns, in pipeline order."""

    RESEARCH = "research"
    RELATIONSHIP = "relationship"
    TIMING = "timing"
    ASK = "ask"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def position(self) -> int:
        """0 for Research ... 3 for Ask."""
        return PHASES.index(self)

    def next(self) -> Phase | None:
        i = self.position + 1
        return PHASES[i] if i < len(PHASES) else None

    def previous(self) -> Phase | None:
        i = self.position - 1
        return PHASES[i] if i >= 0 else None


PHASES: tuple[Phase, ...] = tuple(Phase)


class CompanyStatus(StrEnum):
    TARGET = "target"
    PAUSED = "paused"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class InteractionKind(StrEnum):
    ENGAGED = "engaged"
    MESSAGE = "message"
    CALL = "call"
    EVENT = "event"
    VALUE = "value"
    ASKED = "asked"
    CHECKIN = "checkin"
    THANKS = "thanks"
    UPDATE = "update"
    CONNECTED = "connected"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _INTERACTION_LABELS[self]


_INTERACTION_LABELS: dict[InteractionKind, str] = {
    InteractionKind.ENGAGED: "Engaged with a post",
    InteractionKind.MESSAGE: "Message",
    InteractionKind.CALL: "Call or coffee",
    InteractionKind.EVENT: "Event meeting",
    InteractionKind.VALUE: "Value given",
    InteractionKind.ASKED: "Referral asked",
    InteractionKind.CHECKIN: "Check-in",
    InteractionKind.THANKS: "Thanks",
    InteractionKind.UPDATE: "Update",
    InteractionKind.CONNECTED: "Connected on LinkedIn",
    InteractionKind.OTHER: "Other",
}


class Direction(StrEnum):
    """Who started an interaction: they did (``in``), you did (``out``), or not known.

    Imported messages and invitations carry a direction; an interaction logged by hand is
    "" (unknown: usually the user's own doing, but the form does not ask). A LinkedIn
    message stays ``InteractionKind.MESSAGE``: the kind says what happened, the direction
    who wrote it, so hand-logged and imported messages are one kind.
    """

    UNKNOWN = ""
    IN = "in"
    OUT = "out"


#: ``Interaction.source_key`` prefixes of what the LinkedIn import creates.
MESSAGE_SOURCE = "linkedin-message"
INVITATION_SOURCE = "linkedin-invitation"


class AskStatus(StrEnum):
    REQUESTED = "requested"
    SUBMITTED = "submitted"
    RESPONDED = "responded"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    REJECTED = "rejected"
    NO_RESPONSE = "no_response"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _ASK_LABELS[self]


_ASK_LABELS: dict[AskStatus, str] = {
    AskStatus.REQUESTED: "Requested",
    AskStatus.SUBMITTED: "Submitted",
    AskStatus.RESPONDED: "Recruiter responded",
    AskStatus.SCREENING: "Screening",
    AskStatus.INTERVIEWING: "Interviewing",
    AskStatus.OFFER: "Offer",
    AskStatus.REJECTED: "Rejected",
    AskStatus.NO_RESPONSE: "No response",
    AskStatus.WITHDRAWN: "Withdrawn",
}


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


class FollowUpKind(StrEnum):
    """What a follow-up is for; ``referral_tui.domain.schedule`` says when each falls due."""

    WEEK2 = "week2_checkin"
    WEEK3 = "week3_update"
    WEEK4 = "week4_insight"
    MONTHLY = "monthly"
    EVENT = "event_48h"


#: Labels by stored value, for screens that list every choice.
COMPANY_STATUSES: tuple[str, ...] = tuple(s.value for s in CompanyStatus)
INTERACTION_KINDS: dict[str, str] = {k.value: k.label for k in InteractionKind}
ASK_STATUSES: dict[str, str] = {s.value: s.label for s in AskStatus}


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
    def has_context_packet(self) -> bool:
        return bool(self.why_role.strip() and self.points and (self.resume_url.strip() or self.blurb.strip()))


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


Record = Company | Contact | Interaction | Ask | FollowUp
R = TypeVar("R", Company, Contact, Interaction, Ask, FollowUp)

#: The table each record type is stored in.
TABLE_OF: dict[type, str] = {
    Company: "companies",
    Contact: "contacts",
    Interaction: "interactions",
    Ask: "asks",
    FollowUp: "followups",
}
RECORD_TYPES: dict[str, type] = {name: cls for cls, name in TABLE_OF.items()}

#: Fields that hold another record's id, and the table it lives in.
REFERENCES: dict[str, dict[str, str]] = {
    "contacts": {"company_id": "companies"},
    "interactions": {"contact_id": "contacts"},
    "asks": {"contact_id": "contacts"},
    "followups": {"contact_id": "contacts", "ask_id": "asks"},
}
#: Bookkeeping fields the store maintains itself (never part of a user's change).
BOOKKEEPING = frozenset({"id", "uid", "created_at", "updated_at"})

_DATE_FIELDS = frozenset({"day", "due", "original_due", "done_on"})
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
