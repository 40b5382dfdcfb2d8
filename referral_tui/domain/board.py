"""What the board shows, computed from records: pure data, no Textual.

Keeping this here lets unit tests check card contents, filtering and the next follow-up
without a screen, and keeps the widget a thin renderer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from referral_tui.domain import search
from referral_tui.domain.matrix import clears_threshold
from referral_tui.domain.records import ASK_STATUSES, PHASES, Ask, Company, Contact, FollowUp, Phase, order_key


@dataclass(frozen=True)
class Card:
    """One referrer as a card on the board."""

    contact_id: int
    name: str
    company: str
    title: str
    total: int | None
    next_due: date | None
    overdue: bool
    ask_status: str = ""
    tags: tuple[str, ...] = ()
    coached: bool = False  # the coach has something to say about this referrer
    #: In Timing: the newest open role at the company that still counts as a signal, and how
    #: many more there are (roles.current_roles).
    open_role: str = ""
    more_roles: int = 0

    @property
    def worth_asking(self) -> bool:
        return clears_threshold(self.total)


def matches(contact: Contact, company: str, query: str) -> bool:
    """The board's filter: ``search.matches`` on the name, the company and the tags."""
    if not query.strip():
        return True
    return search.matches(search.haystack(contact.name, company, tags=contact.tags), query)


def build_columns(
    contacts: Iterable[Contact],
    companies: dict[int, Company] | dict[int, str],
    followups: Iterable[FollowUp],
    asks: Iterable[Ask],
    today: date,
    query: str = "",
    coached: set[int] | frozenset[int] = frozenset(),
) -> dict[Phase, list[Card]]:
    """Cards per phase, in the order referrers were added, narrowed by ``query``."""
    next_due: dict[int, date] = {}
    for f in followups:
        if f.is_open and (f.contact_id not in next_due or f.due < next_due[f.contact_id]):
            next_due[f.contact_id] = f.due
    latest_ask: dict[int, Ask] = {}
    for a in asks:
        if a.contact_id not in latest_ask or (a.day, a.id) > (
            latest_ask[a.contact_id].day,
            latest_ask[a.contact_id].id,
        ):
            latest_ask[a.contact_id] = a
    columns: dict[Phase, list[Card]] = {p: [] for p in PHASES}
    for c in sorted(contacts, key=lambda c: order_key(c.id)):
        if c.phase is None or c.archived:
            continue
        company = companies.get(c.company_id or 0, "") if c.company_id else ""
        name = company if isinstance(company, str) else company.name
        if not matches(c, name, query):
            continue
        due = next_due.get(c.id)
        ask = latest_ask.get(c.id) if c.phase is Phase.ASK else None
        columns[c.phase].append(
            Card(
                contact_id=c.id,
                name=c.name,
                company=name,
                title=c.title,
                total=c.total,
                next_due=due,
                overdue=due is not None and due < today,
                ask_status=ASK_STATUSES.get(ask.status, ask.status) if ask else "",
                tags=tuple(c.tags),
                coached=c.id in coached,
            )
        )
    return columns
