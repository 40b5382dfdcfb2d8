"""Actions on one referrer shared by the board and the detail screen.

Each opens its form, saves through the session when the form returns a value, and then
calls ``refresh`` so the calling screen redraws.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from referral_tui.domain import coach
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, Interaction, InteractionKind
from referral_tui.ui.session import Session

# The forms are imported when first opened: the board should paint without loading them.

Refresh = Callable[[], None]


def score(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.forms.score import ScoreForm

    contact = session.repo.contact(contact_id)

    def done(entry: ScoreEntry | None) -> None:
        if entry and session.save(lambda r: r.score(contact_id, entry)) is not None:
            verdict = "clears 12" if entry.worth_asking else "is under 12"
            screen.notify(f"Scored {contact.name} {entry.total}/20 ({verdict}). u undoes.")
            refresh()

    screen.app.push_screen(ScoreForm(contact.name, session.today, contact.score), done)


def log_interaction(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.forms.interaction import InteractionForm

    contact = session.repo.contact(contact_id)

    def done(interaction: Interaction | None) -> None:
        if interaction and session.save(lambda r: r.log_interaction(interaction)) is not None:
            extra = " A follow-up is due within 48 hours." if interaction.kind is InteractionKind.EVENT else ""
            screen.notify(f"Logged with {contact.name}.{extra} u undoes.")
            refresh()

    screen.app.push_screen(InteractionForm(contact_id, contact.name, session.today), done)


def ask(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.forms.ask import AskForm

    repo = session.repo
    contact = repo.contact(contact_id)
    company = repo.company(contact.company_id).name if contact.company_id else ""

    def done(new_ask: Ask | None) -> None:
        if new_ask is None:
            return
        saved = session.save(lambda r: r.add_ask(new_ask))
        if saved is not None:
            dates = ", ".join(f"{f.due:%d %b}" for f in repo.followups() if f.ask_id == saved.id)
            gap = "" if saved.has_context_packet else " The context packet is incomplete: the coach will remind you."
            screen.notify(f"Asked {contact.name}. Follow-ups: {dates}.{gap} u undoes.")
            refresh()

    notes = coach.before_ask(repo.coach_data(session.today), contact_id)
    form = AskForm(
        contact, company, repo.message_values(contact_id), repo.template("referral_ask").body, session.today, notes
    )
    screen.app.push_screen(form, done)


def messages(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.screens.messages import MessageScreen

    screen.app.push_screen(MessageScreen(session, contact_id), lambda _: refresh())


def edit_notes(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.editor import edit_long_text

    contact = session.repo.contact(contact_id)

    def done(text: str) -> None:
        if session.save(lambda r: r.set_notes(contact, text)):
            screen.notify("Notes saved. u undoes.")
            refresh()

    edit_long_text(screen.app, f"Notes on {contact.name}", contact.notes, done)
