"""One parser for every date field: forms, the snooze prompt, anything that asks for a day.

Accepted (case and extra whitespace are ignored):

* ``today``, ``yesterday``, ``tomorrow``
* ``3d ago`` / ``3 days ago`` / ``1 day ago``, ``in 3d`` / ``in 3 days``, ``-3d`` / ``+3d``;
  weeks the same way: ``2w ago``, ``in 2 weeks``, ``+2w``. At most 3650 days either way.
* a weekday, full or short (``monday``, ``mon``, ``tues``, ``thurs``), optionally
  prefixed ``last`` or ``next``
* ``YYYY-MM-DD`` (one-digit month and day are tolerated: ``2026-3-9``)

The weekday rule, which depends on the kind of field (:class:`Direction`):

* ``last mon`` is always the Monday strictly before today (1-7 days back) and ``next mon``
  the Monday strictly after today (1-7 days ahead), in any field.
* In a PAST field a bare ``mon`` is the most recent Monday, *today included* (0-6 days back):
  logging usually happens on the day, and typing the weekday you see in your calendar must
  not silently backdate the entry by a week. Say ``last mon`` for the week before.
* In a FUTURE field a bare ``mon`` is the next Monday *after* today (1-7 days ahead): a snooze
  or due date of today would do nothing, so the coming one is meant. Say ``today`` for today.
* In an ANY field a bare weekday is refused as ambiguous; the message asks for last/next.

``today`` is always an argument; nothing here reads the wall clock (see ``clock.Clock``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum

from referral_tui.domain.clock import ClockError

MAX_DAYS = 3650
ACCEPTED = "today, yesterday, tomorrow, 3d ago, in 3d, -3d/+3d, a weekday (mon, last fri, next tue) or YYYY-MM-DD"

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_SHORT = tuple(name[:3] for name in WEEKDAY_NAMES)
_MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(WEEKDAY_NAMES):
    _WEEKDAYS[_name.lower()] = _i
    _WEEKDAYS[_name[:3].lower()] = _i
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_NAMED = {"today": 0, "yesterday": -1, "tomorrow": 1}
_UNIT = r"(?P<unit>d|days?|w|wks?|weeks?)"
_AGO = re.compile(rf"^(?P<n>[0-9]+) ?{_UNIT} ago$")
_IN = re.compile(rf"^in ?(?P<n>[0-9]+) ?{_UNIT}$")
_SIGNED = re.compile(rf"^(?P<sign>[+-]) ?(?P<n>[0-9]+) ?{_UNIT}$")
_WEEKDAY = re.compile(r"^(?:(?P<which>last|next) )?(?P<day>[a-z]+)$")
_ISO = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})$")


class Direction(StrEnum):
    """Which way a date field looks; it decides what a bare weekday means."""

    PAST = "past"  # an interaction's date, an ask date
    FUTURE = "future"  # a due date, a snooze date
    ANY = "any"  # a plan start, anything that may lie either side


class DateParseError(ClockError):
    """The text is not a date this app understands; the message lists the accepted forms.

    A ClockError (and so a ValueError), so callers that catch ClockError from
    ``clock.parse_day`` keep working when they switch to this parser.
    """


def _subject(text: str, what: str) -> str:
    return f"{what} {text.strip()!r}" if what else repr(text.strip())


def _offset(text: str, what: str, n: str, unit: str, sign: int) -> int:
    days = int(n) * (7 if unit.startswith("w") else 1)
    if days > MAX_DAYS:
        raise DateParseError(
            f"{_subject(text, what)} is too far; use at most {MAX_DAYS} days (about 10 years) either way"
        )
    return sign * days


def _iso(text: str, what: str, y: int, m: int, d: int) -> date:
    subject = _subject(text, what)
    if y < 1:
        raise DateParseError(f"{subject} is not a date: there is no year 0; use YYYY-MM-DD with a year from 0001")
    if not 1 <= m <= 12:
        raise DateParseError(f"{subject} is not a date: there is no month {m}; months run 01-12 (YYYY-MM-DD)")
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        month = f"{calendar.month_name[m]} {y}"
        raise DateParseError(f"{subject} is not a date: {month} has no day {d} (it has days 1-{last})")
    return date(y, m, d)


def _weekday(text: str, what: str, today: date, direction: Direction, which: str | None, weekday: int) -> date:
    back = (today.weekday() - weekday) % 7  # 0-6 days back to the most recent one, today included
    ahead = (weekday - today.weekday()) % 7  # 0-6 days ahead to the next one, today included
    if which == "last":
        return today - timedelta(days=back or 7)
    if which == "next":
        return today + timedelta(days=ahead or 7)
    if direction is Direction.PAST:
        return today - timedelta(days=back)
    if direction is Direction.FUTURE:
        return today + timedelta(days=ahead or 7)
    short = _WEEKDAY_SHORT[weekday].lower()
    raise DateParseError(
        f"{_subject(text, what)} could be last or next {WEEKDAY_NAMES[weekday]}; type last {short} or next {short}"
    )


def parse(text: str, today: date, direction: Direction, what: str = "") -> date:
    """The day ``text`` names, relative to ``today``, for a field looking ``direction``.

    ``what`` names the field in messages ("the ask date"). Raises DateParseError saying what
    is wrong and listing the accepted forms. It does not refuse a future date in a past
    field (or the reverse): ``parse_past`` and ``parse_future`` do that.
    """
    norm = " ".join(text.replace("\u2212", "-").casefold().split())
    if not norm:
        raise DateParseError(f"{what or 'the date'} is empty; use {ACCEPTED}")
    result: date | int | None = None
    if norm in _NAMED:
        result = _NAMED[norm]
    elif m := _AGO.match(norm):
        result = _offset(text, what, m["n"], m["unit"], -1)
    elif m := _IN.match(norm):
        result = _offset(text, what, m["n"], m["unit"], 1)
    elif m := _SIGNED.match(norm):
        result = _offset(text, what, m["n"], m["unit"], -1 if m["sign"] == "-" else 1)
    elif (m := _WEEKDAY.match(norm)) and m["day"] in _WEEKDAYS:
        result = _weekday(text, what, today, direction, m["which"], _WEEKDAYS[m["day"]])
    elif m := _ISO.match(norm):
        result = _iso(text, what, int(m["y"]), int(m["m"]), int(m["d"]))
    if result is None:
        raise DateParseError(f"{_subject(text, what)} is not a date; use {ACCEPTED}")
    if isinstance(result, date):
        return result
    try:
        return today + timedelta(days=result)
    except OverflowError:
        raise DateParseError(f"{_subject(text, what)} falls outside the calendar (years 0001-9999)") from None


def parse_past(text: str, today: date, what: str = "", hint: str = "log what already happened") -> date:
    """A day that is not after ``today`` (things logged have happened); like ``clock.parse_past_day``."""
    day = parse(text, today, Direction.PAST, what)
    if day > today:
        raise DateParseError(f"{day.isoformat()} is in the future; {hint} (today is {today.isoformat()})")
    return day


def parse_future(text: str, today: date, what: str = "", hint: str = "pick today or a later day") -> date:
    """A day that is not before ``today``, for due dates and snoozes."""
    day = parse(text, today, Direction.FUTURE, what)
    if day < today:
        raise DateParseError(f"{day.isoformat()} is in the past; {hint} (today is {today.isoformat()})")
    return day


def relative(day: date, today: date) -> str:
    """``today``, ``yesterday``, ``tomorrow``, ``3 days ago`` or ``in 8 days``."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    return f"{-delta} days ago" if delta < 0 else f"in {delta} days"


def describe(day: date, today: date) -> str:
    """The day a field understood, to show beside it before saving: ``Fri 6 Mar 2026 (3 days ago)``.

    English names on purpose, not ``strftime``: the output must not depend on the locale.
    """
    weekday = _WEEKDAY_SHORT[day.weekday()]
    return f"{weekday} {day.day} {_MONTH_SHORT[day.month - 1]} {day.year} ({relative(day, today)})"
