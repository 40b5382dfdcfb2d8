"""The one date parser behind every date field: relative forms, weekdays, ISO, and describe()."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referral_tui.domain.clock import ClockError
from referral_tui.domain.dates import (
    ACCEPTED,
    MAX_DAYS,
    WEEKDAY_NAMES,
    DateParseError,
    Direction,
    describe,
    parse,
    parse_future,
    parse_past,
    relative,
)

TODAY = date(2026, 3, 9)  # a Monday, as in conftest
PAST, FUTURE, ANY = Direction.PAST, Direction.FUTURE, Direction.ANY
DAYS = st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31))


def _error(text: str, today: date = TODAY, direction: Direction = ANY, what: str = "") -> str:
    with pytest.raises(DateParseError) as info:
        parse(text, today, direction, what)
    return str(info.value)


def test_today_is_a_monday() -> None:
    assert TODAY.weekday() == 0


# -- named days and offsets -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("today", 0),
        ("yesterday", -1),
        ("tomorrow", 1),
        ("3d ago", -3),
        ("3 d ago", -3),
        ("3day ago", -3),
        ("3 days ago", -3),
        ("1 day ago", -1),
        ("0d ago", 0),
        ("in 3d", 3),
        ("in 3 days", 3),
        ("in 1 day", 1),
        ("in3d", 3),
        ("-3d", -3),
        ("+3d", 3),
        ("- 3d", -3),
        ("+3 days", 3),
        ("-0d", 0),
        ("2w ago", -14),
        ("2 weeks ago", -14),
        ("1 week ago", -7),
        ("2wk ago", -14),
        ("in 2w", 14),
        ("in 2 weeks", 14),
        ("+2w", 14),
        ("-1w", -7),
        ("\u22123d", -3),  # a typographic minus sign
    ],
)
def test_relative_forms(text: str, offset: int) -> None:
    for direction in Direction:
        assert parse(text, TODAY, direction) == TODAY + timedelta(days=offset)


@pytest.mark.parametrize(
    "text", ["  ToDay ", "TODAY", "3D AGO", "  in   3   DAYS ", "\t+3d\n", "Last   MON", "NEXT tue"]
)
def test_case_and_whitespace_are_tolerated(text: str) -> None:
    parse(text, TODAY, ANY)


def test_the_range_limit_is_inclusive() -> None:
    assert parse(f"{MAX_DAYS}d ago", TODAY, ANY) == TODAY - timedelta(days=MAX_DAYS)
    assert parse(f"in {MAX_DAYS} days", TODAY, ANY) == TODAY + timedelta(days=MAX_DAYS)
    assert parse("521w ago", TODAY, ANY) == TODAY - timedelta(weeks=521)


@pytest.mark.parametrize("text", [f"{MAX_DAYS + 1}d ago", f"+{MAX_DAYS + 1}d", "522w ago", "in 99999999999999999999d"])
def test_offsets_beyond_the_range_are_refused_with_the_limit(text: str) -> None:
    message = _error(text)
    assert "too far" in message
    assert str(MAX_DAYS) in message


def test_an_offset_off_the_calendar_is_refused() -> None:
    assert "outside the calendar" in _error("+3d", today=date(9999, 12, 30))
    assert "outside the calendar" in _error("3d ago", today=date(1, 1, 2))


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2024, 3, 1), "1d ago", date(2024, 2, 29)),
        (date(2024, 3, 1), "yesterday", date(2024, 2, 29)),
        (date(2026, 3, 1), "1d ago", date(2026, 2, 28)),
        (date(2024, 2, 28), "in 1d", date(2024, 2, 29)),
        (date(2024, 2, 28), "+2d", date(2024, 3, 1)),
        (date(2025, 12, 31), "tomorrow", date(2026, 1, 1)),
        (date(2026, 1, 1), "yesterday", date(2025, 12, 31)),
        (date(2026, 12, 28), "in 1w", date(2027, 1, 4)),
        (date(2026, 4, 30), "+1d", date(2026, 5, 1)),
    ],
)
def test_offsets_cross_month_and_year_ends(today: date, text: str, expected: date) -> None:
    assert parse(text, today, ANY) == expected


# -- weekdays -----------------------------------------------------------------------------

# On Monday 9 March 2026: (name, bare in a PAST field, bare in a FUTURE field, last, next)
WEEK = [
    ("mon", date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 2), date(2026, 3, 16)),
    ("tue", date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 3), date(2026, 3, 10)),
    ("wed", date(2026, 3, 4), date(2026, 3, 11), date(2026, 3, 4), date(2026, 3, 11)),
    ("thu", date(2026, 3, 5), date(2026, 3, 12), date(2026, 3, 5), date(2026, 3, 12)),
    ("fri", date(2026, 3, 6), date(2026, 3, 13), date(2026, 3, 6), date(2026, 3, 13)),
    ("sat", date(2026, 3, 7), date(2026, 3, 14), date(2026, 3, 7), date(2026, 3, 14)),
    ("sun", date(2026, 3, 8), date(2026, 3, 15), date(2026, 3, 8), date(2026, 3, 15)),
]


@pytest.mark.parametrize(("name", "past", "future", "last", "nxt"), WEEK)
def test_weekdays_on_each_side_of_today(name: str, past: date, future: date, last: date, nxt: date) -> None:
    assert parse(name, TODAY, PAST) == past
    assert parse(name, TODAY, FUTURE) == future
    for direction in Direction:
        assert parse(f"last {name}", TODAY, direction) == last
        assert parse(f"next {name}", TODAY, direction) == nxt


def test_a_bare_weekday_equal_to_today_is_today_in_a_past_field() -> None:
    assert parse("monday", TODAY, PAST) == TODAY
    assert parse("last monday", TODAY, PAST) == TODAY - timedelta(days=7)


def test_a_bare_weekday_equal_to_today_is_a_week_ahead_in_a_future_field() -> None:
    assert parse("monday", TODAY, FUTURE) == TODAY + timedelta(days=7)
    assert parse("next monday", TODAY, FUTURE) == TODAY + timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("monday", 0),
        ("Mon", 0),
        ("TUESDAY", 1),
        ("tues", 1),
        ("wednesday", 2),
        ("weds", 2),
        ("thursday", 3),
        ("thur", 3),
        ("thurs", 3),
        ("Friday", 4),
        ("saturday", 5),
        ("sunday", 6),
        ("Sun", 6),
    ],
)
def test_weekday_spellings(text: str, weekday: int) -> None:
    assert parse(text, TODAY, PAST).weekday() == weekday
    assert parse(f"next {text}", TODAY, ANY).weekday() == weekday


def test_a_bare_weekday_in_an_any_field_asks_for_last_or_next() -> None:
    message = _error("fri", direction=ANY)
    assert message == "'fri' could be last or next Friday; type last fri or next fri"


def test_weekdays_across_a_year_end_and_a_leap_day() -> None:
    new_year = date(2026, 1, 1)  # a Thursday
    assert parse("mon", new_year, PAST) == date(2025, 12, 29)
    assert parse("last fri", new_year, ANY) == date(2025, 12, 26)
    assert parse("thu", new_year, PAST) == new_year
    leap = date(2024, 3, 1)  # a Friday
    assert parse("thu", leap, PAST) == date(2024, 2, 29)
    assert parse("next thu", date(2024, 2, 23), ANY) == date(2024, 2, 29)


@given(today=DAYS, weekday=st.integers(0, 6), short=st.booleans())
def test_weekday_windows(today: date, weekday: int, short: bool) -> None:
    name = WEEKDAY_NAMES[weekday].lower()
    name = name[:3] if short else name
    cases = [
        (parse(name, today, PAST), -6, 0),
        (parse(name, today, FUTURE), 1, 7),
        (parse(f"last {name}", today, ANY), -7, -1),
        (parse(f"next {name}", today, ANY), 1, 7),
    ]
    for day, low, high in cases:
        assert day.weekday() == weekday
        assert low <= (day - today).days <= high


# -- ISO dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-09", date(2026, 3, 9)),
        ("2026-3-9", date(2026, 3, 9)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2028-02-29", date(2028, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
        ("2026-01-31", date(2026, 1, 31)),
        ("2026-02-28", date(2026, 2, 28)),
        ("2026-04-30", date(2026, 4, 30)),
        ("2026-12-31", date(2026, 12, 31)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
    ],
)
def test_iso_dates(text: str, expected: date) -> None:
    for direction in Direction:
        assert parse(text, TODAY, direction) == expected


@pytest.mark.parametrize(
    ("text", "month", "days"),
    [
        ("2026-02-29", "February 2026", 28),
        ("2100-02-29", "February 2100", 28),
        ("2024-02-30", "February 2024", 29),
        ("2026-04-31", "April 2026", 30),
        ("2026-06-31", "June 2026", 30),
        ("2026-01-32", "January 2026", 31),
        ("2026-03-00", "March 2026", 31),
    ],
)
def test_days_that_do_not_exist_in_their_month(text: str, month: str, days: int) -> None:
    message = _error(text, what="the ask date")
    day = int(text[-2:])
    assert message == f"the ask date {text!r} is not a date: {month} has no day {day} (it has days 1-{days})"


def test_a_month_that_does_not_exist() -> None:
    assert _error("2026-13-01") == "'2026-13-01' is not a date: there is no month 13; months run 01-12 (YYYY-MM-DD)"
    assert "no month 0" in _error("2026-00-10")


def test_year_zero_does_not_exist() -> None:
    assert "no year 0" in _error("0000-01-01")


@given(day=DAYS, today=DAYS)
def test_iso_round_trip(day: date, today: date) -> None:
    for direction in Direction:
        assert parse(day.isoformat(), today, direction) == day
        assert parse(f" {day.year}-{day.month}-{day.day} ", today, direction) == day


@given(today=DAYS, n=st.integers(0, MAX_DAYS), weeks=st.booleans())
def test_plus_then_minus_is_symmetric(today: date, n: int, weeks: bool) -> None:
    unit = "w" if weeks else "d"
    n = n // 7 if weeks else n
    ahead = parse(f"+{n}{unit}", today, ANY)
    assert parse(f"-{n}{unit}", ahead, ANY) == today
    assert parse(f"in {n}{unit}", today, ANY) == ahead
    assert parse(f"{n}{unit} ago", ahead, ANY) == today
    assert parse(f"-{n}{unit}", today, ANY) == parse(f"{n}{unit} ago", today, ANY)


# -- bad input ----------------------------------------------------------------------------------

BAD = [
    "fooday",
    "3d",
    "3",
    "+3",
    "-3",
    "in 3",
    "3 ago",
    "ago 3d",
    "3x ago",
    "in -3d",
    "+-3d",
    "3.5d ago",
    "3d ago ago",
    "in 3d ago",
    "to day",
    "yesterday!",
    "next",
    "last",
    "last today",
    "next next mon",
    "mondays",
    "mo",
    "2026/03/09",
    "09-03-2026",
    "09/03/2026",
    "20260309",
    "2026-03-09T10:00",
    "2026-03",
    "26-03-09",
    "\u0663d ago",  # an Arabic-Indic digit: digits are 0-9 only
    "3 months ago",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_forms_list_the_accepted_forms(text: str) -> None:
    for direction in Direction:
        message = _error(text, direction=direction)
        assert message == f"{text.strip()!r} is not a date; use {ACCEPTED}"


def test_the_accepted_list_names_every_family_on_one_line() -> None:
    for form in (
        "today",
        "yesterday",
        "tomorrow",
        "3d ago",
        "in 3d",
        "-3d/+3d",
        "mon",
        "last fri",
        "next tue",
        "YYYY-MM-DD",
    ):
        assert form in ACCEPTED
    assert "\n" not in ACCEPTED


def test_the_field_name_leads_the_message() -> None:
    assert _error("fooday", what="the ask date").startswith("the ask date 'fooday' is not a date; use today,")


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_input_says_so(text: str) -> None:
    assert _error(text) == f"the date is empty; use {ACCEPTED}"
    assert _error(text, what="the due date").startswith("the due date is empty; use ")


def test_the_error_is_a_value_error_and_a_clock_error() -> None:
    assert issubclass(DateParseError, ValueError)
    assert issubclass(DateParseError, ClockError)


# -- parse_past / parse_future ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["today", "yesterday", "3d ago", "-2w", "mon", "tue", "sun", "last mon", "2026-03-09", "2024-02-29"]
)
def test_parse_past_accepts_today_and_earlier(text: str) -> None:
    assert parse_past(text, TODAY, "the date") <= TODAY


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("tomorrow", "2026-03-10"),
        ("in 3d", "2026-03-12"),
        ("+1w", "2026-03-16"),
        ("next mon", "2026-03-16"),
        ("2026-03-10", "2026-03-10"),
    ],
)
def test_parse_past_refuses_the_future(text: str, iso: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_past(text, TODAY, "the date")
    assert str(info.value) == f"{iso} is in the future; log what already happened (today is 2026-03-09)"


def test_parse_past_takes_a_hint_and_names_the_field_in_parse_errors() -> None:
    with pytest.raises(DateParseError, match=r"in the future; use today or the day you asked \(today is 2026-03-09\)"):
        parse_past("tomorrow", TODAY, "the ask date", hint="use today or the day you asked")
    with pytest.raises(DateParseError, match=r"^the ask date 'soon' is not a date; use today"):
        parse_past("soon", TODAY, "the ask date")


@pytest.mark.parametrize(
    "text", ["today", "tomorrow", "in 3d", "+2w", "mon", "tue", "sun", "next fri", "2026-03-09", "2028-02-29"]
)
def test_parse_future_accepts_today_and_later(text: str) -> None:
    assert parse_future(text, TODAY, "the snooze date") >= TODAY


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("yesterday", "2026-03-08"),
        ("3d ago", "2026-03-06"),
        ("-1w", "2026-03-02"),
        ("last sun", "2026-03-08"),
        ("2026-03-08", "2026-03-08"),
    ],
)
def test_parse_future_refuses_the_past(text: str, iso: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_future(text, TODAY, "the due date")
    assert str(info.value) == f"{iso} is in the past; pick today or a later day (today is 2026-03-09)"


@given(today=DAYS, weekday=st.sampled_from(WEEKDAY_NAMES))
def test_a_bare_weekday_always_fits_its_field(today: date, weekday: str) -> None:
    assert parse_past(weekday, today) <= today
    assert parse_future(weekday, today) > today


# -- describe ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 9), "Mon 9 Mar 2026 (today)"),
        (date(2026, 3, 8), "Sun 8 Mar 2026 (yesterday)"),
        (date(2026, 3, 10), "Tue 10 Mar 2026 (tomorrow)"),
        (date(2026, 3, 6), "Fri 6 Mar 2026 (3 days ago)"),
        (date(2026, 3, 17), "Tue 17 Mar 2026 (in 8 days)"),
        (date(2026, 3, 7), "Sat 7 Mar 2026 (2 days ago)"),
        (date(2026, 3, 11), "Wed 11 Mar 2026 (in 2 days)"),
        (date(2026, 3, 12), "Thu 12 Mar 2026 (in 3 days)"),
        (date(2025, 12, 31), "Wed 31 Dec 2025 (68 days ago)"),
        (date(2028, 2, 29), "Tue 29 Feb 2028 (in 722 days)"),
    ],
)
def test_describe(day: date, expected: str) -> None:
    assert describe(day, TODAY) == expected


def test_describe_what_a_field_understood() -> None:
    assert describe(parse("fri", TODAY, PAST), TODAY) == "Fri 6 Mar 2026 (3 days ago)"
    assert describe(parse("fri", TODAY, FUTURE), TODAY) == "Fri 13 Mar 2026 (in 4 days)"
    assert describe(parse("yesterday", date(2024, 3, 1), PAST), date(2024, 3, 1)) == "Thu 29 Feb 2024 (yesterday)"


@given(today=DAYS, n=st.integers(2, MAX_DAYS))
def test_describe_reads_back_an_offset(today: date, n: int) -> None:
    assert describe(parse(f"{n}d ago", today, ANY), today).endswith(f" ({n} days ago)")
    assert relative(parse(f"in {n}d", today, ANY), today) == f"in {n} days"
