"""The repository: the only API the CLI and the UI use to read and change the campaign.

The machinery (transactions, undo, caching) lives in ``base.py``; this module holds the
operations the product offers, each one atomic and undoable.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from tinydb.table import Document

from referral_tui.domain import coach, followups, metrics, quickadd, schedule
from referral_tui.domain.matrix import ScoreEntry, add_score
from referral_tui.domain.records import ASK_STATUSES, Ask, Company, Contact, FollowUp, Interaction, Phase
from referral_tui.domain.templates import BUILTIN, Rendered, Template, render, values_for
from referral_tui.store.base import Change, RepositoryBase
from referral_tui.store.errors import NotFound

__all__ = ["Change", "Repository"]


class Repository(RepositoryBase):
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
            return self.insert(company)

    def update_company(self, company_id: int, description: str = "", **changes: Any) -> Company:
        with self.change(description or "edited company") as change:
            saved = self._update(Company, company_id, **changes)
            change.description = description or f"edited {saved.name}"
            return saved

    def archive_company(self, company_id: int) -> Company:
        return self.update_company(company_id, f"archived {self.company(company_id).name}", archived=True)

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
            return self.insert(contact)

    def update_contact(self, contact_id: int, description: str = "edited referrer", **changes: Any) -> Contact:
        with self.change(description):
            return self._update(Contact, contact_id, **changes)

    def company_named(self, name: str) -> Company:
        """The company called ``name`` (unarchived if needed), created as a target if new.

        Must run inside ``change()``.
        """
        company = self.find_company(name) or self.insert(Company(name=name.strip()))
        if company.archived:
            company = self.save(replace(company, archived=False))
        return company

    def edit_contact(self, contact_id: int, company_name: str, **changes: Any) -> Contact:
        """Save the detail form: fields plus the company by name (created if new)."""
        with self.change("edited referrer") as change:
            contact = self.contact(contact_id)
            change.description = f"edited {changes.get('name', contact.name)}"
            company = self.company_named(company_name) if company_name.strip() else None
            return self.save(replace(contact, company_id=company.id if company else None, **changes))

    def quick_add(self, text: str) -> Contact:
        """Add a referrer from one quick-add line; an unknown company is created as a target."""
        parsed = quickadd.parse(text)
        with self.change(f"added {parsed.name}"):
            company = self.company_named(parsed.company)
            return self.insert(
                Contact(
                    name=parsed.name, company_id=company.id, title=parsed.title, tags=parsed.tags, phase=parsed.phase
                )
            )

    def move(self, contact_id: int, phase: Phase | None) -> Contact:
        label = phase.label if phase else "the network"
        with self.change("moved referrer") as change:
            contact = self.contact(contact_id)
            change.description = f"moved {contact.name} to {label}"
            return self.save(replace(contact, phase=phase))

    def promote(self, contact_id: int) -> Contact:
        """Put a network contact on the board in Research, linking their employer as a company."""
        with self.change("put on the board") as change:
            contact = self.contact(contact_id)
            change.description = f"put {contact.name} on the board"
            company_id = contact.company_id
            if company_id is None and contact.employer.strip():
                company_id = self.company_named(contact.employer).id
            return self.save(replace(contact, phase=Phase.RESEARCH, company_id=company_id))

    def archive(self, contact_id: int) -> Contact:
        with self.change("archived referrer") as change:
            contact = self.contact(contact_id)
            change.description = f"archived {contact.name}"
            return self.save(replace(contact, archived=True))

    def score(self, contact_id: int, entry: ScoreEntry) -> Contact:
        with self.change("scored referrer") as change:
            contact = self.contact(contact_id)
            change.description = f"scored {contact.name} {entry.total}/20"
            return self.save(replace(contact, scores=add_score(contact.scores, entry)))

    # -- interactions, asks, follow-ups ---------------------------------------------------

    def interactions(self, contact_id: int | None = None) -> list[Interaction]:
        return [i for i in self._all(Interaction) if contact_id is None or i.contact_id == contact_id]

    def log_interaction(self, interaction: Interaction) -> Interaction:
        """Log an interaction. It restarts the referrer's monthly clock, and an event meeting
        schedules its 48-hour follow-up."""
        with self.change("logged interaction") as change:
            contact = self.contact(interaction.contact_id)
            change.description = f"logged {interaction.kind} with {contact.name}"
            saved = self.insert(interaction)
            mine = [f for f in self.followups() if f.contact_id == contact.id]
            for moved in followups.reset_monthly_clock(mine, interaction.day):
                self.save(moved)
            if interaction.kind == "event":
                step = schedule.EVENT
                self.insert(
                    FollowUp(
                        contact_id=contact.id,
                        kind=step.kind,
                        due=schedule.event_followup_due(interaction.day),
                        template=step.template,
                    )
                )
            return saved

    def asks(self, contact_id: int | None = None) -> list[Ask]:
        return [a for a in self._all(Ask) if contact_id is None or a.contact_id == contact_id]

    def add_ask(self, ask: Ask, log: bool = True) -> Ask:
        """Save an ask, move its referrer to Ask, log the ask as an interaction (unless ``log``
        is False, for callers that log their own) and schedule its follow-ups."""
        with self.change("asked for a referral") as change:
            contact = self.contact(ask.contact_id)
            change.description = f"asked {contact.name} for a referral"
            history = ask.status_history or [{"status": ask.status, "day": ask.day.isoformat()}]
            saved = self.insert(replace(ask, status_history=history))
            if contact.phase is not Phase.ASK:
                self.save(replace(contact, phase=Phase.ASK))
            role = f" for {ask.role_title}" if ask.role_title else ""
            if log:
                self.log_interaction(
                    Interaction(contact_id=contact.id, day=ask.day, kind="asked", summary=f"Asked for a referral{role}")
                )
            for step, due in schedule.ask_schedule(ask.day):
                self.insert(
                    FollowUp(contact_id=contact.id, ask_id=saved.id, kind=step.kind, due=due, template=step.template)
                )
            return saved

    def ask(self, ask_id: int) -> Ask:
        return self._get(Ask, ask_id)

    def update_ask(
        self,
        ask_id: int,
        *,
        status: str,
        day: date,
        screening_quality: int | None = None,
        insider_info: str | None = None,
    ) -> Ask:
        """Record the ask's outcome; a status change is dated in its history."""
        if status not in ASK_STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of: {', '.join(ASK_STATUSES)}")
        if screening_quality is not None and not 1 <= screening_quality <= 5:
            raise ValueError(f"screening quality is {screening_quality}; it must be from 1 to 5")
        with self.change("updated ask") as change:
            ask = self.ask(ask_id)
            change.description = f"set ask for {ask.role_title or 'a role'} to {ASK_STATUSES[status]}"
            history = list(ask.status_history)
            if status != ask.status:
                history.append({"status": status, "day": day.isoformat()})
            return self.save(
                replace(
                    ask,
                    status=status,
                    status_history=history,
                    screening_quality=screening_quality,
                    insider_info=ask.insider_info if insider_info is None else insider_info,
                )
            )

    # -- follow-ups ---------------------------------------------------------------------

    def followup(self, followup_id: int) -> FollowUp:
        return self._get(FollowUp, followup_id)

    def complete_followup(self, followup_id: int, day: date | None = None) -> FollowUp:
        """Mark done, log the interaction it amounts to, and schedule the next monthly one."""
        with self.change("follow-up done") as change:
            current = self.followup(followup_id)
            change.description = f"marked {schedule.label(current.kind)} done"
            closed, interaction, following = followups.done(current, day or self.clock.today())
            self.save(closed)
            self.log_interaction(interaction)  # like any contact, it restarts the monthly clock
            if following:
                self.insert(following)
            return closed

    def snooze_followup(self, followup_id: int, days: int = 1) -> FollowUp:
        with self.change("snoozed follow-up") as change:
            current = self.followup(followup_id)
            change.description = f"snoozed {schedule.label(current.kind)} {days} day{'s' if days != 1 else ''}"
            return self.save(followups.snooze(current, self.clock.today(), days))

    def skip_followup(self, followup_id: int, reason: str) -> FollowUp:
        with self.change("skipped follow-up") as change:
            current = self.followup(followup_id)
            change.description = f"skipped {schedule.label(current.kind)}"
            skipped, following = followups.skip(current, reason, self.clock.today())
            self.save(skipped)
            if following:
                self.insert(following)
            return skipped

    # -- profile and templates ----------------------------------------------------------

    def profile(self) -> dict[str, str]:
        """The user's own details used in messages (my_name, my_background, my_field)."""
        doc = self._tables["profile"].get(doc_id=1)
        return {k: v for k, v in (doc or {}).items() if isinstance(v, str) and k not in ("created_at", "updated_at")}

    def save_profile(self, **fields: str) -> dict[str, str]:
        with self.change("edited your profile"):
            table = self._tables["profile"]
            self._remember("profile", 1)
            now = self._now()
            if table.contains(doc_id=1):
                table.update({**fields, "updated_at": now}, doc_ids=[1])
            else:
                table.insert(Document({**fields, "created_at": now, "updated_at": now}, doc_id=1))
        return self.profile()

    def templates(self) -> list[Template]:
        """Built-in templates (or the user's edits of them), then the user's own, by title."""
        mine = {
            d["key"]: Template(d["key"], d.get("title", d["key"]), d.get("body", ""), builtin=False)
            for d in self._tables["templates"].all()
            if isinstance(d.get("key"), str)
        }
        builtins = [mine.pop(t.key, t) for t in BUILTIN]
        return builtins + sorted(mine.values(), key=lambda t: t.title.casefold())

    def template(self, key: str) -> Template:
        found = next((t for t in self.templates() if t.key == key), None)
        if found is None:
            raise NotFound(f"no template '{key}'")
        return found

    def save_template(self, key: str, title: str, body: str) -> Template:
        """Add or edit a template; editing a built-in keeps the edit as the user's version."""
        with self.change(f"saved template {title}"):
            table = self._tables["templates"]
            existing = next((d for d in table.all() if d.get("key") == key), None)
            now = self._now()
            if existing is not None:
                self._remember("templates", existing.doc_id)
                table.update({"title": title, "body": body, "updated_at": now}, doc_ids=[existing.doc_id])
            else:
                self._insert_doc(
                    "templates", {"key": key, "title": title, "body": body, "created_at": now, "updated_at": now}
                )
        return self.template(key)

    def delete_template(self, key: str) -> str:
        """Remove the user's template (for a built-in: the user's edit, bringing back the original);
        returns the key."""
        with self.change(f"deleted template {key}"):
            table = self._tables["templates"]
            for doc in [d for d in table.all() if d.get("key") == key]:
                self._remember("templates", doc.doc_id)
                table.remove(doc_ids=[doc.doc_id])
        return key

    # -- the whole campaign --------------------------------------------------------------

    def _everything(
        self, today: date | None
    ) -> tuple[date, list[Company], list[Contact], list[Interaction], list[Ask], list[FollowUp]]:
        """The whole campaign as the coach and the metrics read it."""
        return (
            today or self.clock.today(),
            self.companies(include_archived=True),
            self.contacts(),
            self.interactions(),
            self.asks(),
            self.followups(open_only=False),
        )

    def coach_data(self, today: date | None = None) -> coach.Data:
        return coach.Data.build(*self._everything(today))

    def campaign_metrics(self, today: date | None = None) -> metrics.Metrics:
        return metrics.compute(*self._everything(today))

    def message_values(self, contact_id: int, ask_id: int | None = None) -> dict[str, str]:
        """Everything the data knows for one referrer's message placeholders (about ``ask_id``,
        else their newest ask)."""
        contact = self.contact(contact_id)
        company = self.company(contact.company_id) if contact.company_id else None
        asks = sorted(self.asks(contact_id), key=lambda a: (a.id == ask_id, a.day, a.id))
        return values_for(
            contact_name=contact.name,
            contact_title=contact.title,
            company=company.name if company else "",
            profile=self.profile(),
            ask=vars(asks[-1]) if asks else None,
            research={"challenges": company.challenges, "my_angle": company.my_angle} if company else None,
        )

    def render_message(self, contact_id: int, template_key: str, ask_id: int | None = None) -> Rendered:
        return render(self.template(template_key).body, self.message_values(contact_id, ask_id))

    def followups(self, open_only: bool = True) -> list[FollowUp]:
        return [f for f in self._all(FollowUp) if not open_only or f.is_open]

    def due(self, today: date | None = None, days: int = 7) -> schedule.DueGroups:
        """Open follow-ups of referrers still active, grouped overdue / today / upcoming."""
        active = {c.id for c in self.contacts()}
        items: list[tuple[date, object]] = [(f.due, f) for f in self.followups() if f.contact_id in active]
        return schedule.group_due(items, today or self.clock.today(), days)
