"""The relationship-building rhythm: when a relationship is built enough to move on, and when
a referrer has gone quiet for too long.

METHOD.md builds before asking: engage with someone's posts for 2 to 3 weeks, share insight,
then have a short call. Here a Relationship referrer is *ready for Timing* once a call (or
coffee) is logged, or after ``READY_INTERACTIONS`` interactions spread over at least
``READY_SPAN_DAYS`` days. (One event meeting is a start, not a relationship.) A referrer on the board with no interaction for
``STAY_IN_TOUCH_DAYS`` is due a word; the clock restarts at each interaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from referral_tui.domain.records import Interaction, InteractionKind

#: Interactions, over at least this many days, that make a relationship without a call.
READY_INTERACTIONS = 3
READY_SPAN_DAYS = 14
#: Kinds that are a first conversation (the plan's week 3 counts them).
CONVERSATIONS = frozenset({InteractionKind.CALL, InteractionKind.EVENT})
#: The kind that is enough on its own to move on: the short call.
CALLS = frozenset({InteractionKind.CALL})
#: Kinds that are no engagement of the user's (an accepted LinkedIn invitation).
NOT_ENGAGEMENT = frozenset({InteractionKind.CONNECTED})
#: Days without an interaction after which a board referrer is due a word (the default of the
#: ``stay_in_touch_days`` setting).
STAY_IN_TOUCH_DAYS = 30


@dataclass(frozen=True)
class Engagement:
    """What has been built with one person so far."""

    count: int
    first: date | None
    last: date | None
    call: date | None

    @property
    def span_days(self) -> int:
        return (self.last - self.first).days if self.first and self.last else 0

    @property
    def ready(self) -> bool:
        """Enough to move from Relationship to Timing (the module docstring's rule)."""
        return self.call is not None or (self.count >= READY_INTERACTIONS and self.span_days >= READY_SPAN_DAYS)

    def text(self) -> str:
        """The evidence in a few words: "3 interactions over 16 days", "2 interactions, a call on 4 Mar"."""
        if not self.count:
            return "no interaction logged"
        if self.count == 1:
            return f"1 interaction, a call on {self.call.day} {self.call:%b}" if self.call else "1 interaction"
        said = f"{self.count} interactions over {self.span_days} day{'s' if self.span_days != 1 else ''}"
        return f"{said}, a call on {self.call.day} {self.call:%b}" if self.call else said


def engagement(interactions: Iterable[Interaction]) -> Engagement:
    """The engagement in one person's interactions (deleted ones and LinkedIn invites left out)."""
    mine = [i for i in interactions if not i.archived and i.kind not in NOT_ENGAGEMENT]
    days = [i.day for i in mine]
    return Engagement(
        count=len(mine),
        first=min(days, default=None),
        last=max(days, default=None),
        call=max((i.day for i in mine if i.kind in CALLS), default=None),
    )


def last_contact(interactions: Iterable[Interaction]) -> date | None:
    """The day of the newest interaction (any kind), or None."""
    return max((i.day for i in interactions if not i.archived), default=None)
