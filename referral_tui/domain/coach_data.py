"""What the coach reads and says: the campaign indexed once (``Data``) and a ``Finding``.

Split from ``coach.py`` so the rules (``coach_rules``), the advice before an ask or a move
(``coach``) and Today (``today``) share one picture of the campaign. Archived referrers,
deleted interactions and deleted asks are not part of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from referral_tui.domain.records import Ask, Company, Contact, FollowUp, Interaction


class Fix(StrEnum):
    """What fixes a finding in one step (Today offers it): the form or the entry it needs."""

    PACKET = "packet"  # complete the ask's context packet
    RESEARCH = "research"  # finish the company's research
    LOG_VALUE = "log_value"  # give them something useful, and log it
    SCORE = "score"  # score the referrer on the matrix


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    evidence: str
    next_step: str
    contact_id: int | None = None
    ask_id: int | None = None
    #: The one step that fixes it, if there is one (None: advice only).
    fix: Fix | None = None
    company_id: int | None = None
    #: The same finding said before the fact, for the ask form and the move to Ask ("" if
    #: the rule has nothing to say before an ask).
    advice: str = ""


@dataclass
class Data:
    """The campaign, indexed once for the rules."""

    today: date
    companies: dict[int, Company]
    contacts: dict[int, Contact]
    interactions: dict[int, list[Interaction]]
    asks: list[Ask]
    followups: dict[int, list[FollowUp]]  # by ask id (0 for follow-ups without an ask)

    @classmethod
    def build(
        cls,
        today: date,
        companies: Iterable[Company],
        contacts: Iterable[Contact],
        interactions: Iterable[Interaction],
        asks: Iterable[Ask],
        followups: Iterable[FollowUp],
    ) -> Data:
        people = {c.id: c for c in contacts if not c.archived}
        by_contact: dict[int, list[Interaction]] = {}
        for i in interactions:
            if not i.archived:
                by_contact.setdefault(i.contact_id, []).append(i)
        all_asks = list(asks)
        deleted = {a.id for a in all_asks if a.archived}
        by_ask: dict[int, list[FollowUp]] = {}
        for f in followups:
            if f.ask_id is None or f.ask_id not in deleted:
                by_ask.setdefault(f.ask_id or 0, []).append(f)
        return cls(
            today=today,
            companies={c.id: c for c in companies},
            contacts=people,
            interactions=by_contact,
            asks=[a for a in all_asks if a.contact_id in people and not a.archived],
            followups=by_ask,
        )

    def name(self, contact_id: int) -> str:
        c = self.contacts.get(contact_id)
        return c.name if c else "someone"

    def company_of(self, contact_id: int) -> Company | None:
        c = self.contacts.get(contact_id)
        return self.companies.get(c.company_id) if c and c.company_id else None

    def all_followups(self) -> list[FollowUp]:
        """Every follow-up of an active referrer, whatever its ask."""
        return [f for items in self.followups.values() for f in items if f.contact_id in self.contacts]

    def with_ask(self, ask: Ask, followups: Iterable[FollowUp] = (), interactions: Iterable[Interaction] = ()) -> Data:
        """This campaign plus one more ask (a draft the user has not saved), its follow-ups
        and interactions; the original is left as it was."""
        by_ask = {k: list(v) for k, v in self.followups.items()}
        for f in followups:
            by_ask.setdefault(f.ask_id or 0, []).append(f)
        by_contact = {k: list(v) for k, v in self.interactions.items()}
        for i in interactions:
            by_contact.setdefault(i.contact_id, []).append(i)
        return replace(self, asks=[*self.asks, ask], followups=by_ask, interactions=by_contact)


def when(day: date) -> str:
    """A day as findings say it: "4 Mar"."""
    return f"{day.day} {day:%b}"


def plural(count: int, word: str, many: str = "") -> str:
    """``1 referrer``, ``2 referrers`` (``many`` where the plural is not the word plus s)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"
