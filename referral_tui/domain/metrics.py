"""The success metrics the method names, computed from the data, each with how it is computed."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from referral_tui.domain.records import (
    PHASES,
    RESPONDED_STATUSES,
    SUBMITTED_STATUSES,
    Ask,
    AskStatus,
    Company,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
)

SUBMITTED = SUBMITTED_STATUSES
RESPONDED = RESPONDED_STATUSES


def _status(text: str | None) -> AskStatus | None:
    member = AskStatus._value2member_map_.get(text or "")
    return member if isinstance(member, AskStatus) else None


def reached(ask: Ask) -> set[AskStatus]:
    """Every status the ask has been in (its history and its current status)."""
    return {s for h in ask.status_history if (s := _status(h.get("status"))) is not None} | {ask.status}


def response_day(ask: Ask) -> date | None:
    """The first day the recruiting team answered, from the status history."""
    days = [
        date.fromisoformat(h["day"])
        for h in ask.status_history
        if _status(h.get("status")) in RESPONDED and h.get("day")
    ]
    return min(days) if days else None


@dataclass(frozen=True)
class Rate:
    hits: int
    out_of: int

    @property
    def share(self) -> float | None:
        return self.hits / self.out_of if self.out_of else None

    def text(self) -> str:
        return f"{self.hits}/{self.out_of} ({self.share:.0%})" if self.out_of else "no data yet"


@dataclass
class Metrics:
    response: Rate
    response_by_company: dict[str, Rate]
    screening: list[int]
    insider_asks: Rate
    insider_referrers: Rate
    strength_by_week: list[tuple[date, float]]
    risers: list[tuple[str, int]]  # (name, change in relationship strength), biggest rise first
    fallers: list[tuple[str, int]]
    phases: dict[str, int]
    ask_statuses: dict[str, int]
    days_to_response: list[int]
    followups_on_time: int
    followups_late: int
    followups_skipped: int
    followups_overdue: int
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def screening_mean(self) -> float | None:
        return statistics.fmean(self.screening) if self.screening else None

    @property
    def screening_distribution(self) -> dict[int, int]:
        counts = Counter(self.screening)
        return {n: counts.get(n, 0) for n in range(1, 6)}

    @property
    def median_days_to_response(self) -> float | None:
        return statistics.median(self.days_to_response) if self.days_to_response else None


HOW = {
    "response": "asks that drew a recruiter response (responded, screening, interviewing, offer or rejection) "
    "divided by asks submitted (those that reached 'submitted' or any later step)",
    "screening": "the 1-5 quality you gave each screening conversation (ask outcome, o on the detail screen)",
    "insider": "asks with insider information recorded, of all asks; referrers with an interaction marked "
    "'insider information' or an ask with it, of referrers on the board",
    "strength": "each Monday, the mean of every active referrer's latest relationship rating so far",
    "funnel": "referrers on the board per phase; asks per current status; days from the ask to the first "
    "recruiter response in its status history",
    "discipline": "closed follow-ups done by their due day (before any snooze), done after it, or skipped; "
    "open ones past due",
}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def strength_by_week(contacts: Iterable[Contact], today: date) -> list[tuple[date, float]]:
    """Mean relationship strength per week across active referrers, from the first scoring to today."""
    scored = [c for c in contacts if c.phase is not None and not c.archived and c.scores]
    if not scored:
        return []
    week = _monday(min(s.day for c in scored for s in c.scores))
    series = []
    while week <= today:
        end = week + timedelta(days=6)
        latest = [next((s.relationship for s in reversed(c.scores) if s.day <= end), None) for c in scored]
        values = [v for v in latest if v is not None]
        if values:
            series.append((week, round(statistics.fmean(values), 2)))
        week += timedelta(days=7)
    return series


def compute(
    today: date,
    companies: Iterable[Company],
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    asks: Iterable[Ask],
    followups: Iterable[FollowUp],
) -> Metrics:
    people = {c.id: c for c in contacts if not c.archived}
    names = {c.id: c.name for c in companies}
    asks = [a for a in asks if a.contact_id in people and not a.archived]
    interactions = [i for i in interactions if not i.archived]
    board = [c for c in people.values() if c.phase is not None]

    submitted = [a for a in asks if reached(a) & SUBMITTED]
    responded = [a for a in submitted if reached(a) & RESPONDED]
    by_company: dict[str, list[Ask]] = {}
    for a in submitted:
        company = names.get(people[a.contact_id].company_id or 0, "(no company)")
        by_company.setdefault(company, []).append(a)
    response_by_company = {
        name: Rate(sum(1 for a in items if reached(a) & RESPONDED), len(items))
        for name, items in sorted(by_company.items())
    }

    insider_contacts = {i.contact_id for i in interactions if i.insider} | {
        a.contact_id for a in asks if a.insider_info
    }
    changes = [(c.name, c.scores[-1].relationship - c.scores[0].relationship) for c in board if len(c.scores) > 1]
    days = [(r - a.day).days for a in asks if (r := response_day(a)) is not None]

    closed = [
        f for f in followups if f.status in (FollowUpStatus.DONE, FollowUpStatus.SKIPPED) and f.contact_id in people
    ]
    on_time = sum(
        1 for f in closed if f.status is FollowUpStatus.DONE and f.done_on and f.done_on <= (f.original_due or f.due)
    )
    skipped = sum(1 for f in closed if f.status is FollowUpStatus.SKIPPED)
    overdue = sum(1 for f in followups if f.is_open and f.due < today and f.contact_id in people)

    return Metrics(
        response=Rate(len(responded), len(submitted)),
        response_by_company=response_by_company,
        screening=[a.screening_quality for a in asks if a.screening_quality],
        insider_asks=Rate(sum(1 for a in asks if a.insider_info.strip()), len(asks)),
        insider_referrers=Rate(len(insider_contacts & {c.id for c in board}), len(board)),
        strength_by_week=strength_by_week(board, today),
        risers=sorted([x for x in changes if x[1] > 0], key=lambda x: -x[1])[:3],
        fallers=sorted([x for x in changes if x[1] < 0], key=lambda x: x[1])[:3],
        phases={p.label: sum(1 for c in board if c.phase is p) for p in PHASES},
        ask_statuses={s.label: sum(1 for a in asks if a.status is s) for s in AskStatus},
        days_to_response=days,
        followups_on_time=on_time,
        followups_late=len(closed) - on_time - skipped,
        followups_skipped=skipped,
        followups_overdue=overdue,
        notes=HOW,
    )


# -- relationship strength per referrer -------------------------------------------------------


@dataclass(frozen=True)
class StrengthRow:
    """One referrer's relationship rating over time, from their score history."""

    contact_id: int
    name: str
    company: str
    history: tuple[tuple[date, int], ...]  # (day, relationship 1-5), oldest first

    @property
    def first(self) -> int:
        return self.history[0][1]

    @property
    def latest(self) -> int:
        return self.history[-1][1]

    @property
    def change(self) -> int:
        """Latest minus first: the same first-to-latest change as ``Metrics.risers``/``fallers``."""
        return self.latest - self.first


def strength_rows(contacts: Iterable[Contact], company_names: dict[int, str]) -> list[StrengthRow]:
    """Each scored referrer on the board (not archived, in a phase), with the relationship part
    of every scoring in the order the history holds it; unscored referrers are left out."""
    return [
        StrengthRow(
            c.id,
            c.name,
            company_names.get(c.company_id or 0, ""),
            tuple((s.day, s.relationship) for s in c.scores),
        )
        for c in contacts
        if c.phase is not None and not c.archived and c.scores
    ]


def sort_by_change(rows: Iterable[StrengthRow], rise_first: bool) -> list[StrengthRow]:
    """Biggest rise (or, with ``rise_first`` False, biggest fall) first; equal changes by name."""
    sign = -1 if rise_first else 1
    return sorted(rows, key=lambda r: (sign * r.change, r.name.casefold()))
