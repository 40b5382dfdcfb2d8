"""A suggested relationship strength (1-5) from the history of exchanges with one person.

The input is a list of dated exchanges (messages), each ``in`` (they wrote) or ``out`` (you
wrote), with the conversation it belongs to. Exchanges are taken in date order (same-day ones
in the order given). Within a conversation, an exchange is a *two-way exchange* when it
answers the previous one, that is when its direction differs from the exchange before it in
that conversation. Whoever wrote a conversation's first exchange *started* it.

The rule, in points:

=============================================  ======
last two-way exchange                          points
=============================================  ======
0 to 30 days ago                               3
31 to 180 days ago                             2
more than 180 days ago                         1
=============================================  ======

plus 1 point for 3 or more two-way exchanges in all, and 1 point when they started at least
one conversation. The rating is the sum, kept within 1 to 5. A history with exchanges but
no two-way exchange (nobody ever answered) rates 1, and an empty history gives None: there
is nothing to suggest. Exchanges dated after today count as today.

The reason is one line such as ``4: 5 two-way exchanges, the last 12 days ago``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

Direction = Literal["in", "out"]

RECENT_DAYS = 30
MONTHS_DAYS = 180
MANY_EXCHANGES = 3
LOWEST, HIGHEST = 1, 5


@dataclass(frozen=True)
class Exchange:
    """One message: when, which way, and the conversation it is part of ("" for one shared thread)."""

    on: date
    direction: Direction
    conversation: str = ""


@dataclass(frozen=True)
class Strength:
    rating: int  # 1-5
    reason: str  # one line, starting with the rating


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def recency_points(days: int) -> int:
    """Points for how long ago the last two-way exchange was (the table of the module docstring)."""
    if days <= RECENT_DAYS:
        return 3
    if days <= MONTHS_DAYS:
        return 2
    return 1


def suggest_strength(history: Iterable[Exchange], today: date) -> Strength | None:
    """The suggested rating and why, by the rule of the module docstring; None without history."""
    exchanges = sorted(history, key=lambda e: e.on)
    if not exchanges:
        return None
    previous: dict[str, Direction] = {}
    they_started = two_way = 0
    last_two_way: date | None = None
    for exchange in exchanges:
        before = previous.get(exchange.conversation)
        if before is None:
            they_started += exchange.direction == "in"
        elif before != exchange.direction:
            two_way += 1
            last_two_way = exchange.on
        previous[exchange.conversation] = exchange.direction
    if last_two_way is None:
        sent = sum(e.direction == "out" for e in exchanges)
        return Strength(LOWEST, f"{LOWEST}: no two-way exchange yet ({sent} sent, {len(exchanges) - sent} received)")
    days = max(0, (today - last_two_way).days)
    rating = recency_points(days) + (two_way >= MANY_EXCHANGES) + (they_started > 0)
    rating = max(LOWEST, min(HIGHEST, rating))
    reason = f"{rating}: {_plural(two_way, 'two-way exchange')}, the last {_ago(days)}"
    if they_started:
        reason += f"; they started {_plural(they_started, 'conversation')}"
    return Strength(rating, reason)
