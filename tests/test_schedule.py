"""The follow-up schedule: weeks 2-4 after an ask, then monthly; 48 hours after an event."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referral_tui.domain.schedule import (
    EVENT,
    MONTHLY,
    STEPS,
    WEEK2,
    WEEK3,
    WEEK4,
    DueGroups,
    Step,
    add_months,
    ask_schedule,
    event_followup_due,
    group_due,
    next_monthly,
)


def dates(schedule: list[tuple[Step, date]]) -> list[date]:
    return [d for _, d in schedule]


# -- ask_schedule ---------------------------------------------------------------------


def test_ask_on_a_monday() -> None:
    sched = ask_schedule(date(2026, 3, 2))
    assert [step for step, _ in sched] == [WEEK2, WEEK3, WEEK4, MONTHLY]
    assert dates(sched) == [date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23), date(2026, 4, 23)]


def test_steps_have_distinct_kinds_and_templates() -> None:
    assert set(STEPS) == {
        "week2_checkin",
        "week2_thanks",
        "week3_update",
        "week4_insight",
        "monthly",
        "outcome_note",
        "event_48h",
    }
    assert len({step.template for step in STEPS.values()}) == len(STEPS)
    for kind, step in STEPS.items():
        assert step.kind == kind
        assert step.label and step.template


def test_schedule_dates_are_strictly_increasing_and_counted_from_the_ask() -> None:
    ask = date(2026, 6, 17)
    got = dates(ask_schedule(ask))
    assert got == sorted(set(got))
    assert [(d - ask).days for d in got[:3]] == [7, 14, 21]


@pytest.mark.parametrize(
    ("ask", "monthly"),
    [
        (date(2027, 1, 10), date(2027, 2, 28)),  # week 4 on Jan 31, no Feb 29 in 2027
        (date(2028, 1, 10), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 10), date(2026, 4, 30)),  # week 4 on Mar 31 -> Apr 30
    ],
)
def test_monthly_after_week4_on_a_month_end_clamps(ask: date, monthly: date) -> None:
    sched = ask_schedule(ask)
    assert sched[2][1].day == 31
    assert sched[3] == (MONTHLY, monthly)


def test_ask_in_december_rolls_into_the_next_year() -> None:
    assert dates(ask_schedule(date(2026, 12, 20))) == [
        date(2026, 12, 27),
        date(2027, 1, 3),
        date(2027, 1, 10),
        date(2027, 2, 10),
    ]


def test_ask_whose_week4_is_in_december_gets_a_january_monthly() -> None:
    sched = ask_schedule(date(2026, 11, 25))
    assert sched[2][1] == date(2026, 12, 16)
    assert sched[3][1] == date(2027, 1, 16)


# -- add_months / next_monthly ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 1, date(2028, 3, 29)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 9), 0, date(2026, 5, 9)),
        (date(2026, 5, 9), 24, date(2028, 5, 9)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_next_monthly_is_one_calendar_month_later_clamped() -> None:
    assert next_monthly(date(2026, 4, 23)) == date(2026, 5, 23)
    assert next_monthly(date(2026, 1, 31)) == date(2026, 2, 28)
    assert next_monthly(date(2026, 12, 31)) == date(2027, 1, 31)


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    months=st.integers(min_value=0, max_value=240),
)
def test_add_months_property(day: date, months: int) -> None:
    result = add_months(day, months)
    assert result.year * 12 + result.month == day.year * 12 + day.month + months
    assert result.day <= day.day
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


# -- event follow-up ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met", "due"),
    [
        (date(2026, 3, 9), date(2026, 3, 11)),
        (date(2026, 2, 27), date(2026, 3, 1)),
        (date(2028, 2, 28), date(2028, 3, 1)),
        (date(2026, 12, 31), date(2027, 1, 2)),
    ],
)
def test_event_followup_due_48_hours_later(met: date, due: date) -> None:
    assert event_followup_due(met) == due


def test_event_step() -> None:
    assert EVENT.kind == "event_48h"


# -- group_due ------------------------------------------------------------------------

TODAY = date(2026, 3, 9)


def test_group_due_boundaries_and_sorting() -> None:
    items = [
        (TODAY + timedelta(days=8), "beyond"),
        (TODAY + timedelta(days=7), "horizon"),
        (TODAY, "today"),
        (TODAY - timedelta(days=1), "yesterday"),
        (TODAY + timedelta(days=1), "tomorrow"),
        (TODAY - timedelta(days=30), "long ago"),
    ]
    groups = group_due(items, TODAY, 7)
    assert [x for _, x in groups.overdue] == ["long ago", "yesterday"]
    assert [x for _, x in groups.today] == ["today"]
    assert [x for _, x in groups.upcoming] == ["tomorrow", "horizon"]
    assert not groups.empty


def test_group_due_days_zero_has_no_upcoming() -> None:
    items = [(TODAY - timedelta(days=1), "a"), (TODAY, "b"), (TODAY + timedelta(days=1), "c")]
    groups = group_due(items, TODAY, 0)
    assert [x for _, x in groups.overdue] == ["a"]
    assert [x for _, x in groups.today] == ["b"]
    assert groups.upcoming == []


def test_group_due_horizon_day_included_with_days_one() -> None:
    groups = group_due([(TODAY + timedelta(days=1), "x"), (TODAY + timedelta(days=2), "y")], TODAY, 1)
    assert [x for _, x in groups.upcoming] == ["x"]


def test_group_due_keeps_several_items_on_one_day() -> None:
    groups = group_due([(TODAY, "a"), (TODAY, "b")], TODAY, 7)
    assert sorted(x for _, x in groups.today) == ["a", "b"]


def test_group_due_empty() -> None:
    groups: DueGroups[str] = group_due([], TODAY, 7)
    assert groups.empty
    assert group_due([(TODAY + timedelta(days=30), "far")], TODAY, 7).empty
