"""Quick-add: one line in the quick-add grammar; a parse error shows inline and nothing is returned."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from referral_tui.domain import quickadd


class QuickAddDialog(ModalScreen[str | None]):
    """One line in the quick-add grammar; a parse error shows inline and nothing is returned."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quickadd.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-add", classes="dialog"):
            yield Label("Quick-add a referrer", classes="dialog-title")
            yield Input(
                placeholder="Priya Shah @ Stripe, Staff Engineer #alumni !relationship",
                id="quick-add-input",
                compact=True,
            )
            yield Static(f"{quickadd.GRAMMAR}   enter adds · esc cancels", id="quick-add-hint", classes="hint")
            yield Static("", id="quick-add-error", classes="error", markup=False)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            quickadd.parse_checked(event.value)  # the grammar, and the 12+ gate on !ask
        except quickadd.QuickAddError as exc:
            self.query_one("#quick-add-error", Static).update(f"✗ {exc}")
            return
        self.dismiss(event.value)

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self.query_one("#quick-add-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
