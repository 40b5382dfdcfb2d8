"""The injectable clock: REFERRAL_TUI_TODAY freezes the date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from referral_tui.domain.clock import TODAY_ENV, ClockError, FixedClock, SystemClock, clock_from_env, parse_day


def test_env_name() -> None:
    assert TODAY_ENV == "REFERRAL_TUI_TODAY"


@pytest.mark.parametrize("environ", [{}, {TODAY_ENV: ""}, {TODAY_ENV: "   "}, {"OTHER": "2026-03-09"}])
def test_without_the_setting_the_system_clock_is_used(environ: dict[str, str]) -> None:
    clock = clock_from_env(environ)
    assert isinstance(clock, SystemClock)
    assert abs(clock.today() - date.today()) <= timedelta(days=1)


@pytest.mark.parametrize("value", ["2026-03-09", "  2026-03-09  ", "2026-03-09\n"])
def test_with_the_setting_the_date_is_frozen(value: str) -> None:
    clock = clock_from_env({TODAY_ENV: value})
    assert clock == FixedClock(date(2026, 3, 9))
    assert clock.today() == date(2026, 3, 9)


def test_leap_day_is_accepted() -> None:
    assert clock_from_env({TODAY_ENV: "2028-02-29"}).today() == date(2028, 2, 29)


@pytest.mark.parametrize(
    "value", ["tomorrow", "2026-13-01", "2026-02-30", "2027-02-29", "09/03/2026", "2026-3-9x", "x"]
)
def test_invalid_values_raise_clock_error_with_hint(value: str) -> None:
    with pytest.raises(ClockError) as info:
        clock_from_env({TODAY_ENV: value})
    message = str(info.value)
    assert "YYYY-MM-DD" in message
    assert TODAY_ENV in message
    assert repr(value.strip()) in message


def test_clock_error_is_a_value_error() -> None:
    assert issubclass(ClockError, ValueError)


def test_parse_day_names_what_was_parsed() -> None:
    assert parse_day(" 2026-03-09 ") == date(2026, 3, 9)
    with pytest.raises(ClockError, match=r"^due date 'soon' is not a date; use YYYY-MM-DD"):
        parse_day("soon", "due date")


def test_fixed_clock_now_is_on_that_day() -> None:
    clock = FixedClock(date(2026, 3, 9))
    now = clock.now()
    assert now.date() == date(2026, 3, 9)
    assert now == datetime(2026, 3, 9, 12, tzinfo=UTC)
    assert now.tzinfo is not None
    assert now.astimezone(UTC).date() == clock.today()


def test_system_clock_now_is_aware_and_whole_seconds() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None
    assert now.microsecond == 0
