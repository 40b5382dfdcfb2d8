"""The forms' validators read dates by the one rule the date fields use (``dates.parse_past``):
what a field accepts the validator accepts, with the same day and the same message.

Today is Mon 9 Mar 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from referral_tui.domain import validation
from referral_tui.domain.dates import DateParseError, parse_past

TODAY = date(2026, 3, 9)
ASK = {"role_title": "Staff SRE", "role_url": "", "resume_url": "", "why_role": ""}

PAST_DAYS = [
    ("today", date(2026, 3, 9)),
    ("yesterday", date(2026, 3, 8)),
    ("3d ago", date(2026, 3, 6)),
    ("1 day ago", date(2026, 3, 8)),
    ("2w ago", date(2026, 2, 23)),
    ("-3d", date(2026, 3, 6)),
    ("fri", date(2026, 3, 6)),
    ("mon", date(2026, 3, 9)),  # a bare weekday in a past field: today included
    ("last mon", date(2026, 3, 2)),
    ("  Yesterday ", date(2026, 3, 8)),
    ("2026-03-09", date(2026, 3, 9)),
    ("2026-02-28", date(2026, 2, 28)),
    ("2026-3-1", date(2026, 3, 1)),
]
FUTURE = ["tomorrow", "in 3d", "+2w", "next mon", "2026-03-10"]
NOT_DATES = ["", "soonish", "2026-02-30", "2026-13-01", "09/03/2026"]


def ask_day(text: str) -> tuple[date | None, validation.Errors]:
    return validation.ask_errors(ASK | {"day": text}, [], TODAY)


def interaction_day(text: str) -> tuple[date | None, validation.Errors]:
    return validation.interaction_errors(text, TODAY, "coffee", False, "")


@pytest.mark.parametrize(("text", "day"), PAST_DAYS)
def test_relative_and_iso_days_validate_in_both_forms(text: str, day: date) -> None:
    assert ask_day(text) == (day, {})
    assert interaction_day(text) == (day, {})


@pytest.mark.parametrize("text", FUTURE)
def test_a_day_after_today_is_refused_saying_what_to_do(text: str) -> None:
    day, errors = ask_day(text)
    assert day is None and set(errors) == {"day"}
    assert errors["day"].endswith("is in the future; use today or the day you asked (today is 2026-03-09)")
    day, errors = interaction_day(text)
    assert day is None and set(errors) == {"day"}
    assert errors["day"].endswith("is in the future; log what already happened (today is 2026-03-09)")


@pytest.mark.parametrize("text", NOT_DATES)
def test_text_that_is_no_date_is_refused_listing_what_is_allowed(text: str) -> None:
    for day, errors in (ask_day(text), interaction_day(text)):
        assert day is None and set(errors) == {"day"}
        assert "today, yesterday" in errors["day"] or "is not a date:" in errors["day"], errors["day"]


@pytest.mark.parametrize("text", [t for t, _ in PAST_DAYS] + FUTURE + NOT_DATES)
def test_the_validators_and_the_date_fields_parser_agree(text: str) -> None:
    """The ask form's date field reads with parse_past(text, today, ASK_DATE, ASK_DATE_HINT):
    the validator gives the same day, or the same message."""
    try:
        expected: date | str = parse_past(text, TODAY, validation.ASK_DATE, validation.ASK_DATE_HINT)
    except DateParseError as exc:
        expected = str(exc)
    day, errors = ask_day(text)
    assert (day if day is not None else errors["day"]) == expected
    try:
        expected = parse_past(text, TODAY, validation.INTERACTION_DATE, validation.INTERACTION_DATE_HINT)
    except DateParseError as exc:
        expected = str(exc)
    day, errors = interaction_day(text)
    assert (day if day is not None else errors["day"]) == expected


def test_the_messages_name_the_field() -> None:
    assert ask_day("soonish")[1]["day"].startswith("the ask date 'soonish' is not a date; use today, yesterday")
    assert interaction_day("soonish")[1]["day"].startswith("the date 'soonish' is not a date; use today, yesterday")
    assert ask_day("2026-02-30")[1]["day"] == (
        "the ask date '2026-02-30' is not a date: February 2026 has no day 30 (it has days 1-28)"
    )


def test_a_bad_date_does_not_hide_the_other_problems() -> None:
    day, errors = validation.ask_errors(ASK | {"role_title": "", "day": "tomorrow"}, list("123456"), TODAY)
    assert day is None and set(errors) == {"role_title", "day", "points"}
    day, errors = validation.interaction_errors("3d ago", TODAY, "x" * 501, True, "")
    assert day == date(2026, 3, 6) and set(errors) == {"summary", "insider_text"}


def test_the_packet_form_still_validates_a_stored_ask_day() -> None:
    """The packet form passes the stored ask's day as YYYY-MM-DD, against max(today, that day)."""
    later = date(2026, 3, 12)
    assert validation.ask_errors(ASK | {"day": later.isoformat()}, ["a", "b", "c"], max(TODAY, later)) == (later, {})
