"""The in-app editor for long text, used when no $EDITOR is set."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea


class TextEditDialog(ModalScreen[str | None]):
    """The in-app editor used when no $EDITOR is set."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="text.save"),
        Binding("escape", "cancel", "Cancel", id="text.cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(id="text-edit", classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield TextArea(self.text, id="text-area")
            yield Static(
                "ctrl+s saves · esc cancels · set $EDITOR to use your own editor", classes="hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
