"""The repository: the only API the CLI and the UI use to read and change the campaign.

The machinery (the engine, the record cache, the change API) lives in ``base.py``; the
records (companies, referrers, interactions, asks, follow-ups) in ``records_repository.py``;
this module adds editable history, Today, the four-week plan, the profile and templates, and
the campaign as a whole. Each operation is one change: a few field patches and inserts,
applied to memory at once and written under the file lock (see engine.py), undoable and
redoable as one step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from referral_tui.domain import followups
from referral_tui.domain.records import (
    RECORD_TYPES,
    TABLE_OF,
    Ask,
    AuditEntry,
    Company,
    Contact,
    FollowUp,
    Interaction,
    PlanTick,
    R,
    Record,
    TodaySnooze,
    to_dict,
)
from referral_tui.domain.rhythm import STAY_IN_TOUCH_DAYS
from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS, current_roles
from referral_tui.store.engine import Change, SyncResult, UndoResult
from referral_tui.store.errors import NotFound
from referral_tui.store.migrations import RECORD_TABLES
from referral_tui.store.records_repository import RecordsRepository

if TYPE_CHECKING:
    # Opening the file and building the board need none of these: each method below that
    # uses one imports it (start-up reads less code; see benchmarks/README.md).
    from referral_tui.domain import campaign, coach, metrics
    from referral_tui.domain import today as today_rules
    from referral_tui.domain.packet import Packet
    from referral_tui.domain.templates import Rendered, Template

__all__ = ["Change", "Repository", "SyncResult", "UndoResult"]

PROFILE = "profile"
TEMPLATES = "templates"


class Repository(RecordsRepository):
    # -- editable history: edit, delete (archive) and restore what was logged ---------------

    def archived_companies(self) -> list[Company]:
        """Companies archived (the archive screen lists them, with ``restore_company``)."""
        return [c for c in self._all(Company) if c.archived]

    def archived_contacts(self, on_board: bool | None = True) -> list[Contact]:
        """Referrers archived (``on_board`` None: network contacts too), for the archive screen."""
        return [c for c in self._all(Contact) if c.archived and (on_board is None or (c.phase is not None) == on_board)]

    def acknowledge_job_change(self, contact_id: int) -> Contact:
        """The user has seen the job change an import found (Today stops showing it)."""
        contact = self.contact(contact_id)
        with self.change(f"noted {contact.name}'s new job"):
            result = self.update(contact, replace(contact, employer_change_seen=True))
        return self.fresh(result)

    def interaction(self, interaction_id: int) -> Interaction:
        return self._get(Interaction, interaction_id)

    def edit_interaction(self, original: Interaction, edited: Interaction) -> Interaction:
        """Save an edited interaction: only the fields the user changed (against ``original``,
        the version the form showed)."""
        who = self.contact(original.contact_id).name
        with self.change(f"edited an interaction with {who}"):
            result = self.update(original, replace(edited, contact_id=original.contact_id))
        return self.fresh(result)

    def delete_interaction(self, interaction_id: int) -> Interaction:
        """Delete (archive) an interaction; the coach, the plan and the metrics leave it out."""
        current = self.interaction(interaction_id)
        who = self.contact(current.contact_id).name
        with self.change(f"deleted an interaction with {who}"):
            result = self.update(current, replace(current, archived=True))
        return self.fresh(result)

    def restore_interaction(self, interaction_id: int) -> Interaction:
        current = self.interaction(interaction_id)
        who = self.contact(current.contact_id).name
        with self.change(f"restored an interaction with {who}"):
            result = self.update(current, replace(current, archived=False))
        return self.fresh(result)

    def edit_ask(self, original: Ask, edited: Ask) -> Ask:
        """Save an edited ask (role, day, packet, notes): the fields the user changed. A new day
        moves the open follow-ups the schedule placed (never a snoozed one); the status goes
        through ``update_ask``, which dates it."""
        who = self.contact(original.contact_id).name
        edited = replace(edited, contact_id=original.contact_id, status=original.status)
        with self.change(f"edited the ask to {who}"):
            result = self.update(original, edited)
            if edited.day != original.day:
                # all of them, closed too: reschedule leaves the monthly one alone once one was done
                mine = [f for f in self.followups(open_only=False) if f.ask_id == result.id]
                for moved in followups.reschedule(mine, result):
                    self.save(moved)
        return self.fresh(result)

    def edit_packet(self, original: Ask, packet: Packet) -> Ask:
        """Add or edit an ask's context packet after the ask."""
        return self.edit_ask(
            original,
            replace(
                original,
                role_url=packet.role_url,
                why_role=packet.why_role,
                points=list(packet.points),
                resume_url=packet.resume_url,
                blurb=packet.blurb,
            ),
        )

    def delete_ask(self, ask_id: int) -> Ask:
        """Delete (archive) an ask; its open follow-ups are cancelled (``restore_ask`` reopens them)."""
        current = self.ask(ask_id)
        who = self.contact(current.contact_id).name
        with self.change(f"deleted the ask to {who}"):
            result = self.update(current, replace(current, archived=True))
            for cancelled in followups.cancel_for_deleted_ask(self.followups(), result.id):
                self.save(cancelled)
        return self.fresh(result)

    def restore_ask(self, ask_id: int) -> Ask:
        current = self.ask(ask_id)
        who = self.contact(current.contact_id).name
        with self.change(f"restored the ask to {who}"):
            result = self.update(current, replace(current, archived=False))
            for reopened in followups.reopen_for_restored_ask(self.followups(open_only=False), result.id):
                self.save(reopened)
        return self.fresh(result)

    # -- Today --------------------------------------------------------------------------

    def today(
        self,
        today: date | None = None,
        *,
        stay_in_touch_days: int = STAY_IN_TOUCH_DAYS,
        role_max_age_days: int = ROLE_MAX_AGE_DAYS,
    ) -> list[today_rules.Row]:
        """What to do now, in order (``domain.today.agenda``), without snoozed or skipped rows.
        The two day counts are the config's ``stay_in_touch_days`` and ``role_max_age_days``."""
        from referral_tui.domain import today as today_rules

        data = self.coach_data(today)
        return today_rules.agenda(
            data, self.today_snoozes(), stay_in_touch_days=stay_in_touch_days, role_max_age=role_max_age_days
        )

    def today_snoozes(self) -> list[TodaySnooze]:
        return self._all(TodaySnooze)

    def _put_off(self, key: str, until: date | None, reason: str, description: str) -> TodaySnooze:
        with self.change(description):
            existing = next((s for s in self._all(TodaySnooze) if s.key == key), None)
            if existing is None:
                result = self.insert(TodaySnooze(key=key, until=until, reason=reason))
            else:
                result = self.update(existing, replace(existing, until=until, reason=reason))
        return self.fresh(result)

    def snooze_today(self, key: str, days: int = 1) -> TodaySnooze:
        """Put a Today row (not a follow-up: those snooze as follow-ups) off for ``days`` days."""
        if not 1 <= days <= followups.MAX_SNOOZE_DAYS:
            raise followups.FollowUpError(f"snooze for 1 to {followups.MAX_SNOOZE_DAYS} days, not {days}")
        until = self.clock.today() + timedelta(days=days)
        plural = "s" if days != 1 else ""
        return self._put_off(key, until, "", f"snoozed a Today item {days} day{plural}")

    def skip_today(self, key: str, reason: str = "") -> TodaySnooze:
        """Skip a Today row for good (its key names its occasion: something new brings a new row)."""
        return self._put_off(key, None, reason.strip(), "skipped a Today item")

    def unsnooze_today(self, key: str) -> TodaySnooze | None:
        """Bring a snoozed or skipped Today row back now."""
        existing = next((s for s in self._all(TodaySnooze) if s.key == key), None)
        if existing is None:
            return None
        return self._put_off(key, self.clock.today(), existing.reason, "brought back a Today item")

    # -- the four-week plan ---------------------------------------------------------------

    def audit_entries(self, include_archived: bool = False) -> list[AuditEntry]:
        return [e for e in self._all(AuditEntry) if include_archived or not e.archived]

    def add_audit_entry(self, entry: AuditEntry) -> AuditEntry:
        """Week 1: record a past referral attempt (who, where, what happened, what to change)."""
        from referral_tui.domain import campaign

        problem = campaign.audit_problem(entry)
        if problem:
            raise campaign.PlanError(problem)
        with self.change(f"audited the attempt with {entry.who.strip()}"):
            result = self.insert(replace(entry, who=entry.who.strip()))
        return self.fresh(result)

    def edit_audit_entry(self, original: AuditEntry, edited: AuditEntry) -> AuditEntry:
        from referral_tui.domain import campaign

        problem = campaign.audit_problem(edited)
        if problem:
            raise campaign.PlanError(problem)
        with self.change(f"edited the audit of {edited.who.strip()}"):
            result = self.update(original, replace(edited, who=edited.who.strip()))
        return self.fresh(result)

    def delete_audit_entry(self, entry_id: int) -> AuditEntry:
        current = self._get(AuditEntry, entry_id)
        with self.change(f"deleted the audit of {current.who}"):
            result = self.update(current, replace(current, archived=True))
        return self.fresh(result)

    def plan_ticks(self) -> list[PlanTick]:
        return self._all(PlanTick)

    def tick(self, item: str, done: bool = True, day: date | None = None) -> PlanTick:
        """Tick (or untick) one item of the plan's checklist (``campaign.CHECKLIST``)."""
        from referral_tui.domain import campaign

        text = campaign.checklist_item(item).text
        when = (day or self.clock.today()) if done else None
        verb = "ticked" if done else "unticked"
        with self.change(f"{verb} '{text}'"):
            existing = campaign.ticked(self._all(PlanTick)).get(item)
            if existing is None:
                result = self.insert(PlanTick(item=item, done=done, day=when))
            else:
                result = self.update(existing, replace(existing, done=done, day=when))
        return self.fresh(result)

    def plan(self, today: date | None = None, start: date | None = None) -> campaign.Plan:
        """The four-week plan from the data, the ticks and the audit (``campaign.four_week_plan``)."""
        from referral_tui.domain import campaign

        contacts, asks, follow = self.contacts(), self.asks(), self.followups()
        rows = campaign.company_rows(self.companies(), contacts, asks, follow)
        return campaign.four_week_plan(
            today or self.clock.today(),
            start,
            rows,
            contacts,
            self.interactions(),
            asks,
            follow,
            ticks=self.plan_ticks(),
            audit=self.audit_entries(),
        )

    # -- profile and templates ----------------------------------------------------------

    def _single(self, table: str) -> tuple[int, dict[str, object]] | None:
        self._pick_up()
        with self.engine.mutex:
            for key, doc in self.engine.data.get(table, {}).items():
                return int(key), dict(doc)
        return None

    def profile(self) -> dict[str, str]:
        """The user's own details used in messages (my_name, my_background, my_field)."""
        found = self._single(PROFILE)
        doc = found[1] if found else {}
        skip = {"created_at", "updated_at", "uid"}
        return {k: v for k, v in doc.items() if isinstance(v, str) and k not in skip}

    def save_profile(self, **fields: str) -> dict[str, str]:
        with self.change("edited your profile") as ch:
            found = self._single(PROFILE)
            if found is None:
                ch.insert(PROFILE, dict(fields))
            else:
                for name, value in fields.items():
                    ch.set(PROFILE, found[0], name, value)
        return self.profile()

    def _template_docs(self) -> list[tuple[int, dict[str, object]]]:
        self._pick_up()
        with self.engine.mutex:
            return [(int(k), dict(d)) for k, d in self.engine.data.get(TEMPLATES, {}).items()]

    def templates(self) -> list[Template]:
        """Built-in templates (or the user's edits of them), then the user's own, by title."""
        from referral_tui.domain.templates import BUILTIN, Template

        mine = {
            str(d["key"]): Template(str(d["key"]), str(d.get("title", d["key"])), str(d.get("body", "")), builtin=False)
            for _, d in self._template_docs()
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
        with self.change(f"saved template {title}") as ch:
            existing = next((i for i, d in self._template_docs() if d.get("key") == key), None)
            if existing is None:
                ch.insert(TEMPLATES, {"key": key, "title": title, "body": body})
            else:
                ch.set(TEMPLATES, existing, "title", title)
                ch.set(TEMPLATES, existing, "body", body)
        return self.template(key)

    def delete_template(self, key: str) -> str:
        """Remove the user's template (for a built-in: the user's edit, bringing back the original);
        returns the key."""
        with self.change(f"deleted template {key}") as ch:
            for record_id, doc in self._template_docs():
                if doc.get("key") == key:
                    ch.remove(TEMPLATES, record_id)
        return key

    # -- the whole campaign --------------------------------------------------------------

    def all_records(self, cls: type[R]) -> list[R]:
        """Every record of one type, archived ones too."""
        return self._all(cls)

    def is_empty(self) -> bool:
        """No record in any table (a new file, or one whose records were all undone)."""
        with self.engine.mutex:
            return not any(self.engine.data.get(name) for name in (*TABLE_OF.values(), PROFILE, TEMPLATES))

    def restore_campaign(
        self, records: dict[str, list[Record]], profile: dict[str, str], templates: list[dict[str, str]]
    ) -> None:
        """Put an exported campaign into this empty file under its own ids and uids."""
        if not self.is_empty():
            raise ValueError("restore needs an empty data file; merge into a campaign instead")
        with self.change("restored an export") as ch:
            for table, items in records.items():
                for record in items:
                    ch.insert(table, to_dict(record), record_id=record.id)
            if profile:
                ch.insert(PROFILE, dict(profile), record_id=1)
            for number, template in enumerate(templates, 1):
                ch.insert(TEMPLATES, dict(template), record_id=number)

    def export_tables(self) -> dict[str, dict[str, dict[str, object]]]:
        """Every table as JSON-ready records by id (for 'export json' and 'export csv')."""
        out: dict[str, dict[str, dict[str, object]]] = {}
        with self.engine.mutex:  # tables newer than the schema's list appear once they hold records
            extra = [t for t in TABLE_OF.values() if t not in RECORD_TABLES and self.engine.data.get(t)]
        for table in (*RECORD_TABLES, *extra):
            cls = RECORD_TYPES.get(table)
            if cls is not None:
                out[table] = {str(r.id): to_dict(r) for r in self._all(cls)}
            else:
                with self.engine.mutex:
                    out[table] = {k: dict(d) for k, d in self.engine.data.get(table, {}).items()}
        return out

    def revision(self) -> tuple[int, str, list[str]]:
        """This file's revision counter, revision id and lineage (newest last)."""
        with self.engine.mutex:
            meta = self.engine.data.get("meta", {}).get("1", {})
            return int(meta.get("revision", 0)), str(meta.get("revision_id", "")), list(meta.get("lineage", []))

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

    def record_label(self, table: str, record_id: int) -> str:
        """How a record is named in a message; the plan's and Today's records too."""
        if table == TABLE_OF[AuditEntry]:
            entry = self._maybe(AuditEntry, record_id)
            return f"the audit of {entry.who}" if entry else "an audit entry"
        if table == TABLE_OF[PlanTick]:
            return "a plan checklist item"
        if table == TABLE_OF[TodaySnooze]:
            return "a snoozed Today item"
        return super().record_label(table, record_id)

    def coach_data(self, today: date | None = None) -> coach.Data:
        from referral_tui.domain import coach

        return coach.Data.build(*self._everything(today))

    def campaign_metrics(self, today: date | None = None) -> metrics.Metrics:
        from referral_tui.domain import metrics

        return metrics.compute(*self._everything(today))

    def message_values(self, contact_id: int, ask_id: int | None = None) -> dict[str, str]:
        """Everything the data knows for one referrer's message placeholders (about ``ask_id``,
        else their newest ask; without an ask, the company's newest open role), the event
        topic and the insight from the interactions logged with them."""
        from referral_tui.domain.templates import values_for

        contact = self.contact(contact_id)
        company = self.company(contact.company_id) if contact.company_id else None
        wanted = None if ask_id is None else self.resolve(Ask, ask_id)
        asks = sorted(self.asks(contact.id), key=lambda a: (a.id == wanted, a.day, a.id))
        roles = current_roles(company.open_roles, self.clock.today()) if company and not asks else []
        return values_for(
            contact_name=contact.name,
            contact_title=contact.title,
            company=company.name if company else "",
            profile=self.profile(),
            ask=to_dict(asks[-1]) if asks else None,
            research={"challenges": company.challenges, "my_angle": company.my_angle} if company else None,
            interactions=self.interactions(contact.id),
            open_role=roles[0] if roles else None,
        )

    def export_message(self, contact_id: int, template_key: str, ask_id: int | None = None) -> str:
        """A message for a file that leaves the app (the calendar export): no placeholder in it
        (``templates.export_text``)."""
        from referral_tui.domain.templates import export_text

        return export_text(self.template(template_key).body, self.message_values(contact_id, ask_id))

    def render_message(self, contact_id: int, template_key: str, ask_id: int | None = None) -> Rendered:
        from referral_tui.domain.templates import render

        return render(self.template(template_key).body, self.message_values(contact_id, ask_id))
