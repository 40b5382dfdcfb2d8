"""Ask for one line of text, checked before it is returned."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


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
