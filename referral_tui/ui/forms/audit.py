"""Week 1 of the plan: audit one past referral attempt (who, where, when, what happened, what
to change), or edit one. Returns the ``AuditEntry``; the caller saves it
(``Repository.add_audit_entry`` / ``edit_audit_entry``).

Who completes from the campaign's referrers (and links the entry to the one named); the
company completes from the known companies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from referral_tui.domain import campaign
from referral_tui.domain.dates import Direction
from referral_tui.domain.records import AuditEntry
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.widgets.company_input import KnownNames
from referral_tui.ui.widgets.inputs import DateField, FieldError, LineInput

FIELDS = ("who", "company", "day", "what_happened", "what_to_change")


class AuditEntryForm(FormScreen[AuditEntry]):
    """A past referral attempt: new (``original`` None) or the edit of ``original``.

    ``referrers`` are (contact id, name) of the campaign's people: naming one links the
    entry to them (``AuditEntry.contact_id``).
    """

    BINDINGS = form_bindings("audit")
    FRAME_ID: ClassVar[str] = "audit-form"

    def __init__(
        self,
        today: date,
        *,
        original: AuditEntry | None = None,
        known_companies: Sequence[str] = (),
        referrers: Sequence[tuple[int, str]] = (),
    ) -> None:
        super().__init__()
        self.today, self.original = today, original
        self.known_companies, self.referrers = list(known_companies), list(referrers)

    def form_title(self) -> Text:
        if self.original:
            return Text(f"Edit the audit of the attempt with {self.original.who}")
        return Text("Audit a past referral attempt (week 1)")

    def compose_fields(self) -> ComposeResult:
        o = self.original or AuditEntry(who="")
        yield Label("Who you asked (a name, or 'an ex-colleague')", classes="field-label")
        people = [name for _, name in self.referrers]
        yield LineInput(o.who, id="f-who", suggester=KnownNames(people) if people else None)
        yield FieldError(id="e-who")
        yield Label("Company", classes="field-label")
        yield LineInput(
            o.company, id="f-company", suggester=KnownNames(self.known_companies) if self.known_companies else None
        )
        yield FieldError(id="e-company")
        yield Label("When (roughly; optional)", classes="field-label")
        yield DateField(
            o.day.isoformat() if o.day else "",
            self.today,
            Direction.PAST,
            hint="an attempt in the past",
            required=False,
            id="day-field",
            input_id="f-day",
            note_id="e-day",
        )
        yield Label("What happened", classes="field-label")
        yield TextArea(o.what_happened, id="f-what_happened", classes="short-area")
        yield Label("What you will change this time", classes="field-label")
        yield TextArea(o.what_to_change, id="f-what_to_change", classes="short-area")

    def on_mount(self) -> None:
        self.query_one("#f-who", LineInput).focus()

    def entry(self) -> AuditEntry:
        """The entry as the fields say (the date left out when it does not read)."""
        who = self.query_one("#f-who", LineInput).value.strip()
        field = self.query_one("#day-field", DateField)
        day = field.optional_value() if field.problem() is None else None
        contact_id = next((cid for cid, name in self.referrers if name.casefold() == who.casefold()), None)
        if contact_id is None and self.original is not None and self.original.who.casefold() == who.casefold():
            contact_id = self.original.contact_id
        base = self.original or AuditEntry(who=who)
        return replace(
            base,
            who=who,
            company=self.query_one("#f-company", LineInput).value.strip(),
            contact_id=contact_id,
            day=day,
            what_happened=self.query_one("#f-what_happened", TextArea).text.strip(),
            what_to_change=self.query_one("#f-what_to_change", TextArea).text.strip(),
        )

    def action_save(self) -> None:
        entry = self.entry()
        errors: dict[str, str] = {}
        problem = campaign.audit_problem(entry)
        if problem:
            errors["who"] = problem
        day_problem = self.query_one("#day-field", DateField).problem()
        if day_problem:
            errors["day"] = day_problem
        if self.show_errors(errors, FIELDS):
            return
        self.dismiss(entry)
