"""Log an interaction: when, what kind, a summary, and whether value or insider information flowed."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from referral_tui.domain import validation
from referral_tui.domain.records import INTERACTION_KINDS, Interaction, InteractionKind


class InteractionForm(ModalScreen[Interaction | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="interaction.save"),
        Binding("escape", "cancel", "Cancel", id="interaction.cancel"),
    ]

    def __init__(self, contact_id: int, name: str, today: date, kind: str = "message") -> None:
        super().__init__()
        self.contact_id, self.person, self.today, self.kind = contact_id, name, today, kind

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="interaction-form", classes="dialog form"):
            yield Label(f"Log an interaction with {self.person}", classes="dialog-title")
            yield Label("Date (YYYY-MM-DD)", classes="field-label")
            yield Input(self.today.isoformat(), id="f-day", compact=True)
            yield Static("", id="e-day", classes="error", markup=False)
            yield Label("Kind", classes="field-label")
            yield Select(
                [(label, key) for key, label in INTERACTION_KINDS.items()],
                value=self.kind,
                id="f-kind",
                allow_blank=False,
            )
            yield Static("an event meeting schedules a follow-up 48 hours later", classes="hint")
            yield Label("Summary", classes="field-label")
            yield Input(placeholder="what happened, in a line", id="f-summary", compact=True)
            yield Static("", id="e-summary", classes="error", markup=False)
            yield Checkbox("I gave value (an insight, a resource, an intro)", id="f-gave_value", compact=True)
            yield Checkbox("I learned insider information", id="f-insider", compact=True)
            yield Input(
                placeholder="what you learned (hiring plans, team needs, process)", id="f-insider_text", compact=True
            )
            yield Static("", id="e-insider_text", classes="error", markup=False)
            yield Static("enter or ctrl+s saves · tab moves · space ticks · esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#f-summary", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        summary = self.query_one("#f-summary", Input).value.strip()
        insider = self.query_one("#f-insider", Checkbox).value
        insider_text = self.query_one("#f-insider_text", Input).value.strip()
        day, errors = validation.interaction_errors(
            self.query_one("#f-day", Input).value, self.today, summary, insider, insider_text
        )
        for key in ("day", "summary", "insider_text"):
            self.query_one(f"#e-{key}", Static).update(f"✗ {errors[key]}" if key in errors else "")
        if errors or day is None:
            return
        kind = self.query_one("#f-kind", Select).value
        self.dismiss(
            Interaction(
                contact_id=self.contact_id,
                day=day,
                kind=InteractionKind(kind) if isinstance(kind, str) else InteractionKind.OTHER,
                summary=summary,
                gave_value=self.query_one("#f-gave_value", Checkbox).value,
                insider=insider,
                insider_text=insider_text if insider else "",
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
