"""Log an interaction, or edit one: when, what kind, a summary, and whether value or insider
information flowed.

"Value given" is a kind *or* the box (``Interaction.value_given``): choosing the kind ticks
the box (and holds it ticked), so the form says what the coach will count.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Select, Static

from referral_tui.domain import validation
from referral_tui.domain.dates import Direction
from referral_tui.domain.records import INTERACTION_KINDS, Interaction, InteractionKind
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.widgets.inputs import DateField, FieldError, FormSelect, LineInput, TickBox

FIELDS = ("day", "summary", "insider_text")
GAVE_VALUE = "I gave value (an insight, a resource, an intro)"
GAVE_VALUE_BY_KIND = "I gave value (the kind 'Value given' says so)"


class InteractionForm(FormScreen[Interaction]):
    """A new interaction (``original`` None) or the edit of ``original``; dismisses with the
    interaction as entered (the caller saves it, or the fields that changed)."""

    BINDINGS = form_bindings("interaction")
    FRAME_ID: ClassVar[str] = "interaction-form"

    def __init__(
        self,
        contact_id: int,
        name: str,
        today: date,
        kind: str = "message",
        *,
        original: Interaction | None = None,
    ) -> None:
        super().__init__()
        self.contact_id, self.person, self.today = contact_id, name, today
        self.original = original
        self.kind = original.kind if original else kind
        #: The box as the user left it before the kind "Value given" ticked it.
        self._own_gave_value = original.gave_value if original else False

    def form_title(self) -> Text:
        verb = "Edit the interaction with" if self.original else "Log an interaction with"
        return Text(f"{verb} {self.person}")

    def compose_fields(self) -> ComposeResult:
        o = self.original
        yield Label("Date", classes="field-label")
        yield DateField(
            o.day.isoformat() if o else "today",
            self.today,
            Direction.PAST,
            id="day-field",
            input_id="f-day",
            note_id="e-day",
        )
        yield Label("Kind", classes="field-label")
        yield FormSelect(
            [(Text(label), key) for key, label in INTERACTION_KINDS.items()],
            value=self.kind,
            id="f-kind",
            allow_blank=False,
            compact=True,
        )
        yield Static("an event meeting schedules a follow-up 48 hours later", classes="hint")
        yield Label("Summary", classes="field-label")
        yield LineInput(o.summary if o else "", placeholder="what happened, in a line", id="f-summary", compact=True)
        yield FieldError(id="e-summary")
        yield TickBox(GAVE_VALUE, o.gave_value if o else False, id="f-gave_value", compact=True)
        yield TickBox("I learned insider information", o.insider if o else False, id="f-insider", compact=True)
        yield LineInput(
            o.insider_text if o else "",
            placeholder="what you learned (hiring plans, team needs, process)",
            id="f-insider_text",
            compact=True,
        )
        yield FieldError(id="e-insider_text")

    def on_mount(self) -> None:
        self._kind_implies_value(self._kind())
        self.query_one("#f-summary", LineInput).focus()

    def _kind(self) -> InteractionKind:
        kind = self.query_one("#f-kind", FormSelect).value
        return InteractionKind(kind) if isinstance(kind, str) else InteractionKind.OTHER

    @on(Select.Changed, "#f-kind")
    def _kind_changed(self) -> None:
        self._kind_implies_value(self._kind())

    @on(TickBox.Changed, "#f-gave_value")
    def _box_changed(self, event: TickBox.Changed) -> None:
        if not event.checkbox.disabled:
            self._own_gave_value = event.value

    def _kind_implies_value(self, kind: InteractionKind) -> None:
        box = self.query_one("#f-gave_value", TickBox)
        if kind is InteractionKind.VALUE:
            box.disabled = True
            box.value = True
            box.label = GAVE_VALUE_BY_KIND
        elif box.disabled:
            box.disabled = False
            box.value = self._own_gave_value
            box.label = GAVE_VALUE

    def action_save(self) -> None:
        field = self.query_one("#day-field", DateField)
        summary = self.query_one("#f-summary", LineInput).value.strip()
        insider = self.query_one("#f-insider", TickBox).value
        insider_text = self.query_one("#f-insider_text", LineInput).value.strip()
        # The date as typed: interaction_errors reads it as the date field does
        # (dates.parse_past); the message shown is the field's own, as under the field.
        day, errors = validation.interaction_errors(field.text, self.today, summary, insider, insider_text)
        problem = field.problem()
        if problem is not None:
            errors["day"] = problem
        if self.show_errors(errors, FIELDS) or day is None:
            return
        base = self.original or Interaction(contact_id=self.contact_id, day=day)
        self.dismiss(
            replace(
                base,
                day=day,
                kind=self._kind(),
                summary=summary,
                gave_value=self.query_one("#f-gave_value", TickBox).value,
                insider=insider,
                insider_text=insider_text if insider else "",
            )
        )
