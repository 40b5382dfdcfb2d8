"""Small typed modals: each validates its input and dismisses with a value; callers save."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from referral_tui.domain import quickadd


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; enter or y confirms, escape or n cancels."""

    BINDINGS = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, body: str, confirm_label: str = "Yes") -> None:
        super().__init__()
        self.title_text, self.body, self.confirm_label = title, body, confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (y)", variant="warning", id="yes")
                yield Button("Cancel (esc)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


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
            quickadd.parse(event.value)
        except quickadd.QuickAddError as exc:
            self.query_one("#quick-add-error", Static).update(f"✗ {exc}")
            return
        self.dismiss(event.value)

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self.query_one("#quick-add-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; ``check`` returns an error message or None when the text is fine."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, label: str, check: Callable[[str], str | None], value: str = "") -> None:
        super().__init__()
        self.title_text, self.label, self.check, self.value = title, label, check, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.label, classes="field-label")
            yield Input(self.value, id="prompt-input", compact=True)
            yield Static("", id="prompt-error", classes="error", markup=False)
            yield Static("enter confirms · esc cancels", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        problem = self.check(event.value)
        if problem:
            self.query_one("#prompt-error", Static).update(f"✗ {problem}")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
