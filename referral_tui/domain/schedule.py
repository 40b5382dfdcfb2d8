"""The follow-up schedule the method prescribes, counted from the day of the ask.

Week 1 is the ask itself (day 0 to 6). Each later step falls due on the first day of its
week: the week-2 check-in on day 7, the week-3 update and thanks on day 14, the week-4
insight on day 21. Monthly check-ins follow, one calendar month apart, the first one a
month after the week-4 insight. An event meeting gets a follow-up 48 hours later.

The steps' words follow the ask's outcome (``followups.adapt``): once the referral is
submitted the week-2 step is a thank-you and an update (``WEEK2_THANKS``), and once the
process is over the weekly steps give way to one note on how it ended (``OUTCOME``) and the
monthly rhythm.
"""

from __future__ import annotations

import calendar
from collections.abc import Sized
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, Protocol, TypeVar

from referral_tui.domain.records import FollowUpKind


@dataclass(frozen=True)
class Step:
    kind: FollowUpKind
    label: str
    template: str
    short: str


WEEK2 = Step(FollowUpKind.WEEK2, "Week-2 check-in: was the referral submitted?", "week2_checkin", "Week-2 check-in")
WEEK2_THANKS = Step(
    FollowUpKind.WEEK2_THANKS, "Week-2 check-in: thank them, say where it stands", "week2_thanks", "Week-2 thanks"
)
WEEK3 = Step(FollowUpKind.WEEK3, "Week-3 update and thanks", "week3_update", "Week-3 update, thanks")
WEEK4 = Step(FollowUpKind.WEEK4, "Week-4 share an insight or resource", "week4_insight", "Week-4 insight")
MONTHLY = Step(FollowUpKind.MONTHLY, "Monthly check-in", "monthly_checkin", "Monthly check-in")
OUTCOME = Step(FollowUpKind.OUTCOME, "Tell them how it ended, and thank them", "outcome_closed", "Outcome, thanks")
EVENT = Step(FollowUpKind.EVENT, "Follow up within 48 hours of the event", "event_followup", "Event follow-up (48h)")

STEPS: dict[str, Step] = {s.kind: s for s in (WEEK2, WEEK2_THANKS, WEEK3, WEEK4, MONTHLY, OUTCOME, EVENT)}
#: The steps of the first four weeks (in either wording of week 2), in order.
WEEKLY: tuple[FollowUpKind, ...] = (
    FollowUpKind.WEEK2,
    FollowUpKind.WEEK2_THANKS,
    FollowUpKind.WEEK3,
    FollowUpKind.WEEK4,
)

#: Days from the ask to each weekly step: the first day of its week.
STEP_DAYS: dict[FollowUpKind, int] = {
    FollowUpKind.WEEK2: 7,
    FollowUpKind.WEEK2_THANKS: 7,
    FollowUpKind.WEEK3: 14,
    FollowUpKind.WEEK4: 21,
}

EVENT_FOLLOWUP_DELAY = timedelta(hours=48)


def label(kind: str, short: bool = False) -> str:
    """A follow-up kind in words ("Week-2 check-in ..."), or in a few words for narrow places."""
    step = STEPS.get(kind)
    if step is None:
        return kind.replace("_", " ")
    return step.short if short else step.label


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def step_due(kind: FollowUpKind, ask_day: date) -> date:
    """When a weekly step of an ask made on ``ask_day`` falls due."""
    return ask_day + timedelta(days=STEP_DAYS[kind])


def week2_due(ask_day: date) -> date:
    """The week-2 date: the passive-referral rule counts from it."""
    return step_due(FollowUpKind.WEEK2, ask_day)


def ask_schedule(ask_day: date) -> list[tuple[Step, date]]:
    """The follow-ups an ask made on ``ask_day`` creates, in order."""
    week4 = step_due(FollowUpKind.WEEK4, ask_day)
    return [
        (WEEK2, week2_due(ask_day)),
        (WEEK3, step_due(FollowUpKind.WEEK3, ask_day)),
        (WEEK4, week4),
        (MONTHLY, add_months(week4, 1)),
    ]


def next_monthly(after: date) -> date:
    """When the next monthly check-in falls due after one done (or any contact) on ``after``."""
    return add_months(after, 1)


def event_followup_due(meeting_day: date) -> date:
    """The day by which to follow up an event meeting (48 hours later)."""
    return meeting_day + timedelta(days=EVENT_FOLLOWUP_DELAY.days)


T = TypeVar("T")


@dataclass(frozen=True)
class DueGroups(Generic[T]):
    overdue: list[tuple[date, T]]
    today: list[tuple[date, T]]
    upcoming: list[tuple[date, T]]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.today or self.upcoming)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.upcoming)


@dataclass(frozen=True)
class DueCounts:
    """How many follow-ups are overdue, due today and coming up: the board header and the
    sidebar count by this one function, from the same groups."""

    overdue: int
    today: int
    upcoming: int

    @property
    def total(self) -> int:
        return self.overdue + self.today + self.upcoming


class Grouped(Protocol):
    """Anything split into overdue / today / upcoming (``DueGroups``, the sidebar's list)."""

    @property
    def overdue(self) -> Sized: ...

    @property
    def today(self) -> Sized: ...

    @property
    def upcoming(self) -> Sized: ...


def due_counts(groups: Grouped) -> DueCounts:
    """The counts of ``group_due``'s groups (follow-ups, not the referrers who have them)."""
    return DueCounts(len(groups.overdue), len(groups.today), len(groups.upcoming))


def group_due(items: list[tuple[date, T]], today: date, days: int) -> DueGroups[T]:
    """Split dated items into overdue / today / the next ``days`` days, each sorted by date."""
    horizon = today + timedelta(days=days)
    ordered = sorted(items, key=lambda pair: pair[0])
    return DueGroups(
        overdue=[p for p in ordered if p[0] < today],
        today=[p for p in ordered if p[0] == today],
        upcoming=[p for p in ordered if today < p[0] <= horizon],
    )
