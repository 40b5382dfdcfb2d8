"""Files written from the campaign for other tools: calendars now, JSON and CSV later.

Exports are private like the data file: written atomically, owner-only (0600).
"""

from __future__ import annotations

from pathlib import Path

from referral_tui import __version__
from referral_tui.domain import ics, schedule
from referral_tui.store.files import atomic_write
from referral_tui.store.repository import Repository


def followup_events(repo: Repository) -> list[ics.Event]:
    """Every open follow-up of an active referrer, as a calendar event with its message."""
    contacts = {c.id: c for c in repo.contacts()}
    companies = repo.company_names()
    events = []
    for f in sorted(repo.followups(), key=lambda f: (f.due, f.id)):
        contact = contacts.get(f.contact_id)
        if contact is None:
            continue
        where = companies.get(contact.company_id or 0, "")
        who = f"{contact.name} @ {where}" if where else contact.name
        message = repo.render_message(contact.id, f.template).text if f.template else ""
        description = f"{schedule.label(f.kind)} with {who}.\n\n{message}".strip()
        events.append(
            ics.Event(
                uid=f"followup-{f.id}-{f.created_at[:10]}@referral-tui",
                day=f.due,
                summary=f"{schedule.label(f.kind, short=True)}: {who}",
                description=description,
            )
        )
    return events


def write_ics(repo: Repository, out: Path) -> int:
    """Write every open follow-up to ``out``; returns how many events were written."""
    events = followup_events(repo)
    text = ics.calendar(events, "Referral follow-ups", f"referral-tui//referral-tui {__version__}", repo.clock.now())
    atomic_write(out, text.encode("utf-8"))
    return len(events)
