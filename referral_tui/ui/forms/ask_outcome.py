"""Record how an ask is going: its status (dated), screening quality and insider information."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from referral_tui.domain.clock import ClockError, parse_past_day
from referral_tui.domain.records import ASK_STATUSES, Ask, AskStatus


@dataclass(frozen=True)
class AskOutcome:
    ask_id: int
    status: AskStatus
    day: date
    screening_quality: int | None
    insider_info: str


class AskOutcomeForm(ModalScreen[AskOutcome | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="outcome.save"),
        Binding("escape", "cancel", "Cancel", id="outcome.cancel"),
    ]

    def __init__(self, asks: list[Ask], today: date) -> None:
        super().__init__()
        self.asks = sorted(asks, key=lambda a: (a.day, a.id), reverse=True)
        self.today = today

    def compose(self) -> ComposeResult:
        newest = self.asks[0]
        with Vertical(id="outcome-form", classes="dialog"):
            yield Label("Ask outcome", classes="dialog-title")
            yield Label("Ask", classes="field-label")
            yield Select(
                [(f"{a.day:%d %b %Y} · {a.role_title or 'role'}", a.id) for a in self.asks],
                value=newest.id,
                allow_blank=False,
                id="f-ask",
            )
            yield Label("Status", classes="field-label")
            yield Select(
                [(label, key) for key, label in ASK_STATUSES.items()],
                value=newest.status,
                allow_blank=False,
                id="f-status",
            )
            yield Label("Date of the change (YYYY-MM-DD)", classes="field-label")
            yield Input(self.today.isoformat(), id="f-day", compact=True)
            yield Static("", id="e-day", classes="error", markup=False)
            yield Label("Screening conversation quality", classes="field-label")
            yield Select([(f"{n} of 5", n) for n in range(1, 6)], prompt="not screened yet", id="f-quality")
            yield Label("Insider information gained", classes="field-label")
            yield Input(
                newest.insider_info,
                placeholder="what you learned about the role, team or process",
                id="f-insider",
                compact=True,
            )
            yield Static("enter or ctrl+s saves · esc cancels", classes="hint")

    def on_mount(self) -> None:
        self._load(self.asks[0])
        self.query_one("#f-status", Select).focus()

    def _load(self, ask: Ask) -> None:
        self.query_one("#f-status", Select).value = ask.status
        quality = self.query_one("#f-quality", Select)
        if ask.screening_quality:
            quality.value = ask.screening_quality
        else:
            quality.clear()
        self.query_one("#f-insider", Input).value = ask.insider_info

    @on(Select.Changed, "#f-ask")
    def _ask_changed(self, event: Select.Changed) -> None:
        chosen = next((a for a in self.asks if a.id == event.value), None)
        if chosen:
            self._load(chosen)

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            day = parse_past_day(self.query_one("#f-day", Input).value, self.today, "the date", "use today or earlier")
        except ClockError as exc:
            self.query_one("#e-day", Static).update(f"✗ {exc}")
            return
        quality = self.query_one("#f-quality", Select).value
        self.dismiss(
            AskOutcome(
                ask_id=int(self.query_one("#f-ask", Select).value),  # type: ignore[arg-type]
                status=AskStatus(str(self.query_one("#f-status", Select).value)),
                day=day,
                screening_quality=quality if isinstance(quality, int) else None,
                insider_info=self.query_one("#f-insider", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
