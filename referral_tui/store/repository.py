"""The repository: the only API the CLI and the UI use to read and change the campaign.

Every change runs in one storage transaction (lock, fresh read, one atomic write) and is
recorded with the records' previous contents, so ``undo()`` can put them back, many
levels deep, within the session. Records returned are shared, cached objects: treat them
as read-only and change data through the methods here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from referral_tui.domain import quickadd, schedule
from referral_tui.domain.clock import Clock, SystemClock
from referral_tui.domain.matrix import ScoreEntry, add_score
from referral_tui.domain.records import (
    Ask,
    Company,
    Contact,
    FollowUp,
    Interaction,
    Phase,
    R,
    from_dict,
    to_dict,
)
from referral_tui.domain.templates import BUILTIN, Template
from referral_tui.store.errors import NotFound
from referral_tui.store.migrations import TABLES
from referral_tui.store.storage import SafeStorage
from referral_tui.store.table import FastTable

TABLE_OF: dict[type, str] = {
    Company: "companies",
    Contact: "contacts",
    Interaction: "interactions",
    Ask: "asks",
    FollowUp: "followups",
}


def _replace_doc(new: dict[str, Any], doc: dict[str, Any]) -> None:
    doc.clear()
    doc.update(new)


class _TinyDB(TinyDB):
    table_class = FastTable


@dataclass
class Change:
    """One undoable change: what it was, and each touched record as it was before."""

    description: str
    before: dict[tuple[str, int], dict[str, Any] | None] = field(default_factory=dict)


class Repository:
    def __init__(self, path: str | Path, clock: Clock | None = None, lock_timeout: float | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        kwargs = {} if lock_timeout is None else {"lock_timeout": lock_timeout}
        self.storage = SafeStorage(path, clock=self.clock, **kwargs)
        self.path = self.storage.path
        self.db = _TinyDB(storage=lambda: self.storage)
        # No query cache: another session may change the file, and reads are already in memory.
        self._tables: dict[str, Table] = {name: self.db.table(name, cache_size=0) for name in TABLES}
        self._change: Change | None = None
        self._cache: dict[str, tuple[int, list[Any]]] = {}
        self.undo_stack: list[Change] = []

    # -- transactions and undo ----------------------------------------------------------

    @contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """Group writes into one atomic, undoable change (nested calls join the outer one)."""
        if self._change is not None:
            yield Change(description)  # joins the outer change; renaming this one leaves the outer's name
            return
        current = Change(description)
        with self.storage.transaction():
            for table in self._tables.values():
                table._next_id = None  # another session may have added records since
            self._change = current
            try:
                yield current
            finally:
                self._change = None
        if current.before:
            self.undo_stack.append(current)

    def undo(self) -> str | None:
        """Put back the records the newest change touched; returns its description."""
        if not self.undo_stack:
            return None
        last = self.undo_stack.pop()
        with self.storage.transaction():
            for (table_name, doc_id), old in reversed(list(last.before.items())):
                table = self._tables[table_name]
                exists = table.contains(doc_id=doc_id)
                if old is None:
                    if exists:
                        table.remove(doc_ids=[doc_id])
                elif exists:
                    table.update(partial(_replace_doc, old), doc_ids=[doc_id])  # in place: order kept
                else:
                    table.insert(Document(old, doc_id=doc_id))
        return last.description

    def _remember(self, table: str, doc_id: int) -> None:
        assert self._change is not None, "writes must run inside Repository.change()"
        key = (table, doc_id)
        if key not in self._change.before:
            doc = self._tables[table].get(doc_id=doc_id)
            self._change.before[key] = None if doc is None else orjson.loads(orjson.dumps(dict(doc)))

    def _now(self) -> str:
        return self.clock.now().isoformat()

    # -- generic record access ----------------------------------------------------------

    def _all(self, cls: type[R]) -> list[R]:
        name = TABLE_OF[cls]
        self.storage.read()  # picks up another session's write, which moves the generation
        cached = self._cache.get(name)
        if cached is None or cached[0] != self.storage.generation:
            docs = self._tables[name].all()
            cached = self._cache[name] = (self.storage.generation, [from_dict(cls, dict(d), d.doc_id) for d in docs])
        return list(cached[1])

    def _get(self, cls: type[R], record_id: int) -> R:
        doc = self._tables[TABLE_OF[cls]].get(doc_id=record_id)
        if doc is None:
            raise NotFound(f"no {cls.__name__.lower()} with id {record_id}")
        return from_dict(cls, dict(doc), record_id)

    def insert(self, record: R) -> R:
        name = TABLE_OF[type(record)]
        now = self._now()
        record = replace(record, created_at=record.created_at or now, updated_at=now)
        return replace(record, id=self._insert_doc(name, to_dict(record)))

    def _insert_doc(self, name: str, doc: dict[str, Any]) -> int:
        table = self._tables[name]
        doc_id: int = table._get_next_id()
        self._remember(name, doc_id)
        table.insert(Document(doc, doc_id=doc_id))
        table._next_id = doc_id + 1  # TinyDB forgets it after an explicit id; a rescan per insert is O(n)
        return doc_id

    def save(self, record: R) -> R:
        """Write ``record`` over the stored one with the same id."""
        name = TABLE_OF[type(record)]
        self._get(type(record), record.id)
        self._remember(name, record.id)
        record = replace(record, updated_at=self._now())
        self._tables[name].update(to_dict(record), doc_ids=[record.id])
        return record

    def _update(self, cls: type[R], record_id: int, **changes: Any) -> R:
        return self.save(replace(self._get(cls, record_id), **changes))

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

    def update_company(self, company_id: int, **changes: Any) -> Company:
        with self.change("edited company"):
            return self._update(Company, company_id, **changes)

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
        """Log an interaction; an event meeting schedules its 48-hour follow-up."""
        with self.change("logged interaction") as change:
            contact = self.contact(interaction.contact_id)
            change.description = f"logged {interaction.kind} with {contact.name}"
            saved = self.insert(interaction)
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

    def add_ask(self, ask: Ask) -> Ask:
        """Save an ask, move its referrer to Ask and schedule its follow-ups."""
        with self.change("asked for a referral") as change:
            contact = self.contact(ask.contact_id)
            change.description = f"asked {contact.name} for a referral"
            history = ask.status_history or [{"status": ask.status, "day": ask.day.isoformat()}]
            saved = self.insert(replace(ask, status_history=history))
            if contact.phase is not Phase.ASK:
                self.save(replace(contact, phase=Phase.ASK))
            for step, due in schedule.ask_schedule(ask.day):
                self.insert(
                    FollowUp(contact_id=contact.id, ask_id=saved.id, kind=step.kind, due=due, template=step.template)
                )
            return saved

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

    def delete_template(self, key: str) -> None:
        """Remove the user's template (for a built-in: the user's edit, bringing back the original)."""
        with self.change(f"deleted template {key}"):
            table = self._tables["templates"]
            for doc in [d for d in table.all() if d.get("key") == key]:
                self._remember("templates", doc.doc_id)
                table.remove(doc_ids=[doc.doc_id])

    def followups(self, open_only: bool = True) -> list[FollowUp]:
        return [f for f in self._all(FollowUp) if not open_only or f.is_open]

    def due(self, today: date | None = None, days: int = 7) -> schedule.DueGroups:
        """Open follow-ups of referrers still active, grouped overdue / today / upcoming."""
        active = {c.id for c in self.contacts()}
        items: list[tuple[date, object]] = [(f.due, f) for f in self.followups() if f.contact_id in active]
        return schedule.group_due(items, today or self.clock.today(), days)
