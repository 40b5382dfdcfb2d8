"""The campaign's records as plain dataclasses, with lossless dict round-trips.

The store keeps dicts (JSON); the rest of the program works on these records.
``from_dict`` tolerates missing keys (older files, hand edits) by using defaults.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
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

COMPANY_STATUSES = ("target", "paused", "dropped")

INTERACTION_KINDS: dict[str, str] = {
    "engaged": "Engaged with a post",
    "message": "Message",
    "call": "Call or coffee",
    "event": "Event meeting",
    "value": "Value given",
    "asked": "Referral asked",
    "checkin": "Check-in",
    "thanks": "Thanks",
    "update": "Update",
    "other": "Other",
}

ASK_STATUSES: dict[str, str] = {
    "requested": "Requested",
    "submitted": "Submitted",
    "responded": "Recruiter responded",
    "screening": "Screening",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "rejected": "Rejected",
    "no_response": "No response",
    "withdrawn": "Withdrawn",
}


@dataclass
class Company:
    name: str
    status: str = "target"
    fit: str = ""
    decision_makers: str = ""
    challenges: str = ""
    my_angle: str = ""
    careers_url: str = ""
    notes: str = ""
    open_roles: list[dict[str, Any]] = field(default_factory=list)
    archived: bool = False
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    @property
    def research_complete(self) -> bool:
        return all(s.strip() for s in (self.fit, self.decision_makers, self.challenges, self.my_angle))


@dataclass
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
    #: employer the previous import had when it changed since.
    linkedin_url: str = ""
    connected_on: str = ""
    employer: str = ""
    previous_employer: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    @property
    def score(self) -> ScoreEntry | None:
        """The newest score, if the referrer has been scored."""
        return self.scores[-1] if self.scores else None

    @property
    def total(self) -> int | None:
        s = self.score
        return s.total if s else None


@dataclass
class Interaction:
    contact_id: int
    day: date
    kind: str = "message"
    summary: str = ""
    gave_value: bool = False
    insider: bool = False
    insider_text: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0


@dataclass
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
    status: str = "requested"
    status_history: list[dict[str, str]] = field(default_factory=list)
    screening_quality: int | None = None
    insider_info: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    @property
    def has_context_packet(self) -> bool:
        return bool(self.why_role.strip() and self.points and (self.resume_url.strip() or self.blurb.strip()))


@dataclass
class FollowUp:
    contact_id: int
    kind: str
    due: date
    ask_id: int | None = None
    status: str = "open"
    original_due: date | None = None
    done_on: date | None = None
    skip_reason: str = ""
    template: str = ""
    created_at: str = ""
    updated_at: str = ""
    id: int = 0

    @property
    def is_open(self) -> bool:
        return self.status == "open"


Record = Company | Contact | Interaction | Ask | FollowUp
R = TypeVar("R", Company, Contact, Interaction, Ask, FollowUp)

_DATE_FIELDS = {"day", "due", "original_due", "done_on"}


def to_dict(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of a record, without its id (the store keys records by id)."""
    data = asdict(record)
    data.pop("id", None)
    for key in _DATE_FIELDS & data.keys():
        if isinstance(data[key], date):
            data[key] = data[key].isoformat()
    if isinstance(record, Contact):
        data["phase"] = record.phase.value if record.phase else None
        data["scores"] = [s.to_dict() for s in record.scores]
    return data


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    return names


def from_dict(cls: type[R], data: dict[str, Any], record_id: int) -> R:
    """Build a record from stored data; unknown keys are ignored, missing keys take defaults."""
    names = _field_names(cls)
    kwargs = {k: v for k, v in data.items() if k in names}
    for key in _DATE_FIELDS & kwargs.keys():
        if isinstance(kwargs[key], str):
            kwargs[key] = date.fromisoformat(kwargs[key])
    if cls is Contact:
        if "phase" in kwargs:  # an explicit null is the network; a missing key takes the default
            kwargs["phase"] = Phase(kwargs["phase"]) if kwargs["phase"] else None
        kwargs["scores"] = [ScoreEntry.from_dict(s) for s in kwargs.get("scores") or []]
    kwargs["id"] = record_id
    return cls(**kwargs)
