"""The campaign's closed vocabularies: phases, statuses and kinds, each a StrEnum with its label.

Records store the values (``"week2_checkin"``); code compares members (``FollowUpKind.WEEK2``),
never bare strings. ``records`` re-exports everything here, so ``from
referral_tui.domain.records import AskStatus`` keeps working.
"""

from __future__ import annotations

from enum import StrEnum


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
    """Where a company stands in the campaign. Only a *target* is pursued: it counts for the
    plan's 5-10, the coverage warnings and the metrics (``domain.targets``). A *prospect* is
    known but not pursued (a former employer, a tool vendor, a company someone on the board
    works at): quick-add, imports and promotions from the network create unknown companies
    as prospects. A record without a status is a target, as it was before prospects."""

    TARGET = "target"
    PROSPECT = "prospect"
    PAUSED = "paused"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class HowFound(StrEnum):
    """How the user found or knows a referrer (METHOD.md's three approaches, and the rest).

    ``Contact.how_found`` stays plain text on disk (older files and imports may hold other
    words); ``how_found_label`` names any stored value.
    """

    CONTENT = "content"
    ALUMNI = "alumni"
    EVENT = "event"
    EXISTING = "existing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _HOW_FOUND_LABELS[self]


_HOW_FOUND_LABELS: dict[HowFound, str] = {
    HowFound.CONTENT: "Engaged with their content",
    HowFound.ALUMNI: "Alumni",
    HowFound.EVENT: "Industry event",
    HowFound.EXISTING: "Existing connection",
    HowFound.OTHER: "Other",
}


def how_found_label(value: str) -> str:
    """The label of a stored ``how_found`` value ("" for none; an unknown word as it is)."""
    member = HowFound._value2member_map_.get(value)
    return member.label if isinstance(member, HowFound) else value


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

    @property
    def closed(self) -> bool:
        """The process is over (an offer, a rejection, no response, withdrawn)."""
        return self in CLOSED_ASK_STATUSES

    @property
    def submitted(self) -> bool:
        """The referral went in: submitted or any later step of a live or decided process."""
        return self in SUBMITTED_STATUSES


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

#: Asks whose process is over.
CLOSED_ASK_STATUSES: frozenset[AskStatus] = frozenset(
    {AskStatus.OFFER, AskStatus.REJECTED, AskStatus.NO_RESPONSE, AskStatus.WITHDRAWN}
)
#: Asks whose referral reached the recruiting team ("submitted" or any later step but
#: "no response" and "withdrawn", which may come before a submission).
SUBMITTED_STATUSES: frozenset[AskStatus] = frozenset(
    {
        AskStatus.SUBMITTED,
        AskStatus.RESPONDED,
        AskStatus.SCREENING,
        AskStatus.INTERVIEWING,
        AskStatus.OFFER,
        AskStatus.REJECTED,
    }
)
#: Asks that drew an answer from the recruiting team.
RESPONDED_STATUSES: frozenset[AskStatus] = SUBMITTED_STATUSES - {AskStatus.SUBMITTED}


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    #: Closed by the program, not the user: its ask was deleted, or its outcome made it moot
    #: (``skip_reason`` says which). Never counted as skipped by the coach or the metrics.
    CANCELLED = "cancelled"


class FollowUpKind(StrEnum):
    """What a follow-up is for; ``referral_tui.domain.schedule`` says when each falls due."""

    WEEK2 = "week2_checkin"
    #: The week-2 check-in of an ask already submitted: thanks and where it stands.
    WEEK2_THANKS = "week2_thanks"
    WEEK3 = "week3_update"
    WEEK4 = "week4_insight"
    MONTHLY = "monthly"
    #: After an offer or a rejection: tell the referrer how it ended, and thank them.
    OUTCOME = "outcome_note"
    EVENT = "event_48h"


#: Labels by stored value, for screens that list every choice.
COMPANY_STATUSES: tuple[str, ...] = tuple(s.value for s in CompanyStatus)
INTERACTION_KINDS: dict[str, str] = {k.value: k.label for k in InteractionKind}
ASK_STATUSES: dict[str, str] = {s.value: s.label for s in AskStatus}
