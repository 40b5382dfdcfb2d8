"""The follow-up schedule the method prescribes, counted from the day of the ask.

Week 1 is the ask itself (day 0 to 6). Each later step falls due on the first day of its
week: the week-2 check-in on day 7, the week-3 update and thanks on day 14, the week-4
insight on day 21. Monthly check-ins follow, one calendar month apart, the first one a
month after the week-4 insight. An event meeting gets a follow-up 48 hours later.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from referral_tui.domain.records import FollowUpKind


@dataclass(frozen=True)
class Step:
    kind: FollowUpKind
    label: str
    template: str
    short: str


WEEK2 = Step(FollowUpKind.WEEK2, "Week-2 check-in: was the referral submitted?", "week2_checkin", "Week-2 check-in")
WEEK3 = Step(FollowUpKind.WEEK3, "Week-3 update and thanks", "week3_update", "Week-3 update, thanks")
WEEK4 = Step(FollowUpKind.WEEK4, "Week-4 share an insight or resource", "week4_insight", "Week-4 insight")
MONTHLY = Step(FollowUpKind.MONTHLY, "Monthly check-in", "monthly_checkin", "Monthly check-in")
EVENT = Step(FollowUpKind.EVENT, "Follow up within 48 hours of the event", "event_followup", "Event follow-up (48h)")

STEPS: dict[str, Step] = {s.kind: s for s in (WEEK2, WEEK3, WEEK4, MONTHLY, EVENT)}

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


def ask_schedule(ask_day: date) -> list[tuple[Step, date]]:
    """The follow-ups an ask made on ``ask_day`` creates, in order."""
    week4 = ask_day + timedelta(days=21)
    return [
        (WEEK2, ask_day + timedelta(days=7)),
        (WEEK3, ask_day + timedelta(days=14)),
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


def group_due(items: list[tuple[date, T]], today: date, days: int) -> DueGroups[T]:
    """Split dated items into overdue / today / the next ``days`` days, each sorted by date."""
    horizon = today + timedelta(days=days)
    ordered = sorted(items, key=lambda pair: pair[0])
    return DueGroups(
        overdue=[p for p in ordered if p[0] < today],
        today=[p for p in ordered if p[0] == today],
        upcoming=[p for p in ordered if today < p[0] <= horizon],
    )
