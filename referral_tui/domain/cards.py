"""What one board card shows, built for one referrer at a time.

The board at 10,000 referrers shows about forty cards, so cards are made for the rows on
screen only, from the referrer, their company's name, their next open follow-up and their
newest ask. These functions are the rules; ``domain/board.py`` keeps the card type.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from referral_tui.domain.board import Card
from referral_tui.domain.records import ASK_STATUSES, Contact, Phase, order_key
from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS, current_roles


def make_card(
    contact: Contact,
    company: str,
    next_due: date | None,
    ask_status: str,
    today: date,
    coached: bool = False,
    roles: tuple[str, ...] = (),
) -> Card:
    """The card of one referrer on the board (``ask_status`` is shown in the Ask column only,
    the company's current open ``roles`` in the Timing column only: they are what the referrer
    is waiting for)."""
    timing = contact.phase is Phase.TIMING and bool(roles)
    return Card(
        contact_id=contact.id,
        name=contact.name,
        company=company,
        title=contact.title,
        total=contact.total,
        next_due=next_due,
        overdue=next_due is not None and next_due < today,
        ask_status=ASK_STATUSES.get(ask_status, ask_status) if contact.phase is Phase.ASK and ask_status else "",
        tags=tuple(contact.tags),
        coached=coached,
        open_role=roles[0] if timing else "",
        more_roles=len(roles) - 1 if timing else 0,
    )


def timing_roles(open_roles: object, today: date, max_age: int = ROLE_MAX_AGE_DAYS) -> tuple[str, ...]:
    """The titles of a company's roles that count as timing signals now, newest first, from
    the stored ``open_roles`` field (anything that is not a list of dicts counts as none)."""
    if not isinstance(open_roles, list):
        return ()
    stored = [r for r in open_roles if isinstance(r, dict)]
    return tuple(r.title or "an open role" for r in current_roles(stored, today, max_age))


def next_due_dates(open_followups: Iterable[tuple[int, date]]) -> dict[int, date]:
    """Each referrer's earliest open follow-up, from (contact id, due) of the open ones."""
    earliest: dict[int, date] = {}
    for contact_id, due in open_followups:
        if contact_id not in earliest or due < earliest[contact_id]:
            earliest[contact_id] = due
    return earliest


def newest_ask_statuses(asks: Iterable[tuple[int, date, int, str]]) -> dict[int, str]:
    """Each referrer's newest ask's status, from (contact id, day, ask id, status)."""
    newest: dict[int, tuple[date, tuple[int, int], str]] = {}
    for contact_id, day, ask_id, status in asks:
        key = (day, order_key(ask_id))
        if contact_id not in newest or key > newest[contact_id][:2]:
            newest[contact_id] = (day, order_key(ask_id), status)
    return {contact_id: status for contact_id, (_, _, status) in newest.items()}
