"""One injectable source of "today", so demos and tests can freeze time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

TODAY_ENV = "REFERRAL_TUI_TODAY"


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped on one day (at noon UTC), for demos, screenshots and tests."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 12, tzinfo=UTC)


class ClockError(ValueError):
    """The frozen-date setting is not a valid date."""


def parse_day(text: str, what: str = "date") -> date:
    """Parse YYYY-MM-DD with a message that says what is allowed."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(f"{what} {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-09") from None


def parse_past_day(text: str, today: date, what: str, hint: str) -> date:
    """A YYYY-MM-DD date that is not after ``today`` (things logged have happened)."""
    day = parse_day(text, what)
    if day > today:
        raise ClockError(f"{day.isoformat()} is in the future; {hint} (today is {today.isoformat()})")
    return day


def clock_from_env(environ: Mapping[str, str] | None = None) -> Clock:
    """A FixedClock when REFERRAL_TUI_TODAY is set, else the system clock."""
    env = os.environ if environ is None else environ
    value = env.get(TODAY_ENV, "").strip()
    if not value:
        return SystemClock()
    return FixedClock(parse_day(value, TODAY_ENV))
