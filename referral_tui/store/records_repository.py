"""The records the campaign is made of, through the repository: companies, referrers and the
network, interactions, asks and their follow-ups.

``Repository`` (``repository.py``) adds the rest of the product on top: editable history,
Today, the four-week plan, the profile and templates, and the campaign as a whole. Each
operation is one change: a few field patches and inserts, applied to memory at once and
written under the file lock (see engine.py), undoable and redoable as one step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from referral_tui.domain import followups, schedule
from referral_tui.domain.matrix import ScoreEntry, add_score
from referral_tui.domain.records import (
    ASK_STATUSES,
    Ask,
    AskStatus,
    Company,
    CompanyStatus,
    Contact,
    Direction,
    FollowUp,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS, Role, current_roles
from referral_tui.store.base import RepositoryBase

if TYPE_CHECKING:
    from referral_tui.domain.strength import Exchange, Strength


class RecordsRepository(RepositoryBase):
    # -- companies ----------------------------------------------------------------------

    def companies(self, include_archived: bool = False) -> list[Company]:
        return [c for c in self._all(Company) if include_archived or not c.archived]

    def company(self, company_id: int) -> Company:
        return self._get(Company, company_id)

    def find_company(self, name: str) -> Company | None:
        """The company called ``name``, compared case-insensitively (archived ones too)."""
        key = name.strip().casefold()
        return next((c for c in self._all(Company) if c.name.casefold() == key), None)

    def add_company(self, company: Company) -> Company:
        with self.change(f"added company {company.name}"):
            result = self.insert(company)
        return self.fresh(result)

    def edit_company(self, original: Company, edited: Company) -> Company:
        """Save the company form: only the fields the user changed."""
        with self.change(f"edited {edited.name}"):
            result = self.update(original, edited)
        return self.fresh(result)

    def archive_company(self, company_id: int) -> Company:
        company = self.company(company_id)
        with self.change(f"archived {company.name}"):
            result = self.update(company, replace(company, archived=True))
        return self.fresh(result)

    def restore_company(self, company_id: int) -> Company:
        company = self.company(company_id)
        with self.change(f"restored {company.name}"):
            result = self.update(company, replace(company, archived=False))
        return self.fresh(result)

    def current_roles(self, company_id: int, today: date | None = None, max_age: int = ROLE_MAX_AGE_DAYS) -> list[Role]:
        """The company's open roles that still count as timing signals, newest first
        (``roles.current_roles``; ``max_age`` is the config's ``role_max_age_days``): what the
        ask form offers as the role."""
        return current_roles(self.company(company_id).open_roles, today or self.clock.today(), max_age)

    def company_names(self) -> dict[int, str]:
        return {c.id: c.name for c in self._all(Company)}

    # -- contacts -----------------------------------------------------------------------

    def contacts(self, include_archived: bool = False, on_board: bool | None = None) -> list[Contact]:
        """Contacts; ``on_board`` True keeps referrers with a phase, False the network only."""
        return [
            c
            for c in self._all(Contact)
            if (include_archived or not c.archived) and (on_board is None or (c.phase is not None) == on_board)
        ]

    def contact(self, contact_id: int) -> Contact:
        return self._get(Contact, contact_id)

    def add_contact(self, contact: Contact) -> Contact:
        with self.change(f"added {contact.name}"):
            result = self.insert(contact)
        return self.fresh(result)

    def company_named(self, name: str, *, target: bool = False) -> Company:
        """The company called ``name`` (unarchived if needed). A new one is a prospect (known,
        not pursued: it does not count for the plan's 5-10 targets) unless ``target``, which
        also makes a known company a target. Must run inside ``change()``.
        """
        status = CompanyStatus.TARGET if target else CompanyStatus.PROSPECT
        company = self.find_company(name) or self.insert(Company(name=name.strip(), status=status))
        if company.archived or (target and company.status is not CompanyStatus.TARGET):
            status = CompanyStatus.TARGET if target else company.status
            company = self.update(company, replace(company, archived=False, status=status))
        return company

    def target_company(self, company_id: int) -> Company:
        """Make a company (a prospect, a paused or dropped one) a target; one undoable change."""
        company = self.company(company_id)
        with self.change(f"made {company.name} a target"):
            result = self.update(company, replace(company, status=CompanyStatus.TARGET))
        return self.fresh(result)

    def edit_contact(self, original: Contact, edited: Contact, company_name: str | None = None) -> Contact:
        """Save the referrer form: the fields the user changed, and the company by name
        (created if new) when ``company_name`` is given."""
        with self.change(f"edited {edited.name}"):
            if company_name is not None:
                company = self.company_named(company_name) if company_name.strip() else None
                edited = replace(edited, company_id=company.id if company else None)
            result = self.update(original, edited)
        return self.fresh(result)

    def set_notes(self, original: Contact, notes: str) -> Contact:
        with self.change(f"edited notes on {original.name}"):
            result = self.update(original, replace(original, notes=notes))
        return self.fresh(result)

    def quick_add(self, text: str, force: bool = False, *, target: bool = False) -> Contact:
        """Add a referrer from one quick-add line; an unknown company is created as a prospect
        (``!target`` or ``target``: as a target, or a known one made a target). ``!ask`` is
        refused (QuickAddError) unless ``force``: see ``quickadd.parse_checked``."""
        from referral_tui.domain import quickadd

        known = list(self.company_names().values())  # a known name may hold a comma (archived ones too)
        parsed = quickadd.parse_checked(text, force, known)
        with self.change(f"added {parsed.name}"):
            company = self.company_named(parsed.company, target=parsed.target or target)
            contact = Contact(
                name=parsed.name, company_id=company.id, title=parsed.title, tags=parsed.tags, phase=parsed.phase
            )
            result = self.insert(contact)
        return self.fresh(result)

    def move(self, contact_id: int, phase: Phase | None, seen: Phase | None = None) -> Contact:
        """Move a referrer to ``phase``. ``seen`` is the phase the user saw on screen (the base
        of the conflict rule); by default, the phase stored now."""
        contact = self.contact(contact_id)
        label = phase.label if phase else "the network"
        base = replace(contact, phase=seen) if seen is not None else contact
        with self.change(f"moved {contact.name} to {label}"):
            result = self.update(base, replace(base, phase=phase))
        return self.fresh(result)

    def promote(self, contact_id: int) -> Contact:
        """Put a network contact on the board in Research, linking their employer as a company
        (a new one as a prospect)."""
        contact = self.contact(contact_id)
        with self.change(f"put {contact.name} on the board"):
            company_id = contact.company_id
            if company_id is None and contact.employer.strip():
                company_id = self.company_named(contact.employer).id
            result = self.update(contact, replace(contact, phase=Phase.RESEARCH, company_id=company_id))
        return self.fresh(result)

    def archive(self, contact_id: int) -> Contact:
        contact = self.contact(contact_id)
        with self.change(f"archived {contact.name}"):
            result = self.update(contact, replace(contact, archived=True))
        return self.fresh(result)

    def restore(self, contact_id: int) -> Contact:
        contact = self.contact(contact_id)
        with self.change(f"restored {contact.name}"):
            result = self.update(contact, replace(contact, archived=False))
        return self.fresh(result)

    def score(self, contact_id: int, entry: ScoreEntry) -> Contact:
        contact = self.contact(contact_id)
        with self.change(f"scored {contact.name} {entry.total}/20"):
            result = self.update(contact, replace(contact, scores=add_score(contact.scores, entry)))
        return self.fresh(result)

    # -- interactions, asks, follow-ups ---------------------------------------------------

    def interactions(self, contact_id: int | None = None, include_archived: bool = False) -> list[Interaction]:
        """Interactions (of one contact), without the deleted ones unless ``include_archived``."""
        wanted = None if contact_id is None else self.resolve(Contact, contact_id)
        return [
            i
            for i in self._all(Interaction)
            if (wanted is None or i.contact_id == wanted) and (include_archived or not i.archived)
        ]

    def suggested_strength(self, contact_id: int, today: date | None = None) -> Strength | None:
        """The relationship strength (1-5) the messages exchanged with a contact suggest, and why;
        None without a message of known direction. Only a suggestion: it is never stored, so
        it never replaces the user's own score."""
        from referral_tui.domain.strength import suggest_strength

        history = [e for _, e in _exchanges(self.interactions(contact_id))]
        return suggest_strength(history, today or self.clock.today())

    def suggested_strengths(self, today: date | None = None) -> dict[int, Strength]:
        """``suggested_strength`` for every contact with a message history, in one pass."""
        from referral_tui.domain.strength import suggest_strength

        histories: dict[int, list[Exchange]] = {}
        for contact_id, exchange in _exchanges(self.interactions()):
            histories.setdefault(contact_id, []).append(exchange)
        day = today or self.clock.today()
        out: dict[int, Strength] = {}
        for contact_id, history in histories.items():
            strength = suggest_strength(history, day)
            if strength is not None:
                out[contact_id] = strength
        return out

    def log_interaction(self, interaction: Interaction) -> Interaction:
        """Log an interaction. It restarts the referrer's monthly clock, and an event meeting
        schedules its 48-hour follow-up."""
        contact = self.contact(interaction.contact_id)
        with self.change(f"logged {interaction.kind.label.lower()} with {contact.name}"):
            saved = self.insert(replace(interaction, contact_id=contact.id))
            mine = [f for f in self.followups() if f.contact_id == contact.id]
            for moved in followups.reset_monthly_clock(mine, interaction.day):
                self.save(moved)
            if interaction.kind is InteractionKind.EVENT:
                step = schedule.EVENT
                self.insert(
                    FollowUp(
                        contact_id=contact.id,
                        kind=step.kind,
                        due=schedule.event_followup_due(interaction.day),
                        template=step.template,
                    )
                )
            result = saved
        return self.fresh(result)

    def asks(self, contact_id: int | None = None, include_archived: bool = False) -> list[Ask]:
        """Asks (to one contact), without the deleted ones unless ``include_archived``."""
        wanted = None if contact_id is None else self.resolve(Contact, contact_id)
        return [
            a
            for a in self._all(Ask)
            if (wanted is None or a.contact_id == wanted) and (include_archived or not a.archived)
        ]

    def add_ask(self, ask: Ask, log: bool = True) -> Ask:
        """Save an ask, move its referrer to Ask, log the ask as an interaction (unless ``log``
        is False, for callers that log their own) and schedule its follow-ups."""
        contact = self.contact(ask.contact_id)
        with self.change(f"asked {contact.name} for a referral"):
            history = ask.status_history or [{"status": ask.status.value, "day": ask.day.isoformat()}]
            saved = self.insert(replace(ask, contact_id=contact.id, status_history=history))
            if contact.phase is not Phase.ASK:
                self.update(contact, replace(contact, phase=Phase.ASK))
            role = f" for {ask.role_title}" if ask.role_title else ""
            if log:
                self.log_interaction(
                    Interaction(
                        contact_id=contact.id,
                        day=ask.day,
                        kind=InteractionKind.ASKED,
                        summary=f"Asked for a referral{role}",
                    )
                )
            for step, due in schedule.ask_schedule(ask.day):
                self.insert(
                    FollowUp(contact_id=contact.id, ask_id=saved.id, kind=step.kind, due=due, template=step.template)
                )
            result = saved
        return self.fresh(result)

    def ask(self, ask_id: int) -> Ask:
        return self._get(Ask, ask_id)

    def ask_followups(self, ask_id: int, open_only: bool = False) -> list[FollowUp]:
        """An ask's follow-ups in date order (the toast after an ask lists them so)."""
        wanted = self.resolve(Ask, ask_id)
        return followups.by_due(f for f in self.followups(open_only=open_only) if f.ask_id == wanted)

    def update_ask(
        self,
        ask_id: int,
        *,
        status: AskStatus,
        day: date,
        screening_quality: int | None = None,
        insider_info: str | None = None,
    ) -> Ask:
        """Record the ask's outcome; a status change is dated in its history."""
        if status not in ASK_STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of: {', '.join(ASK_STATUSES)}")
        status = AskStatus(status)
        if screening_quality is not None and not 1 <= screening_quality <= 5:
            raise ValueError(f"screening quality is {screening_quality}; it must be from 1 to 5")
        ask = self.ask(ask_id)
        with self.change(f"set ask for {ask.role_title or 'a role'} to {status.label}"):
            history = list(ask.status_history)
            if status != ask.status:
                history.append({"status": status.value, "day": day.isoformat()})
            edited = replace(
                ask,
                status=status,
                status_history=history,
                screening_quality=screening_quality,
                insider_info=ask.insider_info if insider_info is None else insider_info,
            )
            result = self.update(ask, edited)
            self._adapt_followups(result)
        return self.fresh(result)

    def _adapt_followups(self, ask: Ask) -> None:
        """The ask's open follow-ups follow its outcome (``followups.adapt``); inside a change."""
        for changed in followups.adapt([f for f in self.followups() if f.ask_id == ask.id], ask):
            self.save(changed)

    # -- follow-ups ---------------------------------------------------------------------

    def followup(self, followup_id: int) -> FollowUp:
        return self._get(FollowUp, followup_id)

    def followups(self, open_only: bool = True) -> list[FollowUp]:
        return [f for f in self._all(FollowUp) if not open_only or f.is_open]

    def complete_followup(self, followup_id: int, day: date | None = None, answer: AskStatus | None = None) -> FollowUp:
        """Mark done, log the interaction it amounts to, and schedule the next monthly one.

        ``answer`` is what the referrer said to a week-2 check-in (``followups.WEEK2_ANSWERS``):
        it becomes the ask's status, dated that day, in the same change (so one undo)."""
        current = self.followup(followup_id)
        when = day or self.clock.today()
        with self.change(f"marked {schedule.label(current.kind)} done"):
            closed, interaction, following = followups.done(current, when)
            saved = self.update(current, closed)
            self.log_interaction(interaction)  # like any contact, it restarts the monthly clock
            if following:
                self.insert(following)
            if answer is not None and current.ask_id is not None:
                ask = self.ask(current.ask_id)
                if answer != ask.status:
                    self.update_ask(ask.id, status=answer, day=when, screening_quality=ask.screening_quality)
            result = saved
        return self.fresh(result)

    def snooze_followup(self, followup_id: int, days: int = 1) -> FollowUp:
        current = self.followup(followup_id)
        plural = "s" if days != 1 else ""
        with self.change(f"snoozed {schedule.label(current.kind)} {days} day{plural}"):
            result = self.update(current, followups.snooze(current, self.clock.today(), days))
        return self.fresh(result)

    def skip_followup(self, followup_id: int, reason: str) -> FollowUp:
        current = self.followup(followup_id)
        with self.change(f"skipped {schedule.label(current.kind)}"):
            skipped, following = followups.skip(current, reason, self.clock.today())
            saved = self.update(current, skipped)
            if following:
                self.insert(following)
            result = saved
        return self.fresh(result)

    def due(self, today: date | None = None, days: int = 7) -> schedule.DueGroups[FollowUp]:
        """Open follow-ups of referrers still active, grouped overdue / today / upcoming."""
        active = {c.id for c in self.contacts()}
        items = [(f.due, f) for f in self.followups() if f.contact_id in active]
        return schedule.group_due(items, today or self.clock.today(), days)

    def due_counts(self, today: date | None = None, days: int = 7) -> schedule.DueCounts:
        """How many follow-ups are overdue / due today / coming up (``schedule.due_counts``)."""
        return schedule.due_counts(self.due(today, days))


def _exchanges(interactions: Iterable[Interaction]) -> list[tuple[int, Exchange]]:
    """(contact id, exchange) for each message of known direction: the strength rule's input."""
    from referral_tui.domain.strength import Exchange

    sides: dict[Direction, Literal["in", "out"]] = {Direction.IN: "in", Direction.OUT: "out"}
    out: list[tuple[int, Exchange]] = []
    for i in interactions:
        side = sides.get(i.direction) if not i.archived and i.kind is InteractionKind.MESSAGE else None
        if side is not None:
            out.append((i.contact_id, Exchange(i.day, side, i.conversation)))
    return out
