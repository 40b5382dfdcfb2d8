"""Actions shared by the board, the detail screen, Today and the metrics screen's coach tab.

Each opens its form, saves through the session when the form returns a value, and then
calls ``refresh`` so the calling screen redraws. ``open_fix`` opens the place that fixes a
coach finding (the packet form, the company's research, the interaction or score form, or
the person).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.screen import Screen

from referral_tui.domain import coach
from referral_tui.domain.coach_data import Finding, Fix
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.packet import Packet
from referral_tui.domain.records import Ask, Company, Contact, Interaction, InteractionKind
from referral_tui.domain.roles import Role, RoleStatus
from referral_tui.ui.session import Session

# The forms are imported when first opened: the board should paint without loading them.

Refresh = Callable[[], None]


def _nothing() -> None:
    return None


def known_names(session: Session) -> tuple[list[str], list[str]]:
    """The company names and tags already in the campaign, for completion in the forms (read
    from the stored fields: no record is built)."""
    repo = session.repo
    companies = sorted(set(repo.company_names().values()), key=str.casefold)
    tags: set[str] = set()
    for _cid, stored in repo.columns_by_id(Contact, "tags"):
        if isinstance(stored, list):
            tags.update(str(t) for t in stored if t)
    return companies, sorted(tags, key=str.casefold)


def known_people(session: Session) -> list[tuple[str, str]]:
    """(name, company) of everyone in the campaign, archived people left out (from the stored
    fields: no record is built)."""
    companies = session.repo.company_names()
    return [
        (str(name), companies.get(company_id, "") if isinstance(company_id, int) else "")
        for _cid, name, company_id, archived in session.repo.columns_by_id(Contact, "name", "company_id", "archived")
        if not archived
    ]


def snooze_until(screen: Screen[Any], session: Session, what: str, start: date, done: Callable[[int], None]) -> None:
    """Ask until which day to snooze (a date, ``+3d``, ``fri``, or a number of days) and call
    ``done`` with the days past ``start`` (today, or a later due day: ``followups.snooze``)."""
    from referral_tui.domain.followups import MAX_SNOOZE_DAYS
    from referral_tui.ui.forms.prompt import DatePrompt

    today = session.today
    start = max(start, today)
    prompt = DatePrompt.snooze(what, today, session.config.snooze_days, MAX_SNOOZE_DAYS, start=start)

    def chosen(day: date | None) -> None:
        if day is not None:
            done((day - start).days)

    screen.app.push_screen(prompt, chosen)


def score(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh) -> None:
    from referral_tui.ui.forms.score import ScoreForm

    contact = session.repo.contact(contact_id)

    def done(entry: ScoreEntry | None) -> None:
        if entry and session.save(lambda r: r.score(contact_id, entry)) is not None:
            verdict = "clears 12" if entry.worth_asking else "is under 12"
            screen.notify(f"Scored {contact.name} {entry.total}/20 ({verdict}). u undoes.")
            refresh()

    suggested = session.repo.suggested_strength(contact_id, session.today)
    screen.app.push_screen(ScoreForm(contact.name, session.today, contact.score, suggested_strength=suggested), done)


def log_interaction(
    screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh, kind: InteractionKind | None = None
) -> None:
    """The interaction form (of ``kind``, by default a message); the caller's ``refresh`` after saving."""
    from referral_tui.ui.forms.interaction import InteractionForm

    contact = session.repo.contact(contact_id)

    def done(interaction: Interaction | None) -> None:
        if interaction and session.save(lambda r: r.log_interaction(interaction)) is not None:
            extra = " A follow-up is due within 48 hours." if interaction.kind is InteractionKind.EVENT else ""
            screen.notify(f"Logged with {contact.name}.{extra} u undoes.")
            refresh()

    form = InteractionForm(contact_id, contact.name, session.today, kind=(kind or InteractionKind.MESSAGE).value)
    screen.app.push_screen(form, done)


def session_roles(session: Session, company_id: int | None) -> list[Role]:
    """The company's open roles that count as timing signals under the user's ``role_max_age_days``."""
    if company_id is None:
        return []
    return session.repo.current_roles(company_id, session.today, session.config.role_max_age_days)


def ask(
    screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh, role_title: str = "", role_url: str = ""
) -> None:
    """The ask form; with ``role_title``/``role_url`` (a Today row's open role) that role is filled in."""
    from referral_tui.ui.forms.ask import AskForm

    repo = session.repo
    contact = repo.contact(contact_id)
    company = repo.company(contact.company_id).name if contact.company_id else ""

    def done(new_ask: Ask | None) -> None:
        if new_ask is None:
            return
        saved = session.save(lambda r: r.add_ask(new_ask))
        if saved is not None:
            dates = ", ".join(f"{f.due:%d %b}" for f in repo.ask_followups(saved.id, open_only=True))
            gap = "" if saved.has_context_packet else " The context packet is incomplete: the coach will remind you."
            screen.notify(f"Asked {contact.name}. Follow-ups: {dates}.{gap} u undoes.")
            refresh()

    data = repo.coach_data(session.today)
    notes = coach.before_ask(data, contact_id)
    roles = session_roles(session, contact.company_id)
    wanted = [r for r in roles if r.title == role_title and r.url == role_url]
    form = AskForm(
        contact,
        company,
        repo.message_values(contact_id),
        repo.template("referral_ask").body,
        session.today,
        notes,
        coach_data=data,
        roles=roles,
        role=wanted[0] if wanted else Role(role_title, role_url, None, RoleStatus.OPEN) if role_title else None,
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


def research(screen: Screen[Any], session: Session, company_id: int, refresh: Refresh) -> None:
    """The company's research form (fit, decision makers, challenges, angle, open roles)."""
    from referral_tui.ui.forms.company import CompanyForm

    repo = session.repo
    company = repo.company(company_id)
    taken = {c.name.casefold() for c in repo.companies(include_archived=True) if c.id != company.id}

    def done(edited: Company | None) -> None:
        if edited and session.save(lambda r: r.edit_company(company, edited)) is not None:
            screen.notify(f"Saved the research on {edited.name}. u undoes.")
            refresh()

    known, _tags = known_names(session)
    screen.app.push_screen(CompanyForm(company, session.today, taken, known_companies=known), done)


def edit_packet(screen: Screen[Any], session: Session, ask_id: int, refresh: Refresh) -> None:
    """Add or edit an ask's context packet after the ask (``repo.edit_packet``)."""
    from referral_tui.ui.forms.packet import PacketForm

    repo = session.repo
    original = repo.ask(ask_id)
    who = repo.contact(original.contact_id).name

    def done(packet: Packet | None) -> None:
        if packet is None:
            return
        saved = session.save(lambda r: r.edit_packet(original, packet))
        if saved is not None:
            gaps = saved.packet_gaps
            state = "complete" if not gaps else f"still missing: {'; '.join(gaps)}"
            screen.notify(f"Saved the context packet for {who} ({state}). u undoes.")
            refresh()

    screen.app.push_screen(PacketForm(original, who, session.today), done)


def edit_interaction(screen: Screen[Any], session: Session, interaction_id: int, refresh: Refresh) -> None:
    """Correct a logged interaction (``repo.edit_interaction``: only the fields changed)."""
    from referral_tui.ui.forms.interaction import InteractionForm

    repo = session.repo
    original = repo.interaction(interaction_id)
    contact = repo.contact(original.contact_id)

    def done(edited: Interaction | None) -> None:
        if edited and session.save(lambda r: r.edit_interaction(original, edited)) is not None:
            screen.notify(f"Saved the interaction with {contact.name}. u undoes.")
            refresh()

    screen.app.push_screen(InteractionForm(contact.id, contact.name, session.today, original=original), done)


def edit_ask(screen: Screen[Any], session: Session, ask_id: int, refresh: Refresh) -> None:
    """Correct an ask (role, day, packet; ``repo.edit_ask``); its status goes through the
    outcome form."""
    from referral_tui.ui.forms.ask import AskForm

    repo = session.repo
    original = repo.ask(ask_id)
    contact = repo.contact(original.contact_id)
    company = repo.company(contact.company_id).name if contact.company_id else ""

    def done(edited: Ask | None) -> None:
        if edited and session.save(lambda r: r.edit_ask(original, edited)) is not None:
            screen.notify(f"Saved the ask to {contact.name}. u undoes.")
            refresh()

    values = repo.message_values(contact.id, original.id)
    body = repo.template("referral_ask").body
    roles = session_roles(session, contact.company_id)
    form = AskForm(
        contact,
        company,
        values,
        body,
        session.today,
        coach_data=repo.coach_data(session.today),
        roles=roles,
        original=original,
    )
    screen.app.push_screen(form, done)


def open_person(screen: Screen[Any], session: Session, contact_id: int, refresh: Refresh | None = None) -> None:
    """The referrer's detail screen (unless it is the screen already showing them)."""
    from referral_tui.ui.screens.detail import DetailScreen

    if isinstance(screen, DetailScreen) and screen.contact_id == contact_id:
        return
    after = refresh or _nothing
    screen.app.push_screen(DetailScreen(session, contact_id), lambda _: after())


def open_fix(screen: Screen[Any], session: Session, finding: Finding, refresh: Refresh | None = None) -> bool:
    """Open the place that fixes a coach finding: the ask's context packet, the company's
    research, the interaction form (to log the value given), the score form; for a finding
    with no one-step fix, the person it is about. A finding about the campaign as a whole
    has no place: its next step is said instead. Returns False when nothing was opened.

    ``refresh`` runs after a save (or after the detail screen closes). The metrics screen's
    coach tab, Today and the detail screen all call this one function.
    """
    after = refresh or _nothing
    repo = session.repo
    if finding.fix is Fix.PACKET and finding.ask_id is not None:
        edit_packet(screen, session, finding.ask_id, after)
        return True
    if finding.fix is Fix.RESEARCH:
        company_id = finding.company_id
        if company_id is None and finding.contact_id is not None:
            company_id = repo.contact(finding.contact_id).company_id
        if company_id is not None:
            research(screen, session, company_id, after)
            return True
    if finding.fix is Fix.LOG_VALUE and finding.contact_id is not None:
        log_interaction(screen, session, finding.contact_id, after, InteractionKind.VALUE)
        return True
    if finding.fix is Fix.SCORE and finding.contact_id is not None:
        score(screen, session, finding.contact_id, after)
        return True
    if finding.contact_id is not None:
        open_person(screen, session, finding.contact_id, after)
        return True
    screen.notify(f"{finding.title}: {finding.next_step}", title="Coach", timeout=10)
    return False
