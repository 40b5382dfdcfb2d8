"""Record how an ask is going: its status (dated), screening quality and insider information.

A new step is saved only when something changed: the status (which the date dates), the
screening quality or the insider information. Enter on the form as it opened says
"Nothing changed" and saves nothing (the date alone changes nothing: it dates a new status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Select

from referral_tui.domain.dates import Direction
from referral_tui.domain.records import ASK_STATUSES, Ask, AskStatus
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.widgets.inputs import DateField, FieldError, FormSelect, LineInput

#: Said (and nothing saved) when the form is saved as it was.
NOTHING_CHANGED = "Nothing changed: pick a new status or change a field (the date only dates a new status)."


@dataclass(frozen=True)
class AskOutcome:
    ask_id: int
    status: AskStatus
    day: date
    screening_quality: int | None
    insider_info: str


def changed(ask: Ask, outcome: AskOutcome) -> bool:
    """Whether saving ``outcome`` would change ``ask`` (a new status, quality or insider note)."""
    return (
        outcome.status != ask.status
        or outcome.screening_quality != ask.screening_quality
        or outcome.insider_info != ask.insider_info.strip()
    )


class AskOutcomeForm(FormScreen[AskOutcome]):
    BINDINGS = form_bindings("outcome")
    FRAME_ID: ClassVar[str] = "outcome-form"

    def __init__(self, asks: list[Ask], today: date) -> None:
        super().__init__()
        self.asks = sorted(asks, key=lambda a: (a.day, a.id), reverse=True)
        self.today = today

    def form_title(self) -> str:
        return "Ask outcome"

    def compose_fields(self) -> ComposeResult:
        newest = self.asks[0]
        yield Label("Ask", classes="field-label")
        yield FormSelect(
            [(Text(f"{a.day:%d %b %Y} · {a.role_title or 'role'}"), a.id) for a in self.asks],
            value=newest.id,
            allow_blank=False,
            id="f-ask",
            compact=True,
        )
        yield Label("Status", classes="field-label")
        yield FormSelect(
            [(label, key) for key, label in ASK_STATUSES.items()],
            value=newest.status,
            allow_blank=False,
            id="f-status",
            compact=True,
        )
        yield Label("Date of the change", classes="field-label")
        yield DateField(
            "today",
            self.today,
            Direction.PAST,
            hint="use today or earlier",
            id="day-field",
            input_id="f-day",
            note_id="e-day",
        )
        yield Label("Screening conversation quality", classes="field-label")
        yield FormSelect(
            [(f"{n} of 5", n) for n in range(1, 6)], prompt="not screened yet", id="f-quality", compact=True
        )
        yield Label("Insider information gained", classes="field-label")
        yield LineInput(
            newest.insider_info,
            placeholder="what you learned about the role, team or process",
            id="f-insider",
            compact=True,
        )
        yield FieldError(id="e-insider")

    def on_mount(self) -> None:
        self._load(self.asks[0])
        self.query_one("#f-status", FormSelect).focus()

    def _load(self, ask: Ask) -> None:
        self.query_one("#f-status", FormSelect).value = ask.status
        quality = self.query_one("#f-quality", FormSelect)
        if ask.screening_quality:
            quality.value = ask.screening_quality
        else:
            quality.clear()
        self.query_one("#f-insider", LineInput).value = ask.insider_info

    @property
    def chosen(self) -> Ask:
        ask_id = self.query_one("#f-ask", FormSelect).value
        return next((a for a in self.asks if a.id == ask_id), self.asks[0])

    @on(Select.Changed, "#f-ask")
    def _ask_changed(self) -> None:
        self._load(self.chosen)

    def action_save(self) -> None:
        field = self.query_one("#day-field", DateField)
        problem = field.problem()
        if self.show_errors({"day": problem} if problem else {}, ("day",)):
            return
        quality = self.query_one("#f-quality", FormSelect).value
        ask = self.chosen
        outcome = AskOutcome(
            ask_id=ask.id,
            status=AskStatus(str(self.query_one("#f-status", FormSelect).value)),
            day=field.value(),
            screening_quality=quality if isinstance(quality, int) else None,
            insider_info=self.query_one("#f-insider", LineInput).value.strip(),
        )
        if not changed(ask, outcome):
            self.notify(NOTHING_CHANGED)
            self.dismiss(None)
            return
        self.dismiss(outcome)
